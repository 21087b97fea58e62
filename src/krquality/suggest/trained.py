"""Drafts toward what a count of people trained or coached is for: the share who then pass a
test, or reach the goal they set.

"40 stewards complete the first aid course" or "Train 12 cashiers in fraud
awareness" counts the people put through a training, which is work done
(``metric.output_count``); the training is there for what they then know,
and a test after it shows that:

- "Raise the share of stewards who pass a test after the first aid course
  from [baseline] to [target] by [date]";
- "Raise the share of cashiers who pass a test after training in fraud
  awareness from [baseline] to [target] by [date]".

The shape is read from the grammar of the sentence, not from its topic: a
count of people as the subject of a verb of taking part (complete, attend,
take part in, be trained with ...) whose object's head is a kind of
training (a course, a workshop, a module ...), or the verb "train" (teach,
upskill, educate) with a count of people as its object and what they learn
after a preposition. All the author's words but the count stay; the count
is the means the share replaces, as for the other drafts of an output
count's effect. Coaching and mentoring serve a goal each person sets, which
no one test shows: their draft is the share who reach it, "Raise the share
of volunteers given 1:1 coaching who reach the goal they set with their
coach from [baseline] to [target] by [date]".
"""

from __future__ import annotations

import re

from krquality.checks.periods import framing_dates
from krquality.features.types import Features
from krquality.nlp.dates import time_frame_spans
from krquality.suggest import lexicon
from krquality.suggest.aims import split_frame
from krquality.suggest.casing import capitalise_first
from krquality.suggest.slots import SLOTS
from krquality.suggest.structure import structure_of

# Heads of a phrase that names a training people go through.
_TRAINING_NOUNS = frozenset(
    {
        "training",
        "trainings",
        "course",
        "courses",
        "workshop",
        "workshops",
        "module",
        "modules",
        "bootcamp",
        "curriculum",
        "class",
        "classes",
        "tutorial",
        "tutorials",
        "lesson",
        "lessons",
        "programme",
        "program",
        "certification",
        "induction",
    }
)
# People who may be counted but are not named by a plural ending ("staff", "crew").
_PEOPLE = lexicon.PEOPLE_NOUNS | frozenset(
    {"staff", "people", "crew", "personnel", "employees", "reps", "apprentices", "nurses", "fellows"}
)
# A count: "40", "10-15", "200+", "at least 12".
_COUNT = r"(?:(?:at\s+least|over|more\s+than|up\s+to)\s+)?\d[\d,]*(?:\s*[-–]\s*\d[\d,]*)?\+?"
# "40 stewards (have been|will be) trained with|on|in ...", "25 cashiers complete ...".
_TAKES_PART = re.compile(
    r"^(?P<count>" + _COUNT + r")\s+(?P<people>[\w-]+(?:\s+[\w-]+){0,3}?)\s+"
    r"(?:(?:have|has|will|shall)\s+)?(?:(?:been|be|are|were)\s+)?"
    r"(?P<verb>(?:take[sn]?|took|taking)\s+part\s+in|complete[ds]?|finish(?:e[ds])?|attend(?:s|ed)?|take[sn]?|took|"
    r"participate[ds]?\s+in|go\s+through|went\s+through|gone\s+through|"
    r"trained|taught|upskilled|educated)\s+(?P<rest>.+)$",
    re.I,
)
# "Train 12 cashiers in fraud awareness".
_TRAIN = re.compile(
    r"^(?:train|teach|upskill|educate)\s+(?P<count>" + _COUNT + r")\s+"
    r"(?P<people>[\w-]+(?:\s+[\w-]+){0,3}?)\s+"
    r"(?P<prep>in|on|about|with|to\s+use)\s+(?P<rest>.+)$",
    re.I,
)
# Where the head of a noun phrase ends: before its first preposition or clause.
_HEAD_END = re.compile(r"\s+(?:at|for|on|in|of|about|with|during|by|run|held|given|led)\b", re.I)
# A second thing or clause in the rest: the draft would pin the test on one of two.
_TWO_THINGS = re.compile(r"\s(?:and|or|&|\+|who|which|that|so)\s|[,;:/()]", re.I)
# A quoted title is one name, whatever words it holds ('the "plan and budget" workshop').
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
# Coaching and mentoring serve a goal each person sets: "30 founders (have been) coached on ...",
# "40 shift leads receive weekly coaching", "Mentor 12 apprentices through their first year".
_COACHED = re.compile(
    r"^(?P<count>" + _COUNT + r")\s+(?P<people>[\w-]+(?:\s+[\w-]+){0,3}?)\s+"
    r"(?:(?:have|has|will|shall)\s+)?(?:(?:been|be|are|were)\s+)?(?P<kind>coached|mentored)(?P<rest>\s+.+)?$",
    re.I,
)
_GETS = re.compile(
    r"^(?P<count>" + _COUNT + r")\s+(?P<people>[\w-]+(?:\s+[\w-]+){0,3}?)\s+(?:(?:will|shall)\s+)?"
    r"(?:get|gets|got|receive|receives|received|have|has|had)\s+(?P<kind>(?:[\w:-]+\s+)?(?:coaching|mentoring))"
    r"(?P<rest>\s+.+)?$",
    re.I,
)
_COACH = re.compile(
    r"^(?P<kind>coach|mentor)\s+(?P<count>" + _COUNT + r")\s+(?P<people>[\w-]+(?:\s+[\w-]+){0,3}?)"
    r"(?P<rest>\s+(?:on|in|through|with|to|for|towards?)\s+.+)?$",
    re.I,
)
# Goals the sentence names for the people coached: "... in their goals for the spring term".
_GOALS = re.compile(
    r"\b(?:in|on|with|towards?|to\s+reach)\s+(?P<goals>(?:their|the)\s+(?:[\w-]+\s+)?goals?\b.*)$", re.I
)
# "in" before a name or a place says where the training is, not what it teaches.
_PLACE = re.compile(
    r"^training\s+in\s+(?:[A-Z]|(?:the\s+|each\s+|every\s+|all\s+|our\s+)?(?:[\w-]+\s+)?"
    r"(?:county|region|city|town|branch|branches|site|sites|office|offices|depot|depots|store|stores|district|"
    r"area|country|village|ward|wards|clinic|clinics|school|schools|team|teams)\b)"
)
_TRAINED_VERBS = frozenset({"trained", "taught", "upskilled", "educated"})


def trained_drafts(features: Features) -> list[str]:
    """The share of the people counted who pass a test after their training, with placeholders.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "40 stewards complete the first aid course"
    >>> trained_drafts(Features(text, SpanRef(0, len(text), text), Form.STATE, None))[0][:59]
    'Raise the share of stewards who pass a test after the first'
    """
    shape = structure_of(features)
    core = shape.core(features.text).strip().rstrip(" .!;")
    if not core or shape.question or "[" in core or "\n" in core:
        return []
    framed = shape.time_frame or bool(framing_dates(features))
    body, date = split_frame(core, framed)
    if not date and shape.cycle_tag is not None and not time_frame_spans(body):
        date = f"by the end of {shape.cycle_tag}"  # "... [Q3]": the tag is the deadline, written out
    training = _training(body)
    coached = _coaching(body) if training is None else None
    if training is not None:
        people, after = training
        draft = f"Raise the share of {people} who pass a test after {after} {SLOTS} {date}"
    elif coached is not None:
        people, given, guide = coached
        named = _GOALS.search(given)
        if named is not None:  # "coached in their goals for the term": the goals are named already
            draft = f"Raise the share of {people} who reach {named.group('goals')} with their {guide}"
        else:
            draft = f"Raise the share of {people} {given} who reach the goal they set with their {guide}"
        draft += f" {SLOTS} {date}"
    else:
        return []
    return [capitalise_first(" ".join(draft.split()))]


def _coaching(body: str) -> tuple[str, str, str] | None:
    """The people counted, how they are coached or mentored ("given 1:1 coaching", "coached on
    their pitch decks") and who guides them ("coach", "mentor")."""
    match = _COACHED.match(body) or _GETS.match(body) or _COACH.match(body)
    if match is None:
        return None
    people, rest = match.group("people"), (match.group("rest") or "").strip()
    if not _person(people.split()[-1]):
        return None  # "Coach 3 teams", "mentor 4 projects": a goal each sets is a person's
    if re.search(r"\d", rest) or _TWO_THINGS.search(f" {rest} ") or len(rest.split()) > 8:
        return None  # "for two hours apiece": a number the draft would drop or misplace
    kind = match.group("kind").lower()
    guide = "mentor" if "mentor" in kind else "coach"
    given = (
        f"given {match.group('kind')}"
        if match.re is _GETS
        else ("mentored" if guide == "mentor" else "coached")
    )
    return people, f"{given} {rest}".strip(), guide


def _training(body: str) -> tuple[str, str] | None:
    """The people counted and the training they go through, as "after ..." will name it."""
    if (match := _TRAIN.match(body)) is not None:
        prep = match.group("prep").lower()
        rest = match.group("rest")
        after = f"training {prep} {rest}"
    elif (match := _TAKES_PART.match(body)) is not None:
        rest = match.group("rest")
        trained = match.group("verb").lower() in _TRAINED_VERBS
        lead = re.match(r"(?:with|through|in|on|by|at)\s+", rest, re.I)
        if trained and lead is not None and _names_training(rest[lead.end() :]):
            after = _definite(rest[lead.end() :])  # "trained with the first aid course": the course
        elif trained and lead is not None and lead.group().split()[0].lower() in {"in", "on"}:
            after = f"training {rest}"  # "trained in fire safety" (not "trained by the team")
        elif not trained and _names_training(rest):
            after = _definite(rest)
        else:
            return None  # "complete 3 shifts", "attend the AGM": no training to test
    else:
        return None
    people = match.group("people")
    if people.split()[-1].lower() not in _PEOPLE and not _plural(people.split()[-1]):
        return None
    if _PLACE.match(after):
        return None  # "trained in Kisumu county", "in each branch": where, not what they learn
    if re.search(r"\d", after) or _TWO_THINGS.search(_QUOTED.sub("X", after)) or len(after.split()) > 10:
        return None  # a number or a second thing in the training would be lost or misread
    return people, after


def _names_training(phrase: str) -> bool:
    """Whether the head of ``phrase`` (before any preposition) is a kind of training."""
    end = _HEAD_END.search(phrase)
    words = re.findall(r"[\w-]+", phrase[: end.start()] if end is not None else phrase)
    return bool(words) and words[-1].lower() in _TRAINING_NOUNS


def _definite(phrase: str) -> str:
    """``phrase`` with "the" for "a"/"an", or before a bare name ("coaching training")."""
    first, _, rest = phrase.partition(" ")
    if first.lower() in {"a", "an"}:
        return f"the {rest}"
    if first.lower() in {"the", "their", "our", "its", "his", "her", "each", "every"}:
        return phrase
    return f"the {phrase}"


def _person(word: str) -> bool:
    """A plural noun naming people by role ("volunteers", "founders", "analysts", "trainees")."""
    lowered = word.lower()
    singular = lowered[:-1] if lowered.endswith("s") else ""
    roles = ("er", "or", "ist", "ant", "ent", "ian", "ee", "ive")
    return lowered in _PEOPLE or (_plural(word) and singular.endswith(roles))


def _plural(word: str) -> bool:
    """A plural noun as counted people are named ("reps", "nurses"; not "class", "us")."""
    return len(word) > 3 and word.lower().endswith("s") and not word.lower().endswith(("ss", "us", "is"))
