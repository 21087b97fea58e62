"""Progress templates: a blank tally left after a key result whose target is stated.

Trackers and check-in sheets often carry a tally to fill in at each check-in after the
sentence: "Run 10 tasting workshops X/10 (X%)", "Train 12 stewards N/12", "Print 5 menus
[ ]/5". The blank is progress to date, not a value missing from the key result: the target
is stated (in the sentence and as the tally's total). So it is a progress note
(``wording.metadata``), left out of drafts, and not a placeholder (``wording.placeholder``).

A blank that is the sentence's own value stays a placeholder: after a word that takes a
number ("Raise the rating to X/5"), or in a sentence that states no number of its own
("Guest rating X/5": a measure and its missing value).
"""

from __future__ import annotations

import re

# A blank figure: a letter standing for a number, a run of underscores or question marks, an
# empty checkbox. Escaped Markdown underscores ("\_\_") count too.
_BLANK = r"(?:[XxNn]|(?:\\?_){1,6}|\?{1,3}|\[\s*\])"
# The tally closing the text: a blank over a total, with a blank percent in brackets after it,
# set apart by a space, a colon, a dash or an arrow, or itself in brackets: " X/10 (X%)", ": N/12",
# " - [ ]/5", " (X/8)".
_TALLY = rf"{_BLANK}\s?/\s?\d+(?:\.\d+)?(?:\s*\(\s*{_BLANK}\s?%\s*\))?(?:\s+(?:done|complete|completed))?"
_TEMPLATE = re.compile(
    rf"(?P<sep>\s*[:\-–—]\s*|\s*=>\s*|\s+)(?P<note>{_TALLY}|\(\s*{_TALLY}\s*\))[\s.;]*$",
    re.IGNORECASE,
)
# Words after which a figure is the sentence's own value: "to X/5", "at N/10", "rating of X/5".
_TAKES_VALUE = frozenset(
    {"to", "at", "of", "from", "above", "below", "over", "under", "than", "about", "around", "is", "are",
     "reach", "reaches", "hit", "hits", "score", "rating", "rate", "between", "and", "by"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_STATED = re.compile(r"(?<![\w/])\d[\d,.]*(?![\w/])|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                     r"eleven|twelve|fifteen|twenty|thirty|fifty|hundred)\b", re.IGNORECASE)  # fmt: skip
_MIN_SENTENCE_WORDS = 3


def progress_template(text: str) -> tuple[int, int] | None:
    """Span of a blank progress tally closing ``text`` (with its separator), else None.

    >>> text = "Run 10 tasting workshops X/10 (X%)"
    >>> span = progress_template(text); text[span[0] : span[1]]
    ' X/10 (X%)'
    >>> text = "Print 5 seasonal menus: [ ]/5"
    >>> span = progress_template(text); text[span[0] : span[1]]
    ': [ ]/5'
    >>> progress_template("Raise the guest rating from 3.9 to X/5"), progress_template("Guest rating X/5")
    (None, None)
    """
    if "/" not in text:
        return None  # most key results: no tally at all
    match = _TEMPLATE.search(text)
    if match is None:
        return None
    sentence = text[: match.start()]
    words = _WORD.findall(sentence)
    if len(sentence.split()) < _MIN_SENTENCE_WORDS or not words or words[-1].lower() in _TAKES_VALUE:
        return None
    if _STATED.search(sentence) is None:
        return None  # no target of its own: the blank is the missing value
    end = len(text.rstrip(" \t.;"))
    return match.start(), end
