"""The placeholders a draft leaves for the author to fill, written once for every builder."""

from __future__ import annotations

import re

BASELINE = "[baseline]"
TARGET = "[target]"
DATE = "[date]"
# The measure of an effect the words do not name ("Move [effect measure] from ... through
# overseeing 5 kitchen refits"): the author names it, a guess would be worse.
EFFECT = "[effect measure]"
PLACEHOLDERS: tuple[str, ...] = (EFFECT, BASELINE, TARGET, DATE)
# A change from today's level to the one aimed at: "Raise X from [baseline] to [target]".
SLOTS = f"from {BASELINE} to {TARGET}"
# The bar for people graded by opinion ("highly active organisers"): what they do, how often.
PEOPLE_BAR = "[what they do and how often]"


def scope_slot(things: str) -> str:
    """The slot for a boundless scope over ``things`` ("all aspects"): which of them.

    >>> scope_slot("aspects")
    '[which aspects]'
    """
    return f"[which {things}]"


# A measure of a named kind of effect ("[adoption of the booking widgets]", krquality.suggest.effects):
# its words are the measure once filled, so the filling keeps them. The kinds open the slot's words.
ADOPTION = "adoption of"
USE = "use of"
ON_TIME = "on-time delivery of"
FIXED = "the share of findings fixed after"
TIME_SAVED = "time saved with"
TRIAL_MEASURE = "the measure tested by"
EFFECT_KINDS: tuple[str, ...] = (ADOPTION, USE, ON_TIME, FIXED, TIME_SAVED, TRIAL_MEASURE)
_EFFECT_KIND = r"(?:" + "|".join(EFFECT_KINDS) + r") the [A-Za-z][A-Za-z /-]*"
EFFECT_KIND_PATTERN = re.compile(rf"\[(?P<measure>{_EFFECT_KIND})\]")
# Every slot a draft may hold: a measure, the three values, a bar for people, a scope to choose.
SLOT_PATTERN = re.compile(
    r"\[(?:effect measure|baseline|target|date|which [a-z-]+|what they do and how often|"
    + _EFFECT_KIND
    + r")\]"
)
