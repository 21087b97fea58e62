"""Qualities a key result names with no test: "a credible roadmap", "the page is clear".

``wording.vague`` reads these beside the pipeline's vague words. A quality
is left alone where the key result itself says how it is checked: a share
("clear: 90% of new drivers pass the quiz"), a scored measure with a number
("a readability score of 60"), or a named standard or test it passes ("secure:
the portal passes the PCI DSS 4.0 audit", "WCAG 2.2 AA compliant").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from krquality.checks.helpers import load_words, phrase_hits
from krquality.features.types import QuantityKind

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext


@cache
def _qualities() -> tuple[str, ...]:
    """The entries of ``checks/data/undefined_qualities.txt``, as phrases to look for."""
    return tuple(sorted(load_words("undefined_qualities")))


# A test or standard the key result passes: "passes the X audit", "meets ISO 27001",
# "WCAG 2.2 AA compliant", "signed off by the auditor", "as measured by the quiz".
_TEST = re.compile(
    r"\b(?:pass(?:es|ed|ing)?|meets?|meeting|met|compl(?:y|ies|iant)|conforms?|conformant|certified|"
    r"accredited|as\s+measured\s+by|signed\s+off\s+by|approved\s+by)\b"
    r"|\b[A-Z]{3,}\s*\d",  # a standard's name and version: "ISO 27001", "WCAG 2.2"
)
# After one of these a quality word is a verb, not a quality: "Clear 40 tickets", "Clear the backlog".
_OBJECT_START = frozenset({"DET", "NUM", "PRON"})


def defined(context: CheckContext) -> bool:
    """Whether the key result says how its qualities are checked (a share, a scored measure with
    a number, a named standard or a test it passes)."""
    quantities = context.features.quantities
    if any(q.kind is QuantityKind.PERCENT for q in quantities):
        return True
    if quantities and context.features.markers_of("measure"):
        return True
    return _TEST.search(context.text) is not None


def undefined_qualities(context: CheckContext) -> Iterator[tuple[int, int]]:
    """Character spans of listed qualities with no test in the key result.

    >>> import krquality
    >>> result = krquality.analyze("Publish a credible roadmap for the depot upgrade", suggestions=False)
    >>> [result.text[f.start : f.end] for f in result.findings if f.code == "KRQ401"]
    ['credible']
    """
    if defined(context):
        return
    tokens = context.tokens
    starts = {t.idx: i for i, t in enumerate(tokens)}
    body = context.features.body
    for start, end in phrase_hits(tokens, _qualities()):
        if not body.start <= start < body.end:
            continue
        i = starts[start]
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if " " not in context.text[start:end]:
            if token.pos_ in {"VERB", "AUX"} and token.tag_ != "VBN":
                continue  # "Secure the grant": a verb
            if following is not None and following.pos_ in _OBJECT_START and i == _first(tokens, body.start):
                continue  # "Clear 40 overdue tickets": the opening verb, tagged as an adjective
            if following is not None and following.lower_ == "of" and token.lower_ == "clear":
                continue  # "The yard is clear of debris": free of it, which anyone can check
            if following is not None and following.lower_ == "available" and token.lower_ == "generally":
                continue  # "generally available": a release state (GA), not an amount
        yield start, end


def _first(tokens: Sequence[Token], body_start: int) -> int:
    """The index of the body's first token."""
    return next((i for i, t in enumerate(tokens) if t.idx >= body_start), 0)
