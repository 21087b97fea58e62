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
        ([("KRQ201", E), ("KRQ101", W)], (58, "F")),
        ([("KRQ401", W), ("KRQ401", W), ("KRQ401", W)], (88, "B")),
        ([("KRQ401", INFO), ("KRQ401", E)], (70, "C")),
        ([(f"KRQ4{i:02}", E) for i in range(5)], (0, "F")),
    ],
)
def test_each_distinct_code_costs_its_worst_severity(findings, expected) -> None:
    assert score_findings([finding(c, s) for c, s in findings], config=Config()) == expected


@pytest.mark.parametrize(
    ("score", "grade"), [(100, "A"), (90, "A"), (89, "B"), (70, "C"), (60, "D"), (59, "F"), (0, "F")]
)
def test_grade_boundaries(score, grade) -> None:
    assert grade_for(score) == grade
