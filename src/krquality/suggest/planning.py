"""Milestone drafts for planning work named as notes, with no verb.

"Risk assessment, budget planning for the spring fair" names work whose
end is a document: the assessment written, the budget set. Dated as it
stands it stays a note about work ("... planning by [date]"); the draft
names the documents the work ends in, with every item the author listed:
"Publish the risk assessment and budget for the spring fair by [date]".

A topic asked as a design question ("for how can we share the two
minibuses") is read as what the document is about: "for how to share the
two minibuses". Only lists of planning and assessing work are drafted; any
other noun in the list ("Evaluation, outreach for ...") leaves a piece of
work with no document to publish, and gets no draft.

Every draft is re-analysed and judged like any other (:mod:`krquality.suggest.rewrite`).
"""

from __future__ import annotations

import re

from krquality.checks.periods import framing_dates
from krquality.features.types import Features
from krquality.suggest.aims import split_frame
from krquality.suggest.structure import structure_of

# Work that ends in a document of the same name ("an evaluation") and planning, which ends in a plan.
_ASSESSING = r"evaluation|assessment|analysis|appraisal|review"
_ITEM = rf"(?:[A-Za-z][\w-]*\s+)?(?:planning|{_ASSESSING})"
_JOIN = r"\s*(?:,|&|\+|\band\b)\s*(?:and\s+)?"
_PLANNING_NOTE = re.compile(
    rf"^(?P<items>{_ITEM}(?:{_JOIN}{_ITEM})*)\s+(?P<prep>for|of|on)\s+(?P<topic>\S.*)$", re.I
)
_ITEMS = re.compile(_JOIN, re.I)
# Things that are plans already: "roadmap planning" ends in the roadmap, "event planning" in a plan.
_PLANS = frozenset({"roadmap", "budget", "strategy", "schedule", "timeline", "rota", "agenda", "programme"})
# "how might we ...", "how can we ...": a design question, read as its subject.
_QUESTION = re.compile(r"^how\s+(?:might|can|could|should|do|would|will|shall)\s+we\s+", re.I)


def planning_drafts(features: Features) -> list[str]:
    """ "Publish the <documents> for <topic> by [date]" for planning work named as notes.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "Appraisal, budget planning for how can we share the two minibuses"
    >>> planning_drafts(Features(text, SpanRef(0, len(text), text), Form.NOUN_PHRASE, None))
    ['Publish the appraisal and budget for how to share the two minibuses by [date]']
    """
    if features.lead_verb is not None:
        return []  # "Review the plans for ...": an activity, drafted elsewhere
    shape = structure_of(features)
    core = shape.core(features.text).strip().rstrip(" .!;")
    if shape.question or shape.trails_off or shape.sentences > 1 or not core or "[" in core or "\n" in core:
        return []
    note = _PLANNING_NOTE.match(core)
    if note is None:
        return []
    documents = [_document(item) for item in _ITEMS.split(note["items"]) if item]
    if len(documents) > 3 or len(set(documents)) < len(documents):
        return []
    topic, date = split_frame(note["topic"], shape.time_frame or bool(framing_dates(features)))
    topic = _QUESTION.sub("how to ", topic.strip())
    if not _plain_topic(topic):
        return []
    named = documents[0] if len(documents) == 1 else f"{', '.join(documents[:-1])} and {documents[-1]}"
    draft = " ".join(f"Publish the {named} {note['prep'].lower()} {topic} {date}".split())
    return [draft]


# A topic ending in a joining word or a preposition is cut short ("for the fair and", "review of").
_CUT_SHORT = re.compile(r"\b(?:and|or|to|for|of|on|in|with|by|how|the|a|an)$|[&+,(\-]$", re.I)


def _plain_topic(topic: str) -> bool:
    """Whether ``topic`` reads as one thing the documents are about: words, whole brackets,
    no question or second question ("... and how might we ..."), not cut short."""
    if not re.match(r"[\w\"'“]", topic) or _CUT_SHORT.search(topic) or topic.count("(") != topic.count(")"):
        return False
    return not re.search(r"[?;:]|\b(?:and|or)\s+(?:how|what|whether)\b", topic, re.I)


def _document(item: str) -> str:
    """What one item of planning work ends in: "roadmap planning" -> "roadmap",
    "event planning" -> "event plan", "Risk assessment" -> "risk assessment"."""
    words = item.split()
    # a capital that only opens the note is lowered; an acronym ("QA review") keeps its case
    words[0] = words[0].lower() if words[0][1:].islower() else words[0]
    if words[-1].lower() != "planning":
        return " ".join(words)
    if len(words) == 1:
        return "plan"
    return words[0] if words[0].lower() in _PLANS else f"{words[0]} plan"
