"""The placeholders a draft leaves for the author to fill, written once for every builder."""

from __future__ import annotations

BASELINE = "[baseline]"
TARGET = "[target]"
DATE = "[date]"
# The measure of an effect the words do not name ("Move [effect measure] from ... through
# overseeing 5 kitchen refits"): the author names it, a guess would be worse.
EFFECT = "[effect measure]"
PLACEHOLDERS: tuple[str, ...] = (EFFECT, BASELINE, TARGET, DATE)
# A change from today's level to the one aimed at: "Raise X from [baseline] to [target]".
SLOTS = f"from {BASELINE} to {TARGET}"
