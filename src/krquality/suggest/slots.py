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


# Every slot a draft may hold: a measure, the three values, a bar for people and a scope to choose.
SLOT_PATTERN = re.compile(
    r"\[(?:effect measure|baseline|target|date|which [a-z-]+|what they do and how often)\]"
)
