"""``krquality classify``: label key results given as arguments, on stdin, or in a file."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from krquality.cli.app import app


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


def _read_stdin() -> list[tuple[int, str]]:
    return [(n, line.rstrip("\r\n")) for n, line in enumerate(sys.stdin, start=1) if line.strip()]


@app.command()
def classify(
    texts: Annotated[list[str] | None, typer.Argument(help="Key results, or one input file (.txt/.csv/.jsonl).")]
    = None,
    output_format: Annotated[OutputFormat | None, typer.Option("--format", "-f", help="Output format.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    column: Annotated[str | None, typer.Option(help="CSV column holding the key results.")] = None,
    field: Annotated[str | None, typer.Option(help="JSONL field holding the key results.")] = None,
    no_suggestions: Annotated[bool, typer.Option("--no-suggestions", help="Skip rewrite suggestions.")] = False,
) -> None:
    """Label key results as metric, milestone or task, with findings and suggestions."""
    from krquality.cli import render
    from krquality.engine import validate_text
    from krquality.errors import InvalidInputError

    items = list(texts or [])
    if len(items) == 1 and Path(items[0]).is_file():
        _classify_file(Path(items[0]), output_format=output_format, output=output, column=column, field=field,
                       suggestions=not no_suggestions)
        return
    numbered = list(enumerate(items, start=1)) if items else ([] if sys.stdin.isatty() else _read_stdin())
    if not numbered:
        raise typer.BadParameter("give key results as arguments, on stdin, or an input file", param_hint="TEXTS")

    from krquality import get_analyzer

    analyzer = get_analyzer()
    good: list[str] = []
    failed = 0
    err = Console(stderr=True)
    for number, text in numbered:
        try:
            good.append(validate_text(text, field=f"input {number}", max_chars=analyzer.config.max_chars))
        except InvalidInputError as e:
            failed += 1
            err.print(f"[red]error[/red]: {e}")
    results = list(analyzer.analyze_many(good, suggestions=not no_suggestions))

    fmt = output_format or OutputFormat.TABLE
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt is OutputFormat.TABLE:
            render.render_table(results, Console(file=handle, width=160 if output else None))
        elif fmt is OutputFormat.JSON:
            handle.write(render.render_json(results) + "\n")
        elif fmt is OutputFormat.JSONL:
            for line in render.render_jsonl(results):
                handle.write(line + "\n")
        else:
            for chunk in render.render_csv(render.summary_row(r) for r in results):
                handle.write(chunk)
    finally:
        if output:
            handle.close()
    if failed:
        raise typer.Exit(1)


def _classify_file(path: Path, *, output_format: OutputFormat | None, output: Path | None,
                   column: str | None, field: str | None, suggestions: bool) -> None:
    raise typer.BadParameter(f"{path}: file input is not wired yet", param_hint="TEXTS")
