"""Where a key result's level starts, when it states no "from": read by ``metric.no_baseline``.

A missing baseline is only missing when the key result moves or states a level
someone measures today. It is not missing when the key result

- names its reference point in words ("above last year's peak", "twice the Q1 level",
  "compared with the same month last year", "up on the previous release");
- holds a level with a verb of keeping that governs the number, wherever it stands
  ("Open the shop. Keep returns below 2%");
- measures something new, which starts from zero ("in the first month after launch",
  "adoption of the new booking app");
- reports a completion: a status after the text ("Move the archive to the cloud: 100%")
  or a share of one plan or set the team works through ("Achieve 100% of the plan",
  "by closing 100% of the old accounts");
- counts the team's own work on items ("Add tags to 80% of the recipes");
- names a tolerance around its own plan ("spend lands within 5% of the budget");
- brings every member of a set to a state ("100% of the drivers hold a first-aid
  certificate"), which reads as "all the drivers ...": whatever the share today, the
  bar is the whole set.

The pipeline has no parser, so these read part-of-speech tags and word order only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from krquality.checks.helpers import FINITE_TAGS, verb_lexicon
from krquality.features.types import Quantity, QuantityKind, VerbClass

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# A period before the present: "last year", "the previous release", "the same quarter",
# "the last 12 months". The numbered form needs a period noun after it.
_PAST_PERIOD = (
    r"(?:last|previous|prior|past|preceding|same|year-ago)\s+(?:\d+\s+)?"
    r"(?:year|quarter|month|week|season|release|version|cycle|period|term|half|sprint|day|edition)s?"
)
# A named period: "Q2", "H1", "FY24", "2025".
_NAMED_PERIOD = r"(?:Q[1-4]|H[12]|FY\s?'?\d{2,4}|(?:19|20)\d\d)"
# Nouns that name a level measured at some point, so a period before them names a reference.
_LEVEL_NOUNS = (
    r"(?:level|peak|high|low|record|figure|value|average|baseline|result|total|rate|number|mark|best)s?"
)
_POSSESSIVE = r"(?:'s|’s|s'|s’|'|’)?"
# "last year's peak", "the Q2 level", "the 2025 average", "the past season's highs".
_PERIOD_LEVEL = re.compile(
    rf"\b(?:{_PAST_PERIOD}|{_NAMED_PERIOD}){_POSSESSIVE}\s+(?:[a-z]+\s+)?{_LEVEL_NOUNS}\b", re.IGNORECASE
)
# A comparison with a past period: "than last year", "compared with the same quarter last year",
# "vs. the previous release", "up on last season".
_COMPARED = re.compile(
    rf"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|relative\s+to|against|(?:up|down)\s+(?:[\d.,]+\s*%\s+)?on)\s+"
    rf"(?:the\s+|its\s+|our\s+)?(?:{_PAST_PERIOD}|{_NAMED_PERIOD}\b)",
    re.IGNORECASE,
)

# A tolerance band around a figure the organisation sets itself: "within 5% of the budget",
# "+/- 10% of plan", "± 2 days of the forecast". The plan is the reference, and the band
# is the target, so no start is missing.
_TOLERANCE = re.compile(
    r"(?:±|\+\s?/\s?-|\+-|\bplus\s+or\s+minus|\bwithin)\s*[\d.,]+\s*(?:%|[a-z]+)?\s+"
    r"(?:of|around|from|on)\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:[a-z-]+\s+)?"
    r"(?:plan|budget|forecast|reforecast|target|estimate|quota|projection|schedule)s?\b",
    re.IGNORECASE,
)


def names_reference(text: str) -> bool:
    """Whether the key result names the point its target is measured against.

    >>> names_reference("Bookings above last year's peak"), names_reference("Bookings to 400")
    (True, False)
    >>> names_reference("Cut waste by 10% compared with the same month last year")
    True
    >>> names_reference("Keep NPS above 40 over the last 12 months")
    False
    >>> names_reference("Q3 spend lands +/- 10% of the plan"), names_reference("Spend within 10% of 2 sites")
    (True, False)

    A rate of growth per period ("5% month over month") names no level to reach: today's
    value is still asked for.
    """
    return any(p.search(text) for p in (_PERIOD_LEVEL, _COMPARED, _TOLERANCE))


# A window that opens when the thing is launched: "in the first week after opening", "in the first
# 6 weeks after release", "since launch". Not "after release" alone: "defects after release"
# names what is counted, not when counting began.
_NEW_WINDOW = re.compile(
    r"\bfirst\s+(?:\d+\s+|few\s+|two\s+|three\s+|six\s+)?"
    r"(?:day|week|month|quarter|year|season|term)s?\s+(?:after|since|following|online|live|of\s+(?:use|launch|service))\b"
    r"|\bsince[- ](?:the\s+|its\s+|our\s+)?"
    r"(?:launch|launching|release|go-live|opening|rollout|roll-out)\b",
    re.IGNORECASE,
)
# Singular noun tags: "the new app" names one new thing; "the new signups" counts people, a rate.
_SINGULAR = frozenset({"NN", "NNP"})


def measures_new_thing(context: CheckContext) -> bool:
    """Whether the key result measures something that does not exist yet, so it starts from zero.

    A window opened by a launch ("in the first month after launch") or a definite new thing
    named by a singular noun ("adoption of the new booking app"); not new people counted
    ("the new signups each month" is a rate that runs today).
    """
    if _NEW_WINDOW.search(context.text):
        return True
    tokens = context.tokens
    for i, token in enumerate(tokens[1:-1], 1):
        if token.lower_ != "new" or tokens[i - 1].lower_ not in {"the", "our", "its", "their"}:
            continue
        # The head of "the new booking app" is the last noun of the run after "new".
        run = []
        for following in tokens[i + 1 : i + 4]:
            if following.pos_ not in {"NOUN", "PROPN"}:
                break
            run.append(following)
        if run and run[-1].tag_ in _SINGULAR:
            return True
    return False


# Verbs that hold a level: the number they govern is kept, not moved, so it needs no start.
_KEEPING = frozenset(
    {"keep", "maintain", "sustain", "preserve", "protect", "uphold", "stay", "remain", "hold"}
)
# Tokens that end the clause a verb governs.
_CLAUSE_END = frozenset({".", ";", "!", "?", "=>", "->"})


def governing_verb(tokens: Sequence[Token], at: int) -> Token | None:
    """The nearest verb before character offset ``at`` in the same sentence, or None.

    With no parser, the verb that governs a number is the last verb before it:
    "Open the shop. Keep returns below 2%" gives "Keep" for "2%".
    """
    found = None
    for token in tokens:
        if token.idx >= at:
            break
        if token.text in _CLAUSE_END:
            found = None
        elif token.pos_ == "VERB":
            found = token
    return found


def held(context: CheckContext, target: Quantity) -> bool:
    """Whether a verb of keeping governs ``target``: "..., keep returns below 2%", "Preserve
    100% of the budget"."""
    verb = governing_verb(context.tokens, target.span.start)
    return verb is not None and (verb.lemma_ or verb.lower_).lower() in _KEEPING


# Words that say a level stays where it is today: the level itself is the target.
_AS_TODAY_WORDS = frozenset({"flat", "steady", "stable", "level", "unchanged", "constant"})
_AS_TODAY_PHRASE = re.compile(
    r"\bat\s+(?:the\s+)?(?:current|today'?s|present|existing)\s+levels?\b"
    r"|\bwhere\s+(?:it|they)\s+(?:is|are)\b",
    re.IGNORECASE,
)


def held_as_today(context: CheckContext) -> bool:
    """Whether the key result holds a level where it is today, with no number: "Keep infra
    costs flat", "Hold headcount steady", "Maintain reply times at current levels".

    It is a threshold (today's value is the bar), not an activity and not a measure missing its
    target. Not with a number ("Keep costs flat at 40k": the other checks read the target), nor
    where the word describes a noun after it ("the level crossing").
    """
    lead = context.features.lead_verb
    if lead is None or lead.lemma.split()[0].lower() not in _KEEPING:
        return False
    body = context.features.body
    if context.features.quantities or any(ch.isdigit() for ch in body.text):
        return False
    after = [t for t in context.body_tokens if t.idx >= lead.span.end]
    for i, token in enumerate(after):
        following = after[i + 1] if i + 1 < len(after) else None
        if token.lower_ in _AS_TODAY_WORDS and (
            following is None or following.pos_ not in {"NOUN", "PROPN", "ADJ"}
        ):
            return True
    return _AS_TODAY_PHRASE.search(body.text[lead.span.end - body.start :]) is not None


# What sets a trailing status apart from the text before it: "...: 100%", "... => 0%".
_STATUS_BEFORE = re.compile(r"(?::|=>|->|[-–—])\s*$")
_TRAILING = re.compile(r"^[\s.)\]]*$")


def completion_status(context: CheckContext, target: Quantity) -> bool:
    """Whether ``target`` is a status written after the key result, not a level to reach.

    "Move the archive to the cloud: 100%", "Translate the menus 100%": a percentage closing a
    text that has a verb before it, set apart by a colon or an arrow, or a whole or nothing
    (100%, 0%) right after a noun. "Test coverage 80%" has no verb: a level, left alone.
    """
    if target.kind is not QuantityKind.PERCENT:
        return False
    text = context.text
    if not _TRAILING.match(text[target.span.end :]):
        return False
    before = text[: target.span.start]
    verb = any(t.pos_ == "VERB" and t.idx < target.span.start for t in context.tokens)
    if not verb and not _opens_with_making(context.tokens):
        return False
    verb_before = governing_verb(context.tokens, target.span.start)
    if verb_before is not None and (verb_before.lemma_ or verb_before.lower_).lower() in _LEVEL_LEMMAS:
        return False  # "Reduce churn - 2%": the amount of a move, not a status
    if _STATUS_BEFORE.search(before):
        return True
    previous = [t for t in context.tokens if t.idx < target.span.start]
    return target.value in (0.0, 100.0) and bool(previous) and previous[-1].pos_ in {"NOUN", "PROPN"}


def _head_noun_singular(phrase: Sequence[Token]) -> bool:
    """Whether the noun phrase opening ``phrase`` ends in a singular noun: "the regional sales
    plan" (one whole), not "the calls" (many)."""
    head = None
    for token in phrase:
        if token.pos_ in {"NOUN", "PROPN"}:
            head = token
        elif token.pos_ not in {"DET", "ADJ", "NUM", "PART"} or head is not None:
            break
    return head is not None and head.tag_ != "NNS"


def _opens_with_making(tokens: Sequence[Token]) -> bool:
    """Whether the text, after a "Label:" prefix and adverbs, opens with a verb of making
    ("Open source the apps", "Fully document the setup"), whatever the tagger read it as."""
    words = list(tokens)
    colon = next((i for i, t in enumerate(words[:4]) if t.text == ":"), None)
    if colon is not None:
        words = words[colon + 1 :]
    words = [t for t in words if t.pos_ != "ADV"]
    if len(words) < 2:
        return False
    found = verb_lexicon().lookup(words[0].lower_, words[1].lower_, words[2].lower_ if len(words) > 2 else "")
    return found is not None and found[1] is VerbClass.DELIVERABLE


# Verbs that move or state a level: a share after them is a level, not a set worked through.
_LEVEL_LEMMAS = frozenset(
    {
        "increase",
        "raise",
        "grow",
        "reach",
        "reduce",
        "cut",
        "decrease",
        "improve",
        "boost",
        "lift",
        "double",
        "triple",
        "halve",
        "lower",
        "drop",
        "expand",
        "bring",
        "push",
        "move",
        "shrink",
        "be",
        "have",
        "see",
        "ensure",
        "rate",
        "score",
        "hit",
        "attain",
        "get",
        "keep",
        "maintain",
        "retain",
    }
)


def set_worked_through(context: CheckContext, target: Quantity) -> bool:
    """Whether ``target`` is a share of one plan or set the team works through in the cycle.

    "Achieve 100% of the regional plan", "by retiring 100% of the old servers", "Add tags to
    80% of the recipes": a verb of the team's own work acts on the share, and no clause follows
    with the share as its subject. A share a level verb moves ("Raise the share to 60%") or a
    share that does something ("60% of orders ship the same day") is a level, left alone.
    """
    if target.kind is not QuantityKind.PERCENT:
        return False
    text = context.text
    after = text[target.span.end :].lstrip().lower()
    following = [t for t in context.tokens if t.idx >= target.span.end][:8]
    if not after.startswith("of ") and not (following and following[0].pos_ in {"NOUN", "PROPN"}):
        return False  # "80% of the recipes", "80% recipes": a share of items
    # A finite verb after the share makes it the subject of a clause ("60% of stalls are local").
    if any(t.tag_ in FINITE_TAGS for t in following) or any(t.text in _CLAUSE_END for t in following[:1]):
        return False  # "60% of orders ship the same day": a rate, a level
    verb = governing_verb(context.tokens, target.span.start)
    if verb is None:
        return False
    lemma = (verb.lemma_ or verb.lower_).lower()
    if lemma == "achieve":
        # "Achieve 100% of the regional plan": one whole completed; "Achieve 90% of calls
        # answered" is a rate over many, a level.
        return after.startswith("of ") and _head_noun_singular(following[1:])
    return lemma not in _LEVEL_LEMMAS and verb.tag_ in {"VB", "VBG", "VBP"}


# A time bound after the share makes it a service level the operation already runs at.
_TIME_BOUND = re.compile(
    r"\b(?:within|in\s+under|in\s+less\s+than|under)\s+(?:\d+|an?|one|two|three|24)\s*[-\s]?"
    r"(?:working\s+|business\s+)?(?:second|minute|hour|day|week|month)s?\b",
    re.IGNORECASE,
)


# Nouns of a piece of work being done: "100% completion of X" is all of X done, no level to start from.
_DONE_NOUNS = frozenset(
    {"completion", "implementation", "delivery", "rollout", "migration", "execution", "roll-out"}
)


def whole_set(context: CheckContext, target: Quantity) -> bool:
    """Whether ``target`` is "100% of" a plural set, the share written for "all of them".

    "100% of the drivers hold a first-aid certificate" states the same bar as "All the
    drivers hold ...", which asks for no starting value: the whole set is the target, and a
    check cannot read a baseline into "all". A level below the whole ("60% of orders ship
    the same day"), 100% of one thing ("100% of the budget") or of a rate with no set after it
    ("100% uptime") is left to the level reading, and so is a service level with a time bound
    ("100% of calls answered within 20 seconds"): the operation runs at some share today.
    All of a piece of work done ("100% completion of the audit", "100% implementation of the
    booking features") is the same bar as "Complete the audit".
    """
    if target.kind is not QuantityKind.PERCENT or target.value != 100.0:
        return False
    if _TIME_BOUND.search(context.text, target.span.end):
        return False  # "100% of calls answered within 20 seconds": a service level run today
    following = [t for t in context.tokens if t.idx >= target.span.end][:7]
    if len(following) > 2 and following[0].lower_ in _DONE_NOUNS and following[1].lower_ == "of":
        return True  # "100% completion of the fire-safety training": all of a piece of work done
    if not following or following[0].lower_ != "of":
        return False
    head = None
    for token in following[1:]:
        if token.pos_ in {"NOUN", "PROPN"}:
            head = token  # the last noun of the run heads it: "the delivery notes"
        elif head is not None or token.pos_ not in {"DET", "ADJ", "NUM", "PRON"}:
            break
    return head is not None and head.tag_ in {"NNS", "NNPS"}
