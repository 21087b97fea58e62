"""Metric drafts for a count of one's own work at a rate: how long the pace is kept.

"Run 3 times a week", "Practise scales for 20 minutes daily" or "15 focused
hours on the thesis per week" count work at a rate. Where nothing names what
the work is for (no readers of what is written, no attendance at what is
held: :mod:`krquality.suggest.counts` would leave a bare ``[effect measure]``
slot), the rate is still a bar that one missed week fails, with no count of
how often it was met. An OKR coach makes it a count the author sets: "Run 3
times a week for at least [target] weeks". Every word the author wrote is
kept, the rate included; the count of periods is added after the sentence.
No date is added: the rate is the author's time frame, and a draft never
adds a second one.

Only a single sentence with one rate is drafted, the count before the rate
and nothing after the words but the end (an aside or a second clause would
stand between the pace and its count); not work that makes or holds
something for others ("Host drop-in hours every week", "Publish 2 recipes a
week": its audience is what it is for), nor a count of undefined things
("2 small things each month", "something every week"), whose bar is still
unknown however long it is kept.

Every draft is re-analysed and judged like any other (:mod:`krquality.suggest.rewrite`):
it is offered only when, filled, it no longer reads as a count of work.
"""

from __future__ import annotations

import re

from krquality.features.types import Features
from krquality.suggest.casing import capitalise_first
from krquality.suggest.habits import MAKING_OR_HOLDING
from krquality.suggest.slots import TARGET
from krquality.suggest.structure import structure_of

# A rate and the unit its pace is counted in: days are counted in weeks (a daily bar kept
# for "[target] days" would count the days, which is the habit's own draft), weeks in weeks.
_RATE = re.compile(
    r"\b(?:(?:every|each|per|a|an)\s+(?:other\s+|single\s+)?(?P<unit>day|week|month|weekday|night|morning|evening)"
    r"|(?P<adverb>daily|weekly|monthly|nightly|fortnightly))\b",
    re.IGNORECASE,
)
_PACE_UNIT = {
    "day": "weeks", "daily": "weeks", "weekday": "weeks", "night": "weeks", "nightly": "weeks",
    "morning": "weeks", "evening": "weeks", "week": "weeks", "weekly": "weeks",
    "fortnightly": "weeks", "month": "months", "monthly": "months",
}  # fmt: skip
# Things with no bar of their own: kept for longer, they are still undefined.
_UNDEFINED = re.compile(r"\b(?:something|anything|things?|stuff|whatever|bits?)\b", re.IGNORECASE)


def paced_drafts(features: Features) -> list[str]:
    """The count of work at its rate, kept for a number of weeks or months to set.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "Swim 3 times a week"
    >>> paced_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))
    ['Swim 3 times a week for at least [target] weeks']
    """
    shape = structure_of(features)
    if shape.question or shape.trails_off or shape.sentences > 1:
        return []
    text = features.text
    core = shape.core(text).strip().rstrip(" .!;")
    if not core or "\n" in core or re.search(r"[,;:()\[\]]", core) or _UNDEFINED.search(core):
        return []
    lead = features.lead_verb
    if lead is not None and lead.lemma.lower() in MAKING_OR_HOLDING:
        return []  # "Host drop-in hours every week": what is made or held is for its audience
    rates = list(_RATE.finditer(core))
    if len(rates) != 1:
        return []  # no rate, or two: no one pace to keep
    rate = rates[0]
    unit = _PACE_UNIT[(rate.group("unit") or rate.group("adverb")).lower()]
    # (no date is added: the rate is the author's time frame, and the weeks kept say how long)
    return [capitalise_first(f"{core} for at least {TARGET} {unit}")]
