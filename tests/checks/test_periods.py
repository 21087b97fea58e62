"""Period names used as labels and open bounds are not a key result's time frame; a programme's run is."""

from __future__ import annotations

import pytest

import krquality


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        # a period naming a heading, phases listed, an open bound: no deadline
        ("H2: hygiene - publish the allergen labelling guide", False),
        ("Q3 - onboarding: ship the welcome pack for new tenants", False),
        (
            "Every depot has 2 named auditors (Q1 - stock, Q2 - vans, Q3 - fire exits)",
            False,
        ),
        ("Keep the tenancy archive readable beyond 2030", False),
        ("Move the ledger to the new host after 2027", False),
        # a period with a preposition, a cycle with its year, a span with an end: dated
        ("Publish the allergen labelling guide by Q1", True),
        ("Publish the allergen labelling guide in Q1", True),
        ("Q1 2027: publish the allergen labelling guide", True),
        ("Q1: publish the allergen labelling guide", True),
        ("Run the repair café from 2026 to 2028", True),
        # the run of the programme the key result belongs to frames it
        ("Nine in ten apprentices rate the workshop 4 or more by the end of it", True),
        ("Pair each new volunteer with a mentor during the cohort", True),
        ("Every funded pantry hits 70% of its agreed milestones within the agreed time period", True),
        ("Pair each new volunteer with a mentor during the launch", False),
    ],
)
def test_only_a_deadline_dates_the_key_result(text: str, dated: bool) -> None:
    names = {f.name for f in krquality.analyze(text, suggestions=False).findings}
    assert bool(names & {"milestone.no_deadline", "metric.no_deadline", "task.no_deadline"}) is not dated
