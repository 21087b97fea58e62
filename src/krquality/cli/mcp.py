"""``krquality mcp``: the Model Context Protocol server on stdio, for AI assistants."""

from __future__ import annotations

import typer

from krquality.cli.app import app


@app.command()
def mcp() -> None:
    """Serve the classify, check_okrs and list_checks tools over MCP on stdin/stdout.

    Needs the `mcp` extra: pip install 'krquality[mcp]'.
    """
    try:
        from krquality.mcp.server import run_stdio
    except ModuleNotFoundError as e:
        if e.name is None or not e.name.startswith("mcp"):
            raise
        typer.echo("error: `krquality mcp` needs the MCP SDK: pip install 'krquality[mcp]'", err=True)
        raise typer.Exit(2) from e
    run_stdio()
