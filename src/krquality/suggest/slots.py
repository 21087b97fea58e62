"""The placeholders a draft leaves for the author to fill, written once for every builder."""

from __future__ import annotations

BASELINE = "[baseline]"
TARGET = "[target]"
DATE = "[date]"
PLACEHOLDERS: tuple[str, ...] = (BASELINE, TARGET, DATE)
# A change from today's level to the one aimed at: "Raise X from [baseline] to [target]".
SLOTS = f"from {BASELINE} to {TARGET}"
