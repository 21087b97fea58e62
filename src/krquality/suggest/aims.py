"""Metric drafts for tasks and vague aims the other draft builders leave without one.

Each builder reads the key result's core (its words without metadata) and
returns a draft only when it can keep every part of it:

- a direction verb with a measure and no amount ("Grow the number of
  mentors (active this term)") gets ``from [baseline] to [target]`` after
  the measure and any parenthesis that defines it;
- "Continue/Keep <doing X>" gets the measure X is for, without the
  continuing verb ("Keep closing open tickets" -> fewer open tickets);
- a wished state ("More volunteers", "The app has a clearer menu",
  "Make the forms simpler", "Introduce better tracking of loans") gets a
  measure with the author's words;
- a recurring activity with a purpose clause ("... each week to welcome
  new members") gets the effect its purpose names.

Every draft is re-analysed and judged like any other (:mod:`krquality.suggest.rewrite`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from krquality.checks.periods import framing_dates
from krquality.features.types import Features
from krquality.suggest import lexicon
from krquality.suggest.casing import capitalise_first
from krquality.suggest.slots import DATE
from krquality.suggest.slots import SLOTS as _SLOTS
from krquality.suggest.structure import structure_of

# Where a measure after a direction verb ends: before a dash aside, a comma or a semicolon.
_ASIDE = re.compile(r"\s+-\s+|\s*[,;]")
_PAREN = re.compile(r"\s*\([^()]*\)")
# A time frame at the end of the core ("in Q3", "by June 2025", "this year", "during the batch").
_PERIOD = (
    r"(?:q[1-4]|h[12]|\d{4}|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*"
    r"|dec\w*|week|month|quarter|year|sprint|batch|cycle|term|season|semester|release)"
)
_TRAILING_FRAME = re.compile(
    r"\s+(?:(?:by|before|until|in|within|during|this|next|over)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?"
    + _PERIOD
    + r"(?:\s+\d{2,4})?|(?:each|every|per|a)\s+"
    + _PERIOD
    + r"|weekly|monthly|quarterly|yearly|on\s+a\s+\w+\s+basis)\s*$",
    re.I,
)
# Heads that name a measure after a direction verb ("adoption of X", "time to X"); a plural
# count noun ("regressions") does too, a thing made ("the setup section") does not.
_MEASURE_WORDS = frozenset(
    {"adoption", "breadth", "usage", "use", "engagement", "retention", "participation", "coverage", "reach",
     "diversity", "awareness", "uptake", "satisfaction", "attendance", "traffic", "revenue", "churn",
     "latency", "downtime", "turnover", "growth", "volume", "visibility", "membership"}
)
MEASURE_HEADS = frozenset(
    {"number", "share", "percentage", "percent", "rate", "time", "count", "amount", "average", "ratio",
     "size"}
)
_HEAD_END = re.compile(
    r"\s+(?:of|for|in|on|at|across|among|to|from|with|per|needed|spent|taken)\b|\s*[(,;-]", re.I
)
_GROUP_NOUNS = frozenset({"team", "community", "group", "network", "pool", "base", "crew", "club"})
# Purpose verbs that name an effect on people, and the measure of that effect.
_PURPOSE = re.compile(r"\bto\s+(engage|retain|welcome|onboard|attract|recruit|reach|involve)\s+", re.I)
_PEOPLE = lexicon.PEOPLE_NOUNS | {
    "people", "newcomers", "visitors", "users", "customers", "readers", "players", "families", "residents",
    "guests", "parents", "patients", "clients", "tenants", "neighbours", "neighbors",
}
_RETURNING = frozenset({"engage", "retain", "welcome", "onboard", "involve"})
_PHRASE_END = re.compile(r"\s+(?:and|so|to|who|that|which|by|with|while)\s+|[,;:(.]")
_STATE = re.compile(
    r"^(?P<subject>.+?)\s+(?:has|have|gets|offers)\s+(?:a\s+|an\s+)?(?P<aim>\w+)\s+(?P<rest>.+)$"
)
_MAKE = re.compile(r"^make\s+(?P<what>.+?)\s+(?:more|less)\s+(?P<adjective>[a-z-]+)$", re.I)
_CLOSING = frozenset({"closing", "fixing", "resolving", "solving", "triaging", "clearing", "answering"})


def aim_drafts(features: Features) -> list[str]:
    """Metric drafts (texts with placeholders) for a task or vague aim, the most faithful first.

    >>> from krquality.features.types import Form
    >>> from krquality.features.types import SpanRef
    >>> text = "Grow the number of mentors (active this term)"
    >>> aim_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))  # "this term" dates it
    ['Grow the number of mentors (active this term) from [baseline] to [target]']
    """
    shape = structure_of(features)
    core = shape.core(features.text).strip().rstrip(" .!;")  # (a link read as its words)
    if not core or shape.question or shape.trails_off or "[" in core or "\n" in core:
        return []
    framed = shape.time_frame or bool(framing_dates(features))
    builders: tuple[Callable[[str, bool], str | None], ...] = (
        _direction, _continuing, _comparative, _wished_state, _made_more, _purpose, _feedback, _improved,
        _reported,
    )
    return [d for b in builders if (d := b(core, framed)) is not None]


def split_frame(core: str, framed: bool) -> tuple[str, str]:
    """The core without a trailing time frame, and the date phrase a draft ends with."""
    frame = _TRAILING_FRAME.search(core)
    if frame is not None:
        return core[: frame.start()], frame.group(0).strip()
    return core, "" if framed else f"by {DATE}"


def _direction(core: str, framed: bool) -> str | None:
    """ "Increase the number of X (definition) from [baseline] to [target] by [date]"."""
    first, _, rest = core.partition(" ")
    lowered = first.lower()
    if lowered not in lexicon.INCREASE_VERBS | lexicon.DECREASE_VERBS or lowered == "improve":
        return None
    if len(rest.split()) < 2 or re.search(r"\b(?:from|to)\s+\d", rest):
        return None
    body, date = split_frame(core, framed)
    if re.search(r"\d", _PAREN.sub("", body)):
        return None  # an amount the author wrote: the edited draft completes it
    if not _names_measure(body.split(" ", 1)[1]):
        return None  # "Expand the setup section": a thing made, not a measure to move
    aside = _ASIDE.search(body)
    at = aside.start() if aside is not None else len(body)
    return _tidy(f"{body[:at]} {_SLOTS} {date}{body[at:]}")


def names_measure(phrase: str) -> bool:
    """Whether ``phrase`` opens with a measure ("billing support tickets", "the wait time"), as
    the object of a direction verb must to be moved as written.

    >>> names_measure("late deliveries to the depot"), names_measure("the setup section")
    (True, False)
    """
    return _names_measure(phrase)


def _names_measure(phrase: str) -> bool:
    """Whether ``phrase`` (after the verb) opens with a measure: its head before any
    complement is a measure word or a plural count noun."""
    end = _HEAD_END.search(phrase)
    words = (phrase[: end.start()] if end is not None else phrase).split()
    if not words:
        return False
    head = words[-1].lower().strip("_*`")
    measures = _MEASURE_WORDS | MEASURE_HEADS | frozenset(lexicon.MEASURE_OF) | {"views", "pageviews"}
    return head in measures or (head.endswith("s") and not head.endswith(("ss", "us", "is")))


def _continuing(core: str, framed: bool) -> str | None:
    """ "Keep closing open bugs on X" -> "Reduce open bugs on X from [baseline] to [target] ..."."""
    words = core.split()
    if len(words) < 3 or words[0].lower() not in {"continue", "keep", "carry"}:
        return None
    at = 2 if words[1].lower() == "on" and words[0].lower() == "carry" else 1
    gerund = words[at].lower()
    if not gerund.endswith("ing"):
        return None
    body, date = split_frame(" ".join(words[at + 1 :]), framed)
    body = re.sub(r"^(?:the|our|all)\s+", "", body.strip(), flags=re.I)
    if not body or len(body.split()) > 10 or "," in body:
        return None
    if gerund in _CLOSING:
        state = "unanswered" if gerund == "answering" else "open"
        opened = body if body.lower().startswith(("open ", "unanswered ")) else f"{state} {body}"
        return _tidy(f"Reduce {opened} {_SLOTS} {date}")
    return None


def _noun_phrase(phrase: str) -> str | None:
    phrase = phrase.strip(" .")
    if not phrase or len(phrase.split()) > 8 or re.search(r"[+&/:]|\b(?:and|or)\b", phrase):
        return None
    if phrase.split()[0].lower() in {"number", "amount", "count"}:
        phrase = re.sub(r"^\w+\s+of\s+", "", phrase)
    return phrase


def _comparative(core: str, framed: bool) -> str | None:
    """ "More volunteers, bigger crew" -> "Increase the number of volunteers from ... by [date]"."""
    clauses = [c.strip() for c in re.split(r"\s*[,;]\s*", core) if c.strip()]
    first, _, rest = clauses[0].partition(" ")
    if first.lower() != "more" or not rest:
        return None
    for clause in clauses[1:]:  # "..., bigger team": the same wish said of the group
        words = clause.lower().split()
        if len(words) != 2 or words[0] not in {"bigger", "larger"} or words[1] not in _GROUP_NOUNS:
            return None
    body, date = split_frame(rest, framed)
    name = _noun_phrase(body)
    if name is None:
        return None
    head = name.split()[-1].lower()
    if head not in _PEOPLE and not (head.endswith("s") and not head.endswith("ss")):
        return None  # "More quality": no count to name
    return _tidy(f"Increase the number of {name} {_SLOTS} {date}")


def _the(phrase: str, *, opens: bool) -> str:
    """``phrase`` with "the" before it; a capital that only opened the sentence is lowered,
    a capital mid-sentence names something ("Ledgerly") and takes no article."""
    words = phrase.split()
    if words[0].lower() in lexicon.DETERMINERS:
        return phrase[:1].lower() + phrase[1:]
    if words[0].islower() or (opens and words[0][1:].islower()):
        return "the " + phrase[:1].lower() + phrase[1:]
    return phrase  # a name ("Ledgerly"): no article


def _wished_state(core: str, framed: bool) -> str | None:
    """ "The app has a clearer menu" -> "Raise the survey rating of the menu of the app ..."."""
    state = _STATE.match(core)
    if state is None or state.group("aim").lower() not in lexicon.AIM_WORDS | {"clear", "good"}:
        return None
    subject, (rest, date) = state.group("subject"), split_frame(state.group("rest"), framed)
    name = _noun_phrase(rest)
    if name is None or len(subject.split()) > 4:
        return None
    measure = lexicon.MEASURE_OF.get(name.split()[-1].lower(), "survey rating")
    return _tidy(f"Raise the {measure} of the {name} of {_the(subject, opens=True)} {_SLOTS} {date}")


def _made_more(core: str, framed: bool) -> str | None:
    """ "Make the forms simpler" / "Make X more friendly" -> the share of users who find it so."""
    body, date = split_frame(core, framed)
    made = _MAKE.match(body)
    if made is None or len(made.group("what").split()) > 5:
        return None
    what = _the(made.group("what"), opens=False)
    return _tidy(
        f"Increase the share of surveyed users who rate {what} as {made.group('adjective')} {_SLOTS} {date}"
    )


def _purpose(core: str, framed: bool) -> str | None:
    """ "Host a drop-in each week to welcome new members" -> the share of new members who return."""
    purpose = _PURPOSE.search(core)
    if purpose is None:
        return None
    after = core[purpose.end() :]
    end = _PHRASE_END.search(after)
    people = after[: end.start()] if end is not None else after
    words = people.split()
    if not words or len(words) > 5 or words[-1].lower() not in _PEOPLE:
        return None
    if end is not None and after[end.start() :].strip(" ."):
        tail = after[end.start() :].strip()
        if not tail.lower().startswith("and "):
            return None
    people = _the(people, opens=False).removeprefix("the ")
    date = f"by {DATE}" if not framed else ""
    if purpose.group(1).lower() in _RETURNING:
        return _tidy(f"Increase the share of {people} who come back a second time {_SLOTS} {date}")
    return _tidy(f"Increase the number of {people} {_SLOTS} {date}")


_FEEDBACK = re.compile(
    r"^(?:collect|gather|get|request|ask\s+for|seek)(?:\s+and\s+\w+)?\s+(?:feedback|input)\s+from\s+(?P<rest>.+)$",
    re.I,
)
# "Ask the tenants for feedback after each house meeting": the people asked come first.
_ASKED = re.compile(
    r"^(?:ask|invite|survey|poll)\s+(?P<people>.+?)\s+for\s+(?:their\s+)?(?:feedback|input)(?P<rate>\s.+)$",
    re.I,
)
# "Send the minutes to the members and ask them for feedback after each meeting": the people are
# named by the first piece of work, the means of the second.
_ASKED_THEM = re.compile(
    r"^\w+\s+.+?\s+(?:with|to)\s+(?P<people>(?:the\s+|our\s+|all\s+)?[\w-]+(?:\s+[\w-]+)?)"
    r",?\s+(?:and|or)(?:\s+otherwise)?\s+(?:ask|engage|invite|survey|poll)\s+them\s+for\s+(?:their\s+)?"
    r"(?:feedback|input)(?P<rate>\s.+)$",
    re.I,
)
# Feedback after each event is recurring too: the event is its rate ("after every workshop").
_EVENT_RATE = re.compile(
    r"\s+(?:after|following|at\s+the\s+end\s+of)\s+(?:each|every)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s*$",
    re.I,
)


def _feedback(core: str, framed: bool) -> str | None:
    """ "Collect feedback from tenants each quarter" -> the share of tenants who give it, as a rate;
    "Ask the tenants for feedback after each house meeting" the same, after each house meeting."""
    asked = _FEEDBACK.match(core)
    if asked is not None:
        rest = asked.group("rest")
        frame = _TRAILING_FRAME.search(rest) or _EVENT_RATE.search(rest)
        if frame is None:
            return None  # not recurring: a one-off request is a task to date, not a rate
        people, rate = rest[: frame.start()].strip(), frame.group(0).strip()
    elif (invited := _ASKED.match(core) or _ASKED_THEM.match(core)) is not None:
        written = invited.group("rate")
        rate_match = _TRAILING_FRAME.fullmatch(written) or _EVENT_RATE.fullmatch(written)
        if rate_match is None:
            return None
        people, rate = invited.group("people").strip(), rate_match.group(0).strip()
    else:
        return None
    words = people.split()
    if not words or len(words) > 5 or words[-1].lower() not in _PEOPLE:
        return None  # ("ask them": who is asked is not named)
    rate = re.sub(r"^on\s+a\s+(\w+)\s+basis$", lambda m: m.group(1), rate, flags=re.I)
    people = _the(people, opens=False).removeprefix("the ")
    # a rate of events dates nothing: the share is reached by a date
    date = f"by {DATE}" if _EVENT_RATE.fullmatch(f" {rate}") and not framed else ""
    return _tidy(f"Increase the share of {people} who give feedback {rate} {_SLOTS} {date}")


# "Improved X", "Better X", "Greater X": a wished state named by a noun phrase.
_IMPROVED = frozenset({"improved", "better", "greater", "stronger", "clearer", "enhanced", "increased"})
_VERBS_INSIDE = re.compile(r"\b(?:is|are|was|were|be|has|have|will|should|can)\b|[.;:!?+&]", re.I)


# Verbs that bring in what the aim word qualifies ("Introduce better tracking of ..."): the
# work is the means, the better thing its outcome, measured the same way.
_BRINGING = frozenset(
    {"integrate", "implement", "introduce", "build", "create", "develop", "provide", "establish", "deliver",
     "enable", "design", "add", "offer", "adopt", "bring", "put"}
)


# Ways of handling something, rated once what they handle is named before them.
_WORK_OF = frozenset({"management", "handling", "tracking", "triage", "scheduling", "routing"})


def _improved(core: str, framed: bool) -> str | None:
    """ "Improved clarity of the tenancy letters" -> "Raise the survey rating of the clarity of ...";
    "Introduce better tracking of loans" the same, of the tracking of loans."""
    verb, _, after = core.partition(" ")
    if verb.lower() in _BRINGING and after.split(" ", 1)[0].lower() in _IMPROVED:
        core = after  # the work that brings it in is the means
    first, _, rest = core.partition(" ")
    if first.lower() not in _IMPROVED or len(rest.split()) < 2 or _VERBS_INSIDE.search(rest):
        return None
    body, date = split_frame(rest, framed)
    if len(body.split()) > 10 or re.search(r"\d", body):
        return None
    words = body.split()
    named_work = len(words) >= 3 and words[-1].lower() in _WORK_OF and not re.search(r"[,/&+]|\band\b", body)
    if not re.search(r"\bof\b", body) and not named_work:
        # "Better planning": no named thing to rate ("better rota swap handling" names it)
        return None
    measure = lexicon.MEASURE_OF.get(body.split()[0].lower(), "survey rating")
    return _tidy(f"Raise the {measure} of the {body} {_SLOTS} {date}")


_REPORTED = re.compile(
    r"^(?P<who>(?:the\s+)?\w+(?:\s+\w+)?)\s+(?:reports?|feels?|says?)\s+(?:a\s+|an\s+)?"
    r"(?P<aim>\w+)\s+(?P<rest>.+)$",
    re.I,
)


def _reported(core: str, framed: bool) -> str | None:
    """ "The crew reports a stronger sense of X" -> the share of the crew who report a sense of X."""
    said = _REPORTED.match(core)
    if said is None or said.group("aim").lower() not in lexicon.AIM_WORDS:
        return None
    body, date = split_frame(said.group("rest"), framed)
    if body.count(")") > body.count("("):
        body = body.replace(")", "")  # a stray closing bracket is a typo, not part of the measure
    if len(body.split()) > 12 or re.search(r"\d", body):
        return None
    who = _the(said.group("who"), opens=True)
    return _tidy(f"Increase the share of {who} who report a {body} in a survey {_SLOTS} {date}")


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    return capitalise_first(text)
