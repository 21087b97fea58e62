"""``krquality report``: an HTML report on a results file from ``krquality classify``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from krquality.cli.app import app


@app.command()
def report(
    results: Annotated[Path, typer.Argument(help="Results file (.csv, .jsonl or .parquet) from classify.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="HTML file (default RESULTS.html).")
    ] = None,
    group_by: Annotated[
        str | None, typer.Option("--group-by", help="Column to group by (team, quarter).")
    ] = None,
    top: Annotated[int, typer.Option(help="How many weakest key results and findings to list.")] = 10,
) -> None:
    """Write a self-contained HTML report: labels, scores, findings, weakest key results."""
    from krquality.batch.report import write_report
    from krquality.errors import InvalidInputError

    target = output or results.with_suffix(".html")
    try:
        data = write_report(results, target, group_by=group_by, top=top)
    except InvalidInputError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    typer.echo(f"{target}: {data.overall.rows:,} key results", err=True)
