"""The score formula."""

from __future__ import annotations

import pytest

from krquality.checks.score import grade_for, score_findings
from krquality.config import Config
from krquality.result import Finding, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def finding(code: str, severity: Severity) -> Finding:
    return Finding(code, "x.y", severity, "", 0, 1)


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([], (100, "A")),
        ([("KRQ105", INFO)], (96, "A")),
        ([("KRQ101", W)], (88, "B")),
        ([("KRQ201", E)], (70, "C")),
        ([("KRQ201", E), ("KRQ101", W)], (58, "D")),
        ([("KRQ401", W), ("KRQ401", W), ("KRQ401", W)], (88, "B")),
        ([("KRQ401", INFO), ("KRQ401", E)], (70, "C")),
        ([(f"KRQ4{i:02}", E) for i in range(5)], (0, "F")),
    ],
)
def test_each_distinct_code_costs_its_worst_severity(findings, expected) -> None:
    assert score_findings([finding(c, s) for c, s in findings], config=Config()) == expected


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (100, "A"),
        (90, "A"),
        (89, "B"),
        (75, "B"),
        (74, "C"),
        (60, "C"),
        (59, "D"),
        (40, "D"),
        (39, "F"),
        (0, "F"),
    ],
)
def test_grade_boundaries(score, grade) -> None:
    assert grade_for(score) == grade


def test_the_kind_sets_a_ceiling_so_an_activity_never_reaches_a_milestone() -> None:
    from krquality.labels import Label

    task, _ = score_findings([], config=Config(), label=Label.TASK)
    output, _ = score_findings([finding("KRQ104", W)], config=Config(), label=Label.METRIC)
    milestone, _ = score_findings([], config=Config(), label=Label.MILESTONE)
    metric, _ = score_findings([finding("KRQ105", INFO)], config=Config(), label=Label.METRIC)
    assert task < output < milestone < metric
    assert task <= 39 and output <= 74


def test_every_band_has_a_name_and_a_meaning_and_they_cover_0_to_100() -> None:
    from krquality.checks.score import BANDS, band_for

    assert [b.floor for b in BANDS] == sorted((b.floor for b in BANDS), reverse=True)
    assert BANDS[-1].floor == 0
    assert all(b.name and b.meaning for b in BANDS)
    assert {band_for(s).name for s in range(101)} == {b.name for b in BANDS}


@pytest.mark.slow
def test_the_scale_orders_real_kinds_of_key_result() -> None:
    import krquality

    texts = [
        "Be the best company in the world",
        "Hire a head of data by June",
        "Increase trial-to-paid conversion from 4% to 7% by Q3",
    ]
    scores = [krquality.analyze(t, suggestions=False).score for t in texts]
    assert scores == sorted(scores) and len(set(scores)) == 3
    assert krquality.analyze(texts[0], suggestions=False).band == "activity"
    assert krquality.analyze(texts[2], suggestions=False).band == "outcome"


@pytest.mark.slow
def test_an_output_count_scores_below_an_outcome_metric_of_the_same_shape() -> None:
    import krquality

    output = krquality.analyze("Publish 12 recipe videos by the end of Q2", suggestions=False)
    text = "Grow recipe video views from 8k to 20k a month by the end of Q2"
    outcome = krquality.analyze(text, suggestions=False)
    assert output.score < outcome.score
    assert output.band == "partial"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("undated", "dated"),
    [
        ("Open the second warehouse in Leeds", "Open the second warehouse in Leeds by 30 June"),
        ("Publish the volunteer handbook", "Publish the volunteer handbook by the end of Q3"),
    ],
)
def test_an_undated_deliverable_sits_in_the_partial_band_below_a_dated_one(undated: str, dated: str) -> None:
    import krquality

    without = krquality.analyze(undated, suggestions=False)
    with_date = krquality.analyze(dated, suggestions=False)
    assert (without.label, with_date.label) == ("milestone", "milestone")
    assert without.band == "partial" and with_date.band == "checkable"
    # The document's cycle dates it: back in the band of a dated deliverable.
    assert krquality.analyze(undated, suggestions=False, cycle="Q3 2026").band == "checkable"
