"""``krquality classify``: inputs, formats and exit codes, through the real command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from krquality.cli.app import app

runner = CliRunner()


def test_arguments_print_a_table_with_labels() -> None:
    result = runner.invoke(app, ["classify", "Increase NPS from 40 to 55", "Launch the partner portal"])
    assert result.exit_code == 0, result.output
    assert "metric" in result.output and "milestone" in result.output


def test_json_output_carries_the_whole_result() -> None:
    result = runner.invoke(app, ["classify", "--format", "json", "Hold weekly pipeline reviews"])
    assert result.exit_code == 0
    (item,) = json.loads(result.output)
    assert item["label"] == "task"
    assert set(item["probabilities"]) == {"metric", "milestone", "task"}
    assert item["features"]["lead_verb"]["lemma"] == "hold"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_stdin_is_read_a_key_result_a_line(fmt: str) -> None:
    result = runner.invoke(
        app,
        ["classify", "--format", fmt, "--no-suggestions"],
        input="Double weekly active teams\n\nHire a head of data\n",
    )
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        labels = [json.loads(line)["label"] for line in result.output.splitlines()]
    else:
        labels = [row["label"] for row in csv.DictReader(io.StringIO(result.output))]
    assert labels == ["metric", "milestone"]


def test_a_bad_argument_is_reported_and_the_rest_go_on() -> None:
    result = runner.invoke(app, ["classify", "--format", "jsonl", "Ship offline mode by May", "   "])
    assert result.exit_code == 1
    assert "input 2" in result.output
    assert json.loads(result.stdout.splitlines()[0])["label"] == "milestone"


def test_a_csv_file_keeps_its_other_columns(tmp_path: Path) -> None:
    source = tmp_path / "backlog.csv"
    source.write_text("team,kr\ngrowth,Double weekly active teams\nplatform,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["classify", str(source), "--column", "kr", "-o", str(out), "--quiet"])
    assert result.exit_code == 1, "the empty row failed"
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["team"], r["label"]) for r in rows] == [("growth", "metric")]
    errors = (tmp_path / "out.errors.csv").read_text(encoding="utf-8")
    assert "empty" in errors.lower()


def test_a_jsonl_file_as_a_table_names_the_bad_line(tmp_path: Path) -> None:
    source = tmp_path / "krs.jsonl"
    source.write_text('{"kr": "Launch the partner portal"}\n{"kr": 3\n', encoding="utf-8")
    result = runner.invoke(app, ["classify", str(source), "--field", "kr", "--format", "table"])
    assert result.exit_code == 1
    assert "krs.jsonl:2" in result.output
    assert "milestone" in result.output


def test_an_unknown_column_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "backlog.csv"
    source.write_text("team,kr\ngrowth,Double weekly active teams\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(source), "--column", "nope"])
    assert result.exit_code == 2
    assert "nope" in result.output


def test_no_input_at_all_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "krquality", "classify"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "give key results" in result.stderr


def test_version_is_printed() -> None:
    from krquality import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_brackets_in_key_results_and_suggestions_print_as_written() -> None:
    # rich reads "[...]" as markup: "[/api]" raised MarkupError and "[date]" vanished from the table.
    result = runner.invoke(app, ["classify", "Fix the [/api] routing bug", "Increase NPS to 48"])
    assert result.exit_code == 0, result.output
    for word in ("[/api]", "[baseline]", "[date]"):  # rich wraps table cells at spaces only
        assert word in result.output


def test_an_error_message_with_brackets_prints_as_written(tmp_path: Path) -> None:
    source = tmp_path / "okrs[red].txt"
    source.write_text("Ship offline mode\n" + "x" * 1200 + "\nLaunch the portal\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(source), "--format", "jsonl"])
    assert result.exit_code == 1
    assert f"{source}:2" in " ".join(result.output.split())
