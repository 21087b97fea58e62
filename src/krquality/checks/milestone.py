"""Checks on milestone key results: a deadline, and binary work dressed up as a percentage."""

from __future__ import annotations

from collections.abc import Iterator

from krquality.checks.base import Check, CheckContext, Example
from krquality.checks.helpers import token_words, tokens_after
from krquality.features.types import QuantityKind
from krquality.labels import Label
from krquality.result import Finding, Fix, Severity

M = Label.METRIC
MS = Label.MILESTONE

_COMPLETION = frozenset(
    {
        "complete",
        "completed",
        "completion",
        "done",
        "finish",
        "finished",
        "deliver",
        "delivered",
        "implement",
        "implemented",
        "migrate",
        "migrated",
        "migration",
        "roll",
        "execute",
        "executed",
    }
)


def _no_deadline(context: CheckContext) -> Iterator[Finding]:
    if context.label is Label.MILESTONE and not context.features.dates:
        body = context.features.body
        yield NO_DEADLINE.finding(body.start, body.end)


NO_DEADLINE = Check(
    code="KRQ201",
    name="milestone.no_deadline",
    alias="milestone-without-deadline",
    severity=Severity.ERROR,
    message='A deliverable with no date. Say when it is due ("by 30 June", "in release 5.2").',
    docs=(
        "A milestone is done or not done, and the date is the only thing that makes it a "
        'commitment: "Launch the partner portal" with no date is equally true in week 2 '
        "and week 13, and a launch in the last week leaves no time to see its effect. "
        "A date also lets other teams plan around it."
    ),
    bad=(
        Example("Launch the partner portal", MS),
        Example("Migrate billing to the new provider", MS),
    ),
    good=(
        Example("Launch the partner portal by 30 June", MS),
        Example("Migrate billing to the new provider by the end of Q3", MS),
    ),
    detect=_no_deadline,
)


def _percent_complete(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    words = token_words(context.doc)
    if features.lead_verb is not None:
        words.add(features.lead_verb.lemma.lower())
    if not words & _COMPLETION:
        return
    for quantity in features.quantities:
        if quantity.kind is not QuantityKind.PERCENT:
            continue
        fix = None
        following = tokens_after(context.doc, quantity.span.end, 2)
        if quantity.value == 100 and following and following[0].lower_ == "of":
            # "Complete 100% of the migration" says no more than "Complete the migration".
            nxt = following[1].idx if len(following) > 1 else following[0].idx + 2
            fix = Fix(quantity.span.start, nxt, "")
        yield PERCENT_COMPLETE.finding(quantity.span.start, quantity.span.end, fix=fix)
        return


PERCENT_COMPLETE = Check(
    code="KRQ202",
    name="milestone.percent_complete",
    alias="binary-as-percentage",
    severity=Severity.WARNING,
    message=(
        "Done-or-not work phrased as a percentage. State the deliverable and its date; "
        '"80% complete" cannot be checked by anyone but the team doing it.'
    ),
    docs=(
        "Percent-complete is a guess, not a measurement: there is no agreed denominator, "
        "and projects famously sit at 90% for weeks. Binary work is a milestone; if it is "
        'big, split it into smaller milestones that are each done or not done ("the first '
        'three services run on the new cluster").'
    ),
    bad=(
        Example("Complete 100% of the migration", M),
        Example("Finish 80% of the data warehouse implementation by Q3", M),
    ),
    good=(
        Example("Complete the migration to the new data warehouse by 30 September", MS),
        Example("Raise test coverage from 62% to 80%", M),
    ),
    detect=_percent_complete,
)


CHECKS: tuple[Check, ...] = (NO_DEADLINE, PERCENT_COMPLETE)
