"""``krquality lint FILE...``: findings in OKR documents, like a linter, for editors and CI.

Files, directories (walked for OKR files) and glob patterns are read with
the document reader; ``-`` reads standard input. A file that cannot be read
is reported as a ``KRQ901`` error in every output format and the others are
still checked; a file with no objectives or key results is skipped with a
note. The exit code follows ``--fail-on``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from krquality.cli.app import app
from krquality.lintformat import LintFormat

if TYPE_CHECKING:
    from krquality.okrfile import OKRDocument


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


_EPILOG = (
    "Exit codes: 0 when no finding is at the --fail-on level or worse (default: error), 1 when one is "
    "(a file that cannot be read is an error, KRQ901), 2 for a usage error (no files, an unknown option, "
    "a model that cannot load). Files with no objectives or key results (a README, a config file) are "
    "skipped with a note."
)


@app.command(epilog=_EPILOG)
def lint(
    files: Annotated[
        list[str],
        typer.Argument(
            help="OKR documents (Markdown, YAML, JSON, CSV/TSV, reStructuredText, text), "
            "directories or glob patterns; - reads stdin."
        ),
    ],
    output_format: Annotated[
        LintFormat, typer.Option("--format", "-f", help="Output format: text, json, sarif or rdjson.")
    ] = LintFormat.TEXT,
    no_suggestions: Annotated[
        bool, typer.Option("--no-suggestions", help="Skip rewrite suggestions (faster).")
    ] = False,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding is at this severity or worse: error, warning, info, or never.",
        ),
    ] = FailOn.ERROR,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Glob pattern of files to leave out (repeatable).")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also say on stderr which lines were not read as OKRs.")
    ] = False,
) -> None:
    """Check OKR documents and print findings as path:line:col: severity CODE message."""
    import krquality
    from krquality.errors import KRQualityError, NotOKRFileError, OKRFileError
    from krquality.lintformat import collect_diagnostics, render, rules
    from krquality.lintformat.diagnostics import Diagnostic, fails, unreadable_diagnostic
    from krquality.okrfile import read_okr_source
    from krquality.okrfile.files import expand_paths
    from krquality.okrfile.notes import for_analysis
    from krquality.result import Severity

    paths = expand_paths(files, ignore=ignore or ())
    if not paths:
        _usage_error(["no files to check (all ignored, or an empty directory)"])
    try:
        analyzer = krquality.get_analyzer()
    except KRQualityError as e:
        _usage_error([str(e)])

    diagnostics: list[Diagnostic] = []
    notes: list[tuple[str, str]] = []
    documents: list[OKRDocument] = []
    for path in paths:
        try:
            document = read_okr_source(path)
        except NotOKRFileError as e:
            notes.append((e.path, "skipped: " + str(e).removeprefix(f"{e.path}: ")))
            continue
        except OKRFileError as e:
            message = str(e).split(": ", 1)[1] if str(e).startswith(e.path) else str(e)
            diagnostics.append(unreadable_diagnostic(e.path, message, line=e.line, column=e.column))
            continue
        if not document.objectives:
            notes.append((document.path, "skipped: no objectives or key results found"))
            continue
        if verbose and document.doubtful_lines:
            lines = ", ".join(map(str, document.doubtful_lines))
            typer.echo(f"{document.path}: not read as key results: lines {lines}", err=True)
        document = for_analysis(document)
        bad = _too_long(document, analyzer.config.max_chars)
        if bad is not None:
            diagnostics.append(unreadable_diagnostic(document.path, bad[0], line=bad[1], column=bad[2]))
            continue
        documents.append(document)

    for document in documents:
        result = krquality.analyze_okrs(document.objectives, suggestions=not no_suggestions)
        diagnostics += collect_diagnostics(document, result, config=analyzer.config)
    if output_format is not LintFormat.TEXT:
        for path, message in notes:
            typer.echo(f"{path}: note: {message}", err=True)
    typer.echo(
        render(output_format, diagnostics, rules=rules(), version=krquality.__version__, notes=notes),
        nl=False,
    )
    threshold = None if fail_on is FailOn.NEVER else Severity(fail_on.value)
    if fails(diagnostics, threshold):
        raise typer.Exit(1)


def _too_long(document: OKRDocument, max_chars: int) -> tuple[str, int, int] | None:
    """The first key result that cannot be analysed, as (message, line, column), else None."""
    from krquality.engine import validate_text
    from krquality.errors import InvalidInputError

    for objective, source in zip(document.objectives, document.sources, strict=True):
        for text, kr in zip(objective.key_results, source.key_results, strict=True):
            try:
                validate_text(text, field="key result", max_chars=max_chars)
            except InvalidInputError as e:
                return str(e), kr.start.line, kr.start.column
    return None


def _usage_error(messages: list[str]) -> NoReturn:
    for message in messages:
        typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)
