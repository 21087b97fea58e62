"""How long an activity runs ("for at least six weeks") is no target: the key result is still an
activity. Examples written for these tests, in domains of their own."""

from __future__ import annotations

import pytest

from .contexts import codes

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Practise the cello scales for at least six weeks.",
        "Study Portuguese daily for at least 8 weeks",
    ],
)
def test_an_activity_run_for_a_span_of_time_is_an_activity(text: str) -> None:
    assert "KRQ301" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Keep the error rate below 1% for 6 weeks",  # a level held over the span: the level is the target
        "Mentor 5 new volunteers for 3 months",  # a count of people: metric.output_count's finding
        "Walk 5 km every day for 3 weeks",  # a distance each day beside the span
    ],
)
def test_a_span_beside_another_number_leaves_that_number_the_target(text: str) -> None:
    assert "KRQ301" not in codes(text)
