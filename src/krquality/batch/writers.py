# pyarrow, openpyxl and dask are only partly annotated; their calls are checked by the tests.
# mypy: disable-error-code="no-untyped-call"
"""Streaming writers for CSV, JSONL and Parquet results, made for resuming.

A writer takes rows in chunks (:meth:`Writer.write`), makes what it has
durable on :meth:`Writer.sync`, which returns a small state for the
checkpoint, and can reopen a file at such a state (``resume_state``),
dropping whatever was written after it. CSV and JSONL are appended to in
place (the state is a byte offset). Parquet cannot be appended to, so rows
go to numbered part files beside the output (``OUT.parts/``), each written
whole and renamed into place; :meth:`Writer.close` merges them into the
output in row groups and removes them.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import datetime as dt
import decimal
import io
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Literal

from krquality.errors import InvalidInputError

OutputFormat = Literal["csv", "jsonl", "parquet"]
OUTPUT_SUFFIXES: dict[str, OutputFormat] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
}
PARQUET_ROW_GROUP_ROWS = 50_000


def output_format_for(path: str | Path | None, explicit: str | None = None) -> OutputFormat:
    """The output format: ``explicit`` if given, else from the suffix of ``path``.

    >>> output_format_for("results.parquet")
    'parquet'
    """
    if explicit is not None:
        if explicit in ("csv", "jsonl", "parquet"):
            return explicit  # type: ignore[return-value]
        raise InvalidInputError(
            f"cannot write {explicit!r} files (known: csv, jsonl, parquet)", field="format"
        )
    if path is None:
        return "jsonl"
    suffix = Path(path).suffix.lower()
    try:
        return OUTPUT_SUFFIXES[suffix]
    except KeyError:
        raise InvalidInputError(
            f"{path}: cannot write {suffix or 'files without a suffix'} (known: .csv, .jsonl, .parquet)",
            field="output",
        ) from None


def json_default(value: Any) -> Any:
    """JSON for the values typed inputs hold: dates, decimals, bytes, anything else as text."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def to_cell(value: Any) -> str | None:
    """A value as CSV cell text: ``None`` stays ``None`` (an empty cell), booleans are ``true``/``false``.

    >>> [to_cell(v) for v in (True, 0.5, None, {"a": 1})]
    ['true', '0.5', None, '{"a": 1}']
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=json_default)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _fsync(handle: IO[Any]) -> None:
    handle.flush()
    with contextlib.suppress(OSError, io.UnsupportedOperation):  # a pipe or a terminal
        os.fsync(handle.fileno())


class Writer:
    """Base class: write rows (dicts keyed by :attr:`columns`) in chunks."""

    format: OutputFormat
    sync_interval = 0.5  # seconds between checkpoints the runner aims for

    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.rows_written = 0

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        raise NotImplementedError

    def sync(self) -> dict[str, Any]:
        """Make every row written so far durable; return the state to resume from."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        """Stop without finishing (an interrupted run): keep what is synced for ``--resume``."""
        self.close()


class _TextWriter(Writer):
    """Shared by CSV and JSONL: a text file appended to, resumed by byte offset."""

    def __init__(
        self,
        path: Path | None,
        columns: Sequence[str],
        *,
        resume_state: dict[str, Any] | None = None,
        stream: IO[str] | None = None,
    ) -> None:
        super().__init__(columns)
        self.path = path
        self._owned = stream is None
        if stream is not None:
            self.handle: IO[str] = stream
            fresh = True
        elif path is None:
            raise ValueError("a path or a stream is needed")
        elif resume_state is not None:
            offset = int(resume_state["bytes"])
            with path.open("r+b") as raw:
                raw.truncate(offset)
            self.handle = path.open("a", encoding="utf-8", newline="")
            self.rows_written = int(resume_state.get("rows", 0))
            fresh = False
        else:
            self.handle = path.open("w", encoding="utf-8", newline="")
            fresh = True
        if fresh:
            self._start()

    def _start(self) -> None:
        """Write whatever precedes the rows (a CSV header)."""

    def sync(self) -> dict[str, Any]:
        if self._owned:
            _fsync(self.handle)
            return {"bytes": self.handle.tell(), "rows": self.rows_written}
        self.handle.flush()
        return {"bytes": 0, "rows": self.rows_written}

    def close(self) -> None:
        if self._owned:
            if not self.handle.closed:
                self.handle.close()
        else:
            self.handle.flush()


class CsvWriter(_TextWriter):
    """RFC 4180 CSV, UTF-8, a header row, ``\\r\\n`` line ends as the csv module writes them."""

    format: OutputFormat = "csv"

    def _start(self) -> None:
        self._csv = csv.writer(self.handle)
        self._csv.writerow(self.columns)

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        if not hasattr(self, "_csv"):
            self._csv = csv.writer(self.handle)
        self._csv.writerows([to_cell(row.get(c)) for c in self.columns] for row in rows)
        self.rows_written += len(rows)


class JsonlWriter(_TextWriter):
    """One JSON object per line, keys in :attr:`columns` order, UTF-8 unescaped."""

    format: OutputFormat = "jsonl"

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.handle.write(
            "".join(
                json.dumps({c: row.get(c) for c in self.columns}, ensure_ascii=False, default=json_default)
                + "\n"
                for row in rows
            )
        )
        self.rows_written += len(rows)


class ParquetWriter(Writer):
    """Parquet written as part files while running, merged into row groups at the end.

    ``native_types`` maps kept columns to their pyarrow types (when the
    input was Parquet); every other kept column is a string column.
    """

    format: OutputFormat = "parquet"
    sync_interval = 5.0

    def __init__(
        self,
        path: Path,
        columns: Sequence[str],
        *,
        schema_types: dict[str, Any],
        resume_state: dict[str, Any] | None = None,
        row_group_rows: int = PARQUET_ROW_GROUP_ROWS,
    ) -> None:
        import pyarrow as pa

        super().__init__(columns)
        self.path = path
        self.parts_dir = parts_dir_for(path)
        self.row_group_rows = row_group_rows
        self.schema = pa.schema([(c, schema_types.get(c, pa.string())) for c in self.columns])
        self._string_columns = [c for c in self.columns if c not in schema_types]
        self._buffer: list[dict[str, Any]] = []
        if resume_state is not None:
            self.parts = int(resume_state["parts"])
            self.rows_written = int(resume_state.get("rows", 0))
            self.parts_dir.mkdir(parents=True, exist_ok=True)
            for stray in self.parts_dir.iterdir():  # written after the checkpoint, or half-written
                if not stray.name.endswith(".parquet") or int(stray.name[5:11]) >= self.parts:
                    stray.unlink()
        else:
            if self.parts_dir.exists():
                shutil.rmtree(self.parts_dir)
            self.parts_dir.mkdir(parents=True)
            self.parts = 0

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        for row in rows:
            out = {c: row.get(c) for c in self.columns}
            for c in self._string_columns:
                out[c] = to_cell(out[c])
            self._buffer.append(out)
        self.rows_written += len(rows)

    def sync(self) -> dict[str, Any]:
        if self._buffer:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pylist(self._buffer, schema=self.schema)
            final = self.parts_dir / f"part-{self.parts:06d}.parquet"
            partial = final.with_suffix(".tmp")
            pq.write_table(table, partial)
            os.replace(partial, final)
            self.parts += 1
            self._buffer = []
        return {"parts": self.parts, "rows": self.rows_written}

    def close(self) -> None:
        """Merge the parts into the output (row groups of ``row_group_rows``) and remove them."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.sync()
        partial = self.path.with_name(self.path.name + ".tmp")
        with pq.ParquetWriter(partial, self.schema) as out:
            pending: list[Any] = []
            pending_rows = 0
            for i in range(self.parts):
                table = pq.read_table(self.parts_dir / f"part-{i:06d}.parquet", schema=self.schema)
                pending.append(table)
                pending_rows += table.num_rows
                if pending_rows >= self.row_group_rows:
                    out.write_table(pa.concat_tables(pending), row_group_size=self.row_group_rows)
                    pending, pending_rows = [], 0
            if pending:
                out.write_table(pa.concat_tables(pending), row_group_size=self.row_group_rows)
        os.replace(partial, self.path)
        shutil.rmtree(self.parts_dir)

    def abort(self) -> None:
        self.sync()


def parts_dir_for(path: Path) -> Path:
    """Where a Parquet output keeps its part files while a run is under way."""
    return path.with_name(path.name + ".parts")


def open_writer(
    path: Path | None,
    columns: Sequence[str],
    *,
    output_format: OutputFormat,
    schema_types: dict[str, Any] | None = None,
    resume_state: dict[str, Any] | None = None,
    stream: IO[str] | None = None,
) -> Writer:
    """A writer of ``output_format`` to ``path`` (or ``stream``, for CSV/JSONL on stdout).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> w = open_writer(p, ["row", "text"], output_format="csv")
    >>> w.write([{"row": 1, "text": "Ship it"}]); w.close()
    >>> p.read_bytes()
    b'row,text\\r\\n1,Ship it\\r\\n'
    """
    if output_format == "parquet":
        if path is None:
            raise InvalidInputError("Parquet cannot go to stdout; give an output file", field="output")
        return ParquetWriter(path, columns, schema_types=schema_types or {}, resume_state=resume_state)
    cls = CsvWriter if output_format == "csv" else JsonlWriter
    if path is None and stream is None:
        stream = sys.stdout
    return cls(path, columns, resume_state=resume_state, stream=stream)
