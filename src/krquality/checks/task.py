"""Checks on task key results: activity with no outcome, and no time frame."""

from __future__ import annotations

from collections.abc import Iterator

from krquality.checks.base import Check, CheckContext, Example
from krquality.features.types import VerbClass
from krquality.labels import Label
from krquality.result import Finding, Severity

T = Label.TASK
M = Label.METRIC
MS = Label.MILESTONE


def _activity(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    lead = features.lead_verb
    extra = {v.lower() for v in context.config.activity_verbs}
    activity_lead = lead is not None and (
        lead.verb_class is VerbClass.ACTIVITY or lead.lemma.lower() in extra
    )
    if lead is not None and any(
        m.span.start <= lead.span.start < m.span.end for m in features.markers_of("hedge")
    ):
        activity_lead = False  # "Try to launch": the hedge is wording.hedge's finding
    if context.label is not Label.TASK and not (activity_lead and not context.targets):
        return
    markers = features.markers_of("activity")
    if markers:
        span = markers[0].span  # the activity phrase ("keep working on") says most
    elif activity_lead and lead is not None:
        span = lead.span
    else:
        span = features.body
    message = ACTIVITY.message
    if span is not features.body:
        message = (
            f"'{span.text}' says what you will do, not what will be true when it has worked. "
            "Rewrite it as the result: a number to reach or a deliverable that is done by a date."
        )
    yield ACTIVITY.finding(span.start, span.end, message)


ACTIVITY = Check(
    code="KRQ301",
    name="task.activity",
    alias="activity-without-outcome",
    severity=Severity.WARNING,
    message=(
        "This is an activity, not a result. Say what will be true when it has worked: a number "
        "to reach or a deliverable done by a date."
    ),
    docs=(
        "OKRs separate what you want to be true (the key result) from what you will do to "
        'get there (the plan). An activity ("hold weekly pipeline reviews", "work on '
        'onboarding") can be done perfectly while nothing improves, and has no point at '
        'which it is finished. Ask "why are we doing this?" and write the answer as the '
        "key result."
    ),
    bad=(
        Example("Hold weekly pipeline reviews", T),
        Example("Keep working on the billing migration", T),
        Example("Research competitor pricing", T),
    ),
    good=(
        Example("Raise pipeline coverage from 2x to 3x of the quarterly target", M),
        Example("Move all invoices to the new billing provider by 31 August", MS),
    ),
    detect=_activity,
)


def _no_deadline(context: CheckContext) -> Iterator[Finding]:
    if context.label is Label.TASK and not context.features.dates and context.cycle is None:
        body = context.features.body
        yield TASK_NO_DEADLINE.finding(body.start, body.end)


TASK_NO_DEADLINE = Check(
    code="KRQ302",
    name="task.no_deadline",
    alias="task-without-time-frame",
    severity=Severity.INFO,
    message="No time frame. When you rewrite this as a result, say by when it should be true.",
    docs=(
        "Open-ended work with no date never becomes late, so it never gets reviewed. This is "
        "only information: the real fix is to rewrite the task as a metric or a milestone, "
        "with a date."
    ),
    bad=(Example("Help the sales team with demos", T),),
    good=(Example("Help the sales team with demos until the end of Q2", T),),
    detect=_no_deadline,
)


CHECKS: tuple[Check, ...] = (ACTIVITY, TASK_NO_DEADLINE)
