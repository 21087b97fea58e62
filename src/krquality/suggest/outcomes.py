"""Drafts toward the outcome of tasks the other builders leave without one.

Each builder reads the key result's core (its words without metadata) and
answers only for one shape of task, keeping every part of its words:

- exploring an option ("Explore opening a night shift", "Evaluate Tallyboard
  for stock counts"): the outcome is a decision, so the draft is "Decide
  whether to proceed with opening a night shift (with the findings written
  up) by [date]" or "Decide whether to adopt Tallyboard for stock counts ...";
- measuring what nobody measures yet ("Measure and track the turnover of the
  kitchen crew"): the first figure, "Publish a baseline of the turnover of
  the kitchen crew by [date]" (not for "Monitor ...", which watches a figure
  there is);
- a skill to gain ("Familiarity with the tide tables", "Learn knot tying",
  "Ability to read a site plan"): "Raise the score on a test of ... from
  [baseline] to [target] by [date]";
- a topic named by the things to make, with no verb ("Additional guides on
  composting", "Walks and talks for new birders"): the measure of the audience
  those things are for, when every one of them takes the same measure;
- knowledge stated as reached ("Spreadsheet pivot tables understood and
  used"): the same test score;
- the growth of a group ("Participation and growth of the choir network"):
  its monthly active members; people named with their recruitment ("Allotment
  mentor recruitment", "Recruitment of tutors for the reading clubs"): how
  many are active (there);
- a publishing habit with no purpose ("Blog regularly"): the channel's audience.

A list of different activities ("Newsletter upkeep + style rules"), or a topic
with no known measure ("Kitchen etiquette"), gets no draft here: a made-up
measure would be worse than none. Every draft is re-analysed and judged like
any other (:mod:`krquality.suggest.rewrite`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from krquality.checks.periods import framing_dates
from krquality.features.types import Features
from krquality.nlp.dates import time_frame_spans
from krquality.suggest import lexicon
from krquality.suggest.aims import MEASURE_HEADS, split_frame
from krquality.suggest.casing import capitalise_first
from krquality.suggest.slots import DATE
from krquality.suggest.slots import SLOTS as _SLOTS
from krquality.suggest.structure import structure_of


class OutcomeDraft(NamedTuple):
    """A draft's text, and whether it states an end state (a milestone) rather than a measure."""

    text: str
    milestone: bool


# The most words of a name too short to be dated ("Podcast feed"): milestone.too_short's reach.
_SHORT_TOPIC = 3


def outcome_drafts(features: Features, *, task: bool) -> list[OutcomeDraft]:
    """Drafts for an exploration, a measurement, a skill, a topic or a group's growth.

    ``task`` says whether the key result was read as a task: only the
    exploration, measurement and skill drafts are offered for other labels,
    since their words say what the work ends in whatever the label.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "Explore renting a second van"
    >>> [d.text for d in outcome_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None),
    ...                                 task=True)]
    ['Decide whether to proceed with renting a second van (with the findings written up) by [date]']
    """
    shape = structure_of(features)
    core = shape.core(features.text).strip().rstrip(" .!;")  # (a link read as its words)
    if not core or shape.question or shape.trails_off or shape.sentences > 1 or "[" in core or "\n" in core:
        return []
    core = _without_vague(features, core, shape.start)
    framed = shape.time_frame or bool(framing_dates(features))
    # "Explore renting a van by June": the author's time frame ends the draft too
    body, date = split_frame(core, framed)
    if not date and _only_tagged(features, body):
        date = f"by the end of {shape.cycle_tag}"  # "... [Q2]": the tag is the deadline, written out
    builders: list[Callable[[str, str], OutcomeDraft | None]] = []
    if _DEADLINE.match(date) or (not date and framing_dates(features)):
        # (a rate such as "a monthly digest" is no deadline: the end state would be left undated)
        builders += [_decision, _baseline]
    builders += [_skill, _minds]
    if (task or shape.words <= _SHORT_TOPIC) and features.lead_verb is None:
        # names of things, not "Host talks on X" (drafted elsewhere); a name of two or three
        # words read as a deliverable ("Recipe video channel") gets no date-only draft, too
        # short to say what will be true, so the audience of what it names is its measure
        builders += [_topic, _group_growth, _recruitment, _active_people]
    elif features.lead_verb is None:
        # "Recruitment of stewards" read as a deliverable is still people to grow
        builders += [_recruitment, _active_people]
    drafts = [d for build in builders if (d := build(body, date)) is not None]
    if task and (habit := _habit(core, "" if framed else f"by {DATE}")) is not None:
        drafts.append(habit)  # "Blog every week": the rate is the habit itself
    return drafts


def _only_tagged(features: Features, body: str) -> bool:
    """Whether the key result's only time frame is a cycle tag beside its words ("... [Q2]"),
    which a draft of the words alone would drop."""
    shape = structure_of(features)
    if shape.cycle_tag is None:
        return False
    in_words = any(shape.start <= d.span.start < shape.end for d in features.dates)
    return not in_words and not time_frame_spans(body)


def _without_vague(features: Features, core: str, start: int) -> str:
    """``core`` without the words a vague-word finding would flag ("meaningful"): a decision
    or a measure says what they left open."""
    for marker in sorted(features.markers_of("vague"), key=lambda m: -m.span.start):
        at, end = marker.span.start - start, marker.span.end - start
        if at > 0 and end <= len(core):
            core = core[:at].rstrip() + " " + core[end:].lstrip()
    return " ".join(core.split())


# A time frame that can date an end state ("by [date]", "by June", "in Q3"), unlike a rate.
_DEADLINE = re.compile(r"(?:by|before|until|in|within|during|this|next|over)\b", re.I)


def _dated(text: str, date: str) -> str:
    """``text`` ending with ``date`` ("by [date]", the author's own time frame, or "")."""
    text = " ".join(f"{text} {date}".split())
    return capitalise_first(text)


# -- exploring an option: a decision ------------------------------------------------------------

_EXPLORING = re.compile(
    r"^(?:explore|investigate|evaluate|assess|research|consider|look\s+into|look\s+at|scope\s+out)\s+(?P<rest>.+)$",
    re.I,
)
_TRYING = re.compile(
    r"^(?:evaluate|assess|trial|test|pilot|try|explore|investigate|consider|look\s+into|look\s+at)\s+"
    r"(?P<what>.+?)(?:\s+(?P<use>(?:for|as)\s+.+))?$",
    re.I,
)
_OPTIONS = re.compile(
    r"^(?:explore|evaluate|assess|consider|investigate|research|review|compare|look\s+into|look\s+at)\s+"
    r"(?:the\s+)?(?P<options>(?:[\w-]+\s+)?(?:options|alternatives|choices))\s+(?P<rest>(?:for|to)\s+[^,]+)$",
    re.I,
)
# Things one adopts after a trial (besides named products: "Evaluate Tallyboard").
_ADOPTABLE = lexicon.PRODUCT_NOUNS | {
    "tools", "software", "kit", "calendar", "system", "framework", "library"
}
# Gerunds that are not an option to take up ("Look into improving ...": the aim is the improvement).
# ("using" is one: the option is what is used.)
_NOT_OPTIONS = frozenset({"improving", "making", "getting", "doing", "having", "being", "increasing", "ways"})
_WRITTEN_UP = "(with the findings written up)"


def _decision(core: str, date: str) -> OutcomeDraft | None:
    """ "Explore opening a night shift" -> "Decide whether to proceed with opening a night shift ..."."""
    if not _plain(core):
        return None
    if (options := _OPTIONS.match(core)) is not None:
        chosen = f"Choose one of the {options.group('options')} {options.group('rest')} {_WRITTEN_UP}"
        return OutcomeDraft(_dated(chosen, date), milestone=True)
    explored = _EXPLORING.match(core)
    if explored is not None:
        rest = explored.group("rest")
        first = rest.split()[0].lower()
        if first == "whether" and rest.split()[1:2] == ["to"]:
            return OutcomeDraft(_dated(f"Decide {rest} {_WRITTEN_UP}", date), milestone=True)
        if first == "using" and "," not in rest and len(rest.split()) > 1:
            # "Investigate using DuckDB for local builds": the option is the tool
            return OutcomeDraft(_dated(f"Decide whether to adopt {rest[6:]} {_WRITTEN_UP}", date), True)
        if first.endswith("ing") and len(first) > 5 and first not in _NOT_OPTIONS and "," not in rest:
            return OutcomeDraft(_dated(f"Decide whether to proceed with {rest} {_WRITTEN_UP}", date), True)
    tried = _TRYING.match(core)
    if tried is None:
        return None
    what = tried.group("what")
    words = what.split()
    # a name ("Tallyboard", "Open Ledger") or a new tool ("a shared calendar"); not "the rota",
    # whose evaluation is a review of what is there
    name = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    new_tool = words[0].lower() in {"a", "an"} and words[-1].lower() in _ADOPTABLE
    if not (name or new_tool) or len(words) > 5 or words[0].lower().endswith("ing"):
        return None
    use = f" {tried.group('use')}" if tried.group("use") else ""
    return OutcomeDraft(_dated(f"Decide whether to adopt {what}{use} {_WRITTEN_UP}", date), milestone=True)


def _plain(phrase: str) -> bool:
    """Whether ``phrase`` is one option, short enough to decide on, with no list or question in it."""
    return len(phrase.split()) <= 20 and not re.search(r"[+:?;]|\betc\b|\bor\s+not\b", phrase)


# -- measuring: a baseline ----------------------------------------------------------------------

_MEASURING = re.compile(
    r"^(?:measure|track|baseline)(?:\s+(?:and|&)\s+(?:measure|track|monitor|log|report))?\s+"
    r"(?P<what>(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?P<head>[\w-]+)\s+(?:of|in|at|on|for|per|across|among)\s+.+)$",
    re.I,
)
_MEASURES = MEASURE_HEADS | frozenset(lexicon.MEASURE_OF) | {
    "diversity", "turnover", "retention", "churn", "attendance", "participation", "uptake", "usage",
    "adoption", "engagement", "satisfaction", "reach", "coverage", "growth", "health", "impact", "spend",
    "cost", "costs", "times", "rates", "levels", "footprint", "emissions", "waste", "wait",
}


def _baseline(core: str, date: str) -> OutcomeDraft | None:
    """ "Measure and track the turnover of the crew" -> "Publish a baseline of the turnover of ..."."""
    measured = _MEASURING.match(core)
    if measured is None or measured.group("head").lower() not in _MEASURES or not _plain(core):
        return None
    what = measured.group("what")
    if not what.lower().startswith(("the ", "our ")):
        what = f"the {what}"
    return OutcomeDraft(_dated(f"Publish a baseline of {what}", date), milestone=True)


# -- a skill to gain: a test score --------------------------------------------------------------

_SKILL_NOUNS = (
    r"(?:facility|familiarity|fluency|proficiency|competence|knowledge|understanding|mastery|grasp)"
)
_SKILLS = (
    re.compile(
        r"^(?:(?:basic|good|solid|working|strong|deep|deeper|better)\s+)?" + _SKILL_NOUNS
        + r"\s+(?:with|in|of|on)\s+(?P<x>.+)$",
        re.I,
    ),
    # (not "Learn from the pilot", "Learn to cook", "Learn about investing": no subject a test is on)
    re.compile(
        r"^(?:learn|master)\s+(?P<x>(?!from\b|more\b|lessons\b|to\b|how\b|about\b)[\w\"'].+)$", re.I
    ),
    re.compile(
        r"^(?:get|become|be)\s+(?:more\s+)?(?:familiar|fluent|proficient|comfortable|confident)\s+(?:with|in)\s+"
        r"(?P<x>.+)$",
        re.I,
    ),
    re.compile(
        r"^(?:explore\s+and\s+)?(?:develop|build|gain|deepen)\s+(?:an?\s+|our\s+|my\s+|some\s+)?"
        + _SKILL_NOUNS + r"\s+(?:of|in|with|on)\s+(?P<x>.+)$",
        re.I,
    ),
    # a skill to be shown: "Demonstrate a working knowledge of the tide tables", "Show improved
    # individual grasp of knots" (the aim word goes: the test score measures it)
    re.compile(
        r"^(?:demonstrate|show|prove)\s+(?:an?\s+|our\s+|their\s+)?"
        r"(?:(?:improved|better|greater|increased|deeper|basic|good|solid|working|strong|deep)\s+)?"
        r"(?:(?:individual|personal|team|shared|collective)\s+)?" + _SKILL_NOUNS
        + r"\s+(?:of|in|with|on)\s+(?P<x>.+)$",
        re.I,
    ),
    re.compile(r"^(?P<x>(?:the\s+)?ability\s+to\s+.+)$", re.I),
    # a state nobody can check: "Modern CSS layout understood and used", "... read and understood"
    re.compile(
        r"^(?P<x>(?!the\b|our\b|this\b)[\w\"'].+?)(?<!\band)(?<!\bor)\s+(?:(?:are|is)\s+)?(?:well\s+)?"
        r"(?:(?:read|studied|reviewed)\s+(?:and|&)\s+)?(?:understood|learned|learnt|mastered)"
        r"(?:\s+(?:and|&)\s+(?:used|applied|practised|practiced|put\s+to\s+use))?$",
        re.I,
    ),
)
# Understanding a market or people is research, not a skill a test can score.
_NOT_SKILLS = lexicon.PEOPLE_NOUNS | {
    "market", "markets", "segment", "segments", "customers", "users", "needs", "audience", "audiences",
    "competitors", "competition", "landscape", "problem", "problems", "community", "people", "team", "teams",
    # a topic left unnamed: no test can be set on "something new"
    "something", "anything", "everything", "stuff", "things", "thing",
}
# Who learns is one person or a team; a skill spread among others is measured by a survey instead.
_OTHERS = re.compile(r"\b(?:among|across|for|within|by)\s+(?:the\s+|our\s+|all\s+)?\w+", re.I)


# Digits and pluses that are part of a name: "ES6+", "C++", "HTML5", "Python3".
_NAME_MARKS = re.compile(r"(?<=[A-Za-z])\d+\+*(?![\w.,])|(?<=\w)\++(?=\s|$)")


def _skill(core: str, date: str) -> OutcomeDraft | None:
    """ "Familiarity with the tide tables" -> "Raise the score on a test of the tide tables ..."."""
    for pattern in _SKILLS:
        learned = pattern.match(core)
        if learned is None:
            continue
        topic = learned.group("x").strip(" ,")
        # a digit or a "+" inside a name ("ES6+ features", "C++ templates", "HTML5") is no count or list
        named = _NAME_MARKS.sub("", topic)
        if len(topic.split()) > 12 or _OTHERS.search(topic) or re.search(r"[\d%]", named):
            return None
        if not _plain(named):
            return None
        if set(re.findall(r"[a-z]+", topic.lower())) & _NOT_SKILLS:
            return None
        if pattern is _SKILLS[-1] and topic[1:2].islower() and len(topic.split()) > 1:
            # "Modern CSS features understood": a capital that only opened the sentence
            # (one word may be a name: "Welsh understood")
            topic = topic[:1].lower() + topic[1:]
        if topic.lower().startswith("ability"):
            topic = "the " + topic[:1].lower() + topic[1:]
        elif topic.lower().startswith("the ability"):
            topic = topic[:1].lower() + topic[1:]
        return OutcomeDraft(_dated_metric(f"Raise the score on a test of {topic}", date), milestone=False)
    return None


# -- a state of mind stated of people: the share a test or a survey finds ----------------------

# "Tenants understand how the rent portal works", "Members trust the food bank with their data":
# people (a plural noun, with up to three words before it) and a verb of knowing or regard.
_MINDS = re.compile(
    r"^(?P<who>(?:(?:the|our|all|new|most|local)\s+)*(?:[\w-]+\s+){0,2}?[a-z-]+s)\s+"
    r"(?P<verb>understand|know|recogni[sz]e|trust|appreciate|value)\s+(?P<what>.+)$",
)
# An amount of knowing and its preposition before the topic: "(much) more about", "a lot about", "about".
_KNOWN_AMOUNT = re.compile(
    r"^(?:(?:much\s+|a\s+lot\s+|a\s+bit\s+)?more\s+|a\s+lot\s+|enough\s+)?(?:about|on)\b\s*"
)
_AMOUNT_ONLY = re.compile(r"(?:(?:much|a\s+lot|a\s+bit)\s+)?more|a\s+lot|enough", re.I)
# Verbs of knowing, which a test scores; the others are opinions, which a survey asks about.
_KNOWING = frozenset({"understand", "know"})


def _minds(core: str, date: str) -> OutcomeDraft | None:
    """ "Tenants understand how the rent portal works" -> "Raise the share of tenants who pass a
    quiz on how the rent portal works ..."; "Members trust the food bank" -> "... the share of
    surveyed members who say they trust the food bank ..."."""
    minded = _MINDS.match(core[:1].lower() + core[1:])
    if minded is None:
        return None
    what = minded.group("what").strip(" ,")
    if re.search(r"\b(?:from|to)\b|[\d%]", what) or len(what.split()) > 12 or not _plain(what):
        return None  # (a "from" or a number would read as the slots' or change the measure)
    who, verb = minded.group("who"), minded.group("verb")
    if _AMOUNT_ONLY.fullmatch(what):
        return None  # "Volunteers know more": no topic to test
    amount = _KNOWN_AMOUNT.match(what) if verb in _KNOWING else None
    if amount is not None:
        # "Volunteers know more about the safety rules": the topic follows the preposition; the
        # amount is what the score shows ("a test of more about ..." would garble it)
        topic = what[amount.end() :]
        if not topic:
            return None
        measure = f"Raise the share of {who} who pass a test on {topic}"
        return OutcomeDraft(_dated_metric(measure, date), milestone=False)
    if verb in _KNOWING and what.split()[0] in lexicon.QUESTION_WORDS | {"how", "what", "why", "which"}:
        measure = f"Raise the share of {who} who pass a quiz on {what}"  # "how the portal works"
    elif verb in _KNOWING:
        measure = f"Raise the share of {who} who pass a test of {what}"  # "the safety rules"
    else:
        measure = f"Raise the share of surveyed {who} who say they {verb} {what}"
    return OutcomeDraft(_dated_metric(measure, date), milestone=False)


# -- a topic named by the things to make: the audience's measure ------------------------------

# Amount words before the things to make: they count the output, the measure replaces them.
# (Not "better" or "improved": an aim for quality is no aim for a bigger audience.)
_AMOUNT_WORDS = lexicon.VAGUE_AMOUNTS | {"additional", "extra", "further", "new", "regular"}
# First words that make the phrase an activity, lower-cased or not ("present at meetups",
# "post on the forums"): the other builders read those as tasks with a verb.
_VERB_FIRST = (
    lexicon.MAKING_VERBS | lexicon.CREATING_VERBS | lexicon.WRITING_VERBS | lexicon.FINDING_VERBS
    | lexicon.INQUIRY_VERBS | lexicon.DECIDING_VERBS | lexicon.CONTINUING_VERBS | lexicon.INCREASE_VERBS
    | {"present", "post", "host", "hold", "run", "give", "share", "talk", "blog", "attend", "speak", "teach",
       "record", "film", "call", "report", "guide", "page", "screen", "organise", "organize", "deliver",
       "launch", "do", "support", "help", "plan"}
)
# Where the things end and their topic begins.
_TOPIC = re.compile(r"\s+(?:on|about|for|around|covering|related\s+to|in)\s+", re.I)
# Training given to staff is for what they then do, not for how many attend ("More training for
# new drivers"): no audience measure.
_STAFF_TRAINING = frozenset({"training", "trainings", "course", "courses", "class", "classes"})
# Things made for an audience, and the measure of it (documents read, events attended).
_AUDIENCE_OF = {
    **{
        noun: measure
        for noun, measure in lexicon.OUTCOME_OF.items()
        if measure.startswith(("average attendance", "monthly readers")) and noun not in _STAFF_TRAINING
    },
    **dict.fromkeys(
        ("whitepaper", "whitepapers", "paper", "papers", "explainer", "explainers"), "monthly readers of {x}"
    ),
    **dict.fromkeys(
        ("walks", "tours", "demos", "showcases", "lectures", "seminars"), "average attendance at {x}"
    ),
    # A channel is for those who follow it: "YouTube channel" -> its subscribers.
    **{noun: measure for noun, measure in lexicon.OUTCOME_OF.items() if measure.startswith("subscribers")},
}


def _topic(core: str, date: str) -> OutcomeDraft | None:
    """ "Additional guides on composting" -> "Increase monthly readers of the guides on composting ..."."""
    words = core.split()
    if not words or words[0].lower() in _VERB_FIRST | (lexicon.AIM_WORDS - {"more"}):
        return None
    while words and words[0].lower() in _AMOUNT_WORDS:
        words = words[1:]
    phrase = " ".join(words)
    split = _TOPIC.search(phrase)
    things, topic = (phrase[: split.start()], phrase[split.start() :]) if split else (phrase, "")
    items = [i.strip() for i in re.split(r"\s*,\s*|\s+(?:and|or|&)\s+", things) if i.strip()]
    if not items or len(items) > 3 or any(len(i.split()) > 3 for i in items):
        return None
    if any(i.split()[0].lower() in lexicon.DETERMINERS | _AMOUNT_WORDS for i in items):
        return None  # "a guide or some articles": one name per measure, not a choice of outputs
    templates = {_AUDIENCE_OF.get(i.split()[-1].lower()) for i in items}
    template = templates.pop() if len(templates) == 1 else None
    if template is None:
        return None  # things with no audience, or with different ones: no single measure
    if len(phrase.split()) > 14 or re.search(r"[+:()\d]|\bfrom\b|\bby\b|\bto\b", phrase):
        return None  # a list of work, an aside, a count or a "from ... to" span the slots would muddle
    if re.search(r"\b(?:is|are|was|were|be|been|has|have|will|should)\b", phrase, re.I):
        return None  # a clause, not a name
    first = things.split()[0]
    if (not things[:1].isupper() or things[1:2].islower()) and first[1:] == first[1:].lower():
        things = things[:1].lower() + things[1:]  # (not a name with a capital inside: "YouTube")
    measure = template.format(x=f"the {things}{topic}")
    return OutcomeDraft(_dated_metric(f"Increase {measure}", date), milestone=False)


# -- the growth of a group: its active members -------------------------------------------------

_GROWTH = re.compile(
    r"^(?:(?:mass|wider|broader|more|greater|active|steady)\s+)?(?:participation|growth|engagement|activity)"
    r"(?:\s+(?:and|&)\s+(?:(?:mass|wider|broader|steady)\s+)?(?:participation|growth|engagement|activity))?"
    r"\s+(?:of|in)\s+(?P<group>(?:the\s+|our\s+)?[\w-]+(?:\s+[\w-]+){0,3})$",
    re.I,
)
_GROUPS = frozenset(
    {"community", "group", "network", "forum", "club", "chapter", "circle", "guild", "collective", "choir",
     "team"}
)


def _group_growth(core: str, date: str) -> OutcomeDraft | None:
    """ "Participation and growth of the choir network" -> its monthly active members."""
    grown = _GROWTH.match(core)
    if grown is None or grown.group("group").split()[-1].lower() not in _GROUPS:
        return None
    group = grown.group("group")
    if not group.lower().startswith(("the ", "our ")):
        group = f"the {group}"
    return OutcomeDraft(_dated_metric(f"Increase monthly active members of {group}", date), milestone=False)


# -- people to recruit, named as a process: how many are active ------------------------------

_RECRUITING = re.compile(
    r"^(?P<who>(?:[\w-]+\s+){0,2}?)(?P<people>[a-z]+?)s?\s+(?:recruitment|recruiting|onboarding)$", re.I
)


# Named the other way round, with where they are wanted: "Recruitment of mentors and their
# interest in the study groups" (the interest is shown by being active there).
_RECRUITMENT_OF = re.compile(
    r"^(?:recruitment|recruiting|onboarding)\s+of\s+(?:new\s+|more\s+)?(?P<people>[a-z]+)"
    r"(?:\s+(?:and\s+their\s+(?:interest|involvement|participation)\s+)?(?P<where>(?:in|for|into|across)\s+[^,;:+]+))?$",
    re.I,
)


def _recruitment(core: str, date: str) -> OutcomeDraft | None:
    """ "Garden volunteer recruitment" -> "Increase the number of active garden volunteers ..."."""
    named = _RECRUITING.match(core)
    if named is None:
        return _recruitment_of(core, date)
    people = named.group("people").lower() + "s"
    if people not in lexicon.PEOPLE_NOUNS:
        return None  # "Donor data onboarding": not people to grow
    who = named.group("who").strip()
    who = who[:1].lower() + who[1:] if who[1:2].islower() else who
    return OutcomeDraft(_dated_metric(f"Increase the number of active {who} {people}", date), milestone=False)


def _recruitment_of(core: str, date: str) -> OutcomeDraft | None:
    """ "Recruitment of mentors for the study groups" -> "Increase the number of active mentors
    in the study groups ..."."""
    named = _RECRUITMENT_OF.match(core)
    if named is None or named.group("people").lower() not in lexicon.PEOPLE_NOUNS:
        return None
    where = named.group("where") or ""
    if len(where.split()) > 8:
        return None
    where = re.sub(r"^(?:for|into|across)\b", "in", where, flags=re.I)
    people = named.group("people").lower()
    measure = f"Increase the number of active {people} {where}"
    return OutcomeDraft(_dated_metric(measure, date), milestone=False)


# -- people named as active, with no number: how many are ----------------------------------

_ACTIVE = re.compile(
    r"^active\s+(?P<who>(?:[a-z-]+\s+){0,2}?)(?P<people>[a-z]+?)(?:s)?"
    r"(?:\s+(?P<where>(?:in|for|on|at|across|within)\s+[^,;:+()]+))?$",
    re.I,
)


def _active_people(core: str, date: str) -> OutcomeDraft | None:
    """ "Active steward in the tool library" -> "Increase the number of active stewards in the
    tool library ...": people wished active, with no number, are counted."""
    named = _ACTIVE.match(core)
    if named is None:
        return None
    people = named.group("people").lower() + "s"
    where = " ".join((named.group("where") or "").split())
    if people not in lexicon.PEOPLE_NOUNS or len(where.split()) > 8:
        return None
    who = named.group("who").strip().lower()
    measure = " ".join(f"Increase the number of active {who} {people} {where}".split())
    return OutcomeDraft(_dated_metric(measure, date), milestone=False)


# -- a habit of publishing with no purpose: the audience of the channel ------------------------

_CHANNEL_HABIT = re.compile(
    r"^(?P<verb>blog|vlog|podcast)\s+(?:(?:more\s+)?(?:regularly|consistently|often|frequently|weekly|monthly)"
    r"|every\s+(?:week|month|fortnight))$",
    re.I,
)
_CHANNEL_OF = {"blog": "monthly readers of the blog", "vlog": "subscribers to the vlog",
               "podcast": "subscribers to the podcast"}


def _habit(core: str, date: str) -> OutcomeDraft | None:
    """ "Blog regularly" -> "Increase monthly readers of the blog from [baseline] to [target] ..."."""
    habit = _CHANNEL_HABIT.match(core)
    if habit is None:
        return None
    return OutcomeDraft(_dated_metric(f"Increase {_CHANNEL_OF[habit.group('verb').lower()]}", date), False)


def _dated_metric(measure: str, date: str) -> str:
    """ "<measure> from [baseline] to [target] <date>"."""
    return " ".join(f"{measure} {_SLOTS} {date}".split())
