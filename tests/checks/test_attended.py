"""Counts of people who took part in the team's own events (metric.output_count), and the
counts of people acting or judging beside them that must stay unflagged."""

from __future__ import annotations

import pytest

from .contexts import output_span

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # People who attend, take part in or complete a teaching event the team runs.
        ("60 porters complete the lifting course", "60 porters complete the lifting course"),
        (
            '200 stall holders took part in the "pricing for markets" workshop',
            '200 stall holders took part in the "pricing for markets" workshop',
        ),
        (
            "45 ward clerks went through the induction on the new rota",
            "45 ward clerks went through the induction",
        ),
        # Participants or attendees counted as such.
        ("120 new participants in our bread-making workshops", "120 new participants"),
        ("Open days with a total of 900 attendees", "900 attendees"),
        ("300+ participants engaged in the river clean-up days", "300+ participants"),
    ],
)
def test_people_reached_by_the_teams_events_are_output_counts(text: str, span: str) -> None:
    assert output_span(text) == span


@pytest.mark.parametrize(
    "text",
    [
        # Repeat attendance is what people choose to do.
        "35 families attend at least 3 gardening classes",
        "40 new members attend every month",
        # People who sign up, join or buy act; events they come to for their own sake are not taught.
        "500 customers sign up for the pottery course",
        "150+ parents join the summer reading club",
        "60 retirees join the spring pottery course",
        "40 members attend the winter concert",
        # A share of participants, or a score from them, is what they think or do.
        "70% of attendees rate the course 4 or more",
        "Average rating of 4.5 from workshop attendees",
        # Participants of nothing named, or a reach the author aims at with the events as the means.
        "Reach 300 participants by June",
        "Reach 200 participants through 6 clay workshops",
        # A move in attendance is a measure with a baseline.
        "Grow workshop attendance from 40 to 90 a month",
    ],
)
def test_people_acting_or_judging_are_not_output_counts(text: str) -> None:
    assert output_span(text) is None
