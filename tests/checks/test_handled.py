"""Counts of things the team handled and of people it served (metric.output_count), and the
effects beside them that must stay unflagged. The cases are written in other domains and words."""

from __future__ import annotations

import pytest

from .contexts import output_span

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # Things the team already has, handled: the participle after the count.
        ("6 payroll scripts open-sourced", "6 payroll scripts open-sourced"),
        ("200 archive photos are catalogued by the interns", "200 archive photos are catalogued"),
        ("100% of the legacy invoices migrated to the new ledger", "100% of the legacy invoices migrated"),
        ("Number of identified suppliers: 12", "Number of identified suppliers"),
        # People served: who they are does not make the service an effect.
        ("40 care workers trained in manual handling", "40 care workers trained"),
        # With a count, a time limit is the deadline of the whole count, not a service level.
        ("40 bus drivers trained in first aid within 3 months", "40 bus drivers trained"),
        ("25 shop managers coached on stock planning", "25 shop managers coached"),
        ("60 landlords will get weekly tutoring", "60 landlords will get weekly tutoring"),
        # The verb first, also before a range.
        ("Coach 12 shift leads on rota planning", "Coach 12 shift leads"),
        ("Document 8 internal APIs", "Document 8 internal APIs"),
        ("Review 40 grant applications", "Review 40 grant applications"),
        ("Mentor 4 junior analysts", "Mentor 4 junior analysts"),
        ("Mentor 3-5 graduate engineers", "Mentor 3-5 graduate engineers"),
        ("Coach 6-8  stall holders on pricing", "Coach 6-8  stall holders"),
    ],
)
def test_work_handled_and_people_served_are_output_counts(text: str, span: str) -> None:
    assert output_span(text) == span


@pytest.mark.parametrize(
    "text",
    [
        # Outcomes counted: people who act, agreements won, adoption.
        "Sign 10 new customers",
        "Hire 3 engineers",
        "Close 20 deals",
        "14 stewards recruited and trained",
        "80% of customers migrated to the new plan",
        "Win 15-20 new accounts",
        # A share handled within a time limit is a service level, also when how comes first.
        "95% of claims reviewed within 2 days",
        "100% of members behind on fees are phoned (by the treasurer) within 3 days of the due date",
        "80% of new porters trained in fire safety within 2 weeks of starting",
        # One thing handled is a milestone; a figure with no work in it is a level.
        "1 more depot migrated to the new rota system",
        "Number of active depots: 11",
        # The participle describes what is counted; the clause's own verb says what is done.
        "3 risks identified in the depot audit are fixed by June",
        # A year is not a count: "2026 all invoices" is a date, then a milestone.
        "By June 2026 all invoices migrated to the new ledger",
        # People who attend an event for its own sake do so themselves (a teaching event the
        # team runs is its reach: tests/checks/test_attended.py).
        "40 members attend the harvest supper",
    ],
)
def test_outcomes_service_levels_and_single_items_are_not_output_counts(text: str) -> None:
    assert output_span(text) is None
