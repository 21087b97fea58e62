"""Inline suppressions: which key result they cover, and KRQ900 for a missing reason."""

from __future__ import annotations

import dataclasses

import pytest

from krquality.features.types import Features, Form, SpanRef
from krquality.labels import Label
from krquality.okrfile import NO_REASON_CODE, Position, Suppression, apply_suppressions, read_okr_text
from krquality.okrfile.suppress import parse_directive
from krquality.result import Finding, Result, Severity, StructuredKR

MARKDOWN = """\
# Delight customers
<!-- krquality: disable KRQ101, metric.no_unit -- finance owns the baseline -->
- Raise NPS to 55
- Cut churn below 2%
<!-- krquality: disable KRQ105 -->
- Double ARR
"""

YAML = """\
objectives:
  - objective: Delight customers
    key_results:
      # krquality: disable KRQ101, metric.no_unit -- finance owns the baseline
      - Raise NPS to 55
      - Cut churn below 2%
      # krquality: disable KRQ105
      - Double ARR
"""


@pytest.mark.parametrize(("text", "path"), [(MARKDOWN, "okrs.md"), (YAML, "okrs.yaml")])
def test_a_suppression_covers_the_next_key_result_only(text: str, path: str) -> None:
    doc = read_okr_text(text, path=path)
    first, second, third = doc.sources[0].key_results
    assert [s.codes for s in first.suppressions] == [("KRQ101", "metric.no_unit")]
    assert first.suppressions[0].reason == "finance owns the baseline"
    assert second.suppressions == ()
    assert [s.codes for s in third.suppressions] == [("KRQ105",)]


@pytest.mark.parametrize(("text", "path", "line"), [(MARKDOWN, "okrs.md", 5), (YAML, "okrs.yaml", 7)])
def test_a_suppression_without_reason_is_a_krq900_finding(text: str, path: str, line: int) -> None:
    doc = read_okr_text(text, path=path)
    (file_finding,) = doc.findings
    assert file_finding.finding.code == NO_REASON_CODE
    assert file_finding.finding.name == "suppression.no_reason"
    assert file_finding.position.line == line
    assert "krquality: disable KRQ105" in text[file_finding.finding.start : file_finding.finding.end]


@pytest.mark.parametrize(
    ("body", "codes", "reason"),
    [
        ("krquality: disable KRQ101 -- because", ("KRQ101",), "because"),
        ("krquality:disable KRQ101,KRQ102 --  two  ", ("KRQ101", "KRQ102"), "two"),
        ("krquality: disable KRQ101 --", ("KRQ101",), None),
        ("krquality: disable wording.vague", ("wording.vague",), None),
    ],
)
def test_parse_directive(body: str, codes: tuple[str, ...], reason: str | None) -> None:
    suppression = parse_directive(body, Position(1, 1, 0))
    assert suppression is not None
    assert (suppression.codes, suppression.reason) == (codes, reason)


@pytest.mark.parametrize("body", ["krquality: enable KRQ101", "krquality: disable", "eslint-disable"])
def test_other_comments_are_not_suppressions(body: str) -> None:
    assert parse_directive(body, Position(1, 1, 0)) is None


def _result(*findings: Finding) -> Result:
    text = "Raise NPS to 55"
    features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)
    return Result(text, Label.METRIC, {}, True, (), StructuredKR(), features, findings=findings, score=76)


def test_apply_suppressions_drops_findings_by_code_or_name_and_keeps_the_score() -> None:
    baseline = Finding("KRQ101", "metric.no_baseline", Severity.WARNING, "m", 0, 3)
    unit = Finding("KRQ103", "metric.no_unit", Severity.WARNING, "m", 0, 3)
    vague = Finding("KRQ401", "wording.vague", Severity.WARNING, "m", 0, 3)
    suppression = Suppression(("KRQ101", "metric.no_unit"), "ok", Position(1, 1, 0))
    result = apply_suppressions(_result(baseline, unit, vague), [suppression])
    assert result.findings == (vague,)
    assert result.score == 76


def test_apply_no_suppressions_returns_the_same_result() -> None:
    result = _result(Finding("KRQ101", "metric.no_baseline", Severity.WARNING, "m", 0, 3))
    assert apply_suppressions(result, []) is result
    assert dataclasses.replace(result) == result
