"""``krquality classify FILE`` through the batch runner: files, errors, exit codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from krquality.cli.app import app

from .conftest import backlog, write_csv


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["classify", *args, "--no-suggestions", "--quiet"])
    return result.exit_code, result.output


def test_a_file_with_bad_rows_exits_1_and_writes_them_down(small_csv: Path, tmp_path: Path) -> None:
    code, _ = run(str(small_csv), "-o", str(tmp_path / "out.csv"))
    assert code == 1
    with (tmp_path / "out.errors.csv").open(encoding="utf-8", newline="") as handle:
        assert [e["row"] for e in csv.DictReader(handle)] == ["4", "9"]


def test_a_clean_file_exits_0(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "krs.csv", backlog(4))
    code, _ = run(str(source), "-o", str(tmp_path / "out.jsonl"), "--errors", str(tmp_path / "bad.csv"))
    assert code == 0
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 4
    assert not (tmp_path / "bad.csv").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--column", "kr"],
        ["--resume"],  # the output below is complete: nothing to resume
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    source = write_csv(tmp_path / "krs.csv", backlog(2))
    out = tmp_path / "out.csv"
    assert run(str(source), "-o", str(out))[0] == 0
    code, _ = run(str(source), "-o", str(out), *args)
    assert code == 2
