"""A state hedged with a modal, stated: "The rota should be shared" -> "The rota is shared by [date]".

``wording.hedge`` flags a modal before the key result's own verb ("should",
"could", "might", "may", "would"): the author names a state and then leaves
room not to reach it. The modal carries no fix of its own (taking it out
leaves "The rota be shared"), so the date-only draft kept it and was dropped.
Here the modal goes and the verb agrees with the subject, as for "will
always" (:mod:`krquality.suggest.always`): "Logs should point to the failing
line" -> "Logs point to the failing line by [date]"; "could" names an ability,
which stays one: "Members could export their data" -> "Members can export
their data by [date]".

Only a statement whose subject is a thing (not "we", "you" or "I": "We
should launch" is work, drafted elsewhere), with one modal right before a
base verb that is no state of mind ("Volunteers should feel valued": a
survey's question), in one sentence; the author's date or rate stays the time frame.
Every draft is re-analysed and judged like any other
(:mod:`krquality.suggest.rewrite`): a state that still names nothing
checkable is not offered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from krquality.features.types import Features
from krquality.nlp.dates import time_frame_spans
from krquality.result import Finding
from krquality.suggest.always import agreeing, subject_number
from krquality.suggest.slots import DATE
from krquality.suggest.structure import structure_of

_MODAL = re.compile(
    r"^(?P<subject>[^,;:()]+?)\s+(?P<modal>should|could|might|may|would)\s+(?P<verb>[a-z]+)\b(?P<rest>[^;:]*)$",
    re.IGNORECASE,
)
# Subjects that are people doing work, not a thing in a state: left to the task drafts.
_PEOPLE_PRONOUNS = frozenset({"we", "i", "you", "they", "he", "she", "everyone", "everybody", "someone"})
# Verbs of a state of mind ("Volunteers should feel valued"): stated, still nothing anyone can
# check; what people feel is asked in a survey, drafted elsewhere.
_MINDS = frozenset(
    {"feel", "think", "know", "believe", "understand", "trust", "love", "like", "enjoy", "want", "value",
     "appreciate", "recognise", "recognize", "see", "care"}
)  # fmt: skip
# Words that end a clause rather than a subject ("... that it should ...").
_CLAUSE_WORDS = frozenset({"that", "which", "who", "if", "when", "so", "and", "or", "is", "are", "to"})


def hedged_drafts(features: Features, findings: Sequence[Finding]) -> list[str]:
    """The statement without its hedging modal, the verb agreeing, dated where it has no date.

    >>> from krquality.features.types import Form, SpanRef
    >>> text = "The rota should be shared with all stewards"
    >>> hedge = Finding("KRQ402", "wording.hedge", "warning", "", 9, 15)  # type: ignore[arg-type]
    >>> hedged_drafts(Features(text, SpanRef(0, len(text), text), Form.STATE, None), [hedge])
    ['The rota is shared with all stewards by [date]']
    """
    hedges = [f for f in findings if f.name == "wording.hedge"]
    if len(hedges) != 1:
        return []
    shape = structure_of(features)
    if shape.question or shape.trails_off or shape.sentences > 1:
        return []
    core = shape.core(features.text).strip().rstrip(" .!")
    match = _MODAL.match(core)
    if match is None or "\n" in core or "[" in core:
        return []
    hedge = hedges[0]
    if features.text[hedge.start : hedge.end].lower() != match["modal"].lower():
        return []  # the flagged word is another hedge ("try to"), which has a fix of its own
    words = match["subject"].split()
    if not words or len(words) > 8 or words[0].lower() in _PEOPLE_PRONOUNS:
        return []
    if {w.lower() for w in words} & _CLAUSE_WORDS:
        return []
    if match["verb"].lower() in _MINDS:
        return []
    if match["modal"].lower() == "could":
        verb: str | None = f"can {match['verb'].lower()}"  # an ability: "Users could export" -> "can export"
    else:
        verb = agreeing(match["verb"].lower(), subject_number(words))
    if verb is None:
        return []
    statement = f"{match['subject']} {verb}{match['rest'].rstrip()}"
    framed = bool(features.dates) or bool(time_frame_spans(core)) or shape.cycle_tag is not None
    return [statement if framed else f"{statement} by {DATE}"]
