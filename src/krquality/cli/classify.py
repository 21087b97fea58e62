"""``krquality classify``: label key results given as arguments, on stdin, or in a file."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from krquality.cli.app import app
from krquality.result import Result


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


def _read_stdin() -> list[tuple[int, str]]:
    return [(n, line.rstrip("\r\n")) for n, line in enumerate(sys.stdin, start=1) if line.strip()]


@app.command()
def classify(
    texts: Annotated[
        list[str] | None,
        typer.Argument(help="Key results, or one input file (.txt .csv .tsv .jsonl .xlsx .parquet)."),
    ] = None,
    output_format: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="Output format.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    column: Annotated[
        str | None, typer.Option(help="CSV/XLSX/Parquet column holding the key results.")
    ] = None,
    field: Annotated[str | None, typer.Option(help="JSONL field holding the key results.")] = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet (default: the first).")] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Worker processes for files (0: one per core).")
    ] = 1,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run into the same --output.")] = False,
    errors: Annotated[
        Path | None, typer.Option(help="Errors file for bad rows (default: OUTPUT.errors.csv).")
    ] = None,
    dask_scheduler: Annotated[
        str | None, typer.Option(help="Run on a Dask cluster (tcp://host:8786).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    no_suggestions: Annotated[
        bool, typer.Option("--no-suggestions", help="Skip rewrite suggestions.")
    ] = False,
) -> None:
    """Label key results as metric, milestone or task, with findings and suggestions.

    Exit codes: 0 ok, 1 some inputs failed (each reported with its line), 2 usage error.
    """
    items = list(texts or [])
    if len(items) == 1 and Path(items[0]).is_file():
        _classify_file(
            Path(items[0]),
            output_format=output_format,
            output=output,
            column=column,
            field=field,
            sheet=sheet,
            jobs=jobs,
            resume=resume,
            errors=errors,
            dask_scheduler=dask_scheduler,
            quiet=quiet,
            suggestions=not no_suggestions,
        )
        return
    numbered = list(enumerate(items, start=1)) if items else ([] if sys.stdin.isatty() else _read_stdin())
    if not numbered:
        raise typer.BadParameter(
            "give key results as arguments, on stdin, or an input file", param_hint="TEXTS"
        )
    _classify_texts(
        numbered,
        output_format=output_format or OutputFormat.TABLE,
        output=output,
        suggestions=not no_suggestions,
    )


def _classify_texts(
    numbered: list[tuple[int, str]], *, output_format: OutputFormat, output: Path | None, suggestions: bool
) -> None:
    _analyze_and_emit(
        ((f"input {number}", text, None) for number, text in numbered),
        output_format=output_format,
        output=output,
        suggestions=suggestions,
    )


def _analyze_and_emit(
    items: Iterable[tuple[str, str, str | None]],
    *,
    output_format: OutputFormat,
    output: Path | None,
    suggestions: bool,
) -> None:
    """Validate each ``(where, text, read_error)``, report the bad ones on stderr
    naming ``where``, analyse the rest, render them, and exit 1 if any failed."""
    from krquality import get_analyzer
    from krquality.engine import validate_text
    from krquality.errors import InvalidInputError

    analyzer = get_analyzer()
    good: list[str] = []
    failed = 0
    err = Console(stderr=True)
    for where, text, read_error in items:
        try:
            if read_error:
                raise InvalidInputError(f"{where}: {read_error}", field=where)
            good.append(validate_text(text, field=where, max_chars=analyzer.config.max_chars))
        except InvalidInputError as e:
            failed += 1
            err.print(f"[red]error[/red]: {escape(str(e))}")  # the message names ``where``
    _emit(list(analyzer.analyze_many(good, suggestions=suggestions)), output_format, output)
    if failed:
        raise typer.Exit(1)


def _emit(results: list[Result], output_format: OutputFormat, output: Path | None) -> None:
    from krquality.batch.rows import result_to_row
    from krquality.cli import render

    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if output_format is OutputFormat.TABLE:
            render.render_table(results, Console(file=handle, width=160 if output else None))
        elif output_format is OutputFormat.JSON:
            handle.write(render.render_json(results) + "\n")
        elif output_format is OutputFormat.JSONL:
            for line in render.render_jsonl(results):
                handle.write(line + "\n")
        else:
            for chunk in render.render_csv(result_to_row(r) for r in results):
                handle.write(chunk)
    finally:
        if output:
            handle.close()


def _classify_file(
    path: Path,
    *,
    output_format: OutputFormat | None,
    output: Path | None,
    column: str | None,
    field: str | None,
    sheet: str | None,
    jobs: int,
    resume: bool,
    errors: Path | None,
    dask_scheduler: str | None,
    quiet: bool,
    suggestions: bool,
) -> None:
    """Files stream through the batch runner: constant memory, errors file, resume."""
    from krquality.batch import classify_file, make_progress
    from krquality.errors import InvalidInputError

    if output_format in (OutputFormat.TABLE, OutputFormat.JSON):
        # A table or a JSON array is for reading a few results, not a backlog:
        # analyse in memory and render, keeping the batch's per-row error report.
        _small_file(
            path, output_format, output, column=column, field=field, sheet=sheet, suggestions=suggestions
        )
        return
    try:
        summary = classify_file(
            path,
            output,
            output_format=output_format.value if output_format else None,
            column=column,
            field=field,
            sheet=sheet,
            jobs=jobs,
            resume=resume,
            errors_path=errors,
            progress=make_progress(quiet=quiet or output is None),
            suggestions=suggestions,
            dask_scheduler=dask_scheduler,
        )
    except InvalidInputError as e:
        raise typer.BadParameter(str(e), param_hint="TEXTS") from e
    if output is not None and not quiet:
        Console(stderr=True).print(
            f"{summary.rows_written} rows written to {output}"
            + (f", {summary.rows_failed} failed (see {summary.errors_path})" if summary.rows_failed else ""),
            markup=False,  # a path may hold brackets
        )
    raise typer.Exit(summary.exit_code)


def _small_file(
    path: Path,
    output_format: OutputFormat,
    output: Path | None,
    *,
    column: str | None,
    field: str | None,
    sheet: str | None,
    suggestions: bool,
) -> None:
    from krquality.batch import open_reader
    from krquality.errors import InvalidInputError

    try:
        reader = open_reader(path, column=column, field=field, sheet=sheet)
    except InvalidInputError as e:
        raise typer.BadParameter(str(e), param_hint="TEXTS") from e
    with reader:
        _analyze_and_emit(
            ((f"{path}:{row.line}", row.text, row.error) for row in reader),
            output_format=output_format,
            output=output,
            suggestions=suggestions,
        )
