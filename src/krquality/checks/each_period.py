"""A state to be true in every period, written with a rate: read by ``task.activity``.

"Be profitable every month", "Stay cash positive each quarter", "Full pantry every weekend":
the rate words say how often the state is checked, not that work is done. The key result
is a level held period after period, checked once each time, so it is no activity,
whatever the model reads it as.

Work or things made on a schedule stay activities: "Team sync every week" and "Review the
rota every Monday" (a verb of doing, or a noun that names an event), "New blog post every
week" (a work product). The shape decides: a verb of being or staying with an adjective
after it, or a noun phrase opened by an adjective whose head is one thing that is not a
work product, an event or the name of a doing.

The pipeline has no parser, so this reads part-of-speech tags and word order only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from krquality.checks.helpers import load_words
from krquality.checks.made_count import is_verb_base

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# The rate the state is checked at: "every month", "each Friday", "per quarter", "weekly".
_EACH_PERIOD = re.compile(
    r"\b(?:every|each|per)\s+(?:day|week|month|quarter|year|sprint|shift|season|term|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend)\b"
    r"|\b(?:daily|weekly|monthly|quarterly|yearly|annually)\b",
    re.IGNORECASE,
)
# Verbs of being in a state: "Be profitable", "Stay cash positive", "Remain debt-free".
_BEING = frozenset({"be", "stay", "remain"})
# Adjectives that describe work, not a state: "New post every week", "Regular check-ins".
_WORK_ADJECTIVES = frozenset(
    {"new", "regular", "fresh", "additional", "extra", "more", "another", "one", "daily", "weekly", "monthly"}
)


def state_each_period(context: CheckContext) -> bool:
    """Whether the key result is a state held in each period, the rate its only sign of activity.

    >>> from krquality.checks.base import CheckContext
    >>> reads = lambda text: state_each_period(CheckContext.read(text))
    >>> reads("Be profitable every month"), reads("Team sync every week")
    (True, False)
    """
    features = context.features
    body = features.body
    frame = _EACH_PERIOD.search(context.text, body.start, body.end)
    if frame is None:
        return False
    if any(m.span.start < frame.start() for m in features.markers_of("activity")):
        return False  # "Review the rota every Monday": an activity word before the rate
    before = [t for t in context.body_tokens if t.idx < frame.start() and not t.is_punct]
    if not before:
        return False
    lead = features.lead_verb
    if lead is not None:
        if lead.lemma.split()[0].lower() not in _BEING:
            return False
        rest = [t for t in before if t.idx >= lead.span.end]
        return bool(rest) and rest[-1].pos_ == "ADJ" and all(t.pos_ in {"ADJ", "NOUN", "ADV"} for t in rest)
    return _adjective_state(before)


def _adjective_state(phrase: Sequence[Token]) -> bool:
    """Whether ``phrase`` is an adjective and one thing described by it: "Positive cash flow",
    "Full pantry"; not a work product, an event or a doing ("New post", "Weekly sync")."""
    if len(phrase) < 2 or phrase[0].pos_ != "ADJ" or phrase[0].lower_ in _WORK_ADJECTIVES:
        return False
    if any(t.pos_ not in {"ADJ", "NOUN", "PROPN"} for t in phrase):
        return False
    head = phrase[-1]
    if head.tag_ != "NN":
        return False
    lemma = (head.lemma_ or head.lower_).lower()
    if lemma in load_words("output_nouns") or lemma in load_words("taught_events"):
        return False
    # "Team sync", "Quick code review": a noun that is also a verb names a doing
    return not is_verb_base(lemma)
