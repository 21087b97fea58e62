"""Lay out a suggestion of several key results (a split) where its key result was written.

A split suggestion holds one key result per line. Written into a document
in place of the key result, every line after the first must open the way
the key result's own line does (its indentation, its bullet or the next
number, an empty checkbox), so that each part is an item of its own list
and no part reads as the continuation of another.
"""

from __future__ import annotations

import re

_MARKER = re.compile(
    r"(?P<indent>[ \t>]*)(?:(?P<bullet>[-*+•])|(?P<number>\d{1,3})(?P<close>[.)]))?(?P<space>\s*)"
)
_CHECKBOX = re.compile(r"\[[ xX]\]\s+$")


def continued_lines(replacement: str, document: str, at: int) -> str:
    """``replacement`` as written at offset ``at`` of ``document``: each line after its first
    opens like the line of ``document`` that ``at`` is on.

    A key result that starts mid-line (after another sentence, after a label
    such as "KR 2:") gives its later lines the line's indentation only.

    >>> print(continued_lines("Ship A by May\\nShip B by May", "  - [x] Ship A and B by May", 8))
    Ship A by May
      - [ ] Ship B by May
    >>> print(continued_lines("Ship A\\nShip B", "Notes\\n3) Ship A and B", 9))
    Ship A
    4) Ship B
    >>> continued_lines("Ship A by May", "- Ship it", 2)
    'Ship A by May'
    """
    if "\n" not in replacement:
        return replacement
    at = max(0, min(at, len(document)))
    line_start = document.rfind("\n", 0, at) + 1
    lead = document[line_start:at]
    checkbox = _CHECKBOX.search(lead)
    marker_text = lead[: checkbox.start()] if checkbox is not None else lead
    marker = _MARKER.fullmatch(marker_text)
    if marker is None:
        prefix = lead[: len(lead) - len(lead.lstrip(" \t"))]
    else:
        prefix = marker["indent"]
        if marker["bullet"]:
            prefix += marker["bullet"] + (marker["space"] or " ")
        elif marker["number"]:
            prefix += "{n}" + marker["close"] + (marker["space"] or " ")
        if checkbox is not None:
            prefix += "[ ] "
    lines = replacement.split("\n")
    out = [lines[0]]
    number = int(marker["number"]) if marker is not None and marker["number"] else 0
    for i, line in enumerate(lines[1:], start=1):
        out.append(prefix.replace("{n}", str(number + i)) + line)
    return "\n".join(out)
