"""``krquality lint FILE...``: findings in Markdown and YAML OKR files, like a linter.

Exit codes: 0 no error-severity finding, 1 at least one, 2 a usage error
(a missing, unreadable or malformed file, a key result that cannot be
analysed); nothing is printed on stdout when the exit code is 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from krquality.cli.app import app
from krquality.lintformat import LintFormat


@app.command()
def lint(
    files: Annotated[list[Path], typer.Argument(help="OKR files: Markdown (.md) or YAML (.yaml, .yml).")],
    output_format: Annotated[
        LintFormat, typer.Option("--format", "-f", help="Output format: text, json, sarif or rdjson.")
    ] = LintFormat.TEXT,
    no_suggestions: Annotated[
        bool, typer.Option("--no-suggestions", help="Skip rewrite suggestions (faster).")
    ] = False,
) -> None:
    """Check OKR files and print findings as path:line:col: CODE message."""
    import krquality
    from krquality.engine import validate_text
    from krquality.errors import InvalidInputError, KRQualityError
    from krquality.lintformat import collect_diagnostics, has_errors, render, rules
    from krquality.okrfile import OKRDocument, read_okr_file

    documents: list[OKRDocument] = []
    problems: list[str] = []
    for path in files:
        try:
            documents.append(read_okr_file(path))
        except KRQualityError as e:
            problems.append(str(e))
    try:
        analyzer = krquality.get_analyzer()
    except KRQualityError as e:
        _usage_error([str(e)])
    for document in documents:
        for objective, source in zip(document.objectives, document.sources, strict=True):
            for text, kr in zip(objective.key_results, source.key_results, strict=True):
                try:
                    validate_text(text, field="key result", max_chars=analyzer.config.max_chars)
                except InvalidInputError as e:
                    problems.append(f"{document.path}:{kr.start.line}:{kr.start.column}: {e}")
    if problems:
        _usage_error(problems)

    diagnostics = []
    for document in documents:
        result = krquality.analyze_okrs(document.objectives, suggestions=not no_suggestions)
        diagnostics += collect_diagnostics(document, result, config=analyzer.config)
    typer.echo(render(output_format, diagnostics, rules=rules(), version=krquality.__version__), nl=False)
    if has_errors(diagnostics):
        raise typer.Exit(1)


def _usage_error(messages: list[str]) -> NoReturn:
    for message in messages:
        typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)
