"""Counts of people who took part in the team's own events: the reach of its work.

``metric.output_count`` flags "25 shop managers coached" (a service, by its
participle). The same count is often written with the people as the subject
or as the event's participants:

- people who attend, take part in or complete a teaching event the team runs:
  "60 porters complete the lifting course", "200 stall holders took part in
  the pricing workshop" (events in ``checks/data/taught_events.txt``);
- participants or attendees counted as such: "120 participants in our
  bread-making workshops", "Open days with a total of 900 attendees".

Both count the people the team's work reached, not what they do afterwards.
Participants of nothing named ("Reach 300 participants") or a reach aimed at with
an outcome verb, the events named as the means ("Reach 200 participants through 6
workshops"), are left alone.
Repeat attendance is what people choose to do, so a count of events after the
verb is left alone ("40 families attend at least 2 cooking classes"), and so is a
share ("70% of attendees rate the course 4 or more": what they think of it).
Each function returns the character span to flag, or None.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from krquality.checks.helpers import load_words
from krquality.features.types import QuantityKind, VerbClass

if TYPE_CHECKING:
    from krquality.checks.base import CheckContext

# A count of at least two: "200", "1,000", "15-20", "30+" (a share is left out: "70% of").
_COUNT = r"(?<![\w.,])(?P<count>\d[\d,]*(?:\s*[-–]\s*\d[\d,]*)?\+?)"
# The people counted: up to four words, none of them a verb of its own ("unique", "new", "shop").
_PEOPLE = r"(?P<people>(?:[a-z][\w'’-]*\s+){0,3}?[a-z][\w'’-]*)"
# Taking part: attend, take part in, complete, go through, have done (any tense, an optional auxiliary).
# Not "join": joining is signing up, what people choose ("150 parents join the reading club").
_TAKE_PART = (
    r"(?:(?:will|have|has|had|to)\s+)?(?:been\s+)?"
    r"(?:attend(?:s|ed|ing)?|participat(?:e|es|ed|ing)\s+in|t(?:ake|akes|ook|aken|aking)\s+part\s+in"
    r"|complet(?:e|es|ed|ing)|finish(?:es|ed)?|go(?:es)?\s+through|went\s+through|gone\s+through"
    r"|done|did|do)"
)
# What may stand between the verb and the event: an article and a few describing words, no count.
_EVENT_WORDS = r"(?P<before>(?:[\w'’\"“”-]+\s+){0,7}?)"
# Participants counted as such, with up to two describing words: "120 new participants".
_ROLE = re.compile(
    _COUNT + r"\s+(?:(?!(?:from|of|by|per|in|at|on|for|with)\s)[a-z][\w'’-]*\s+){0,2}?"
    r"(?P<role>participants|attendees|trainees)\b",
    re.IGNORECASE,
)


# The team's events named beside the participants: "in our workshops", "Open days with ...".
_EVENT_NAMED = re.compile(
    r"\b(?:events?|workshops?|sessions?|activities|courses?|classes|trainings?|webinars?|meetups?|"
    r"days|evenings|nights|programmes?|programs?|clinics?|seminars?|lectures?|talks|tours|festivals?)\b",
    re.IGNORECASE,
)


@cache
def _took_part() -> re.Pattern[str]:
    events = "|".join(sorted(load_words("taught_events"), key=len, reverse=True))
    return re.compile(
        _COUNT + r"\s+" + _PEOPLE + r"\s+" + _TAKE_PART + r"\s+" + _EVENT_WORDS + rf"(?P<event>{events})\b",
        re.IGNORECASE,
    )


def _several(count: str) -> bool:
    digits = re.match(r"\d[\d,]*", count)
    return digits is not None and int(digits.group(0).replace(",", "")) >= 2


def _a_count(context: CheckContext, start: int) -> bool:
    """Whether the pipeline read a count at ``start`` (not a year or a date)."""
    return any(
        q.span.start <= start < q.span.end and q.kind is QuantityKind.NUMBER
        for q in context.features.quantities
    )


def _in_body(context: CheckContext, start: int, end: int) -> bool:
    body = context.features.body
    return body.start <= start and end <= body.end


def _repeated(before: str) -> bool:
    """Whether the words before the event count the events ("at least 2", "three"): repeat attendance."""
    return bool(
        re.search(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|every|each)\b", before, re.I)
    )


def people_taught(context: CheckContext) -> tuple[int, int] | None:
    """A count of people who attend, take part in or complete one of the team's teaching events.

    >>> import krquality
    >>> result = krquality.analyze("60 porters complete the lifting course", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    text = context.text
    for match in _took_part().finditer(text):
        if not (_in_body(context, match.start(), match.end()) and _a_count(context, match.start())):
            continue
        if not _several(match.group("count")) or _repeated(match.group("before")):
            continue
        if any(w in {"and", "or", "who", "that"} for w in match.group("people").lower().split()):
            continue  # "12 cooks and 3 porters who ...": a clause, not one phrase of people
        return match.start(), match.end("event")
    return None


def participants_counted(context: CheckContext) -> tuple[int, int] | None:
    """A count of participants or attendees, the people the team's events reached.

    >>> import krquality
    >>> result = krquality.analyze("120 participants in our bread-making workshops", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    if not _EVENT_NAMED.search(context.features.body.text):
        return None  # "Reach 150 participants": participants of what is not said, so not the team's events
    lead = context.features.lead_verb
    if lead is not None and lead.verb_class is VerbClass.OUTCOME:
        return None  # "Reach 150 participants through 9 courses": the reach is the aim, the courses the means
    for match in _ROLE.finditer(context.text):
        if not (_in_body(context, match.start(), match.end()) and _a_count(context, match.start())):
            continue
        if not _several(match.group("count")):
            continue
        after = context.text[match.end() : match.end() + 40]
        if _repeated(after.split(",")[0].split(" and ")[0]) and re.match(r"\s+(?:attend|join|come)", after):
            continue  # "300 attendees come to at least 3 talks": repeat attendance
        return match.start(), match.end("role")
    return None
