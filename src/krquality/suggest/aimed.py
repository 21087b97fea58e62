"""The effect a task's own purpose clause names, leading: the work kept as the means.

"Rework the rota to lower overtime hours" or "Improve the intake form to
reduce the number of missing addresses" is work, and its author wrote what
it is for. As for an output count (:mod:`krquality.suggest.purposes`), the
draft leads with that effect and keeps the work after "through": "Reduce
overtime hours from [baseline] to [target] by [date] through reworking the
rota". The purpose is measured only where :func:`~krquality.suggest.purposes.stated_effect`
measures it (a direction verb with a measure as its object, or an
improvement whose object has a measure of its own).

A vague verb the checks flag ("improve", "enhance") names no change of its
own: it becomes "changes to" the thing it was on ("through changes to the
intake form"), the measure now saying what better means. A key result with
a number, a date or a rate of its own, or of more than one sentence, is left
to the other drafts: the purpose's measure would have to keep them in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from krquality.features.types import Features, Form
from krquality.nlp.dates import time_frame_spans
from krquality.result import Finding
from krquality.suggest.casing import capitalise_first
from krquality.suggest.purposes import stated_effect
from krquality.suggest.structure import structure_of


def aimed_drafts(features: Features, findings: Sequence[Finding], *, date: str) -> list[str]:
    """The effect the task's purpose clause names, with its slots and ``date``, through the work.

    >>> from krquality.features.types import LeadVerb, SpanRef, VerbClass
    >>> text = "Rework the rota to lower overtime hours"
    >>> lead = LeadVerb(SpanRef(0, 6, "Rework"), "rework", VerbClass.ACTIVITY)
    >>> aimed_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, lead), (), date="by [date]")
    ['Reduce overtime hours from [baseline] to [target] by [date] through reworking the rota']
    """
    lead = features.lead_verb
    if features.form is not Form.IMPERATIVE or lead is None or features.quantities or features.dates:
        return []
    shape = structure_of(features)
    if shape.question or shape.trails_off or shape.sentences > 1 or lead.span.start < shape.start:
        return []
    core = shape.core(features.text).strip().rstrip(" .!;")
    if "\n" in core or time_frame_spans(core) or re.search(r"[\[\]()]", core):
        return []
    verb_end = lead.span.end - shape.start
    rest = core[verb_end:].strip()
    if not rest or verb_end <= 0:
        return []
    verb, _, particle = lead.span.text.partition(" ")  # "Clean up" -> "cleaning up"
    stated = stated_effect(" ".join([_gerund(verb), particle, rest]).replace("  ", " "))
    if stated is None:
        return []
    measure, means = stated
    vague = any(f.name == "wording.vague" and f.start <= lead.span.start < f.end for f in findings)
    if vague:
        # "improving the intake form": the measure says what better is; the work is the change made
        skip = 1 + len(particle.split())  # the gerund and its particle ("tidying up")
        means = f"changes to {' '.join(means.split()[skip:])}" if len(means.split()) > skip else ""
    if not means:
        return []
    return [capitalise_first(" ".join(f"{measure} {date} through {means}".split()))]


def _gerund(verb: str) -> str:
    """The -ing form of ``verb`` ("rework" -> "reworking", "improve" -> "improving")."""
    word = verb.lower()
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    if len(word) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", word):
        return word + word[-1] + "ing"  # "cut", "plan"
    return word + "ing"
