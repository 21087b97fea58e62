"""Rates after a count: "a week", "per month", "every other day", "each sprint", "weekly".

A count kept at a rate ("once a fortnight", "3 times weekly", "twice every
week") is a quantity by the labelling guide ("one post a month" is a metric),
while the same frequency word alone ("Hold weekly reviews") is not. The
quantities component asks :func:`rate_end` whether a rate follows a count
word, so that "once" is read only as a count ("once a week") and never as the
conjunction ("once the audit closes"). Token-based and lexicon-free apart
from the closed classes of period nouns and frequency adverbs below.
"""

from __future__ import annotations

from spacy.tokens import Doc

# Periods a count is kept over ("a week", "every shift"); singular, as a rate names one period.
PERIOD_NOUNS = frozenset(
    {
        "hour",
        "day",
        "night",
        "morning",
        "evening",
        "weekday",
        "weekend",
        "week",
        "fortnight",
        "month",
        "quarter",
        "term",
        "semester",
        "season",
        "year",
        "sprint",
        "shift",
        "cycle",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)
# Frequency adverbs that are a rate on their own: "3 times weekly".
RATE_ADVERBS = frozenset(
    {
        "hourly",
        "daily",
        "nightly",
        "weekly",
        "biweekly",
        "bi-weekly",
        "fortnightly",
        "monthly",
        "bimonthly",
        "bi-monthly",
        "quarterly",
        "yearly",
        "annually",
    }
)
# Words that open a rate before its period: "a week", "per month", "every day", "each sprint".
RATE_OPENERS = frozenset({"a", "an", "per", "every", "each"})
# Between the opener and the period: "every other day", "every two weeks", "per calendar month".
_PERIOD_MODIFIERS = frozenset({"other", "second", "single", "calendar", "working", "business", "school"})
_PLURAL_PERIODS = frozenset(f"{p}s" for p in PERIOD_NOUNS)
_SMALL_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "ten", "few"})


def rate_end(doc: Doc, i: int, end: int) -> int:
    """End (exclusive) of a rate starting at token ``i``, or 0 when none starts there.

    >>> from spacy.lang.en import English
    >>> nlp = English()
    >>> [rate_end(d, 1, len(d)) for d in map(nlp, ("once a fortnight", "x every other week", "x weekly"))]
    [3, 4, 2]
    >>> rate_end(nlp("once the audit"), 1, 3)
    0
    """
    if i >= end:
        return 0
    word = doc[i].lower_
    if word in RATE_ADVERBS:
        return i + 1
    if word not in RATE_OPENERS:
        return 0
    j = i + 1
    if j < end and doc[j].lower_ in _PERIOD_MODIFIERS:
        j += 1
    if j < end and word == "every" and (doc[j].like_num or doc[j].lower_ in _SMALL_NUMBER_WORDS):
        # "every two weeks", "every 3 days": a plural period after a count
        return j + 2 if j + 1 < end and doc[j + 1].lower_ in _PLURAL_PERIODS else 0
    if j < end and doc[j].lower_ in PERIOD_NOUNS:
        return j + 1
    return 0
