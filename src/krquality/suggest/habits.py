"""Metric drafts for a habit: how many days or weeks it is kept, with a target to set.

"Sketch every day in March", "Swim weekly" or "Walk to work regularly" names
a habit as an activity: every day is a bar one missed day fails, and
"regularly" is none at all. An OKR coach makes it a count the author sets and
can track: "Sketch on at least [target] days in March", "Swim in at least
[target] weeks by [date]", "Walk to work at least [target] times a month by
[date]" (no unit is written for "regularly": a month holds most habits'
rate). The rate word is replaced, every other word is kept, and a date is
added only where the sentence has no time frame left once the rate is gone
("in March" stays the time frame).

Only a habit of one's own is drafted: a verb followed by no determiner (not
"Run the survey weekly" or "Post a digest each week", where something is
made or held and its audience or effect is the measure the other builders
draft), not a verb of watching ("Monitor burn weekly": what it catches
counts) or of making with an object ("Publish release notes weekly"), with
no purpose after the rate ("... so nobody feels left out"), no number but
how long it runs ("for at least six weeks", its time frame), no second rate
and no aside ("..., excluding holiday weeks"), which would stand between the
count and its date.

Every draft is re-analysed and judged like any other (:mod:`krquality.suggest.rewrite`).
"""

from __future__ import annotations

import re

from krquality.features.types import Features, Form
from krquality.nlp.dates import time_frame_spans
from krquality.suggest import lexicon
from krquality.suggest.casing import capitalise_first
from krquality.suggest.ongoing import ONGOING_VERBS
from krquality.suggest.slots import DATE, TARGET
from krquality.suggest.structure import structure_of

# The rate of a habit, and what replaces it: the count of the units it is kept in.
_RATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\b(?:every|each)\s+day\b|\bdaily\b|\bon\s+a\s+daily\s+basis\b", re.I),
        "on at least {} days",
    ),
    (
        re.compile(r"\b(?:every|each)\s+(?P<unit>morning|evening|night|weekday)\b", re.I),
        "on at least {} {unit}s",
    ),
    (
        re.compile(r"\b(?:every|each)\s+week\b|\bweekly\b|\bon\s+a\s+weekly\s+basis\b", re.I),
        "in at least {} weeks",
    ),
    # (no unit is written: a month holds the rate of most habits, daily or not)
    (re.compile(r"\bregularly\b|\bon\s+a\s+regular\s+basis\b", re.I), "at least {} times a month"),
)
# What may follow a rate that says when the habit is kept: the end, or a phrase of time or place
# ("every day in March"); a noun after it makes the rate part of a name ("weekly reviews").
_ADVERBIAL_END = re.compile(
    r"\s*(?:$|(?:in|on|at|for|during|until|before|after|this|next|through|throughout|across|from|with|by)\b)",
    re.IGNORECASE,
)
# Verbs of watching or checking: the habit is worth what it catches, drafted from the work it is on.
_WATCHING = ONGOING_VERBS | {"review", "check", "audit", "inspect", "scan", "test", "measure"}
# Verbs that make, send or hold a thing: with an object ("Publish release notes"), its audience counts.
_MAKING = (
    lexicon.MAKING_VERBS
    | lexicon.CREATING_VERBS
    | lexicon.WRITING_VERBS
    | {"post", "send", "ship", "produce", "share", "record", "film", "blog"}
    # (and events held: "Host office hours weekly", whose attendance counts)
    | {"host", "hold", "run", "organise", "organize", "facilitate", "lead", "teach"}
)
_PREPOSITION = re.compile(r"(?:in|on|at|to|for|with|about|from|into|onto)\b", re.IGNORECASE)
# How long a habit runs, before its number: "for at least | two weeks", "for | 6 weeks".
_LASTING = re.compile(r"\bfor\s+(?:at\s+least\s+|about\s+|around\s+)?$", re.IGNORECASE)
_PERIOD_UNIT = re.compile(r"\b(?:days?|weeks?|months?|years?|terms?)$", re.IGNORECASE)
# A purpose or a reason after the rate: "... so nobody feels forgotten", "... to stay fit".
_PURPOSE = re.compile(r"\b(?:so|to|because|as|in\s+order)\b", re.IGNORECASE)
# A determiner after the verb: something made or held ("Run the survey weekly"), not a habit
# ("my" is one's own: "Call my parents every week" is a habit).
_DETERMINER = re.compile(r"(?:the|a|an|our|their|this|these|those|each|every|all|some)\b", re.I)


def habit_drafts(features: Features) -> list[str]:
    """The habit with its rate replaced by a count of days or weeks to set.

    >>> from krquality.features.types import LeadVerb, SpanRef, VerbClass
    >>> text = "Stretch regularly."
    >>> lead = LeadVerb(SpanRef(0, 7, "Stretch"), "stretch", VerbClass.OTHER)
    >>> habit_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, lead))
    ['Stretch at least [target] times a month by [date]']
    """
    lead = features.lead_verb
    if features.form is not Form.IMPERATIVE or lead is None:
        return []
    # a number is the author's own, except how long the habit runs ("for 6 weeks"),
    # which is its time frame
    lasting = [q for q in features.quantities if _LASTING.search(features.text[: q.span.start])]
    if len(lasting) != len(features.quantities) or not all(_PERIOD_UNIT.search(q.span.text) for q in lasting):
        return []
    shape = structure_of(features)
    if shape.question or shape.trails_off or shape.sentences > 1:
        return []
    text = features.text
    core = shape.core(text).strip().rstrip(" .!;")
    if "\n" in core or "[" in core or lead.span.start < shape.start or re.search(r"[,;:(]", core):
        return []  # (an aside, "..., excluding holiday weeks", would end up between count and date)
    found = [(pattern.search(core), replacement) for pattern, replacement in _RATES]
    rates = [(match, replacement) for match, replacement in found if match is not None]
    if len(rates) != 1:
        return []  # no rate, or two ("every day, weekly"): no one count to set
    match, replacement = rates[0]
    if not _ADVERBIAL_END.match(core, match.end()):
        return []  # "Hold weekly pipeline reviews": the rate names the things held, not a habit
    verb_end = lead.span.end - shape.start
    if match.start() < verb_end:
        return []
    after_verb = f"{core[verb_end : match.start()]} {core[match.end() :]}".strip()
    if _DETERMINER.match(after_verb):
        return []
    verb = lead.lemma.lower()
    made = bool(after_verb) and not _PREPOSITION.match(after_verb)  # an object ("Run the club"), not "Run"
    if verb in _WATCHING or (verb in _MAKING and made):
        return []  # "Monitor burn weekly", "Publish release notes weekly": what it catches or makes counts
    if _PURPOSE.search(core, match.end()):
        return []  # "... so nobody feels forgotten": the date would close the purpose, not the count
    count = replacement.format(TARGET, unit=(match.groupdict().get("unit") or "").lower())
    draft = f"{core[: match.start()].rstrip()} {count}{core[match.end() :]}"
    draft = " ".join(draft.split()).rstrip(" ,")
    # the author's own period ("in March") stays the time frame; with none, the count is dated
    rest = f"{core[: match.start()]} {core[match.end() :]}"
    dated = (
        bool(lasting)
        or bool(time_frame_spans(rest))
        or shape.cycle_tag is not None
        or any(not match.start() <= d.span.start - shape.start < match.end() for d in features.dates)
    )
    draft = capitalise_first(draft)
    return [draft if dated else f"{draft} by {DATE}"]
