"""Activities reported as done: "Talked to the suppliers", "We gave feedback on the menus".

A key result written as a report of what the team did, in the past tense or
with "we"/"I" as the subject, is still an activity when its verb is one
(talking, meeting, helping, reviewing, giving feedback): it says what was
done, not what became true, and no one can check it against a measure. The
pipeline finds a lead verb only in the imperative, so ``task.activity`` did
not see these, and a report scored like a dated deliverable. A verb of making
("Launched the tenant portal") reports a deliverable and is left alone, and so
is any key result with a number to reach (a count of work is
``metric.output_count``'s).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from krquality.checks.helpers import in_brackets, load_words

if TYPE_CHECKING:
    from krquality.checks.base import CheckContext

# Subjects that make a sentence a report of the team's own doing.
_FIRST_PERSON = frozenset({"we", "i"})
# Adverbs that may stand between the subject and the verb ("We regularly met ...").
_ADVERBS_BETWEEN = frozenset(
    {"regularly", "also", "often", "frequently", "actively", "successfully", "jointly"}
)
# Auxiliaries between "we"/"I" and the verb of the report.
_AUXILIARIES = frozenset(
    {"have", "has", "had", "'ve", "’ve", "'d", "been", "were", "was", "are", "'re", "’re"}
)
# Verbs that are an activity only with a service as their object: "gave feedback", "provided support".
_GIVING = frozenset({"give", "provide", "offer"})
_SERVICES = frozenset(
    {"feedback", "support", "advice", "input", "help", "guidance", "assistance", "coaching"}
)


@cache
def _activity_lemmas() -> frozenset[str]:
    """Activity verbs, one word or two ("work on"), from the pipeline's lexicon and the checks' list."""
    from krquality.nlp.resources import load_data

    listed = {str(v).lower() for v in load_data("verbs")["activity"]}
    return frozenset(listed | load_words("activity_verbs"))


def _verb_at(tokens: Sequence[Token]) -> int | None:
    """Index of the report's verb: the first word in the past tense, or the word after "we"/"I"."""
    if not tokens:
        return None
    i = 0
    first_person = tokens[0].lower_ in _FIRST_PERSON
    if first_person:
        i = 1
        # "We regularly met", "We have talked", "We've been working on"
        while i < len(tokens) and (tokens[i].lower_ in _ADVERBS_BETWEEN or tokens[i].lower_ in _AUXILIARIES):
            i += 1
    if i >= len(tokens):
        return None
    verb = tokens[i]
    if verb.tag_ == "VBD" or (first_person and verb.tag_ in {"VBP", "VB", "VBD", "VBN", "VBG"}):
        return i
    # "Talked to ...", "Provided support to ...": the tagger may read an opening past tense as a
    # participle; one that describes a noun ("Reviewed code is merged") is not a report.
    if i == 0 and verb.tag_ == "VBN" and len(tokens) > 1:
        following = tokens[1]
        if following.pos_ in {"ADP", "PART", "DET"} or following.lower_ in _SERVICES:
            return i
    return None


def reported_activity(
    context: CheckContext, *, extra: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """The span of the verb of an activity reported as done, or None.

    ``extra`` adds configured activity verbs (lemmas).

    >>> import krquality
    >>> result = krquality.analyze("Talked to the suppliers about the delivery slots", suggestions=False)
    >>> "KRQ301" in {f.code for f in result.findings}
    True
    """
    if targets_outside_notes(context):
        return None  # a number to reach: a metric (or a count of work), not a bare activity
    tokens = context.body_tokens
    i = _verb_at(tokens)
    if i is None:
        return None
    verbs = _activity_lemmas() | extra
    found = _activity_at(tokens, i, verbs)
    # "We were consulted and sent comments on ...": the verb joined to the first one
    if (
        found is None
        and i + 2 < len(tokens)
        and tokens[i + 1].lower_ == "and"
        and tokens[i + 2].tag_ == "VBD"
    ):
        found = _activity_at(tokens, i + 2, verbs)
    return found


def targets_outside_notes(context: CheckContext) -> bool:
    """Whether the key result has a number to reach outside a bracketed note ("(one per depot)"
    says how the work is done, not what it must reach)."""
    return any(not in_brackets(context.text, q.span.start, square=False) for q in context.targets)


def _activity_at(tokens: Sequence[Token], i: int, verbs: frozenset[str]) -> tuple[int, int] | None:
    """The span of the verb at ``i`` (with its particle) when it is an activity."""
    verb = tokens[i]
    lemma = (verb.lemma_ or verb.lower_).lower()
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    pair = f"{lemma} {following.lower_}" if following is not None else ""
    if pair in verbs:
        return verb.idx, following.idx + len(following.text) if following is not None else verb.idx
    if lemma in verbs:
        return verb.idx, verb.idx + len(verb.text)
    if lemma in _GIVING and any(t.lower_ in _SERVICES for t in tokens[i + 1 : i + 4]):
        return verb.idx, verb.idx + len(verb.text)
    return None
