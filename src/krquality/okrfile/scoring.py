"""Score the reader against hand-made ground truth: how many key results and objectives it
found, how many lines it wrongly read as key results, whether it recognised the cycle.

Ground truth files (``*.truth.json`` beside each document) list the
objectives and key results by 1-based line, and the cycle the document
states (null when none). Lines are what is compared: the text may differ
in markup without changing the score.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

_CYCLE_TOKEN = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|[a-z]+\d*|\d+")
_FILLER = frozenset({"to", "and", "from", "of", "the"})


@dataclass(frozen=True, slots=True)
class DocumentScore:
    path: str
    key_results: int  # in the truth
    key_results_found: int
    read_as_key_results: int  # lines the reader read as key results
    wrongly_read: int
    objectives: int
    objectives_found: int
    cycle_stated: bool
    cycle_recognised: bool
    cycle_invented: bool  # the truth states none, the reader found one
    unreadable: bool


def cycle_tokens(cycle: str) -> frozenset[str]:
    """The parts of a cycle that must match, whatever their order ("2020 Q3" = "Q3 2020").

    >>> sorted(cycle_tokens("2024 Q2-Q3"))
    ['2024', 'q2', 'q3']
    """
    return frozenset(t for t in _CYCLE_TOKEN.findall(cycle.lower()) if t not in _FILLER)


def score_document(outline: Mapping[str, Any] | None, truth: Mapping[str, Any], path: str) -> DocumentScore:
    """Compare one file's outline (``krquality outline --format json`` entry) with its truth.

    >>> truth = {"objectives": [{"line": 1}], "key_results": [{"line": 2}, {"line": 3}], "cycle": None}
    >>> outline = {"cycle": None, "objectives": [{"line": 1, "key_results": [{"line": 2}, {"line": 5}]}]}
    >>> s = score_document(outline, truth, "o.md")
    >>> s.key_results_found, s.wrongly_read, s.objectives_found
    (1, 1, 1)
    """
    truth_krs = {kr["line"] for kr in truth.get("key_results", [])}
    truth_objectives = {o["line"] for o in truth.get("objectives", [])}
    stated = truth.get("cycle")
    if outline is None or "error" in outline:
        return DocumentScore(
            path, len(truth_krs), 0, 0, 0, len(truth_objectives), 0, bool(stated), False, False, True
        )
    read = {kr["line"] for o in outline["objectives"] for kr in o["key_results"]}
    objectives = {o["line"] for o in outline["objectives"]}
    found_cycle = outline.get("cycle")
    recognised = bool(stated and found_cycle and cycle_tokens(str(stated)) <= cycle_tokens(str(found_cycle)))
    return DocumentScore(
        path=path,
        key_results=len(truth_krs),
        key_results_found=len(truth_krs & read),
        read_as_key_results=len(read),
        wrongly_read=len(read - truth_krs),
        objectives=len(truth_objectives),
        objectives_found=len(truth_objectives & objectives),
        cycle_stated=bool(stated),
        cycle_recognised=recognised,
        cycle_invented=not stated and bool(found_cycle),
        unreadable=False,
    )


@dataclass(frozen=True, slots=True)
class Totals:
    key_results_found: float  # share of the truth's key results
    wrongly_read: float  # share of the lines read as key results
    objectives_found: float
    cycle_recognised: float  # share of the documents that state a cycle
    unreadable: int
    cycle_invented: int


def totals(scores: Iterable[DocumentScore]) -> Totals:
    """The four figures over all documents (key results and lines pooled, not averaged).

    >>> totals([]).key_results_found
    0.0
    """
    scores = list(scores)

    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    return Totals(
        key_results_found=share(sum(s.key_results_found for s in scores), sum(s.key_results for s in scores)),
        wrongly_read=share(sum(s.wrongly_read for s in scores), sum(s.read_as_key_results for s in scores)),
        objectives_found=share(sum(s.objectives_found for s in scores), sum(s.objectives for s in scores)),
        cycle_recognised=share(sum(s.cycle_recognised for s in scores), sum(s.cycle_stated for s in scores)),
        unreadable=sum(s.unreadable for s in scores),
        cycle_invented=sum(s.cycle_invented for s in scores),
    )
