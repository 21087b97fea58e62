"""States of mind and correctness a key result states with no test: "users understand how
the ledger works", "tenants recognise the brand", "the importer handles leap years
correctly", "the crews are aligned".

``wording.uncheckable`` reads these. What is in someone's mind is checked only through a
test or a survey, and "correctly" only against cases someone wrote down; with neither in
the key result, each reader grades it their own way. The mechanism is the grammar, with
small word classes: a verb of knowing or regard stated of someone (a subject before it,
not the imperative "Understand the churn drivers", which is research), a manner of
correctness after a verb, or a state of agreement after a verb of being. Left alone where
the key result says how it is checked (a share, a scored measure, a named standard or a
test it passes: ``qualities.defined``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from krquality.checks import qualities
from krquality.checks.helpers import TENSED_TAGS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# Verbs of knowing or regard: what happens in someone's mind.
_MIND_VERBS = frozenset(
    {"understand", "know", "recognise", "recognize", "realise", "realize", "appreciate", "trust",
     "believe", "grasp", "value", "love", "like", "enjoy", "prefer", "remember"}
)  # fmt: skip
# Manners of correctness, checked only against written cases.
_CORRECTLY = (("correctly",), ("accurately",), ("flawlessly",), ("as", "expected"), ("as", "intended"))
# States of agreement: true when everyone says so, which nobody records.
_AGREED = frozenset({"aligned", "bought-in"})
_BEING = frozenset({"be", "become", "remain", "stay", "get", "feel"})
# Words that may stand between: "are fully aligned", "is now aligned".
_BETWEEN = frozenset({"fully", "now", "all", "well", "more", "better", "closely", "still", "always"})


def mind_spans(context: CheckContext) -> Iterator[tuple[int, int]]:
    """Character spans of states of mind, correctness or agreement with no test.

    >>> import krquality
    >>> result = krquality.analyze("Tenants understand how the rent portal works", suggestions=False)
    >>> [result.text[f.start : f.end] for f in result.findings if f.code == "KRQ409"]
    ['understand']
    """
    if qualities.defined(context):
        return
    tokens = context.tokens
    body = context.features.body
    words = [t for t in tokens if body.start <= t.idx < body.end]
    for k, token in enumerate(words):
        agreed = token.lower_ in _AGREED and _after_being(words, k) and not _with_a_thing(words, k)
        if _stated_of_someone(words, k) or agreed:
            yield token.idx, token.idx + len(token.text)
        else:
            for phrase in _CORRECTLY:
                end = k + len(phrase)
                if k == 0 or tuple(t.lower_ for t in words[k:end]) != phrase or words[k - 1].pos_ == "ADP":
                    continue
                if end < len(words) and words[end].lower_ == "by":
                    continue  # "as expected by the auditors": someone named checks it
                last = words[end - 1]
                yield token.idx, last.idx + len(last.text)


def _stated_of_someone(words: Sequence[Token], k: int) -> bool:
    """Whether the word at ``k`` is a verb of knowing with a subject before it ("users
    understand", "the crew knows"), not the key result's opening imperative or a clause of
    purpose ("... so members can understand": the why, judged as such)."""
    token = words[k]
    if k == 0 or token.lemma_.lower() not in _MIND_VERBS or token.tag_ not in TENSED_TAGS:
        return False
    before = words[k - 1]
    return before.pos_ in {"NOUN", "PROPN", "PRON"} and before.lower_ not in {"it", "that", "which", "who"}


def _with_a_thing(words: Sequence[Token], k: int) -> bool:
    """Whether the state at ``k`` is measured against a thing named after it ("aligned with the
    allergen register"): anyone can compare the two."""
    return k + 1 < len(words) and words[k + 1].lower_ in {"with", "to"}


def _after_being(words: Sequence[Token], k: int) -> bool:
    """Whether a verb of being comes before the word at ``k`` ("the crews are aligned")."""
    j = k - 1
    while j >= 0 and words[j].lower_ in _BETWEEN:
        j -= 1
    return j >= 0 and words[j].lemma_.lower() in _BEING
