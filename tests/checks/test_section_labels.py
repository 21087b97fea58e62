"""A leading "Objective N:" or "Goal:" is a label: the key result after it is read and scored
as if the label were not there (its number is no target, its word no part of the sentence)."""

from __future__ import annotations

import pytest

import krquality

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("label", ["Objective 2: ", "Goal: ", "Goal 4 - "])
@pytest.mark.parametrize(
    "body",
    [
        "Run monthly stock-take walkthroughs",  # an activity: its ceiling, not a metric's
        "Grow repeat bookings at the boathouse",  # a direction still asks for its amount
        "Print 30 trail maps for the visitor centre",  # an output count stays one
    ],
)
def test_a_label_before_the_key_result_changes_nothing(label: str, body: str) -> None:
    bare = krquality.analyze(body, suggestions=False)
    labelled = krquality.analyze(label + body, suggestions=False)
    assert labelled.score == bare.score
    assert sorted(f.code for f in labelled.findings) == sorted(f.code for f in bare.findings)
