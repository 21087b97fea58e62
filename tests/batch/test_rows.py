"""The one mapping from Result to a flat row, and the stable row id."""

from __future__ import annotations

from krquality.batch.rows import RESULT_COLUMNS, result_to_row, row_id
from krquality.labels import Label
from krquality.result import Finding, Result, Severity, StructuredKR, Suggestion


def make_result(**changes: object) -> Result:
    values: dict[str, object] = {
        "text": "Increase NPS to 48",
        "label": Label.METRIC,
        "probabilities": {"metric": 0.912345, "milestone": 0.05, "task": 0.037655},
        "confident": True,
        "evidence": (),
        "structured": StructuredKR(),
        "features": None,
        "findings": (
            Finding("KRQ101", "metric.no_baseline", Severity.WARNING, "no baseline", 0, 8),
            Finding("KRQ105", "metric.no_deadline", Severity.INFO, "no date", 0, 8),
        ),
        "score": 72,
        "grade": "C",
        "suggestions": (
            Suggestion("Increase NPS from [baseline] to 48 by [date]", Label.METRIC, 95, ("KRQ101",)),
        ),
    }
    values.update(changes)
    return Result(**values)  # type: ignore[arg-type]


def test_result_to_row_has_the_documented_columns() -> None:
    row = result_to_row(make_result())
    assert tuple(row) == RESULT_COLUMNS
    assert row == {
        "text": "Increase NPS to 48",
        "label": "metric",
        "confident": True,
        "p_metric": 0.9123,
        "p_milestone": 0.05,
        "p_task": 0.0377,
        "score": 72,
        "grade": "C",
        "findings": "KRQ101 KRQ105",
        "suggestion": "Increase NPS from [baseline] to 48 by [date]",
    }


def test_result_without_findings_or_suggestions() -> None:
    row = result_to_row(make_result(findings=(), suggestions=()))
    assert (row["findings"], row["suggestion"]) == ("", "")


def test_row_id_depends_on_row_and_text_only() -> None:
    assert row_id(1, "Ship it") == row_id(1, "Ship it")
    assert len({row_id(1, "Ship it"), row_id(2, "Ship it"), row_id(1, "Ship it!")}) == 3
    assert row_id(1, "Ship \udcff") == row_id(1, "Ship \udcff")  # unencodable text still gets an id
