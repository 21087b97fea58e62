"""Writers: what goes in comes back out, and a resumed writer continues exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from krquality.batch.readers import open_reader
from krquality.batch.writers import open_writer, output_format_for, parts_dir_for, to_cell
from krquality.errors import InvalidInputError

COLUMNS = ["row", "id", "team", "text", "score", "confident", "p_task"]


def sample_rows(start: int, count: int) -> list[dict[str, Any]]:
    return [
        {
            "row": i,
            "id": f"id{i}",
            "team": None if i % 3 == 0 else f"team, {i}",
            "text": f'Ship\n"it" {i} ✓',
            "score": i % 100,
            "confident": i % 2 == 0,
            "p_task": round(i / 1000, 4),
        }
        for i in range(start, start + count)
    ]


def read_back(path: Path) -> list[dict[str, Any]]:
    return [{"text": r.text, **r.columns} for r in open_reader(path, column="text")]


def as_text(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: (to_cell(v) or "") for k, v in row.items()} for row in rows]


def types() -> dict[str, Any]:
    import pyarrow as pa

    return {"row": pa.int64(), "score": pa.int64(), "confident": pa.bool_(), "p_task": pa.float64()}


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    writer = open_writer(path, COLUMNS, output_format=output_format_for(path), schema_types=types())
    rows = sample_rows(1, 250)
    writer.write(rows[:100])
    writer.sync()
    writer.write(rows[100:])
    writer.close()
    back = read_back(path)
    if suffix == ".csv":
        assert [{k: r[k] for k in COLUMNS} for r in back] == as_text(rows)
    else:
        assert [{k: r[k] for k in COLUMNS} for r in back] == rows
    assert not parts_dir_for(path).exists()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_resume_drops_what_came_after_the_sync(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    fmt = output_format_for(path)
    writer = open_writer(path, COLUMNS, output_format=fmt, schema_types=types())
    writer.write(sample_rows(1, 10))
    state = writer.sync()
    writer.write(sample_rows(11, 5))  # written, never vouched for by a checkpoint
    writer.sync()
    writer.abort()
    if fmt != "parquet":
        with path.open("ab") as handle:
            handle.write(b'{"row": 99, "half a li')  # a kill -9 in the middle of a line
    resumed = open_writer(path, COLUMNS, output_format=fmt, schema_types=types(), resume_state=state)
    resumed.write(sample_rows(11, 5))
    resumed.close()
    back = read_back(path)
    assert [int(r["row"]) for r in back] == list(range(1, 16))


def test_unknown_output_suffix_is_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"cannot write \.xlsx"):
        output_format_for("out.xlsx")


def test_parquet_cannot_go_to_stdout() -> None:
    with pytest.raises(InvalidInputError, match="Parquet cannot go to stdout"):
        open_writer(None, COLUMNS, output_format="parquet")
