"""Comparators typed in ASCII before a number (">= 40%", "<= 5", "= 80%"), read for the drafts.

The parser reads a level written "measure >= 40%" as a change "= 40%" that reaches
40%: the ">" before it is left out of the change. A slot put at the start of that
change splits the comparator (">from [baseline] to = 40%"), and a bare "=" before
the number is read as the words before a level ("at 75%"), which "from [baseline]
to" replaces. This module only reads the text; the features the model sees are
left as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from krquality.features.types import Change, Direction

# A comparator made of "<" or ">" and "=" in either order, ending where the parsed change
# starts ("=" is the change's first character): "Adoption >= 40%", "errors =< 5".
_BOUND_BEFORE = re.compile(r"([<>])\s*$")
_BOUNDS = {">": Direction.KEEP_ABOVE, "<": Direction.KEEP_BELOW}
# An equals sign alone, the level's own sign: "Tenant satisfaction = 80%".
_EQUALS = re.compile(r"=\s*(?=\S)")
# An equals sign written after "to" ("Raise the rate to = 30%"): "to" already says the level.
_TO_BEFORE = re.compile(r"\bto\s+$", re.I)


def with_written_bound(text: str, change: Change) -> Change:
    """``change`` as its author wrote it: a ">" or "<" typed before its "=" makes it a bound
    to hold above or below (as "≥" and "≤" are read), its span taking the whole comparator in,
    so that no slot goes between the two signs. Any other change is returned as it is.

    >>> from krquality.features.types import Quantity, QuantityKind, SpanRef
    >>> text = "Adoption of the kiosk >= 40%"
    >>> target = Quantity(SpanRef(25, 28, "40%"), QuantityKind.PERCENT, 40.0, "%", None)
    >>> change = Change(SpanRef(23, 28, "= 40%"), Direction.REACH, None, target)
    >>> bound = with_written_bound(text, change)
    >>> bound.direction.value, bound.span.text
    ('keep_above', '>= 40%')
    """
    if not change.span.text.startswith("=") or change.direction in _BOUNDS.values():
        return change
    found = _BOUND_BEFORE.search(text, 0, change.span.start)
    if found is None:
        return change
    start = found.start()
    span = replace(change.span, start=start, text=text[start : change.span.end])
    return replace(change, span=span, direction=_BOUNDS[found.group(1)])


def equals_slot(text: str, change: Change, slot: str) -> tuple[int, int, str] | None:
    """The edit that puts ``slot`` ("from [baseline] to ") in place of the "=" a change opens
    with ("Tenant satisfaction = 80%" -> "Tenant satisfaction from [baseline] to 80%"), as an
    (start, end, replacement) triple of ``text``; after "to" the "to" is the slot's own
    ("to = 30%" -> "from [baseline] to 30%"). None when the change does not open with a bare "=".

    >>> from krquality.features.types import Quantity, QuantityKind, SpanRef
    >>> text = "Tenant satisfaction = 80%"
    >>> target = Quantity(SpanRef(22, 25, "80%"), QuantityKind.PERCENT, 80.0, "%", None)
    >>> equals_slot(text, Change(SpanRef(20, 25, "= 80%"), Direction.REACH, None, target), "from [b] to ")
    (20, 22, 'from [b] to ')
    """
    found = _EQUALS.match(change.span.text)
    if found is None or _BOUND_BEFORE.search(text, 0, change.span.start):
        return None
    start, end = change.span.start, change.span.start + found.end()
    before = _TO_BEFORE.search(text, 0, start)
    if before is not None:
        start = before.start()
    return start, end, slot
