"""A level that is watched, moved: "Track my resting pulse weekly" -> the level itself, with slots.

"Track my resting pulse every week", "Monitor the error rate
daily" or "Log my sleep score every morning" name the watching, which goes
on and ends nowhere; what it is for is the level watched. The draft names
that level as the measure, with a baseline and a target the author sets,
and keeps the watching as how it is read: "Bring the error rate from
[baseline] to [target], monitored daily" (the rate stays the time frame; with
none, "by [date]"). "Bring" is used because
the words do not say which way the level should go (a weight, a balance);
the author's target says it.

Only a verb of watching (track, monitor, log, record, check) whose object's
head names a level (level, score, rate, index, ratio, balance, weight,
percentage, share, average); not a key result with a number or a date of its
own, an object joined to a second one ("the error rate and the queue"), or
more than one sentence. A measure nobody measures yet ("Measure and track
the turnover") is drafted elsewhere: a baseline published first.
"""

from __future__ import annotations

import re

from krquality.features.types import Features
from krquality.nlp.dates import time_frame_spans
from krquality.suggest.casing import capitalise_first
from krquality.suggest.slots import DATE, SLOTS
from krquality.suggest.structure import structure_of

_WATCHING = {
    "track": "tracked", "monitor": "monitored", "log": "logged", "record": "recorded", "check": "checked",
}  # fmt: skip
_LEVEL_HEADS = frozenset(
    {"level", "levels", "score", "scores", "rate", "index", "ratio", "balance", "weight", "percentage",
     "share", "average"}
)  # fmt: skip
_HOW_OFTEN = re.compile(r"\s(?:once|twice|\w+\s+times)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'-]*")


def tracked_drafts(features: Features) -> list[str]:
    """The level watched, moved from a baseline to a target by a date, read as the author watches it.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "Monitor the error rate daily"
    >>> tracked_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))
    ['Bring the error rate from [baseline] to [target], monitored daily']
    """
    if features.dates:
        return []
    shape = structure_of(features)
    if shape.question or shape.trails_off or shape.sentences > 1 or shape.cycle_tag is not None:
        return []
    core = shape.core(features.text).strip().rstrip(" .!;")
    if "\n" in core or re.search(r"[,;:()\[\]&+/]|\band\b|\bor\b", core):
        return []
    verb, _, rest = core.partition(" ")
    watched = _WATCHING.get(verb.lower())
    if watched is None or not rest:
        return []
    frames = time_frame_spans(rest)
    if len(frames) > 1 or (frames and frames[0][1] != len(rest)):
        return []  # anything but the rate of watching after the level ("... against the budget")
    cut = frames[0][0] if frames else len(rest)
    if (often := _HOW_OFTEN.search(rest[:cut])) is not None:
        cut = often.start()  # "once | per week": how often belongs to the rate
    level, rate = rest[:cut].strip(), rest[cut:].strip()
    if any(q.span.text not in rate for q in features.quantities):
        return []  # a number of its own, not the rate's ("once per week")
    words = level.split()
    named = words[: words.index("of")] if "of" in words else words  # "the level | of stress in the team"
    if not 0 < len(words) <= 8 or not all(_WORD.fullmatch(w) for w in words) or not named:
        return []
    if named[-1].lower() not in _LEVEL_HEADS:
        return []
    if rate:
        # (the author's rate stays the time frame: a draft adds no second one)
        return [capitalise_first(f"Bring {level} {SLOTS}, {watched} {rate}")]
    return [capitalise_first(f"Bring {level} {SLOTS} by {DATE}")]
