"""The typer application; each command lives in its own module.

Exit codes: 0 ok, 1 some rows failed or error findings exist, 2 usage error.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from krquality import __version__
from krquality.errors import KRQualityError


class KRQualityGroup(TyperGroup):
    """Maps the library's errors once for every command: one line on stderr, exit code 2.

    A command handles the errors it can say more about itself; whatever
    reaches here (a model that cannot be loaded, a bad configuration, a
    missing spaCy model) is a usage error, never a traceback.
    """

    def invoke(self, ctx: Any) -> Any:  # typer vendors click; its Context type is private
        try:
            return super().invoke(ctx)
        except KRQualityError as e:
            typer.echo(f"error: {' '.join(str(e).split())}", err=True)
            raise typer.Exit(2) from e


app = typer.Typer(
    name="krquality",
    help="Tell whether key results are metrics, milestones or tasks, and how to write them better.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=KRQualityGroup,
    rich_markup_mode=None,  # plain click help: no type placeholders after flags, errors in one line
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
    import krquality.cli.calibrate
    import krquality.cli.classify
    import krquality.cli.evaluate
    import krquality.cli.feedback
    import krquality.cli.lint
    import krquality.cli.lsp
    import krquality.cli.mcp
    import krquality.cli.outline
    import krquality.cli.report
    import krquality.cli.serve
    import krquality.cli.train  # noqa: F401


_register()


def main() -> None:
    """Entry point of the ``krquality`` script."""
    app()
