"""``krquality lint``: the real command on files in tmp_path, every format, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from krquality.cli.app import app

SCHEMA = Path(__file__).parents[1] / "lintformat" / "sarif-2.1.0-subset.schema.json"
LINE = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<severity>error|warning|info) (?P<code>KRQ\d{3}) (?P<message>.+)$"
)

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
    codes = {(m["code"], m["severity"]) for m in found}
    assert ("KRQ201", "warning") in codes  # the launch has no date and the file states no cycle
    assert result.exit_code == 0  # nothing at error level
    assert runner.invoke(app, ["lint", "--fail-on", "warning", str(path)]).exit_code == 1


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
    result = runner.invoke(app, ["lint", "--format", "sarif", "--fail-on", "warning", str(path)])
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


def test_sarif_reports_an_unreadable_file_and_the_others(tmp_path: Path) -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    good = _write(tmp_path, "okrs.md", MARKDOWN)
    broken = tmp_path / "broken.yaml"
    broken.write_text("objectives: [\n", encoding="utf-8")
    readme = _write(tmp_path, "README.md", "# About\n\nNothing to plan.\n")
    arguments = ["lint", "-f", "sarif", "--no-suggestions", str(good), str(broken), str(readme)]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema_rs.validate(json.loads(SCHEMA.read_text(encoding="utf-8")), log)
    run = log["runs"][0]
    uris = {item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for item in run["results"]}
    assert any(uri.endswith("okrs.md") for uri in uris) and any(uri.endswith("broken.yaml") for uri in uris)
    levels = {n["level"] for n in run["invocations"][0]["toolExecutionNotifications"]}
    assert levels == {"error", "note"}


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


def test_a_missing_file_is_an_error_finding_and_the_others_are_checked(tmp_path: Path) -> None:
    missing = tmp_path / "nope.md"
    good = _write(tmp_path, "a.md", MARKDOWN)
    result = runner.invoke(app, ["lint", "--no-suggestions", str(missing), str(good)])
    assert result.exit_code == 1
    found = {(m["path"], m["severity"], m["code"]) for m in _lines(result.stdout)}
    assert (str(missing), "error", "KRQ901") in found
    assert any(path == str(good) for path, _, _ in found)


@pytest.mark.parametrize(
    ("name", "data", "where"),
    [
        ("bad.yaml", b"objectives:\n  - objective: Ship\n    key_results:\n      - 42\n", ":4:9:"),
        ("bad.yaml", b"objectives: [\n", ":2:1:"),
        ("bad.md", b"# Ship\n- \xff\n", ":1:1:"),
    ],
)
def test_a_malformed_file_is_an_error_naming_file_and_line(
    tmp_path: Path, name: str, data: bytes, where: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1
    assert f"{path}{where} error KRQ901" in result.stdout


def test_a_directory_is_walked_and_ignore_leaves_files_out(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    a = _write(tmp_path / "team", "a.md", MARKDOWN)
    _write(tmp_path / "team", "draft.md", MARKDOWN)
    _write(tmp_path, "notes.py", "print('not an OKR file')\n")
    result = runner.invoke(app, ["lint", "--no-suggestions", "--ignore", "draft.md", str(tmp_path)])
    assert {m["path"] for m in _lines(result.stdout)} == {str(a)}


def test_a_glob_pattern_is_expanded(tmp_path: Path) -> None:
    a = _write(tmp_path, "q1.md", MARKDOWN)
    b = _write(tmp_path, "q2.md", MARKDOWN)
    result = runner.invoke(app, ["lint", "--no-suggestions", str(tmp_path / "q*.md")])
    assert {m["path"] for m in _lines(result.stdout)} == {str(a), str(b)}


def test_stdin_is_read_for_a_dash() -> None:
    result = runner.invoke(app, ["lint", "--no-suggestions", "-"], input=MARKDOWN)
    assert {m["path"] for m in _lines(result.stdout)} == {"<stdin>"}


def test_a_file_without_okrs_is_skipped_with_a_note(tmp_path: Path) -> None:
    readme = _write(tmp_path, "README.md", "# Tooling\n\nRun the build with make. Nothing to plan here.\n")
    config = _write(tmp_path, "settings.yaml", "retries: 3\nname: build\n")
    result = runner.invoke(app, ["lint", str(readme), str(config)])
    assert result.exit_code == 0
    assert f"{readme}: note: skipped" in result.stdout
    assert f"{config}: note: skipped" in result.stdout


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on_chooses_the_exit_code(tmp_path: Path, fail_on: str, code: int) -> None:
    path = _write(tmp_path, "a.md", MARKDOWN)
    assert runner.invoke(app, ["lint", "--no-suggestions", "--fail-on", fail_on, str(path)]).exit_code == code


def test_fail_on_is_documented_in_help() -> None:
    result = runner.invoke(app, ["lint", "--help"])
    assert "--fail-on" in result.stdout and "Exit codes" in result.stdout


def test_the_cycle_of_a_heading_dates_its_key_results(tmp_path: Path) -> None:
    text = "# Ferries\n## Q2 2026\n### Reliable crossings\n- Open the second berth\n- Hire 4 deckhands\n"
    path = _write(tmp_path, "a.md", text)
    result = runner.invoke(app, ["lint", "--no-suggestions", "-f", "json", str(path)])
    codes = {d["code"] for d in json.loads(result.stdout)}
    assert not codes & {"KRQ201", "KRQ105", "KRQ302"}


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", "--format", "xml", str(_write(tmp_path, "a.md", MARKDOWN))])
    assert result.exit_code == 2


def test_no_files_is_a_usage_error() -> None:
    assert runner.invoke(app, ["lint"]).exit_code == 2
