"""A key result written as one Markdown link to its tracker issue.

Plans kept in a tracker are often pasted as a list of links, the key result being the
link's title: "[KR: Grow repeat orders](https://tracker.example/issues/12)". The pipeline
reads the whole link as one noun phrase and finds no lead verb, so the checks that ask
whether a direction verb moves a measure must read the title themselves.
"""

from __future__ import annotations

import re

from krquality.nlp.lexicon import direction_words

# The whole text is a link, maybe after a bullet and before owner tags or a grade:
# "[Cut refund time](#kr2) [ana] 0.7".
_LINK = re.compile(r"^[\s\-*•]*\[(?P<title>[^\[\]]+)\]\([^()\s]*\)(?:\s.*)?$", re.DOTALL)
# A label opening the title: "KR:", "KR 2:", "Goal -".
_TITLE_LABEL = re.compile(r"^\s*[A-Za-z]{1,10}(?:\s?\d{1,2})?\s*[:\-–]\s+")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# Verbs that move a measure, beyond the direction verbs: a title opening with one names
# a measure to move, never a thing to deliver.
_MOVING = frozenset({"improve", "speed", "shorten", "optimize", "optimise", "accelerate"})


def link_title(text: str) -> str | None:
    """The title of the Markdown link that makes up ``text``, without a label, else None.

    >>> link_title("[KR: Grow repeat orders](https://tracker.example/issues/12)")
    'Grow repeat orders'
    >>> link_title("Grow repeat orders (see [sheet](https://x.example))") is None
    True
    """
    match = _LINK.match(text)
    if match is None:
        return None
    title = match["title"]
    label = _TITLE_LABEL.match(title)
    return title[label.end() :] if label is not None else title.strip()


def title_moves_a_measure(text: str) -> bool:
    """Whether ``text`` is one link whose title opens with a verb that moves a measure
    ("[Increase use of the export](...)", "[Speed up the search by half](#kr3)"): a measure
    to move, not a deliverable, whatever the label read from the link.

    >>> title_moves_a_measure("[KR: Grow repeat orders](https://tracker.example/issues/12)")
    True
    >>> title_moves_a_measure("[Launch the refund form](https://tracker.example/issues/9)")
    False
    """
    title = link_title(text)
    if title is None:
        return False
    words = _WORD.findall(title)
    return bool(words) and words[0].lower() in direction_words("moves_a_measure") | _MOVING
