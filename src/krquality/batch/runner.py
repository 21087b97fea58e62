"""The batch runner: classify a whole file, streaming, in parallel, resumably.

Rows flow through in chunks: read (:mod:`~krquality.batch.readers`), checked
with :func:`~krquality.engine.validate_text` (a bad row goes to the errors
file), analysed by an executor (this process, a process pool or a Dask
cluster; :mod:`~krquality.batch.parallel`), and written in input order
(:mod:`~krquality.batch.writers`) with a checkpoint after each synced chunk
(:mod:`~krquality.batch.resume`). At most a few chunks per worker are in
flight, so memory does not grow with the file.
"""

from __future__ import annotations

import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from krquality.batch.errorsfile import ErrorsFile, default_errors_path, error_row
from krquality.batch.parallel import AnalyzerSpec, ChunkOutcome, analyze_chunk, make_executor
from krquality.batch.progress import ProgressReporter
from krquality.batch.readers import InputRow, Reader, open_reader, require_extra
from krquality.batch.resume import (
    Checkpoint,
    ResumeError,
    check_resumable,
    checkpoint_path,
    input_signature,
    load_checkpoint,
    save_checkpoint,
)
from krquality.batch.rows import BOOKKEEPING_COLUMNS, RESERVED_COLUMNS, RESULT_COLUMNS, output_row
from krquality.batch.writers import OutputFormat, Writer, open_writer, output_format_for, parts_dir_for
from krquality.errors import InvalidInputError

if TYPE_CHECKING:
    from krquality.engine import Analyzer

DEFAULT_BATCH_SIZE = 64
DASK_BATCH_SIZE = 256  # a task on a cluster costs a few scheduler round trips: send more rows per task
CHUNKS_IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch run did.

    Counts cover the whole file, including rows done by an earlier,
    interrupted run when resuming (``resumed_from`` of them).
    """

    input_path: Path
    output_path: Path | None
    errors_path: Path | None
    rows_read: int
    rows_written: int
    rows_failed: int
    resumed_from: int
    seconds: float

    @property
    def exit_code(self) -> int:
        """``1`` when some rows failed, else ``0`` (the CLI's exit code)."""
        return 1 if self.rows_failed else 0

    @property
    def rows_per_second(self) -> float:
        """Rows handled per second by this run (not counting resumed rows)."""
        done = self.rows_read - self.resumed_from
        return done / self.seconds if self.seconds > 0 else 0.0


def _kept_names(columns: Iterable[str]) -> dict[str, str]:
    """Input column -> output column; names the results use get an ``input_`` prefix."""
    names: dict[str, str] = {}
    taken = set(RESERVED_COLUMNS)
    for column in columns:
        name = column
        while name in taken:
            name = f"input_{name}"
        taken.add(name)
        names[column] = name
    return names


def _result_types() -> dict[str, Any]:
    pa = require_extra("pyarrow", "writing .parquet files")

    types: dict[str, Any] = {"row": pa.int64(), "confident": pa.bool_(), "score": pa.int64()}
    types.update({c: pa.float64() for c in RESULT_COLUMNS if c.startswith("p_")})
    return types


def _chunks(rows: Iterator[InputRow], size: int) -> Iterator[list[InputRow]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _done(outcomes: list[ChunkOutcome]) -> Future[list[ChunkOutcome]]:
    future: Future[list[ChunkOutcome]] = Future()
    future.set_result(outcomes)
    return future


def classify_file(
    input_path: str | Path,
    output_path: str | Path | None = None,
    *,
    output_format: str | None = None,
    column: str | None = None,
    field: str | None = None,
    sheet: str | None = None,
    jobs: int = 1,
    resume: bool = False,
    errors_path: str | Path | None = None,
    progress: ProgressReporter | None = None,
    batch_size: int | None = None,
    suggestions: bool = True,
    dask_scheduler: str | None = None,
    model_path: str | Path | None = None,
    analyzer_factory: Callable[[], Analyzer] | None = None,
    stdout: IO[str] | None = None,
) -> BatchSummary:
    """Classify every row of ``input_path`` into ``output_path``, streaming.

    Input (by suffix): ``.csv``/``.tsv`` (delimiter sniffed, header row,
    quoted newlines, BOM), ``.jsonl``, ``.txt`` (one per line), ``.xlsx``
    (``sheet``, default the first) and ``.parquet``. ``column`` (or
    ``field``) names the column holding the key results; default ``text``,
    or the only column. Output: CSV, JSONL or Parquet, from ``output_format``
    or the suffix of ``output_path``; ``output_path=None`` writes CSV or
    JSONL (default) to ``stdout`` (default ``sys.stdout``), without resume.

    Each output row holds ``row`` (1-based input row number), ``id`` (see
    :func:`~krquality.batch.rows.row_id`), the input's other columns (a name
    the results use gets an ``input_`` prefix), then the result columns of
    :func:`~krquality.batch.rows.result_to_row`, in input order.

    A row that cannot be analysed (empty, too long, undecodable, malformed)
    goes to the errors file (``errors_path``, default ``OUT.errors.csv``
    beside the output; lines on stderr when writing to stdout) with its row
    number and reason, and the run goes on; ``summary.exit_code`` is then 1.

    ``jobs`` > 1 analyses in that many worker processes (0: one per core), ``dask_scheduler``
    (``tcp://host:8786``) on a Dask cluster's workers instead; output order
    is the input order either way. ``batch_size`` rows go to a worker at a
    time (default 64, 256 on Dask). ``resume=True`` continues a run that was
    interrupted (Ctrl-C, ``kill -9``) from its checkpoint
    (``OUT.krq-resume.json``), so no row is lost or written twice; it starts
    afresh when there is neither checkpoint nor output. ``progress`` receives
    progress (see :func:`~krquality.batch.progress.make_progress`).
    ``model_path`` picks a model file; ``analyzer_factory`` (a picklable
    zero-argument callable) supplies the analyzer instead.

    Raises :class:`~krquality.errors.InvalidInputError` (a
    :class:`~krquality.batch.resume.ResumeError` for resume problems) for a
    missing file, unknown format, column, field or sheet. Ctrl-C
    (``KeyboardInterrupt``) leaves a checkpoint and propagates.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "krs.csv").write_text("team,text\\nA,Double weekly active teams\\nB,\\n")
    >>> summary = classify_file(folder / "krs.csv", folder / "out.csv")
    >>> summary.rows_written, summary.rows_failed, summary.exit_code
    (1, 1, 1)
    """
    started = time.perf_counter()
    input_path = Path(input_path)
    out_path = Path(output_path) if output_path is not None and str(output_path) != "-" else None
    fmt: OutputFormat = output_format_for(out_path, output_format)
    if jobs < 0:
        raise InvalidInputError(f"jobs must be 0 (one per core) or more, got {jobs}", field="jobs")
    jobs = jobs or os.cpu_count() or 1
    if batch_size is None:
        batch_size = DASK_BATCH_SIZE if dask_scheduler is not None else DEFAULT_BATCH_SIZE
    if batch_size < 1:
        raise InvalidInputError(f"batch_size must be at least 1, got {batch_size}", field="batch_size")
    if out_path is None and resume:
        raise ResumeError("--resume needs an output file")
    if out_path is not None and out_path.resolve() == input_path.resolve():
        raise InvalidInputError(f"{out_path}: the output would overwrite the input", field="output")

    reader = open_reader(input_path, column=column, field=field, sheet=sheet)
    try:
        return _classify(
            reader,
            input_path,
            out_path,
            fmt,
            started=started,
            resume=resume,
            errors_path=errors_path,
            sheet=sheet,
            jobs=jobs,
            progress=progress,
            batch_size=batch_size,
            suggestions=suggestions,
            dask_scheduler=dask_scheduler,
            model_path=model_path,
            analyzer_factory=analyzer_factory,
            stdout=stdout,
        )
    finally:
        reader.close()


def _classify(
    reader: Reader,
    input_path: Path,
    out_path: Path | None,
    fmt: OutputFormat,
    *,
    started: float,
    resume: bool,
    errors_path: str | Path | None,
    sheet: str | None,
    jobs: int,
    progress: ProgressReporter | None,
    batch_size: int,
    suggestions: bool,
    dask_scheduler: str | None,
    model_path: str | Path | None,
    analyzer_factory: Callable[[], Analyzer] | None,
    stdout: IO[str] | None,
) -> BatchSummary:
    kept = _kept_names(reader.columns)
    columns = [*BOOKKEEPING_COLUMNS, *kept.values(), *RESULT_COLUMNS]
    errors_file_path = (
        Path(errors_path)
        if errors_path is not None
        else default_errors_path(out_path)
        if out_path is not None
        else None
    )
    options = {
        "format": fmt,
        "columns": columns,
        "text_column": getattr(reader, "text_column", None),
        "sheet": sheet,
        "suggestions": suggestions,
        "errors_path": str(errors_file_path) if errors_file_path else None,
    }
    signature = input_signature(input_path)
    checkpoint = _start_checkpoint(
        out_path, fmt, resume=resume, signature=signature, options=options, input_path=input_path
    )

    schema_types: dict[str, Any] = {}
    if fmt == "parquet":
        schema_types = {**_result_types(), **{kept[c]: t for c, t in reader.native_columns.items()}}
    resuming = checkpoint.rows_done > 0 or bool(checkpoint.output_state)
    writer = open_writer(
        out_path,
        columns,
        output_format=fmt,
        schema_types=schema_types,
        resume_state=checkpoint.output_state if resuming else None,
        stream=stdout,
    )
    errors = ErrorsFile(
        errors_file_path,
        resume_state=checkpoint.errors_state if resuming else None,
        stream=None if errors_file_path else sys.stderr,
        source=input_path,
    )
    spec = AnalyzerSpec(
        model_path=str(model_path) if model_path is not None else None,
        factory=analyzer_factory,
        suggestions=suggestions,
    )
    resumed_from = checkpoint.rows_done
    finished = False
    try:
        with make_executor(spec, jobs=jobs, dask_scheduler=dask_scheduler) as (executor, workers):
            _run(
                reader,
                writer,
                errors,
                executor_submit=executor.submit,
                spec=spec,
                kept=kept,
                checkpoint=checkpoint,
                out_path=out_path,
                batch_size=batch_size,
                in_flight=max(2, workers * CHUNKS_IN_FLIGHT_PER_WORKER),
                progress=progress,
            )
        finished = True
    finally:
        if finished:
            writer.close()
            errors.close(finished=True)
            if out_path is not None:
                checkpoint_path(out_path).unlink(missing_ok=True)
        else:
            writer.abort()
            errors.close(finished=False)
    return BatchSummary(
        input_path=input_path,
        output_path=out_path,
        errors_path=errors_file_path if errors.count else None,
        rows_read=checkpoint.rows_done,
        rows_written=checkpoint.rows_written,
        rows_failed=checkpoint.rows_failed,
        resumed_from=resumed_from,
        seconds=time.perf_counter() - started,
    )


def _start_checkpoint(
    out_path: Path | None,
    fmt: OutputFormat,
    *,
    resume: bool,
    signature: dict[str, Any],
    options: dict[str, Any],
    input_path: Path,
) -> Checkpoint:
    fresh = Checkpoint(input_signature=signature, options=options)
    if out_path is None:
        return fresh
    sidecar = checkpoint_path(out_path)
    if not resume:
        sidecar.unlink(missing_ok=True)
        return fresh
    checkpoint = load_checkpoint(sidecar)
    if checkpoint is None:
        if out_path.exists() or parts_dir_for(out_path).exists():
            raise ResumeError(
                f"{out_path} exists but has no checkpoint ({sidecar.name}): it is complete or was not "
                "written by krquality; remove it or run without --resume"
            )
        return fresh
    check_resumable(checkpoint, signature=signature, options=options, input_path=input_path)
    if fmt != "parquet" and not out_path.exists():
        raise ResumeError(f"{out_path} is gone; run without --resume")
    return checkpoint


def _run(
    reader: Reader,
    writer: Writer,
    errors: ErrorsFile,
    *,
    executor_submit: Callable[..., Future[list[ChunkOutcome]]],
    spec: AnalyzerSpec,
    kept: dict[str, str],
    checkpoint: Checkpoint,
    out_path: Path | None,
    batch_size: int,
    in_flight: int,
    progress: ProgressReporter | None,
) -> None:
    from krquality.config import load_config
    from krquality.engine import validate_text

    max_chars = load_config().max_chars
    rows = iter(reader)
    skip = checkpoint.rows_done
    if skip:
        for _ in islice(rows, skip):
            pass
    pending: deque[tuple[list[InputRow], dict[int, str], Future[list[ChunkOutcome]]]] = deque()
    last_sync = time.monotonic()
    draining = False  # True while a chunk is half written: no checkpoint may be taken then
    if progress is not None:
        progress.start(total=reader.total, unit=reader.unit, rows_done=skip)

    def drain_one() -> None:
        nonlocal last_sync, draining
        chunk, bad, future = pending[0]
        outcomes = iter(future.result())
        good_rows: list[dict[str, Any]] = []
        bad_rows: list[dict[str, Any]] = []
        for row in chunk:
            reason = bad.get(row.number)
            outcome: ChunkOutcome | None = None if reason is not None else next(outcomes)
            if isinstance(outcome, dict):
                columns = {kept[name]: value for name, value in row.columns.items() if name in kept}
                good_rows.append(output_row(row=row.number, text=row.text, kept=columns, result_row=outcome))
            else:
                bad_rows.append(error_row(row, reason if reason is not None else str(outcome)))
        draining = True
        pending.popleft()
        writer.write(good_rows)
        errors.write(bad_rows)
        checkpoint.rows_done = chunk[-1].number
        checkpoint.rows_written += len(good_rows)
        checkpoint.rows_failed += len(bad_rows)
        draining = False
        now = time.monotonic()
        if out_path is not None and now - last_sync >= writer.sync_interval:
            _sync(writer, errors, checkpoint, out_path)
            last_sync = now
        if progress is not None:
            progress.update(rows=checkpoint.rows_done, position=reader.position())

    try:
        for chunk in _chunks(rows, batch_size):
            bad: dict[int, str] = {}
            texts: list[str] = []
            for row in chunk:
                if row.error is not None:
                    bad[row.number] = row.error
                    continue
                try:
                    texts.append(validate_text(row.text, field=f"row {row.number}", max_chars=max_chars))
                except InvalidInputError as e:
                    bad[row.number] = str(e)
            future = executor_submit(analyze_chunk, spec, texts) if texts else _done([])
            pending.append((chunk, bad, future))
            while len(pending) >= in_flight or (pending and pending[0][2].done()):
                drain_one()
        while pending:
            drain_one()
    finally:
        # Finished or interrupted: what was written so far is checkpointed,
        # so --resume continues from exactly here. Interrupted mid-chunk, the
        # last checkpoint stands and resume drops the partial chunk.
        if out_path is not None and not draining:
            _sync(writer, errors, checkpoint, out_path)
        if progress is not None:
            progress.finish()


def _sync(writer: Writer, errors: ErrorsFile, checkpoint: Checkpoint, out_path: Path) -> None:
    # Output first, then the checkpoint that vouches for it: a crash between
    # the two leaves extra output that the next resume truncates away.
    checkpoint.errors_state = errors.sync()
    checkpoint.output_state = writer.sync()
    save_checkpoint(checkpoint_path(out_path), checkpoint)
