"""Priority tags opening a key result: "P1:", "p0 -", "`PX`" (priority not set yet).

Teams paste key results out of trackers with the priority still on them. The body
(:mod:`krquality.nlp.body`) starts after the tag; ``wording.metadata`` reports it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

# A priority tag's own text: "P0".."P4", "PX".
PRIORITY = re.compile(r"^[Pp](?:[0-4]|X)$")
_SEPARATORS = frozenset({":", "-", "–", "—", "|"})
_TICKS = frozenset({"`", "``", "''"})


def priority_end(doc: Doc, i: int) -> int:
    """End of a priority tag opening at ``doc[i]`` ("`PX`", "P1:", "P0 -"), else ``i``.

    A bare tag needs a separator after it; a backticked one is set apart by its ticks.
    """
    n = len(doc)
    j = i
    ticked = doc[j].text in _TICKS and j + 2 < n
    if ticked:
        j += 1
    if not PRIORITY.match(doc[j].text):
        return i
    j += 1
    if ticked:
        if doc[j].text not in _TICKS:
            return i
        j += 1
    elif j + 1 < n and doc[j].text in _SEPARATORS:
        j += 1
    else:
        return i
    return j if j < n else i
