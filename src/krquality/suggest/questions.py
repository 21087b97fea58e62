"""Milestone drafts for a how-to question: the agreed way, written down.

"How do we hand over the allotment keys between shifts?" is an open question
the team means to settle, not a result: dated as it stands it is still a
question. What settles it is a way agreed and written down where people will
find it: "Publish the agreed way to hand over the allotment keys between
shifts by [date]". The question's own words are the topic; its subject ("we",
"I", "the team") goes with the auxiliary.

Only a single question opening with "How" and an auxiliary is drafted; a
question with a time frame of its own, a number, or a second question is left
to the other builders, and so is one whose verb moves a measure ("How can we
grow the choir?"), whose aim is the measure itself.

Every draft is re-analysed and judged like any other (:mod:`krquality.suggest.rewrite`).
"""

from __future__ import annotations

import re

from krquality.features.types import Features
from krquality.suggest import lexicon
from krquality.suggest.slots import DATE
from krquality.suggest.structure import structure_of

# "How do we | can I | should the team | might our crew <verb> ...?"
_HOW = re.compile(
    r"^how\s+(?:do|does|can|could|should|shall|will|would|might|may)\s+"
    r"(?:we|i|you|(?:the|our)\s+[a-z-]+)\s+(?P<verb>[a-z]+)\b(?P<rest>[^?]*)\?$",
    re.IGNORECASE,
)
# Words that cannot open the verb phrase: a second auxiliary or a negation ("How can we not ...").
# Verbs that move a measure ("grow", "cut", "improve"): the question names an aim, not a way of working.
_DIRECTION_VERBS = lexicon.INCREASE_VERBS | lexicon.DECREASE_VERBS
_NOT_VERBS = frozenset({"not", "never", "be", "have", "do", "get", "make", "ever", "still", "also", "really"})


def question_drafts(features: Features) -> list[str]:
    """ "Publish the agreed way to <do what the question asks> by [date]" for a how-to question.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "How do we hand over the allotment keys between shifts?"
    >>> question_drafts(Features(text, SpanRef(0, len(text), text), Form.OTHER, None))
    ['Publish the agreed way to hand over the allotment keys between shifts by [date]']
    """
    if features.quantities or features.dates:
        return []
    shape = structure_of(features)
    if shape.time_frame or shape.sentences > 1:
        return []
    core = shape.core(features.text).strip()
    if "\n" in core or "[" in core or core.count("?") != 1:
        return []
    match = _HOW.match(core)
    if match is None or match["verb"].lower() in _NOT_VERBS:
        return []
    if match["verb"].lower() in _DIRECTION_VERBS:
        return []  # "How can we grow the choir?": the aim is the growth, a measure to move

    phrase = " ".join(f"{match['verb'].lower()}{match['rest']}".split())
    return [f"Publish the agreed way to {phrase} by {DATE}"]
