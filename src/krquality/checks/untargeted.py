"""Key results read as metrics that have no number left to reach.

The classifier reads a key result as a metric when it carries numbers, but not every number
is a target: a progress note ("...: 100%", "(0.0 -> 1.0)"), a size written in brackets beside
the thing made ("A staging farm (40k+ sensors)"), the scope of a trial ("in 3 depots"). Version
names and ordinals ("v3.2", "the 2nd cycle") are not read as quantities at all. When none of
its numbers is a criterion and nothing in it names or moves a measure, the key result is a
deliverable: it is scored in the milestone band and ``milestone.no_deadline`` asks for its date,
as the published scale says (a result with no target is not an outcome).

The judgement works on the checks' view (targets, changes, measure words) and on the text's
progress note, which the body the classifier reads leaves out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from krquality.checks.scope import moves_a_measure, sized_state, sizes_a_scope
from krquality.features.types import QuantityKind, VerbClass
from krquality.labels import Label
from krquality.nlp.notes import progress_note
from krquality.nlp.quantities import is_measure_name

if TYPE_CHECKING:
    from krquality.checks.base import CheckContext
    from krquality.features.types import Quantity


def read_as_deliverable(context: CheckContext) -> bool:
    """Whether a key result labelled a metric is scored and checked as a milestone: its numbers
    only size a state (:func:`checks.scope.sized_state`) or it has no number to reach at all
    (:func:`untargeted_metric`)."""
    return sized_state(context) or untargeted_metric(context)


def untargeted_metric(context: CheckContext) -> bool:
    """Whether a key result labelled a metric has numbers, none of which can be its target, and
    names or moves no measure.

    "Release the payroll export v2 (0.0 -> 1.0)", "Automate the depot night checks: 100%",
    "Regional test cluster (40k+ sensors)": a thing delivered. Not "Reduce late refunds"
    (a measure moved, ``metric.no_target``'s question), nor "Keep churn under 2% (now 3%)".
    """
    return context.once(_untargeted)


def _untargeted(context: CheckContext) -> bool:
    features = context.features
    note = progress_note(context.text)
    # The body leaves a progress note out, so "Automate the depot night checks: 100%" has no
    # quantity of its own: its only number was the note's.
    if context.label is not Label.METRIC or not (features.quantities or note is not None):
        return False  # no number at all: "Reduce late refunds" is a measure with no target
    if features.markers_of("measure") or any(is_measure_name(q) for q in features.quantities):
        # "Churn rate ... : 40%": a measure is named, the number may be a level; "Share of late
        # invoices": a bare measure name, its target missing (metric.no_target's question)
        return False
    lead = features.lead_verb
    if (lead is not None and lead.verb_class is VerbClass.OUTCOME) or moves_a_measure(context.tokens):
        return False  # "Grow the number of regular buyers (rolling 30-day)": a measure moved, no target
    if any(not _in_note(note, c.span.start) for c in features.changes):
        return False  # a move or a level outside the progress note is a criterion
    if not all(_set_aside(context, q) for q in context.targets):
        return False
    from krquality.checks.task import counts_outputs  # the task checks import the metric checks

    return not (context.targets and counts_outputs(context))  # "Run 3 pilot events": work counted


def _in_note(note: tuple[int, int] | None, at: int) -> bool:
    return note is not None and note[0] <= at < note[1]


def _set_aside(context: CheckContext, quantity: Quantity) -> bool:
    """Whether ``quantity`` is no criterion: it sizes the one thing named before its brackets
    ("Sensor grid (12k+ stations)") or the scope of the work ("in 3 depots")."""
    return _sizes_the_thing_named(context, quantity) or sizes_a_scope(quantity, context.tokens)


def _sizes_the_thing_named(context: CheckContext, quantity: Quantity) -> bool:
    """Whether ``quantity`` opens a bracket that sizes one thing named, with no verb, before it.

    "Regional sensor grid (12k+ stations)": the grid is built or not, the stations say how big.
    Not a count of the things named ("Clinic partners signed (12)", "Laptops shipped to schools
    (300 units)": plural, or a verb before), nor an amount ("Donations (£20k)").
    """
    if quantity.kind is not QuantityKind.NUMBER:
        return False
    tokens = context.tokens
    i = next((k for k, t in enumerate(tokens) if t.idx == quantity.span.start), None)
    if i is None or i == 0 or tokens[i - 1].text != "(" or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1] if tokens[i + 1].text != "+" else (tokens[i + 2] if i + 2 < len(tokens) else None)
    head = tokens[i - 2] if i >= 2 else None
    return (
        after is not None
        and after.pos_ in {"NOUN", "PROPN"}
        and head is not None
        and head.tag_ in {"NN", "NNP"}  # one thing named, not things counted
        and not any(t.pos_ in {"VERB", "AUX"} for t in tokens[: i - 1])
    )
