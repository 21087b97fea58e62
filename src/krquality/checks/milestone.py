"""Checks on milestone key results: a deadline, and binary work dressed up as a percentage."""

from __future__ import annotations

from collections.abc import Iterator

from krquality.checks.base import Check, CheckContext, Example
from krquality.checks.helpers import (
    change_of,
    dated,
    in_brackets,
    moves_a_measure,
    names_measure,
    tokens_after,
)
from krquality.checks.links import title_moves_a_measure
from krquality.checks.task import gives_time, goes_on_and_on, names_one_deliverable
from krquality.checks.untargeted import read_as_deliverable
from krquality.features.types import QuantityKind
from krquality.labels import Label
from krquality.result import Finding, Fix, Severity

M = Label.METRIC
MS = Label.MILESTONE
T = Label.TASK

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
    if moves_a_measure(context.features) or names_measure(context):
        return  # "Reduce late deliveries": a measure with no number (metric.no_target), not a deliverable
    if title_moves_a_measure(context.text):
        return  # "[KR: Grow repeat orders](https://...)": the same, written as a tracker link
    if goes_on_and_on(context) or gives_time(context):
        return  # "Align the rota with the main objective": work with no end, task.activity's finding
    if _compared_state(context):
        return  # "Having a more varied menu": a direction with no amount, not a thing to date
    # "The new till is trialled in eight shops" or "Automate the depot setup: 100%", read as a metric:
    # a state reached, sized by its number or with no number to reach
    deliverable = (
        context.label is Label.MILESTONE or names_one_deliverable(context) or read_as_deliverable(context)
    )
    if deliverable and not dated(context):
        body = context.features.body
        yield NO_DEADLINE.finding(body.start, body.end)


# Verbs that only say a state is had or reached: "Having a more varied menu", "Get a faster till".
_HAVING = frozenset({"have", "be", "get", "become"})
_COMPARING = frozenset({"more", "less"})


def _compared_state(context: CheckContext) -> bool:
    """Whether the key result is a state compared with today and nothing more: "Having a more
    varied menu", "The site has a better search".

    The comparison is a direction with no amount (``wording.vague`` asks how much), not a thing
    made that a date would make a commitment: it is done in no week of the cycle. A verb of
    making ("Create a clearer intake form") names the thing and keeps the finding, and so does a
    number ("a 2x faster checkout").
    """
    features = context.features
    lead = features.lead_verb
    if features.quantities or (lead is not None and lead.lemma.split()[0].lower() not in _HAVING):
        return False
    body = [t for t in context.body_tokens if not in_brackets(context.text, t.idx, square=False)]
    # Only a comparison wording.vague flags ("more varied", "better"): the key result keeps that
    # finding; "a newer tool shed" names a thing and stays a deliverable.
    vague = {m.span.start for m in features.markers_of("vague")}
    return any(
        (t.tag_ == "JJR" and t.idx in vague)
        or (t.lower_ in _COMPARING and i + 1 < len(body) and body[i + 1].tag_ == "JJ")
        for i, t in enumerate(body)
    )


NO_DEADLINE = Check(
    code="KRQ201",
    name="milestone.no_deadline",
    alias="milestone-without-deadline",
    severity=Severity.WARNING,
    message='A deliverable with no date. Say when it is due ("by 30 June", "in release 5.2").',
    docs=(
        "A milestone is done or not done, and the date is the only thing that makes it a "
        'commitment: "Launch the partner portal" with no date is equally true in week 2 '
        "and week 13, and a launch in the last week leaves no time to see its effect. "
        "A date also lets other teams plan around it. A key result under a heading, title or "
        "front matter that states the cycle (\"## Q3 2025\") is due at the cycle's end, so it "
        "is not flagged there. A key result the model reads as a task but whose words name one "
        'deliverable ("Document the cold-chain rules for the depot", "Shared queue of repair '
        'requests") is a milestone too, and gets this finding instead of task.no_deadline\'s note; '
        'work with no end ("Help the sales team with demos") does not. A period used as a label '
        '("H2: hygiene - publish ...", phases listed as "(Q1 - intake, Q2 - forms)") or an open '
        'bound ("beyond 2030", "after 2027") is not a deadline; "by Q1", "in Q1" and a cycle '
        'written with its year ("Q1 2027: ...") are. A state the model reads as a metric whose only '
        'number sizes it ("The new intake form is tested in 4 clinics", "Run a pilot with a group '
        'of nine schools") is a milestone too: the number says how big it is, not a level to reach. '
        "So is a metric reading whose numbers are all set aside: a progress note or grading scale "
        '("...: 100%", "(0.0 -> 1.0)"), a size in brackets beside the thing made ("Sensor grid '
        '(12k+ stations)"); not one that moves or names a measure ("Grow returning donors (rolling '
        '28-day)") or has a level outside the brackets ("Keep the backlog under 40 (now 55)").'
        ' A key result written as one tracker link whose title moves a measure ("[KR: Grow repeat '
        'orders](https://tracker.example/issues/12)") is a measure to move, not a deliverable, as '
        'the same words without the link are.'
        ' A state compared with today and nothing more ("Having a more varied lunch menu", "The site '
        'has a better search") is a direction with no amount, which wording.vague flags, not a thing '
        'to date; a verb of making ("Create a clearer intake form") or a thing named ("a newer tool '
        'shed") keeps the finding. Nor is work that goes on, whatever its label ("Align the delivery '
        'rota with the main objective", "Establish weekly review practices for the kitchen"): a date '
        'gives it no end state, and task.activity says it is an activity. So is time given with no '
        'amount ("Collect the kids and spend the afternoon time together"), a habit kept up.'
    ),
    bad=(
        Example("Launch the partner portal", MS),
        Example("Migrate billing to the new provider", MS),
        Example("Document the cold-chain rules for the harbour depot", T),
        Example("Create one starter kit for new stewards", MS),
        Example("H2: hygiene - publish the allergen labelling guide", MS),
        Example("The new intake form is tested in 4 clinics", M),
        Example("Pension statements redesigned for print and mobile (0.0 -> 1.0)", M),
        Example("Store the tenancy archive on the new host beyond 2030", MS),
        Example("The allotment site has a newer tool shed", MS),
        Example("Create a clearer intake form for the clinic", MS),
    ),
    good=(
        Example("Launch the partner portal by 30 June", MS),
        Example("Migrate billing to the new provider by the end of Q3", MS),
        Example("Publish the volunteer handbook before the summer fair", MS),
        Example("Repaint the shop front in time for our reopening", MS),
        Example("Choose the new ticketing tool [H2]", MS),
        Example("Q1 2027: open the supplier portal", MS),
        Example("Have the stall accounts ready no later than 2 weeks after the fair closes", MS),
        Example("Open the supplier portal in Q1", MS),
        Example("Document the cold-chain rules for the harbour depot by May", T),
        Example("Help the sales team with demos", T),
        Example("The new intake form is tested in 4 clinics by May", M),
        Example("Churn is below 2% in 3 regions", M),
        Example("Keep the ticket backlog under 40 (now 55)", M),
        Example("[KR: Grow repeat orders from the bakery app](https://tracker.example/issues/12)", MS),
        Example("[Speed up the tenancy search by half](#kr4) [li, omar] 1.0", MS),
        Example("Having a more varied lunch menu", MS),
        Example("The library site has a better search", MS),
        Example("Align the delivery rota with the main objective", MS),
        Example("Walk the dog and spend the evening time together", MS),
    ),
    detect=_no_deadline,
)


# States that make a percentage a progress report: "80% complete", "90% done".
_DONE = frozenset({"complete", "completed", "done", "finished", "implemented", "delivered", "migrated"})
_DETERMINERS = frozenset({"the", "our", "this", "its", "their", "a", "an", "my", "that"})


def _percent_complete(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    lead = features.lead_verb
    completing = lead is not None and lead.lemma.split()[0].lower() in _COMPLETION
    for quantity in features.quantities:
        if quantity.kind is not QuantityKind.PERCENT:
            continue
        change = change_of(quantity, features)
        if change is not None and change.baseline is not None:
            continue  # "completion from 55% to 75%" is a measured rate
        following = tokens_after(context.tokens, quantity.span.end, 2)
        words = [t.lower_ for t in following]
        # "Complete 80% of the migration": a share of one deliverable. "Deliver
        # 95% of customer commitments" (no determiner) is a rate over many.
        share_of_one = completing and words[:1] == ["of"] and words[1:2] and words[1] in _DETERMINERS
        progress = words[:1] and words[0] in _DONE
        if not (share_of_one or progress):
            continue
        fix = None
        if quantity.value == 100 and share_of_one:
            # "Complete 100% of the migration" says no more than "Complete the migration".
            fix = Fix(quantity.span.start, following[1].idx, "")
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
        Example("Payments migration 90% done by June", M),
    ),
    good=(
        Example("Complete the migration to the new data warehouse by 30 September", MS),
        Example("Raise test coverage from 62% to 80%", M),
        Example("Raise onboarding completion from 55% to 75%", M),
        Example("Deliver 95% of customer commitments on the agreed date", M),
    ),
    detect=_percent_complete,
)


CHECKS: tuple[Check, ...] = (NO_DEADLINE, PERCENT_COMPLETE)
