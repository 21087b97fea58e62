"""Where a baseline slot may go, and levels that take none.

A baseline is today's value of the measure the key result moves. It goes before the
number that is the measure's amount ("Raise NPS from [baseline] to 48"), never:

- on a level where a starting value means nothing: a rank ("top 5 in the charts", "#1 in
  the region"), a tolerance ("within +/- 10% of the plan"), or all of a set ("100% of
  the invoices", "100% requests answered"), which is met or not;
- between a count and the rate it is counted in ("3 sessions from [baseline] per week");
- in place of a preposition that belongs to a phrase counting things ("talks at 5 fairs"
  is not "talks from [baseline] to 5 fairs"): the number counts the fairs, it is no level.

Reviewers judged drafts that did any of these bad (the sentence garbled, or a blank
the author could not fill). With no slot, the draft is not offered where the missing
baseline outweighs what is left to fill (:mod:`krquality.suggest.weight`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from krquality.checks.helpers import targets
from krquality.suggest.lexicon import SLOT_STOP_WORDS

if TYPE_CHECKING:
    from krquality.features.types import Features

# A rank: "top 5", "#1", "No. 2", "number 1", "rank 3", "ranked 4", "place 2".
_RANK_BEFORE = re.compile(r"(?:\b(?:top|rank(?:ed)?|no\.?|number|place)\s*|#\s*)$", re.I)
_RANK_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:place|position|spot|rank)\b", re.I)
# A tolerance around a figure: "+/- 25%", "± 2 days", "plus or minus 5%".
_TOLERANCE = re.compile(r"(?:\+\s*/\s*-|\+-|±|plus\s+or\s+minus)\s*$", re.I)
# All of a set: 100% followed by "of" or by the things themselves ("100% requests").
_ALL = re.compile(r"^100\s*%$")
_SET_AFTER = re.compile(r"^\s+(?:of\b|[a-z]+s\b)", re.I)
# A rate right after a count: "per week", "a month", "each day", "every sprint", "/wk"
# (a period; "per user" is the amount's unit, and the slot may follow it as before).
_RATE = re.compile(
    r"\s*(?:/\s*(?:d|wk|mo|yr|day|week|month|year)\b|(?:per|a|an|each|every)\s+(?:\w+\s+)?"
    r"(?:day|week|month|quarter|year|sprint|term|shift|night|weekend|fortnight|session|hour)s?\b)",
    re.I,
)
# The numbers in a level, as written.
_NUMBER = re.compile(r"[\d]+(?:[.,]\d+)*\s*%?")


def no_start_value(text: str, start: int, end: int, *, verb_end: int | None = None) -> str | None:
    """Why the level written at ``text[start:end]`` takes no baseline ("a rank", "a
    tolerance", "all of a set", "a state"), or None when a starting value means something.
    ``verb_end`` is where the key result's leading verb ends, if it has one.

    >>> no_start_value("1 guide hits top 5 in the charts", 16, 17)
    'a rank'
    >>> no_start_value("Spend ends up +/- 10% of budget", 18, 21)
    'a tolerance'
    >>> no_start_value("Answer 100% of the emails within a day", 7, 11)
    'all of a set'
    >>> no_start_value("Raise test coverage to 100%", 20, 27) is None
    True
    >>> no_start_value("Desk clear and inbox zero every Friday", 21, 25)
    'a state'
    >>> no_start_value("Keep open faults at zero", 19, 23) is None
    True
    >>> no_start_value("Zero lost parcels in transit", 0, 4) is None
    True
    """
    written = text[start:end]
    number = _NUMBER.search(written)
    at = start + number.start() if number is not None else start
    before = text[max(0, at - 20) : at]
    after = text[end : end + 30]
    if _RANK_BEFORE.search(before) or _RANK_BEFORE.search(written[: number.start()] if number else ""):
        return "a rank"
    if _RANK_AFTER.match(after):
        return "a rank"
    if _TOLERANCE.search(before) or _TOLERANCE.search(written[: number.start()] if number else ""):
        return "a tolerance"
    if number is not None and _ALL.match(number.group().strip()) and _SET_AFTER.match(after):
        return "all of a set"
    if (
        _ZERO.fullmatch(written.strip())
        and _after_noun(text, start, verb_end)
        and not _NOUN_AFTER.match(after)
    ):
        return "a state"  # "inbox zero": a zero after the thing it names, with nothing counted after it
    return None


# "zero" or "0" as the whole level, and a word after it that could be the thing counted.
_ZERO = re.compile(r"zero|0", re.I)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:per|a|an|each|every|in|on|at|for|by|from|to|of|and|or|with|across|over|"
    r"until|through|than|vs|this|next|by)\b)[a-z][\w-]*",
    re.I,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)\s+$")


def _after_noun(text: str, start: int, verb_end: int | None) -> bool:
    """Whether the word right before ``text[start]`` is a content word other than the
    leading verb ("inbox zero"; not "Reach zero", "down to zero")."""
    word = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if word is None or word.group(1).lower() in SLOT_STOP_WORDS:
        return False
    return verb_end is None or word.end(1) != verb_end


def before_rate(text: str, at: int) -> bool:
    """Whether a slot put at ``text[at]`` would split a count from its rate.

    >>> before_rate("3 choir rehearsals per week", 18)
    True
    >>> before_rate("3 choir rehearsals in the hall", 18)
    False
    >>> before_rate("ARPDAU +$0.03 per user", 13)  # a unit of the amount, not a period
    False
    """
    return _RATE.match(text, at) is not None


def counts_in_phrase(text: str, end: int) -> bool:
    """Whether the number ending at ``text[end]`` counts the words after it ("at 5 large
    fairs") rather than being a level itself ("at 75%", "at 40 ms").

    >>> counts_in_phrase("Speakers at 5 large fairs", 13)
    True
    >>> counts_in_phrase("Utilisation at 75% across depots", 18)
    False
    >>> counts_in_phrase("Drivers at 40 across the county", 13)
    False
    >>> counts_in_phrase("NPS of 50 among tenants", 9)
    False
    """
    if text[end - 1 : end] == "%":
        return False
    words = re.match(r"\s+([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?", text[end:])
    if words is None:
        return False
    # a unit straight after the number is the level's own ("40 ms", "3 days"); a preposition
    # or a rate starts what the level is measured over ("at 40 across the county")
    word = words.group(1).lower()
    return len(word) > 3 and word not in _UNITS and word not in SLOT_STOP_WORDS and word not in _PREPOSITIONS


# Prepositions (a closed class) that may follow a level and start what it is measured over.
_PREPOSITIONS = frozenset(
    {
        "among",
        "amongst",
        "across",
        "within",
        "without",
        "between",
        "during",
        "after",
        "before",
        "under",
        "above",
        "below",
        "around",
        "throughout",
        "inside",
        "outside",
        "beyond",
        "despite",
        "against",
        "toward",
        "towards",
        "along",
        "amid",
        "into",
        "onto",
        "upon",
        "versus",
        "while",
        "when",
        "where",
    }
)
_UNITS = frozenset({"hours", "minutes", "seconds", "days", "weeks", "months", "years", "points", "percent"})


def startless_level(features: Features) -> bool:
    """Whether the first level the key result states is one no starting value measures the
    distance to (:func:`no_start_value`), read on the change that carries it where there is one
    ("ends up +/- 10% of budget")."""
    found = targets(features)
    if not found:
        return False
    span = found[0].span
    for change in features.changes:
        if change.target is not None and change.target.span == span:
            span = change.span
            break
    verb = features.lead_verb
    verb_end = verb.span.end if verb is not None else None
    return no_start_value(features.text, span.start, span.end, verb_end=verb_end) is not None
