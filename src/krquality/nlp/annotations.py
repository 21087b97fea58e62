"""Priority tags opening a key result: "P1:", "p0 -", "`PX`" (priority not set yet), with
the grade teams score a key result with at the end of the cycle: "P0: (1.0)", "P2 (0.5)",
"P1: (0.0 -- blocked)".

Teams paste key results out of trackers and graded reviews with the priority and the grade
still on them. The body (:mod:`krquality.nlp.body`) starts after the tag; ``wording.metadata``
reports it (:data:`LEADING_TAG` is the same reading on the text).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

# A priority tag's own text: "P0".."P4", "PX".
PRIORITY = re.compile(r"^[Pp](?:[0-4]|X)$")
_SEPARATORS = frozenset({":", "-", "–", "—", "|"})
_TICKS = frozenset({"`", "``", "''"})
# A grade on the 0-1 scale opening a bracket after a priority: "(1.0)", "(0.7, QA pending)".
_GRADE = re.compile(r"^[01](?:\.\d{1,2})?$")
_GRADE_NOTE_TOKENS = 12  # a longer bracket is part of the sentence, not a grade note
# The same tag on the text: a priority, then a grade in brackets or a separator (or both).
LEADING_TAG = re.compile(
    r"^\s*`?[Pp](?:[0-4]|X)`?\s*(?:[:\-–—|]\s*)?\(\s*[01](?:\.\d{1,2})?\b[^()]{0,80}\)\s*(?:[:\-–—|]\s*)?"
)


# A status or commitment tag in brackets, the whole bracket: "[COMMITTED]", "[Aspirational]",
# "[at risk]", "[WIP]", or any word or two in capitals ("[STRETCH]", "[INFRA]"): trackers and
# graded reviews tag key results so. Not the capitals of a blank to fill in ("[TBD]", "[XX]").
STATUS_TAG = (
    r"(?i:committed|commit|aspirational|stretch|moonshot|roofshot|learning|experiment|experimental"
    r"|done|complete|completed|wip|in[ -]progress|blocked|at[ -]risk|on[ -]track|off[ -]track"
    r"|not[ -]started|started|ongoing|achieved|met|missed|partially[ -]met|deferred|dropped"
    r"|cancell?ed|paused|carried[ -]over|carry[ -]over|green|amber|yellow|red)"
    r"|(?!(?:TBD|TBC|TBA|TODO|TK|XX+|NA|N/A|TARGET|BASELINE|DATE|NUMBER|VALUE|METRIC|AMOUNT|INSERT)\b)"
    r"[A-Z][A-Z-]{2,}(?: [A-Z][A-Z-]{1,}){0,2}"
)


def priority_end(doc: Doc, i: int) -> int:
    """End of a priority tag opening at ``doc[i]`` ("`PX`", "P1:", "P0 -", "P0: (1.0)",
    "P2 (0.5)"), else ``i``.

    A bare tag needs a separator or a grade after it; a backticked one is set apart by its ticks.
    """
    n = len(doc)
    j = i
    ticked = doc[j].text in _TICKS and j + 2 < n
    if ticked:
        j += 1
    if not PRIORITY.match(doc[j].text):
        return i
    j += 1
    if ticked:
        if doc[j].text not in _TICKS:
            return i
        j += 1
    separated = j < n and doc[j].text in _SEPARATORS
    if separated:
        j += 1
    graded = _grade_end(doc, j)
    if graded > j:
        j = graded
        if j < n and doc[j].text in _SEPARATORS:
            j += 1
    elif not (ticked or separated):
        return i
    return j if j < n else i


def _grade_end(doc: Doc, j: int) -> int:
    """End of a grade note opening at ``doc[j]`` ("(1.0)", "(0.0 -- several pending)"), else ``j``."""
    n = len(doc)
    if j + 2 >= n or doc[j].text != "(" or not _GRADE.match(doc[j + 1].text):
        return j
    for k in range(j + 2, min(n, j + _GRADE_NOTE_TOKENS)):
        if doc[k].text in (")", "):"):  # the tokenizer keeps "):" whole
            return k + 1
    return j
