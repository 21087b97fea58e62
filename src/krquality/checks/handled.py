"""Counts of things the team handled and of people it served, with the participle after them.

``metric.output_count`` reads "Publish 12 posts" by its verb and "4 recipes
filmed" by a participle of making. Work on things the team already has, and a
service given to people, take other participles; these find them:

- things handled: "6 payroll scripts open-sourced", "200 archive photos
  catalogued", "100% of the old invoices migrated", "Number of identified
  suppliers: 12" (``checks/data/handled.txt``);
- people served: "25 shop managers coached", "80% of the night staff trained",
  "60 landlords will get weekly tutoring" (``checks/data/served.txt``).

Who is counted does not save a count of people served: coaching 25 managers is
work done for them, whatever they go on to do. A handled count of people or
effects ("80% of customers migrated to the new plan") is an effect (adoption),
so it is left alone. Each function returns the character span to flag, or None.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from krquality.checks.helpers import load_words
from krquality.features.types import QuantityKind

if TYPE_CHECKING:
    from krquality.checks.base import CheckContext

# A noun phrase of up to six words (letters, digits inside words, hyphens, apostrophes).
_PHRASE = r"(?P<phrase>(?:[a-z][\w'’-]*\s+){0,5}?[a-z][\w'’-]*)"
# An auxiliary between the phrase and its participle: "are documented", "will have been trained".
_AUX = r"(?:(?:are|is|were|was|will|be|been|have|has|get|got|gets|being)\s+){0,3}"
# What a person is given: "60 landlords will get monthly tutoring".
_SERVICE_NOUNS = ("coaching", "mentoring", "mentorship", "training", "tutoring")


@cache
def _participles(name: str) -> str:
    """A regex alternation of the participles listed in ``checks/data/<name>.txt``."""
    words = sorted(load_words(name), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]*") for w in words)


@cache
def _count_then_participle(name: str) -> re.Pattern[str]:
    """A count (or a share "N% of"), a noun phrase, an optional auxiliary, a listed participle."""
    return re.compile(
        rf"(?P<count>\d[\d,.]*\s*(?:%\s*of(?:\s+(?:the|our|all))?\s+|\+?\s+))"
        rf"{_PHRASE}\s+{_AUX}(?P<done>{_participles(name)})\b",
        re.IGNORECASE,
    )


_GIVEN_SERVICE = re.compile(
    r"(?P<count>\d[\d,.]*\+?\s+)" + _PHRASE + r"\s+(?:will\s+)?(?:get|gets|got|receive|receives|received|"
    r"are\s+given|were\s+given)\s+(?:\S+\s+){0,2}?(?P<done>" + "|".join(_SERVICE_NOUNS) + r")\b",
    re.IGNORECASE,
)
_NAMED_FIGURE = (
    r"\b(?:number|no\.?|count|#)\s+of\s+(?P<done>{words})\s+(?P<phrase>[a-z][\w'’-]*)"
    r"|\b(?:number|no\.?|count|#)\s+of\s+(?P<phrase2>(?:[a-z][\w'’-]*\s+){{0,3}}?[a-z][\w'’-]*)\s+(?P<done2>{words})\b"
)


@cache
def _named_figure() -> re.Pattern[str]:
    """ "Number of <participle> <things>" or "Number of <things> <participle>", participles listed."""
    words = _participles("handled") + "|" + _participles("served")
    return re.compile(_NAMED_FIGURE.format(words=words), re.IGNORECASE)


def _people_or_effect(phrase: str, outcome_words: frozenset[str]) -> bool:
    """Whether the counted phrase ends in people or an effect ("customers", "new members")."""
    return phrase.split()[-1].lower() in outcome_words


def _in_body(context: CheckContext, start: int, end: int) -> bool:
    body = context.features.body
    return body.start <= start and end <= body.end


# Parts of speech a counted noun phrase is made of ("new", "payroll", "scripts", "2021").
_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PUNCT", "DET"})


def _noun_phrase(context: CheckContext, start: int, end: int) -> bool:
    """Whether the words in ``start:end`` are one noun phrase, not a clause with its own verb
    ("volunteers recruited and" is two results, the first an effect)."""
    inside = [t for t in context.tokens if start <= t.idx < end]
    if not inside or inside[-1].pos_ not in {"NOUN", "PROPN"}:
        return False
    # A participle may describe the things counted ("existing sites", "hosted pages", "planned
    # upgrades"); the tagger often reads those as verbs. A clause has a conjunction or a pronoun.
    return all(t.pos_ in _PHRASE_POS or t.tag_ in {"VBN", "VBD", "VBG"} for t in inside)


def _a_count(context: CheckContext, start: int) -> bool:
    """Whether the pipeline read a count or a share at ``start`` (not a year: "By June 2026 all ...")."""
    return any(
        q.span.start <= start < q.span.end and q.kind in {QuantityKind.NUMBER, QuantityKind.PERCENT}
        for q in context.features.quantities
    )


def _several(match: re.Match[str]) -> bool:
    """Whether the count is a share or at least two: one thing handled is a milestone, not a count."""
    count = match.group("count")
    if "%" in count:
        return True
    digits = re.match(r"\d[\d,]*", count)
    return digits is not None and int(digits.group(0).replace(",", "")) >= 2


def _phrase_ok(context: CheckContext, match: re.Match[str]) -> bool:
    """Whether ``match`` lies in the body, counts several, and counts one noun phrase."""
    return (
        _in_body(context, match.start(), match.end())
        and not _modifier(context.text, match.end())
        and _a_count(context, match.start())
        and _several(match)
        and _noun_phrase(context, match.start("phrase"), match.end("phrase"))
    )


def _counted(context: CheckContext) -> bool:
    """Whether the key result holds a count or a share (not a date) for these patterns to read."""
    return any(q.kind in {QuantityKind.NUMBER, QuantityKind.PERCENT} for q in context.features.quantities)


def handled_count(context: CheckContext, *, outcome_words: frozenset[str]) -> tuple[int, int] | None:
    """A count or share of things handled, or of people served, with its participle after it.

    ``outcome_words`` are nouns of people and effects: a handled count of them
    ("80% of customers migrated") is an effect; a served count of them
    ("40 volunteers trained") is still work.

    >>> import krquality
    >>> result = krquality.analyze("6 payroll scripts open-sourced", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    if not _counted(context):
        return None
    text = context.text
    for match in _count_then_participle("served").finditer(text):
        if _phrase_ok(context, match) and not _limited(match, text):
            return match.start(), match.end("done")
    for match in _GIVEN_SERVICE.finditer(text):
        if _phrase_ok(context, match):
            return match.start(), match.end("done")
    for match in _count_then_participle("handled").finditer(text):
        if not _phrase_ok(context, match):
            continue
        if _people_or_effect(match.group("phrase"), outcome_words) or _limited(match, text):
            continue
        return match.start(), match.end("done")
    return None


def _limited(match: re.Match[str], text: str) -> bool:
    """A time limit right after the participle, or later in the clause for a share."""
    if "%" in match.group("count"):
        return share_time_limited(text, match.end())
    return _service_level(text, match.end())


def named_handled_figure(context: CheckContext) -> tuple[int, int] | None:
    """A count of things handled written as a named figure: "Number of identified suppliers: 12",
    "Number of recipes documented: 40" (the participle says the team's work made the figure).

    >>> import krquality
    >>> result = krquality.analyze("Number of documented recipes: 40", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    if not any(q.kind is QuantityKind.NUMBER for q in context.features.quantities):
        return None
    match = _named_figure().search(context.text)
    if match is None or not _in_body(context, match.start(), match.end()):
        return None
    return match.start(), match.end()


# A time limit makes a share handled a service level ("95% of claims reviewed within 2 days"):
# what the people waiting get, not work counted.
_SERVICE_LEVEL = re.compile(r"\s*(?:within|in\s+under|in\s+less\s+than|before|inside)\b", re.IGNORECASE)


# ... also further on in the clause, after how it is done: "contacted by phone (by the desk) within 1 day".
_TIME_LIMIT_LATER = re.compile(
    r"[^.;]*?\b(?:within|in\s+under|in\s+less\s+than)\s+(?:\d+|one|two|three|four|five|a|an)\s+"
    r"(?:working\s+|business\s+|calendar\s+)?(?:minutes?|hours?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)


def _service_level(text: str, end: int) -> bool:
    return _SERVICE_LEVEL.match(text, end) is not None


def share_time_limited(text: str, end: int) -> bool:
    """Whether a time limit for each item follows in the clause after ``end`` ("... contacted by
    phone within 2 days"): with a share, a service level. (With a count, "40 staff trained within
    3 months" the limit is the deadline of the whole count.)"""
    return _service_level(text, end) or _TIME_LIMIT_LATER.match(text, end) is not None


# A verb of its own later in the clause makes the participle a modifier: "3 risks identified in
# the audit are fixed by June" counts fixes (a path of its own), not risks identified.
_LATER_VERB = re.compile(r"[^,;]*?\b(?:are|is|were|was|will|get|gets|got)\b", re.IGNORECASE)


def _modifier(text: str, end: int) -> bool:
    return _LATER_VERB.match(text, end) is not None
