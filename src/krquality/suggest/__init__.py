"""Rewrite suggestions: drafts built from the key result's own words, re-checked before they are returned.

>>> from krquality.suggest import fill_placeholders
>>> fill_placeholders("Launch the mobile app by [date]")
'Launch the mobile app by Q4'
"""

from __future__ import annotations

from krquality.suggest.drafts import Draft, DraftKind, build_drafts
from krquality.suggest.fill import fill_placeholders
from krquality.suggest.layout import continued_lines
from krquality.suggest.rewrite import MAX_SUGGESTIONS, fixed_codes, suggest, suggest_many, verify
from krquality.suggest.slots import BASELINE, DATE, EFFECT, PLACEHOLDERS, TARGET

__all__ = [
    "BASELINE",
    "DATE",
    "EFFECT",
    "MAX_SUGGESTIONS",
    "PLACEHOLDERS",
    "TARGET",
    "Draft",
    "DraftKind",
    "build_drafts",
    "continued_lines",
    "fill_placeholders",
    "fixed_codes",
    "suggest",
    "suggest_many",
    "verify",
]
