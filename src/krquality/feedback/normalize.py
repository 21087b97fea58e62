"""The lookup form of a key result's text: the same statement, however it was typed.

A correction stands for a text however it comes back: with other spacing, in
another case, with a list bullet, a "KR2:" number or a closing full stop.
:func:`normalize_text` folds those away and keeps everything else (words,
numbers, units, inner punctuation), so "Launch v2" and "Launch v3" stay apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# A leading bullet, checkbox or "KR 1." / "KR2:" number, as lists and editors write them.
_PREFIX = re.compile(r"^\s*(?:[-*+•·]\s*)?(?:\[[ xX]\]\s*)?(?:kr\s*\d+\s*[.:)-]\s*)?", re.IGNORECASE)
_TRAILING = re.compile(r"[\s.;,!]+$")
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Unicode NFKC, case-folded, a leading bullet/checkbox/KR number and trailing
    punctuation dropped, runs of white space made one space.

    >>> normalize_text("  - KR2: Launch   the Partner Portal. ")
    'launch the partner portal'
    >>> normalize_text("Cut churn to 3%") == normalize_text("cut churn to 3%!")
    True
    """
    # Repeated to a fixed point, so normalising twice changes nothing: dropping
    # one bullet can bare another ("- - x"), and case-folding can make text
    # that NFKC changes again.
    for _ in range(8):
        step = unicodedata.normalize("NFKC", text)
        step = _PREFIX.sub("", step, count=1)
        step = _TRAILING.sub("", step)
        step = _SPACE.sub(" ", step).strip().casefold()
        if step == text:
            break
        text = step
    return text


def text_key(text: str) -> str:
    """The sha256 (hex) of :func:`normalize_text`: the column corrections are grouped by.

    >>> text_key("Launch the portal") == text_key("launch the portal.")
    True
    """
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
