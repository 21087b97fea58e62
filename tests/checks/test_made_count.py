"""Counts of the team's own work read from the sentence's grammar (metric.output_count via
checks.made_count), whatever the counted thing is called, and the counts it must leave alone."""

from __future__ import annotations

import pytest

import krquality
from krquality.suggest.drafts import Draft, DraftKind
from krquality.suggest.rewrite import breaks_rules

from .contexts import output_span

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # An imperative of making or doing, its object counted (no list names these things).
        ("Restore 6 park benches for the square", "Restore 6 park benches"),
        ("Translate 40 museum labels into Welsh", "Translate 40 museum labels"),
        ("Q2: Catalogue 300 herbarium sheets", "Catalogue 300 herbarium sheets"),
        ("Proofread 6 grant bids for the charity", "Proofread 6 grant bids"),
        # The team, or a unit of it, as the subject; the places where it does the work.
        ("Every clinic audits 3 patient files per month", "audits 3 patient files"),
        ("Our crew speaks at 5 trade fairs", "5 trade fairs"),
        # A passive with no agent, and acts named by a noun made from a verb.
        ("12 recipes added to the wiki", "12 recipes added"),
        ("12 revisions to the style guide", "12 revisions"),
        ("4 consultations with tenants", "4 consultations"),
        # A count picked from the team's own set, and things the team gets placed somewhere.
        ("Varnish 4 of our canal boats before spring", "Varnish 4 of our canal boats"),
        ("Get 5 of our recipes featured in food magazines", "Get 5 of our recipes featured"),
        ("Get 6 tour videos shown on regional TV", "Get 6 tour videos shown"),
        # A share of the team's own items worked on, faults included.
        ("Label 60% of the archive photos by hand", "Label 60% of the archive photos"),
        ("Q3: Resolve 70% of the open survey defects", "Resolve 70% of the open survey defects"),
        # A share of the team's units that each make one.
        (
            "100% of the depots have run at least one fire drill",
            "100% of the depots have run at least one fire drill",
        ),
    ],
)
def test_counts_of_work_the_team_does_are_output_counts(text: str, span: str) -> None:
    assert output_span(text) == span


@pytest.mark.parametrize(
    "text",
    [
        # Verbs of getting, moving or keeping an outcome, or of what a product covers.
        "Sell 6 quilts at the craft fair",
        "Attract 50 candidates for the cook roles",
        "Keep 5 spare vans on standby",
        "Support 5 file formats in the photo editor",
        "Cover 10 districts with the new bus timetable",
        # People outside the team as the subject, or as what is counted.
        "Customers write 50 reviews",
        "40 families join 2 clubs",
        "Team up with 3 or more local charities",
        "80% of users complete at least one lesson",
        "90% of services have at least one owner",
        # Acts of others, faults, measures and thresholds.
        "120 applications from schools",
        "500 registrations for the winter course",
        "Fix 12 bugs in the booking app",
        "Run 10 km in under an hour",
        "Go 10 days without a fall",
        # A machine's throughput, a rank, a state of a product, an outcome won from others.
        "Handle 500 requests per second",
        "Top 3 apps in the store",
        "The platform runs 3 regions",
        "Pass 2 external audits",
        # A count in what another verb looks into, and people who take part.
        "Consider opening 2 more pop-up kitchens",
        "40 parents volunteered at the summer fete",
        # A participle that only says which ones, before the clause's own verb.
        "4 hazards spotted in the kitchen review are removed by May",
        # Decisions won from others, people got to act, a picked set improved (maybe the outcome).
        "Get 3 grants approved",
        "Get 50 tenants signed up for the portal",
        "Improve 4 of the heaviest report queries",
        # A share of people, of time, handled within a limit, or the subject of its own clause.
        "Migrate 80% of customers to the new plan",
        "Spend 20% of our hours on training",
        "Answer 95% of support emails within a day",
        "Ensure 100% of flagged invoices include a tax code",
        # A count itemised inside something else is a part of it.
        "Every depot has a safety plan, including up to three named drills",
    ],
)
def test_counts_of_effects_people_faults_and_measures_are_not(text: str) -> None:
    assert output_span(text) is None


@pytest.mark.parametrize(
    ("draft", "broken"),
    [
        ("Describe 3 bus routes by [date], up from [baseline]", True),
        ("Describe from [baseline] to 3 bus routes by [date]", True),
        ("Increase [riders on the routes] by [date] through describing 3 bus routes", False),
    ],
)
def test_a_draft_that_keeps_the_count_as_its_result_is_not_offered(draft: str, broken: bool) -> None:
    """A baseline added to the count hides it from re-analysis; the count is still the result.
    Kept as the means after "through", it is the plan toward the measure."""
    original = krquality.analyze("Describe 3 bus routes", suggestions=False)
    reason = breaks_rules(Draft(draft, DraftKind.METRIC), original)
    assert (reason is not None and "count of work" in reason) is broken
