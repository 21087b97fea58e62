"""Change patterns: baseline, target, direction."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from krquality.features.types import Direction, Features

Extract = Callable[[str], Features]
UP, DOWN, ABOVE, BELOW, REACH = (
    Direction.INCREASE,
    Direction.DECREASE,
    Direction.KEEP_ABOVE,
    Direction.KEEP_BELOW,
    Direction.REACH,
)


@pytest.mark.parametrize(
    ("text", "span", "direction", "baseline", "target", "relative"),
    [
        ("Increase NPS from 40 to 55", "from 40 to 55", UP, 40.0, 55.0, False),
        ("Improve response time from 4 hours to 2 hours", "from 4 hours to 2 hours", DOWN, 4.0, 2.0, False),
        ("NPS 40 → 55", "40 → 55", UP, 40.0, 55.0, False),
        ("NPS 40->55", "40->55", UP, 40.0, 55.0, False),
        ("Churn 5% -> 3%", "5% -> 3%", DOWN, 5.0, 3.0, False),
        ("Churn 5%=>3%", "5%=>3%", DOWN, 5.0, 3.0, False),
        ("Increase NPS to 48", "to 48", UP, None, 48.0, False),
        ("Reduce p95 latency to 200 ms", "to 200 ms", DOWN, None, 200.0, False),
        ("Reduce churn by 10%", "by 10%", DOWN, None, 10.0, True),
        ("Grow revenue 20% YoY", "20% YoY", UP, None, 20.0, True),
        ("Cut median response time below 2 hours", "below 2 hours", DOWN, None, 2.0, False),
        ("Keep churn below 2%", "below 2%", BELOW, None, 2.0, False),
        ("Latency under 200 ms", "under 200 ms", BELOW, None, 200.0, False),
        ("Uptime above 99.9%", "above 99.9%", ABOVE, None, 99.9, False),
        ("CSAT at least 4.5/5", "at least 4.5/5", ABOVE, None, 4.5, False),
        ("Error rate at most 1%", "at most 1%", BELOW, None, 1.0, False),
        ("Error rate less than 1%", "less than 1%", BELOW, None, 1.0, False),
        ("Active users more than 10k", "more than 10k", ABOVE, None, 10_000.0, False),
        ("Error rate < 1%", "< 1%", BELOW, None, 1.0, False),
        ("Error rate ≤ 1%", "≤ 1%", BELOW, None, 1.0, False),
        ("Coverage ≥ 80%", "≥ 80%", ABOVE, None, 80.0, False),
        ("Coverage > 80%", "> 80%", ABOVE, None, 80.0, False),
        ("Reach 10k users", "10k", REACH, None, 10_000.0, False),
        ("Double weekly active teams", "Double", UP, None, 2.0, True),
        ("Halve support tickets", "Halve", DOWN, None, 0.5, True),
        ("Increase conversion from X% to Y%", "from X% to Y%", UP, None, None, False),
        # A sign on the amount is the direction; a fraction after "by" is its size.
        ("Latency −30%", "−30%", DOWN, None, 30.0, True),
        ("Snowflake credits -25% QoQ", "-25% QoQ", DOWN, None, 25.0, True),
        ("NPS +10 by Q3", "+10", UP, None, 10.0, True),
        ("Cloud spend -$40k/month", "-$40k", DOWN, None, 40_000.0, True),
        ("Grow repeat covers by a fifth", "by a fifth", UP, None, 20.0, True),
        ("Cut food waste by two thirds", "by two thirds", DOWN, None, 66.7, True),
    ],
)
def test_change_pattern(
    extract: Extract,
    text: str,
    span: str,
    direction: Direction,
    baseline: float | None,
    target: float | None,
    relative: bool,
) -> None:
    changes = extract(text).changes
    assert changes, f"no change in {text!r}"
    change = changes[0]
    assert change.span.text == span
    assert change.direction is direction
    assert (change.baseline.value if change.baseline else None) == baseline
    assert (change.target.value if change.target else None) == target
    assert change.is_relative is relative


def test_placeholder_change_keeps_both_ends(extract: Extract) -> None:
    (change,) = extract("Increase conversion from X% to Y%").changes
    assert change.baseline is not None and change.target is not None


@pytest.mark.parametrize(
    "text",
    [
        "Hire 3 to 5 engineers",  # a range on a deliverable verb
        "Sign 12 new reseller partners",  # a count, but no change stated
        "Launch the portal by June 30",
        "Improve the onboarding experience",
    ],
)
def test_no_change(extract: Extract, text: str) -> None:
    assert extract(text).changes == ()


@pytest.mark.parametrize(
    ("text", "baseline"),
    [
        ("Sell 85% of capacity for the autumn season (was 71% last autumn)", 71.0),
        ("New agents productive within 30 days (currently ~55 days)", 55.0),
        ("NPS to 48 (baseline: 41)", 41.0),
        ("Grow MRR to $80k, up from $52k", 52_000.0),
        ("Cut churn to 2% vs 3.1% today", 3.1),
        ("Gripper MTBF at least 400 h (now ~150 h)", 150.0),
    ],
)
def test_a_starting_value_written_apart_is_the_baseline(extract: Extract, text: str, baseline: float) -> None:
    assert [c.baseline.value for c in extract(text).changes if c.baseline is not None] == [baseline]


def test_a_signed_count_of_one_is_no_change(extract: Extract) -> None:
    assert extract("Hire +1 designer").changes == ()


def test_the_whole_after_of_is_no_target(extract: Extract) -> None:
    changes = extract("Win 8 of 12 regular season games").changes
    assert [c.target.value for c in changes if c.target is not None] == [8.0]
