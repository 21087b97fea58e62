"""Effort put in, read as the result (metric.output_count via checks.effort): time spent,
bouts of practice and the author's own doing at a rate, and the times and rates it must
leave alone (limits, time lost or saved, outcomes at a rate, rates of another clause)."""

from __future__ import annotations

import pytest

import krquality
from krquality.checks.score import ceiling_for
from krquality.labels import Label

from .contexts import output_span

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        # Time put in, as the object of a verb of doing or heading the key result.
        "Give 2 hours a week to the allotment",
        "Log 10 hours of volunteer tutoring each month",
        "Three hours of sketching a week",
        "45 mins of scales and 30 mins of sight-reading per day",
        "Meditate for 10 minutes daily",
        # a verb the tagger reads as a noun, then time put in at a rate
        "Exercise 15 minutes daily",
        "Stretch for 10 minutes a day",
        # Bouts of practice counted at a rate.
        "12 study sessions per month",
        # The author's own doing at a rate: an imperative, or "I"/"we" as the subject.
        "Swim three times a week",
        "Bake one new bread every week",
        "Knit a scarf every month",
        "We call each supplier once a month",
    ],
)
def test_effort_put_in_is_an_output_count(text: str) -> None:
    assert output_span(text) is not None
    result = krquality.analyze(text, suggestions=False)
    # in the output-count band, below an outcome metric
    assert result.score <= ceiling_for(["KRQ104"], Label.METRIC)


@pytest.mark.parametrize(
    "text",
    [
        # A limit on time to serve others, time lost or saved, a time brought down.
        "Reply to every tenant within 2 days",
        "Save 5 hours per week of manual reconciliation",
        "4 hours of downtime a month at most",
        "Downtime 15 minutes a month",
        "Cut checkout time to 2 minutes",
        "Send the agenda to members three weeks before the meeting",
        # Outcomes at a rate: got, kept, people won, a level or a measure moved.
        "Get 20 new sign-ups every week",
        "Onboard 5 new clients a month",
        "Keep uptime above 99.9% every month",
        "Release frequency from monthly to weekly",
        # A rate that belongs to another clause or to someone else's doing, a named event.
        "Retire the inbox that forwards invoices to finance every morning",
        "I want every volunteer to log one shift a week",
        "Present the results at the monthly town hall",
        # Observing at a rate keeps a measure; it makes or does nothing to count.
        "Weigh the compost bins each week",
    ],
)
def test_limits_lost_time_outcomes_and_other_clauses_are_not(text: str) -> None:
    assert output_span(text) is None


def test_a_rate_of_doing_is_its_own_amount() -> None:
    """ "Knit a scarf every month" has its amount (one a month): no missing target;
    an amount left open ("X km") still lacks one."""
    codes = {
        f.code for f in krquality.analyze("Knit a scarf every month", suggestions=False).findings
    }
    assert "KRQ102" not in codes
    codes = {f.code for f in krquality.analyze("run X km a week", suggestions=False).findings}
    assert "KRQ102" in codes


@pytest.mark.parametrize(
    ("text", "attendance"),
    [
        ("Three hours of sketching a week", False),
        ("Ninety minutes of choir practice every week", False),
        ("Host office hours every week", True),  # hours held for others to come to
    ],
)
def test_time_spent_gets_no_attendance_draft(text: str, attendance: bool) -> None:
    """Time the author puts in is no event others attend: no "average attendance at" draft."""
    drafts = [s.text for s in krquality.analyze(text).suggestions]
    assert any("average attendance" in d for d in drafts) is attendance


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hold one open day per platform every month", False),  # the platforms are not what is made
        ("Launch 3 booking widgets for the partner hotels", True),  # the widgets are
    ],
)
def test_a_count_spread_per_place_does_not_name_the_place_as_made(text: str, named: bool) -> None:
    drafts = [s.text for s in krquality.analyze(text).suggestions]
    assert any("[use of" in d or "[adoption of" in d for d in drafts) is named
