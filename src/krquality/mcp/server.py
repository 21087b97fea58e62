"""The MCP server: :mod:`krquality.mcp.tools` registered with the MCP SDK, served over stdio.

Run it with ``krquality mcp``. The model loads on the first tool call, so a
client sees the tool list at once; a key result or document that cannot be
analysed, or a model that cannot be loaded, comes back as a tool error (the
call's ``isError`` with the reason), never as a crash of the server.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from krquality import __version__
from krquality.errors import KRQualityError
from krquality.links import PROJECT_URL
from krquality.mcp import tools

SERVER_NAME = "krquality"
INSTRUCTIONS = (
    "krquality labels OKR key results as metric (a number to reach), milestone (done or not done) or task "
    "(ongoing work), finds what is weak about them with stable check codes, and suggests rewrites. Use "
    "classify for single key results, check_okrs for a whole OKR document, list_checks to explain a code."
)

T = TypeVar("T")


def _as_tool_error(call: Callable[[], T]) -> T:
    # The library's errors are the caller's to fix: their message is the tool error.
    try:
        return call()
    except KRQualityError as e:
        raise ToolError(str(e)) from e


def build_server() -> MCPServer:
    """An MCP server with the ``classify``, ``check_okrs`` and ``list_checks`` tools.

    >>> build_server().name
    'krquality'
    """
    server: MCPServer = MCPServer(
        SERVER_NAME, instructions=INSTRUCTIONS, website_url=PROJECT_URL, version=__version__
    )

    @server.tool(title="Classify key results")
    def classify(
        key_results: Annotated[
            list[str],
            Field(min_length=1, max_length=tools.MAX_KEY_RESULTS, description="Key results, one per item."),
        ],
        suggestions: Annotated[bool, Field(description="Also return rewrite suggestions.")] = True,
    ) -> tools.ClassifyOut:
        """Label each key result metric, milestone or task, with its findings, score and rewrites."""
        return _as_tool_error(lambda: tools.classify(key_results, suggestions=suggestions))

    @server.tool(title="Check an OKR document")
    def check_okrs(
        text: Annotated[str, Field(description="The OKR document: objectives with their key results.")],
        format: Annotated[
            Literal["markdown", "yaml"], Field(description="How the document is written.")
        ] = "markdown",
        suggestions: Annotated[bool, Field(description="Also return rewrite suggestions.")] = True,
    ) -> tools.CheckOkrsOut:
        """Check every objective and key result of a Markdown or YAML OKR document, like `krquality lint`.

        Markdown: an objective is a heading (or a top-level bullet), its key results the bullets under
        it. YAML: `objectives:` with `objective:` and `key_results:` per item.
        """
        return _as_tool_error(lambda: tools.check_okrs(text, format=format, suggestions=suggestions))

    @server.tool(title="List the checks")
    def list_checks() -> tools.ChecksOut:
        """Every check krquality runs: code, name, severity, what it looks for and a link to its docs."""
        return _as_tool_error(tools.list_checks)

    return server


def run_stdio() -> None:
    """Serve the tools on standard input and output until the client closes them."""
    build_server().run("stdio")
