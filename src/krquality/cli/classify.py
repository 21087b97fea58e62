"""``krquality classify``: label key results given as arguments, on stdin, or in a file.

What the arguments are: ``-`` is stdin (one key result per line); an
argument that names a file, or looks like a file name (no spaces, and a
suffix such as ``.csv`` or a ``/``), is an input file, and one that does not
exist is an error naming it; anything else is a key result. ``--text`` says
every argument is a key result, whatever it looks like.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from krquality.cli.app import app
from krquality.result import Result

FORMATS = ("table", "json", "jsonl", "csv", "parquet")
SUFFIX_FORMATS = {
    ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".parquet": "parquet",
}
_INPUTS = "INPUT..."
_FILE_NAME = re.compile(r"\S*(/|\\|\.[A-Za-z][A-Za-z0-9]{0,4})\S*")


def looks_like_path(argument: str) -> bool:
    """Whether a command-line argument is meant as a file name rather than a key result.

    Key results are phrases; file names have no spaces and a suffix or a
    folder in them.

    >>> looks_like_path("nosuch.csv"), looks_like_path("data/krs"), looks_like_path("Ship v2 by May")
    (True, True, False)
    """
    return argument == "-" or _FILE_NAME.fullmatch(argument) is not None


def output_format(explicit: str | None, output: Path | None) -> str | None:
    """The output format from ``--format`` and the suffix of ``--output``; a contradiction is an error.

    ``None`` means the default of the input (a table for key results, JSON
    lines for a file on stdout).

    >>> output_format(None, Path("out.parquet")), output_format("csv", Path("out.txt"))
    ('parquet', 'csv')
    """
    if explicit is not None:
        explicit = explicit.lower()
        if explicit not in FORMATS:
            raise typer.BadParameter(
                f"{explicit!r} is not a format; choose one of {', '.join(FORMATS)}", param_hint="--format"
            )
    if output is None:
        if explicit == "parquet":
            raise typer.BadParameter("parquet needs an output file (-o results.parquet)",
                                     param_hint="--format")
        return explicit
    implied = SUFFIX_FORMATS.get(output.suffix.lower())
    if explicit is None:
        if implied is None:
            raise typer.BadParameter(
                f"cannot tell the format from {output.name!r}; end it in "
                f"{', '.join(SUFFIX_FORMATS)} or give --format",
                param_hint="--output",
            )
        return implied
    if implied is not None and implied != explicit:
        raise typer.BadParameter(
            f"--format {explicit} contradicts --output {output.name} (a {implied} file name); "
            "make them agree or drop one",
            param_hint="--format",
        )
    return explicit


def _read_stdin() -> list[tuple[int, str]]:
    return [(n, line.rstrip("\r\n")) for n, line in enumerate(sys.stdin, start=1) if line.strip()]


@app.command()
def classify(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(metavar="INPUT", hidden=True, show_default=False),  # described in the docstring
    ] = None,
    text: Annotated[
        bool,
        typer.Option("--text", help="The arguments are key results, even those that look like file names."),
    ] = False,
    output_format_name: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="FORMAT",
            help="table, json, jsonl, csv or parquet (default: from the --output suffix; a table on screen).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout.")
    ] = None,
    column: Annotated[
        str | None, typer.Option(metavar="NAME", help="CSV/XLSX/Parquet column holding the key results.")
    ] = None,
    field: Annotated[
        str | None, typer.Option(metavar="NAME", help="JSONL field holding the key results.")
    ] = None,
    sheet: Annotated[
        str | None, typer.Option(metavar="NAME", help="XLSX sheet (default: the first).")
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, metavar="N",
                     help="Worker processes for files (0: one per core)."),
    ] = 1,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run into the same --output.")
    ] = False,
    errors: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Errors file for bad rows (default: OUTPUT.errors.csv)."),
    ] = None,
    dask_scheduler: Annotated[
        str | None, typer.Option(metavar="URL", help="Run on a Dask cluster (tcp://host:8786).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    no_suggestions: Annotated[
        bool, typer.Option("--no-suggestions", help="Skip rewrite suggestions.")
    ] = False,
) -> None:
    """Label key results as metric, milestone or task, with findings and suggestions.

    INPUT is key results, or one input file (.txt .csv .tsv .jsonl .xlsx
    .parquet), or - for stdin (one key result per line). An argument that
    looks like a file name must name a file that exists (--text: they are
    all key results).

    Exit codes: 0 ok; 1 some inputs failed (each reported with its line);
    2 usage error: a missing or unreadable input file, no key results at
    all, a model that cannot be loaded, contradicting options.
    """
    fmt = output_format(output_format_name, output)
    items = list(inputs or [])
    if not text and items and any(looks_like_path(item) or Path(item).exists() for item in items):
        if len(items) > 1:
            raise typer.BadParameter(
                "give one input file, or key results (add --text if these are key results)",
                param_hint=_INPUTS,
            )
        items = [] if items[0] == "-" else items
        if items:
            _classify_file(
                _existing_file(items[0]),
                output_format=fmt,
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
        numbered = _read_stdin()  # "-": stdin, even from a terminal
    elif items:
        numbered = list(enumerate(items, start=1))
    elif sys.stdin.isatty():
        raise typer.BadParameter("give key results as arguments, - for stdin, or an input file",
                                 param_hint=_INPUTS)
    else:
        numbered = _read_stdin()
    if not numbered:
        _usage_error("no key results on stdin (it was empty or blank); give key results as arguments, "
                     "- for stdin, or an input file")
    if fmt == "parquet":
        raise typer.BadParameter("parquet is for input files; use csv, jsonl or json", param_hint="--format")
    _analyze_and_emit(
        ((f"input {number}", line, None) for number, line in numbered),
        output_format=fmt or "table",
        output=output,
        suggestions=not no_suggestions,
    )


def _existing_file(argument: str) -> Path:
    path = Path(argument)
    if path.is_dir():
        _usage_error(f"{argument}: is a folder, not a file")
    if not path.is_file():
        _usage_error(f"{argument}: no such file (add --text to classify it as a key result)")
    return path


def _usage_error(message: str) -> NoReturn:
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    raise typer.Exit(2)


def _analyze_and_emit(
    items: Iterable[tuple[str, str, str | None]],
    *,
    output_format: str,
    output: Path | None,
    suggestions: bool,
) -> None:
    """Validate each ``(where, text, read_error)``, report the bad ones on stderr
    naming ``where``, analyse the rest, render them, and exit 1 if any failed."""
    from krquality import get_analyzer
    from krquality.engine import validate_text
    from krquality.errors import InvalidInputError

    analyzer = get_analyzer()  # before any output: a model that cannot load is exit 2 with nothing written
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


def _emit(results: list[Result], output_format: str, output: Path | None) -> None:
    from krquality.batch.rows import result_to_row
    from krquality.cli import render

    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if output_format == "table":
            render.render_table(results, Console(file=handle, width=160 if output else None))
        elif output_format == "json":
            handle.write(render.render_json(results) + "\n")
        elif output_format == "jsonl":
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
    output_format: str | None,
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
    """Files stream through the batch runner (constant memory, errors file, resume) in every
    file format, keeping the input's columns, their names and the row numbers."""
    from krquality.batch import classify_file, make_progress
    from krquality.errors import InvalidInputError

    if output_format == "table":
        # A table is for reading a few results on screen, not a backlog.
        _small_file(path, output, column=column, field=field, sheet=sheet, suggestions=suggestions)
        return
    try:
        summary = classify_file(
            path,
            output,
            output_format=output_format,
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
        _usage_error(str(e))
    if output is not None and not quiet:
        Console(stderr=True).print(
            f"{summary.rows_written} rows written to {output}"
            + (f", {summary.rows_failed} failed (see {summary.errors_path})" if summary.rows_failed else ""),
            markup=False,  # a path may hold brackets
        )
    raise typer.Exit(summary.exit_code)


def _small_file(
    path: Path,
    output: Path | None,
    *,
    column: str | None,
    field: str | None,
    sheet: str | None,
    suggestions: bool,
) -> None:
    from krquality.batch import open_reader

    with open_reader(path, column=column, field=field, sheet=sheet) as reader:
        rows = list(reader)
    if not rows:
        _usage_error(f"{path}: no key results in it (the file has no rows)")
    _analyze_and_emit(
        ((f"{path}:{row.line}", row.text, row.error) for row in rows),
        output_format="table",
        output=output,
        suggestions=suggestions,
    )
