"""Located diagnostics and the output formats, on hand-made analysis results (no model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from krquality.config import Config
from krquality.features.types import Features, Form, SpanRef
from krquality.labels import Label
from krquality.lintformat import (
    FINGERPRINT_KEY,
    LintFormat,
    collect_diagnostics,
    has_errors,
    render,
    render_rdjson,
    render_sarif,
    render_text,
    rules,
)
from krquality.okrfile import OKRDocument, read_okr_text
from krquality.result import (
    Finding,
    ObjectiveResult,
    OKRSetResult,
    Result,
    Severity,
    StructuredKR,
    Suggestion,
)

SCHEMA = json.loads((Path(__file__).parent / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))

MARKDOWN = """\
# Delight customers 😀
- Raise NPS to 48
<!-- krquality: disable KRQ105 -- the cycle ends in June -->
- Launch the portal
<!-- krquality: disable KRQ401 -->
- Improve support
"""


def _result(text: str, *findings: Finding, suggestions: tuple[Suggestion, ...] = ()) -> Result:
    features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)
    return Result(
        text, Label.METRIC, {}, True, (), StructuredKR(), features, findings=findings, suggestions=suggestions
    )


def _finding(code: str, name: str, start: int, end: int, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(code, name, severity, f"{name} message", start, end)


def _analysed(doc: OKRDocument) -> OKRSetResult:
    """What the engine would say, by hand: one finding per key result, one on the objective."""
    (objective,) = doc.objectives
    nps, portal, support = objective.key_results
    baseline = _finding("KRQ101", "metric.no_baseline", nps.index("to 48"), len(nps))
    deadline = _finding("KRQ201", "milestone.no_deadline", 0, len(portal), Severity.ERROR)
    no_date = _finding("KRQ105", "metric.no_deadline", 0, len(portal), Severity.INFO)
    vague = _finding("KRQ401", "wording.vague", 0, len("Improve"))
    suggestion = Suggestion("Raise NPS from [baseline] to 48 by [date]", Label.METRIC, 100, ("KRQ101",))
    results = (
        _result(nps, baseline, suggestions=(suggestion,)),
        _result(portal, deadline, no_date),
        _result(support, vague),
    )
    few = _finding("KRQ505", "set.milestone_without_metric", 0, len("Delight"), Severity.INFO)
    return OKRSetResult(objectives=(ObjectiveResult(objective, results, (few,)),))


@pytest.fixture
def diagnostics() -> list[Any]:
    doc = read_okr_text(MARKDOWN, path="okrs/team a.md")
    return collect_diagnostics(doc, _analysed(doc))


def test_findings_are_located_in_the_file(diagnostics: list[Any]) -> None:
    located = [(d.code, d.region.start_line, d.region.start_column, d.region.end_column) for d in diagnostics]
    assert located == [
        ("KRQ505", 1, 3, 10),
        ("KRQ101", 2, 13, 18),
        ("KRQ201", 4, 3, 20),
        ("KRQ900", 5, 1, 35),
    ]


def test_suppressions_apply_and_the_unexplained_one_is_reported(diagnostics: list[Any]) -> None:
    codes = [d.code for d in diagnostics]
    assert "KRQ105" not in codes  # suppressed with a reason
    assert "KRQ401" not in codes  # suppressed without one, which is itself reported
    assert "KRQ900" in codes


def test_krq900_follows_the_configuration() -> None:
    doc = read_okr_text(MARKDOWN, path="okrs.md")
    off = collect_diagnostics(doc, _analysed(doc), config=Config(disable=("KRQ900",)))
    assert "KRQ900" not in [d.code for d in off]
    raised = collect_diagnostics(doc, _analysed(doc), config=Config(severity={"KRQ900": Severity.ERROR}))
    assert [d.severity for d in raised if d.code == "KRQ900"] == [Severity.ERROR]


def test_only_suggestions_that_fix_a_finding_are_attached_to_it(diagnostics: list[Any]) -> None:
    by_code = {d.code: d for d in diagnostics}
    (replacement,) = by_code["KRQ101"].replacements
    assert replacement.text == "Raise NPS from [baseline] to 48 by [date]"
    region = replacement.region
    assert (region.start_line, region.start_column, region.end_column) == (2, 3, 18)
    assert by_code["KRQ201"].replacements == ()


def test_fingerprints_ignore_lines_case_and_spacing() -> None:
    moved = "\n\n" + MARKDOWN.replace("Raise NPS to 48", "raise  NPS to 48")
    doc_a = read_okr_text(MARKDOWN, path="okrs.md")
    doc_b = read_okr_text(moved, path="okrs.md")
    a = {d.code: d.fingerprint for d in collect_diagnostics(doc_a, _analysed(doc_a))}
    b = {d.code: d.fingerprint for d in collect_diagnostics(doc_b, _analysed(doc_b))}
    assert a == b
    assert len(set(a.values())) == len(a)


def test_error_severity_decides_the_exit(diagnostics: list[Any]) -> None:
    assert has_errors(diagnostics)
    assert not has_errors([d for d in diagnostics if d.code != "KRQ201"])


def test_text_output(diagnostics: list[Any]) -> None:
    lines = render_text(diagnostics).splitlines()
    assert lines[1] == "okrs/team a.md:2:13: warning KRQ101 metric.no_baseline message"
    assert lines[2] == "    suggestion: Raise NPS from [baseline] to 48 by [date]"
    assert lines[-1] == "Found 4 problems (1 error, 2 warnings, 1 info)."


def test_json_output(diagnostics: list[Any]) -> None:
    data = json.loads(render(LintFormat.JSON, diagnostics, rules=rules()))
    assert [d["code"] for d in data] == ["KRQ505", "KRQ101", "KRQ201", "KRQ900"]
    assert data[1]["key_result"] == "Raise NPS to 48"
    assert data[1]["objective"] == "Delight customers"  # a status emoji is markup, not words


def test_sarif_output_has_the_required_structure(diagnostics: list[Any]) -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    log = json.loads(render_sarif(diagnostics, rules=rules(), version="1.2.3"))
    jsonschema_rs.validate(SCHEMA, log)
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "KRQ101" in rule_ids and "KRQ900" in rule_ids
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"][FINGERPRINT_KEY]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "okrs/team%20a.md"
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"KRQ505": "note", "KRQ101": "warning", "KRQ201": "error", "KRQ900": "warning"}
    fix = run["results"][1]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix["insertedContent"]["text"] == "Raise NPS from [baseline] to 48 by [date]"


def test_sarif_with_an_unknown_code_still_indexes_its_rule(diagnostics: list[Any]) -> None:
    log = json.loads(render_sarif(diagnostics, rules=()))
    rules_out = log["runs"][0]["tool"]["driver"]["rules"]
    assert sorted(r["id"] for r in rules_out) == ["KRQ101", "KRQ201", "KRQ505", "KRQ900"]


def test_rdjson_output_counts_columns_in_utf8_bytes(diagnostics: list[Any]) -> None:
    data = json.loads(render_rdjson(diagnostics))
    assert data["source"]["name"] == "krquality"
    assert data["severity"] == "ERROR"
    objective = data["diagnostics"][0]
    # "Delight customers 😀": the emoji is one character but four bytes.
    assert objective["location"]["range"]["start"] == {"line": 1, "column": 3}
    assert objective["code"] == {"value": "KRQ505"}
    kr = data["diagnostics"][1]
    assert kr["severity"] == "WARNING"
    assert kr["suggestions"][0]["text"] == "Raise NPS from [baseline] to 48 by [date]"
    assert kr["location"]["range"]["end"] == {"line": 2, "column": 18}


def test_rdjson_byte_columns_after_a_wide_character() -> None:
    text = "# Ünïcödé\n- Raise NPS to 48\n"
    doc = read_okr_text(text, path="okrs.md")
    few = _finding("KRQ507", "set.objective_is_metric", 2, 4)
    result = OKRSetResult(
        objectives=(ObjectiveResult(doc.objectives[0], (_result("Raise NPS to 48"),), (few,)),)
    )
    (d,) = collect_diagnostics(doc, result)
    assert (d.region.start_column, d.region.start_byte_column) == (5, 6)


def test_empty_outputs() -> None:
    assert render(LintFormat.TEXT, [], rules=()) == "No problems found.\n"
    assert json.loads(render(LintFormat.RDJSON, [], rules=()))["diagnostics"] == []
    assert json.loads(render(LintFormat.SARIF, [], rules=rules()))["runs"][0]["results"] == []


def test_a_split_replacement_writes_each_part_as_an_item_and_prints_under_one_another() -> None:
    text = "# Grow the club\n- Sign 6 sponsors and 2 venues\n"
    doc = read_okr_text(text, path="okrs.md")
    (objective,) = doc.objectives
    (kr,) = objective.key_results
    joined = _finding("KRQ403", "wording.compound", kr.index(" and"), kr.index(" and") + 4)
    split = Suggestion("Sign 6 sponsors by [date]\nSign 2 venues by [date]", Label.MILESTONE, 89, ("KRQ403",))
    result = _result(kr, joined, suggestions=(split,))
    analysed = OKRSetResult(objectives=(ObjectiveResult(objective, (result,)),))
    (diagnostic,) = [d for d in collect_diagnostics(doc, analysed) if d.code == "KRQ403"]
    (replacement,) = diagnostic.replacements
    assert replacement.text == "Sign 6 sponsors by [date]\n- Sign 2 venues by [date]"
    printed = render_text([diagnostic])
    assert "    suggestion: Sign 6 sponsors by [date]\n                - Sign 2 venues by [date]\n" in printed
