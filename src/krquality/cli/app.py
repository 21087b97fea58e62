"""The typer application; each command lives in its own module.

Exit codes: 0 ok, 1 some rows failed or error findings exist, 2 usage error.
"""

from __future__ import annotations

from typing import Annotated

import typer

from krquality import __version__

app = typer.Typer(
    name="krquality",
    help="Tell whether key results are metrics, milestones or tasks, and how to write them better.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"krquality {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """krquality: label, check and rewrite OKR key results."""


def _register() -> None:
    # Each module adds its command(s) to ``app`` when imported; one import
    # per line keeps concurrent additions of commands from colliding.
    import krquality.cli.classify
    import krquality.cli.evaluate
    import krquality.cli.feedback
    import krquality.cli.lint
    import krquality.cli.lsp
    import krquality.cli.report
    import krquality.cli.serve
    import krquality.cli.train  # noqa: F401


_register()


def main() -> None:
    """Entry point of the ``krquality`` script."""
    app()
