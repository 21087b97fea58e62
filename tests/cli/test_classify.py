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


# ---------------------------------------------------------------- inputs, like a linter's


@pytest.mark.parametrize("argument", ["nosuch.csv", "data/krs", "missing.parquet"])
def test_a_file_name_that_does_not_exist_is_an_error_naming_it(argument: str) -> None:
    result = runner.invoke(app, ["classify", argument])
    assert result.exit_code == 2
    assert f"{argument}: no such file" in result.stderr
    assert result.stdout == ""


def test_text_says_the_arguments_are_key_results() -> None:
    result = runner.invoke(app, ["classify", "--text", "--format", "jsonl", "--no-suggestions", "launch.app"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == "launch.app"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20),
        ("export.txt", "Grow revenue\n".encode("utf-16")),
        ("dump.jsonl", bytes(range(128, 256)) * 8),
    ],
)
def test_a_binary_or_undecodable_file_is_not_a_text_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["classify", str(path)])
    assert result.exit_code == 2
    assert f"{name}: not a text file" in result.stderr
    assert "Traceback" not in result.output


def test_dash_reads_stdin() -> None:
    result = runner.invoke(app, ["classify", "-", "-f", "jsonl", "--no-suggestions"],
                           input="Hire a head of data\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == "Hire a head of data"


@pytest.mark.parametrize(
    ("name", "content"), [("empty.txt", ""), ("blank.txt", "\n \n"), ("header.csv", "text\n")]
)
def test_an_empty_file_says_so(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["classify", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert "no key results" in result.stderr or "empty" in result.stderr
    assert not out.exists()


def test_empty_stdin_says_so() -> None:
    result = runner.invoke(app, ["classify", "-"], input="\n\n")
    assert result.exit_code == 2
    assert "no key results on stdin" in result.stderr


@pytest.fixture
def team_file(tmp_path: Path) -> Path:
    path = tmp_path / "krs.csv"
    path.write_text("team,Key result\nA,Double weekly active teams\nB,\nC,Hire a head of data\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".json", ".parquet"])
def test_every_file_format_keeps_the_columns_their_names_and_the_row_numbers(
    team_file: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"out{suffix}"
    result = runner.invoke(app, ["classify", str(team_file), "--column", "Key result", "-o", str(out),
                                 "-q", "--no-suggestions"])
    assert result.exit_code == 1  # row 2 is empty
    if suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    elif suffix == ".jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif suffix == ".json":
        rows = json.loads(out.read_text(encoding="utf-8"))
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    assert [(str(r["row"]), r["team"], r["Key result"]) for r in rows] == [
        ("1", "A", "Double weekly active teams"),
        ("3", "C", "Hire a head of data"),
    ]
    assert "text" not in rows[0]


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_the_format_follows_the_output_suffix(team_file: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    runner.invoke(app, ["classify", str(team_file), "--column", "Key result", "-o", str(out), "-q"])
    head = out.read_bytes()[:4]
    expected = {".csv": b"row,", ".json": b"[\n{\"", ".parquet": b"PAR1"}[suffix]
    assert head == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.jsonl", "-f", "csv"], "--format csv contradicts --output x.jsonl"),
        (["-f", "xml"], "'xml' is not a format; choose one of table, json, jsonl, csv, parquet"),
        (["-o", "x.txt"], "cannot tell the format from 'x.txt'"),
    ],
)
def test_format_errors_name_the_right_option(
    team_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["classify", str(team_file), *args])
    assert result.exit_code == 2
    flat = " ".join(result.stderr.split())
    assert message in flat
    assert "Value error" not in flat
    assert not (tmp_path / "x.jsonl").exists()


def test_help_shows_no_type_placeholders() -> None:
    result = runner.invoke(app, ["classify", "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.output and "<str>" not in result.output
    assert "--resume " in result.output and "--no-resume" not in result.output


def test_a_split_suggestion_prints_each_part_on_its_own_line_with_an_arrow() -> None:
    wide = {"COLUMNS": "200"}  # no wrapping inside the cells
    result = runner.invoke(app, ["classify", "Sign 6 new sponsors and 2 new venues by October"], env=wide)
    assert result.exit_code == 0, result.output
    arrows = [" ".join(line.strip(" │|").split()) for line in result.output.splitlines() if "→" in line]
    assert arrows == ["→ Sign 6 new sponsors by October", "→ Sign 2 new venues by October"]
