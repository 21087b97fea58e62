"""Readings that keep metric.no_baseline, metric.no_unit, metric.no_target, task.activity and
wording.negative from firing where the grammar already answers what they ask.

Each case is written in a domain of its own; each negative has a near neighbour that must
still be flagged, so no reading can simply have switched a check off.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from krquality.checks.base import Check
from krquality.checks.metric import NO_BASELINE, NO_TARGET, NO_UNIT
from krquality.checks.milestone import NO_DEADLINE
from krquality.checks.task import ACTIVITY
from krquality.checks.wording import COMPOUND, NEGATIVE, TOO_SHORT
from krquality.labels import Label

from .contexts import real_context


def _flags(nlp: Language, check: Check, text: str, label: Label) -> bool:
    assert check.detect is not None
    return any(True for _ in check.detect(real_context(nlp, text, label)))


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # An amount moved, as the verb's object, is measured from today: no baseline to state.
        ("Lose 4 kg before the spring race", False),
        ("Cut 2 hours from the weekly payroll run", False),
        ("Save another $500 for the van deposit", False),
        ("Reduce body weight to 70 kg before the spring race", True),
        ("Cut warehouse costs by 12%", True),
        # A place in a ranking is read off a list at the end.
        ("Our podcast reaches the top 10 of the cooking charts", False),
        ("The bakery app ranks #1 in the local food category", False),
        ("Reach 20 of the app store categories", True),
        # Zero reached again each period is a state kept, each period judged on its own.
        ("Zero missed medication rounds every week", False),
        ("Inbox zero every Friday", False),
        ("Zero overdue safety inspections at the depots", True),
    ],
)
def test_no_baseline_own_reference(nlp: Language, text: str, flagged: bool) -> None:
    assert _flags(nlp, NO_BASELINE, text, Label.METRIC) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A part of a count named before, its noun left out, counts the same things.
        ("At least 12 stewards on the rota, with at least 3 in a full time role", False),
        ("30 tutors, 5 of them on a part time contract", False),
        ("Cut the response time to 30", True),
    ],
)
def test_no_unit_part_of_a_count(nlp: Language, text: str, flagged: bool) -> None:
    assert _flags(nlp, NO_UNIT, text, Label.METRIC) is flagged


@pytest.mark.parametrize(
    ("text", "label", "flagged"),
    [
        # A measure named with a sign, rate words and all, still lacks its number.
        ("% of weekly orders with the gift-wrap option", Label.TASK, True),
        ("% monthly lessons with a recorded replay", Label.TASK, True),
        # ... and so is a measure named by its own noun; a measure word before another head is not.
        ("Tenant satisfaction with the repair service", Label.TASK, True),
        ("Volunteer retention across the winter", Label.MILESTONE, True),
        ("Revenue dashboard for the farm shop", Label.MILESTONE, False),
        # One thing filed or sent is no measure moved.
        ("Raise PR to the parser docs on the new export flags", Label.MILESTONE, False),
        ("Raise a ticket with the printer vendor about the paper jams", Label.TASK, False),
        ("Raise average order value", Label.TASK, True),
        ("Grow a community of local makers", Label.TASK, True),
        ("Reduce a backlog of repair requests", Label.TASK, True),
        ("Lift NPS on the web shop", Label.TASK, True),
    ],
)
def test_no_target_readings(nlp: Language, text: str, label: Label, flagged: bool) -> None:
    assert _flags(nlp, NO_TARGET, text, label) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A state held each period: the rate says how often it is checked.
        ("Be profitable every month", False),
        ("Stay cash positive each quarter", False),
        ("Full pantry every weekend", False),
        ("Team sync every week", True),
        ("New blog post every week", True),
        ("Review the rota every Monday", True),
        # A causative "make" giving a product a capability is a deliverable.
        ("Make the kiosk print receipts", False),
        ("Make the payroll export to include holiday pay", False),
        ("Make the volunteers feel welcome", True),
        # A measure named with a sign is metric.no_target's.
        ("% of weekly orders with the gift-wrap option", False),
        ("Tenant satisfaction with the repair service", False),
    ],
)
def test_activity_readings(nlp: Language, text: str, flagged: bool) -> None:
    assert _flags(nlp, ACTIVITY, text, Label.TASK) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Cook a dish we have never tried before each Sunday", False),
        ("Bake a bread we have never baked before, each month", False),
        ("Walk a trail you've never walked, once a month", False),
        ("Never ship a release before QA signs it off", True),
        ("The night bus never leaves before the last train arrives", True),
        ("Never miss a customer deadline", True),
        # "no" before a comparative: a bound or a state left behind.
        ("Invoices are sent no later than the 5th of each month", False),
        ("Rent is no longer paid in cash at the office", False),
        ("No overdue invoices at the depot", True),
    ],
)
def test_negative_novelty(nlp: Language, text: str, flagged: bool) -> None:
    assert _flags(nlp, NEGATIVE, text, Label.TASK) is flagged


@pytest.mark.parametrize(
    ("text", "label", "flagged"),
    [
        # A verb of making and the one thing it delivers is checkable; the date is milestone.no_deadline's.
        ("Submit thesis", Label.MILESTONE, False),
        ("Publish cookbook", Label.MILESTONE, False),
        ("Finish stuff", Label.MILESTONE, True),
        ("Kitchen etiquette", Label.MILESTONE, True),
        ("Payroll migration", Label.MILESTONE, True),
        ("Identify venues", Label.TASK, True),
        ("Grow revenue", Label.TASK, True),
        ("Growth", Label.TASK, True),
    ],
)
def test_too_short_one_deliverable(nlp: Language, text: str, label: Label, flagged: bool) -> None:
    assert _flags(nlp, TOO_SHORT, text, label) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A second step on what the first yields, or done together with those it named: one result.
        ("Audit the fire doors and write up the findings", False),
        ("Run the meal-box pilot in 2 schools and publish the results", False),
        ("Collect the kids from school and cook dinner together", False),
        ("Audit the fire doors and repaint the stairwell", True),
        ("Migrate the shop CRM and lift the results of the sales team", True),
        ("Launch the app and grow weekly users to 400", True),
    ],
)
def test_compound_one_piece_of_work(nlp: Language, text: str, flagged: bool) -> None:
    assert _flags(nlp, COMPOUND, text, Label.MILESTONE) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A state compared with today is a direction with no amount (wording.vague's), not a thing to date.
        ("Having a more varied lunch menu", False),
        ("The library site has a better search", False),
        ("Create a clearer intake form for the clinic", True),
        ("The allotment site has a newer tool shed", True),
        # Work that goes on has no end a date could mark.
        ("Align the delivery rota with the main objective", False),
        ("Establish weekly review practices for the kitchen", False),
        ("Draft the delivery rota for the winter", True),
        ("Walk the dog and spend the evening time together", False),
        ("Spend the grant on a new kiln", True),
    ],
)
def test_no_deadline_compared_state(nlp: Language, text: str, flagged: bool) -> None:
    assert _flags(nlp, NO_DEADLINE, text, Label.MILESTONE) is flagged


@pytest.mark.parametrize(
    ("text", "label", "flagged"),
    [
        # Work that goes on is an activity whatever the label, whatever its object.
        ("Align the delivery rota with the main objective", Label.MILESTONE, True),
        ("Establish weekly review practices for the kitchen", Label.TASK, True),
        ("Draft the delivery rota for the winter", Label.MILESTONE, False),
        # Time given with no amount is a habit kept up.
        ("Walk the dog and spend the evening time together", Label.MILESTONE, True),
        ("Spend the grant on a new kiln", Label.TASK, True),
        ("Document the cold-chain rules for the harbour depot", Label.TASK, False),
    ],
)
def test_activity_work_that_goes_on(nlp: Language, text: str, label: Label, flagged: bool) -> None:
    assert _flags(nlp, ACTIVITY, text, label) is flagged
