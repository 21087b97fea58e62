"""The author's own practice, told from events held for others.

"Increase average attendance at <the events>" is the effect of events held for people who
come: a meetup, a workshop, a class. The author's own bouts of practice ("12 study sessions
per month", "4 rehearsals a week on my own") are attended by nobody but the author; their
attendance is no measure of anything (``checks/effort.py`` already reads such counts as
effort put in). This module tells them apart by word classes and structure, on the text:
a practice word in the event's name, or the author doing it alone, with no audience named.
"""

from __future__ import annotations

import re

# Words that name a bout of the author's own practice when they head or modify the event's
# name: "study sessions", "practice sessions", "rehearsals", "revision blocks".
_PRACTICE_WORDS = frozenset(
    {
        "practice", "practise", "practicing", "practising", "study", "studying", "revision", "rehearsal",
        "rehearsals", "drill", "drills", "workout", "workouts", "pomodoro", "pomodoros", "self-study",
        "deep-work", "focus",
    }
)  # fmt: skip
# The author alone: "on my own", "by myself", "solo", "alone", "my own".
_ALONE = re.compile(r"\b(?:on\s+(?:my|our)\s+own|by\s+(?:myself|ourselves)|alone|solo|my\s+own)\b", re.I)
# An audience named for the events: "for new members", "for the juniors", "open to all".
_AUDIENCE = re.compile(
    r"\b(?:for|with)\s+(?:[\w-]+\s+){0,3}?[a-z]+(?:s|ren|ple)\b"
    r"|\bopen\s+to\b|\bpublic\b|\bcommunity\b",
    re.I,
)
# Spans of time an audience pattern may catch ("for 2 hours", "for weeks"): not people.
_TIME_AFTER_FOR = re.compile(
    r"\bfor\s+(?:\d+\s+|a\s+few\s+|several\s+)?(?:hours|minutes|days|weeks|months)\b", re.I
)


def own_practice(text: str, name: list[str]) -> bool:
    """Whether the events named by ``name`` (the words of the event's name in ``text``) are the
    author's own practice, which nobody else attends.

    >>> own_practice("Hold 12 study sessions per month", ["study", "sessions"])
    True
    >>> own_practice("Do 4 rehearsals a week on my own", ["rehearsals"])
    True
    >>> own_practice("Run 6 practice sessions for junior players", ["practice", "sessions"])
    False
    >>> own_practice("Host 6 cooking workshops", ["cooking", "workshops"])
    False
    """
    audience = _AUDIENCE.search(_TIME_AFTER_FOR.sub(" ", text)) is not None
    if _ALONE.search(text) is not None:
        return True
    practising = any(word.lower().strip(".,;:") in _PRACTICE_WORDS for word in name)
    return practising and not audience
