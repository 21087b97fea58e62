"""Numbers of scope are not targets: a direction with only such numbers has no amount to reach.

Each case is of a kind a reviewer found on real key results, written again in
other domains and other words.
"""

from __future__ import annotations

import pytest

from .contexts import codes

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Cut missed deliveries in 3 depots",  # where the work happens
        "Grow the count of returning donors (rolling 28-day)",  # the window of the measure
        "Improve 4 of the worst-rated help articles",  # what moves, not how far
        "Reduce no-shows on the last 2 course dates",
        "Shorten time-to-first-reply on the help desk",  # "first" names the measure
    ],
)
def test_a_number_of_scope_is_no_target(text: str) -> None:
    assert "KRQ102" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cut missed deliveries in 3 depots to 1%",
        "Grow 28-day donor retention to 40%",
        "Rank in the top 3 in 2 regional guides",
        "Answer tenant emails in 4 hours",
        "Reduce crashes per 1000 sessions to 2",
        "Lead the menu review in 4 cafés",  # counts the work: an output count, not a missing target
        "Run cookery evenings in 6 new towns",  # no measure moves: the towns are the reach
        "Cut the month-end close in 5 working days",  # a duration is an amount
        "Grow to a 30-day streak of daily check-ins",
    ],
)
def test_a_number_that_is_an_amount_or_a_count_of_work_stays_a_target(text: str) -> None:
    assert "KRQ102" not in codes(text)


def test_a_window_number_needs_no_baseline() -> None:
    assert "KRQ101" not in codes("Grow the count of returning donors (rolling 28-day)")
