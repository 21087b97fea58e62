"""classify_file end to end: columns, errors file, exit codes, formats, order, resume."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from krquality import get_analyzer
from krquality.batch import (
    RESULT_COLUMNS,
    BatchSummary,
    ResumeError,
    checkpoint_path,
    classify_file,
    open_reader,
    result_to_row,
    row_id,
)
from krquality.errors import InvalidInputError

from .conftest import backlog, write_csv


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_output_rows_keep_columns_numbers_and_ids(small_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    summary = classify_file(small_csv, out, suggestions=False)
    rows = read_csv(out)
    assert list(rows[0]) == ["row", "id", "team", "quarter", *RESULT_COLUMNS]
    assert [int(r["row"]) for r in rows] == [1, 2, 3, 5, 6, 7, 8, 10, 11, 12]
    first = backlog(1)[0]
    assert {k: rows[0][k] for k in ("team", "quarter", "text")} == first
    assert rows[0]["id"] == row_id(1, first["text"])
    expected = result_to_row(get_analyzer().analyze(first["text"], suggestions=False))
    assert rows[0]["label"] == expected["label"] and int(rows[0]["score"]) == expected["score"]
    assert (summary.rows_read, summary.rows_written, summary.rows_failed) == (12, 10, 2)


def test_bad_rows_go_to_the_errors_file_and_exit_code_is_1(small_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    summary = classify_file(small_csv, out, suggestions=False)
    assert summary.exit_code == 1
    assert summary.errors_path == tmp_path / "results.errors.csv"
    errors = read_csv(summary.errors_path)
    assert [(e["row"], e["line"]) for e in errors] == [("4", "5"), ("9", "10")]
    assert errors[0]["reason"] == "row 4 is empty"
    assert "characters long; the limit is" in errors[1]["reason"]


def test_a_clean_run_exits_0_and_leaves_no_errors_file(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "krs.csv", backlog(5))
    summary = classify_file(source, tmp_path / "out.csv", suggestions=False)
    assert summary.exit_code == 0 and summary.errors_path is None
    assert not (tmp_path / "out.errors.csv").exists()
    assert not checkpoint_path(tmp_path / "out.csv").exists()


def test_errors_path_can_be_chosen_and_jsonl(small_csv: Path, tmp_path: Path) -> None:
    errors = tmp_path / "bad.jsonl"
    classify_file(small_csv, tmp_path / "out.csv", errors_path=errors, suggestions=False)
    assert [e["row"] for e in read_jsonl(errors)] == [4, 9]


def test_an_engine_failure_costs_only_its_row(tmp_path: Path) -> None:
    from .stub import boom_analyzer

    rows = backlog(6)
    rows[2]["text"] = "Ship BOOM"
    source = write_csv(tmp_path / "krs.csv", rows)
    summary = classify_file(source, tmp_path / "out.csv", analyzer_factory=boom_analyzer, suggestions=False)
    assert summary.rows_written == 5
    (error,) = read_csv(tmp_path / "out.errors.csv")
    assert error["row"] == "3" and error["reason"].startswith("analysis failed: RuntimeError")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_every_output_format_holds_the_same_results(small_csv: Path, tmp_path: Path, suffix: str) -> None:
    reference = tmp_path / "reference.jsonl"
    classify_file(small_csv, reference, suggestions=False)
    out = tmp_path / f"out{suffix}"
    classify_file(small_csv, out, suggestions=False)
    got = [(r.columns["row"], r.text, r.columns["label"], r.columns["score"]) for r in open_reader(out)]
    want = [(r["row"], r["text"], r["label"], r["score"]) for r in read_jsonl(reference)]
    assert [(int(a), b, c, int(d)) for a, b, c, d in got] == want


def make_inputs(tmp_path: Path, texts: list[str]) -> dict[str, Path]:
    import openpyxl
    import pyarrow as pa
    import pyarrow.parquet as pq

    paths = {
        "csv": write_csv(
            tmp_path / "in.csv", [{"text": t, "n": str(i)} for i, t in enumerate(texts)], delimiter=";"
        ),
        "txt": tmp_path / "in.txt",
        "jsonl": tmp_path / "in.jsonl",
        "xlsx": tmp_path / "in.xlsx",
        "parquet": tmp_path / "in.parquet",
    }
    paths["txt"].write_text("".join(t + "\n" for t in texts), encoding="utf-8")
    paths["jsonl"].write_text(
        "".join(json.dumps({"text": t, "n": i}) + "\n" for i, t in enumerate(texts)), encoding="utf-8"
    )
    workbook = openpyxl.Workbook()
    workbook.active.append(["n", "text"])
    for i, t in enumerate(texts):
        workbook.active.append([i, t])
    workbook.save(paths["xlsx"])
    pq.write_table(pa.table({"n": list(range(len(texts))), "text": texts}), paths["parquet"])
    return paths


def test_every_input_format_gives_the_same_results(tmp_path: Path) -> None:
    texts = [row["text"] for row in backlog(8)]
    outputs = {}
    for name, path in make_inputs(tmp_path, texts).items():
        out = tmp_path / f"out-{name}.jsonl"
        classify_file(path, out, suggestions=False)
        outputs[name] = [{k: r[k] for k in ("row", "id", *RESULT_COLUMNS)} for r in read_jsonl(out)]
    assert len(outputs["csv"]) == 8
    for name, rows in outputs.items():
        assert rows == outputs["csv"], name


def test_parquet_output_keeps_parquet_column_types(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    texts = [row["text"] for row in backlog(3)]
    source = make_inputs(tmp_path, texts)["parquet"]
    classify_file(source, tmp_path / "out.parquet", suggestions=False)
    schema = pq.read_schema(tmp_path / "out.parquet")
    assert str(schema.field("n").type) == "int64" and str(schema.field("score").type) == "int64"
    assert str(schema.field("confident").type) == "bool"


def test_input_columns_named_like_results_are_prefixed(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "krs.csv", [{"text": "Hire a head of data", "label": "mine", "row": "x"}])
    classify_file(source, tmp_path / "out.jsonl", suggestions=False)
    (row,) = read_jsonl(tmp_path / "out.jsonl")
    assert (row["input_label"], row["input_row"], row["row"]) == ("mine", "x", 1)


def test_stdout_output(small_csv: Path) -> None:
    stream = io.StringIO()
    summary = classify_file(small_csv, None, output_format="csv", stdout=stream, suggestions=False)
    assert stream.getvalue().startswith("row,id,team,quarter,text,label")
    assert summary.rows_written == 10


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"column": "kr"}, "no column 'kr'"),
        ({"jobs": -1}, "jobs must be 0 \\(one per core\\) or more"),
        ({"output_format": "xml"}, "cannot write 'xml'"),
    ],
)
def test_usage_errors(small_csv: Path, tmp_path: Path, options: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        classify_file(small_csv, tmp_path / "out.csv", **options)


class InterruptAfter:
    """A progress reporter that presses Ctrl-C after ``updates`` updates."""

    def __init__(self, updates: int) -> None:
        self.left = updates

    def start(self, *, total: int | None, unit: str, rows_done: int) -> None:
        pass

    def update(self, *, rows: int, position: int) -> None:
        self.left -= 1
        if self.left == 0:
            raise KeyboardInterrupt

    def finish(self) -> None:
        pass


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_resume_after_ctrl_c_gives_the_same_output(small_csv: Path, tmp_path: Path, suffix: str) -> None:
    whole = tmp_path / f"whole{suffix}"
    classify_file(small_csv, whole, batch_size=2, suggestions=False)
    out = tmp_path / f"out{suffix}"
    with pytest.raises(KeyboardInterrupt):
        classify_file(small_csv, out, batch_size=2, progress=InterruptAfter(3), suggestions=False)
    assert checkpoint_path(out).exists()
    summary = classify_file(small_csv, out, batch_size=2, resume=True, suggestions=False)
    assert summary.resumed_from == 6 and summary.rows_read == 12
    assert (summary.rows_written, summary.rows_failed) == (10, 2)
    assert out.read_bytes() == whole.read_bytes()
    assert (tmp_path / "out.errors.csv").read_bytes() == (tmp_path / "whole.errors.csv").read_bytes()
    assert not checkpoint_path(out).exists()


def test_resume_refuses_a_finished_output(small_csv: Path, tmp_path: Path) -> None:
    classify_file(small_csv, tmp_path / "out.csv", suggestions=False)
    with pytest.raises(ResumeError, match="has no checkpoint"):
        classify_file(small_csv, tmp_path / "out.csv", resume=True, suggestions=False)


def test_resume_refuses_other_options(small_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    with pytest.raises(KeyboardInterrupt):
        classify_file(small_csv, out, batch_size=2, progress=InterruptAfter(2), suggestions=False)
    with pytest.raises(ResumeError, match="other options \\(suggestions\\)"):
        classify_file(small_csv, out, batch_size=2, resume=True, suggestions=True)


def test_resume_with_nothing_to_resume_starts_afresh(small_csv: Path, tmp_path: Path) -> None:
    summary = classify_file(small_csv, tmp_path / "out.csv", resume=True, suggestions=False)
    assert (summary.resumed_from, summary.rows_written) == (0, 10)


@pytest.mark.slow
def test_parallel_output_equals_sequential(tmp_path: Path) -> None:
    rows = backlog(120)
    rows[7]["text"] = "   "
    source = write_csv(tmp_path / "krs.csv", rows)
    one = classify_file(source, tmp_path / "one.jsonl", jobs=1, batch_size=8)
    two = classify_file(source, tmp_path / "two.jsonl", jobs=2, batch_size=8)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
    assert (tmp_path / "one.errors.csv").read_bytes() == (tmp_path / "two.errors.csv").read_bytes()
    assert isinstance(two, BatchSummary) and (two.rows_written, two.rows_failed) == (one.rows_written, 1)


def krquality_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "krquality", *args]


@pytest.mark.slow
def test_resume_after_sigkill_writes_every_row_exactly_once(tmp_path: Path) -> None:
    n = 1000  # enough that the kill lands mid-way: the first checkpoint comes after half a second
    rows = backlog(n)
    rows[5]["text"] = ""
    source = write_csv(tmp_path / "krs.csv", rows)
    whole = tmp_path / "whole.csv"
    classify_file(source, whole, suggestions=False)
    out = tmp_path / "out.csv"
    log = tmp_path / "run.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(
            krquality_command("classify", str(source), "-o", str(out), "--no-suggestions", "--quiet"),
            stdout=subprocess.DEVNULL,
            stderr=handle,
        )
    sidecar = checkpoint_path(out)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        if sidecar.exists():
            done = json.loads(sidecar.read_text(encoding="utf-8"))["rows_done"]
            if done > 0:
                break
        time.sleep(0.05)
    assert process.poll() is None, log.read_text(encoding="utf-8")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert 0 < done < n, "the kill must land mid-way"
    resumed = subprocess.run(
        krquality_command("classify", str(source), "-o", str(out), "--no-suggestions", "--quiet", "--resume"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert resumed.returncode == 1, resumed.stderr  # row 6 is empty: some rows failed
    got = read_csv(out)
    assert [int(r["row"]) for r in got] == [i for i in range(1, n + 1) if i != 6]
    assert out.read_bytes() == whole.read_bytes()
    assert read_csv(tmp_path / "out.errors.csv") == read_csv(tmp_path / "whole.errors.csv")


@pytest.mark.slow
def test_ctrl_c_in_a_parallel_run_resumes_with_any_number_of_jobs(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "krs.csv", backlog(60))
    classify_file(source, tmp_path / "whole.jsonl", batch_size=4, suggestions=False)
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        classify_file(source, out, jobs=2, batch_size=4, progress=InterruptAfter(3), suggestions=False)
    summary = classify_file(source, out, jobs=1, batch_size=4, resume=True, suggestions=False)
    assert 0 < summary.resumed_from < 60
    assert out.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
