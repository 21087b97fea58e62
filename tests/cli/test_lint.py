"""``krquality lint``: the real command on files in tmp_path, every format, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from krquality.cli.app import app

SCHEMA = Path(__file__).parents[1] / "lintformat" / "sarif-2.1.0-subset.schema.json"
LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>KRQ\d{3}) (?P<message>.+)$")

MARKDOWN = """\
# Objective: Delight customers

- KR1: Increase NPS to 48
- Launch the mobile app
"""

YAML = """\
objectives:
  - objective: Delight customers
    key_results:
      - Increase NPS to 48
      - "Launch the mobile app"
"""

runner = CliRunner()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _lines(output: str) -> list[re.Match[str]]:
    return [m for line in output.splitlines() if (m := LINE.match(line))]


@pytest.mark.parametrize(("name", "text"), [("okrs.md", MARKDOWN), ("okrs.yaml", YAML)])
def test_text_output_points_at_the_key_results(tmp_path: Path, name: str, text: str) -> None:
    path = _write(tmp_path, name, text)
    result = runner.invoke(app, ["lint", str(path)])
    found = _lines(result.stdout)
    assert found, result.output
    file_lines = text.splitlines()
    for match in found:
        assert match["path"] == str(path)
        line = file_lines[int(match["line"]) - 1]
        assert 1 <= int(match["col"]) <= len(line) + 1
    codes = {m["code"] for m in found}
    assert "KRQ201" in codes  # the launch has no date: an error
    assert result.exit_code == 1


def test_a_finding_span_maps_to_its_words_in_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "okrs.md", MARKDOWN)
    result = runner.invoke(app, ["lint", "--format", "json", str(path)])
    data = json.loads(result.stdout)
    lines = MARKDOWN.splitlines()
    for item in data:
        if item["key_result"] is None:
            continue
        line = lines[item["line"] - 1]
        kr_start = line.index(item["key_result"])
        assert kr_start < item["column"] <= kr_start + len(item["key_result"]) + 1


def test_exit_zero_without_error_findings(tmp_path: Path) -> None:
    text = (
        "# Grow revenue\n"
        "- Increase trial-to-paid conversion from 4% to 7% by June 30\n"
        "- Raise average order value from $42 to $55 by June 30\n"
    )
    result = runner.invoke(app, ["lint", str(_write(tmp_path, "okrs.md", text))])
    assert result.exit_code == 0, result.output
    assert all(m["code"] != "KRQ201" for m in _lines(result.stdout))


def test_suppression_with_and_without_reason(tmp_path: Path) -> None:
    text = (
        "# Delight customers\n"
        "<!-- krquality: disable KRQ201 -- the date is set by the board in July -->\n"
        "- Launch the mobile app\n"
        "<!-- krquality: disable KRQ101 -->\n"
        "- Increase NPS to 48\n"
    )
    result = runner.invoke(app, ["lint", "--format", "json", str(_write(tmp_path, "okrs.md", text))])
    codes = [(d["code"], d["line"]) for d in json.loads(result.stdout)]
    assert ("KRQ201", 3) not in codes
    assert ("KRQ101", 5) not in codes
    assert ("KRQ900", 4) in codes


def test_sarif_output(tmp_path: Path) -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    path = _write(tmp_path, "okrs.md", MARKDOWN)
    result = runner.invoke(app, ["lint", "--format", "sarif", str(path)])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema_rs.validate(json.loads(SCHEMA.read_text(encoding="utf-8")), log)
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"KRQ101", "KRQ201", "KRQ900"} <= set(rule_ids)
    assert run["results"]
    for item in run["results"]:
        region = item["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] in (1, 3, 4)
        assert rule_ids[item["ruleIndex"]] == item["ruleId"]


def test_sarif_fingerprints_survive_moving_lines(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.md", MARKDOWN)
    second = _write(tmp_path, "b.md", "\n\n<!-- moved -->\n" + MARKDOWN)

    def prints(path: Path) -> set[str]:
        log = json.loads(runner.invoke(app, ["lint", "-f", "sarif", str(path)]).stdout)
        return {r["partialFingerprints"]["krquality/v1"] for r in log["runs"][0]["results"]}

    assert prints(first) == prints(second)


def test_rdjson_output(tmp_path: Path) -> None:
    path = _write(tmp_path, "okrs.yaml", YAML)
    result = runner.invoke(app, ["lint", "--format", "rdjson", str(path)])
    data = json.loads(result.stdout)
    assert data["source"]["name"] == "krquality"
    assert data["diagnostics"]
    for item in data["diagnostics"]:
        assert item["location"]["path"] == str(path)
        assert item["severity"] in ("ERROR", "WARNING", "INFO")
        assert re.match(r"^KRQ\d{3}$", item["code"]["value"])
        assert item["location"]["range"]["start"]["line"] >= 1


def test_several_files(tmp_path: Path) -> None:
    md = _write(tmp_path, "a.md", MARKDOWN)
    yml = _write(tmp_path, "b.yml", YAML)
    result = runner.invoke(app, ["lint", "--no-suggestions", str(md), str(yml)])
    assert {m["path"] for m in _lines(result.stdout)} == {str(md), str(yml)}


def test_a_missing_file_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    result = runner.invoke(app, ["lint", str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert result.stdout == ""


def test_a_directory_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", str(tmp_path)])
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("bad.yaml", "objectives:\n  - objective: Ship\n    key_results:\n      - 42\n", ":4:9:"),
        ("bad.yaml", "objectives: [\n", ":2:1:"),
        ("bad.md", "  - KR before any objective\n", ":1:"),
    ],
)
def test_a_malformed_file_is_a_usage_error_naming_file_and_line(
    tmp_path: Path, name: str, text: str, where: str
) -> None:
    path = _write(tmp_path, name, text)
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 2
    assert f"{path}{where}" in result.stderr


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "xml", str(_write(tmp_path, "a.md", MARKDOWN))])
    assert result.exit_code == 2


def test_no_files_is_a_usage_error() -> None:
    assert runner.invoke(app, ["lint"]).exit_code == 2
