"""The errors file: one line per input row that could not be analysed, and why.

Columns: ``row`` (the input row number, as in the output), ``line`` (where
the row starts in the file), ``id`` (the stable row id), ``reason`` and
``text`` (cut to :data:`MAX_TEXT_CHARS`). CSV unless the path ends in
``.jsonl``. The file is removed at the end of a run that wrote no error, so
its presence alone says something failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from krquality.batch.readers import InputRow
from krquality.batch.rows import row_id
from krquality.batch.writers import OutputFormat, Writer, open_writer

ERROR_COLUMNS: tuple[str, ...] = ("row", "line", "id", "reason", "text")
MAX_TEXT_CHARS = 500


def default_errors_path(output_path: Path) -> Path:
    """``results.csv`` -> ``results.errors.csv`` (always CSV).

    >>> default_errors_path(Path("out/results.parquet")).as_posix()
    'out/results.errors.csv'
    """
    return output_path.with_name(output_path.stem + ".errors.csv")


def error_row(row: InputRow, reason: str) -> dict[str, Any]:
    """The errors-file row for ``row``."""
    text = row.text if len(row.text) <= MAX_TEXT_CHARS else row.text[:MAX_TEXT_CHARS] + "…"
    return {
        "row": row.number,
        "line": row.line,
        "id": row_id(row.number, row.text),
        "reason": reason,
        "text": text,
    }


class ErrorsFile:
    """Collects failed rows into a file (or, without a path, as lines on ``stream``)."""

    def __init__(
        self,
        path: Path | None,
        *,
        resume_state: dict[str, Any] | None = None,
        stream: IO[str] | None = None,
        source: Path | None = None,
    ) -> None:
        self.path = path
        self.stream = stream
        # On a stream, each line names the input file and line, as a compiler does.
        self.prefix = f"{source}:" if source is not None else "line "
        self._writer: Writer | None = None
        self.count = int(resume_state.get("rows", 0)) if resume_state else 0
        if path is not None:
            fmt: OutputFormat = "jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else "csv"
            resuming = resume_state is not None and path.exists()
            self._writer = open_writer(
                path, ERROR_COLUMNS, output_format=fmt, resume_state=resume_state if resuming else None
            )

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        self.count += len(rows)
        if self._writer is not None:
            self._writer.write(rows)
        elif self.stream is not None:
            for row in rows:
                self.stream.write(f"{self.prefix}{row['line']}: row {row['row']}: {row['reason']}\n")

    def sync(self) -> dict[str, Any]:
        if self._writer is None:
            return {"rows": self.count}
        return {**self._writer.sync(), "rows": self.count}

    def close(self, *, finished: bool) -> None:
        """Close; at the end of a run (``finished``) with no error at all, remove the file."""
        if self._writer is not None:
            self._writer.close()
            if finished and self.count == 0 and self.path is not None:
                self.path.unlink(missing_ok=True)
