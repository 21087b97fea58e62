"""``krquality mcp`` driven by the MCP SDK's own client over stdio, as a real subprocess."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp")

from mcp.client.stdio import StdioServerParameters

from mcp import Client

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _server() -> StdioServerParameters:
    script = shutil.which("krquality", path=str(Path(sys.executable).parent))
    assert script is not None, "the krquality script is not installed beside this Python"
    return StdioServerParameters(command=script, args=["mcp"])


async def _call(client: Client, name: str, arguments: dict[str, Any]) -> Any:
    result = await client.call_tool(name, arguments, read_timeout_seconds=120)
    return result


async def test_tools_over_stdio() -> None:
    async with Client(_server(), read_timeout_seconds=120) as client:
        listed = await client.list_tools()
        tools = {t.name: t for t in listed.tools}
        assert set(tools) == {"classify", "check_okrs", "list_checks"}
        # Typed inputs and outputs: the schemas name the fields.
        assert tools["classify"].input_schema["required"] == ["key_results"]
        assert "results" in tools["classify"].output_schema["properties"]
        assert tools["check_okrs"].input_schema["properties"]["format"]["enum"] == ["markdown", "yaml"]

        texts = ["Cut invoice disputes from 90 a month to 40", "Improve supplier onboarding"]
        classified = await _call(client, "classify", {"key_results": texts})
        assert not classified.is_error
        results = classified.structured_content["results"]
        assert [r["label"] for r in results] == ["metric", "task"]
        assert "KRQ301" in [f["code"] for f in results[1]["findings"]]
        assert results[1]["suggestions"], "a task gets a rewrite toward an outcome"

        markdown = (EXAMPLES / "okrs.md").read_text(encoding="utf-8")
        checked = await _call(client, "check_okrs", {"text": markdown, "suggestions": False})
        assert not checked.is_error
        report = checked.structured_content
        assert report["objectives"] == 2 and report["key_results"] == 8
        assert report["errors"] == sum(d["severity"] == "error" for d in report["diagnostics"])
        # The suppressed check stays silent on the line under its comment.
        suppressed_line = markdown.splitlines().index(
            "- Migrate the call centre to the new telephony platform"
        ) + 1
        on_line = [d["code"] for d in report["diagnostics"] if d["line"] == suppressed_line]
        assert on_line == [], "the comment above it silences KRQ201, the only finding it has"

        yaml_text = (EXAMPLES / "okrs.yaml").read_text(encoding="utf-8")
        checked_yaml = await _call(client, "check_okrs", {"text": yaml_text, "format": "yaml"})
        assert checked_yaml.structured_content["key_results"] == 5

        catalogue = await _call(client, "list_checks", {})
        codes = [c["code"] for c in catalogue.structured_content["checks"]]
        assert "KRQ101" in codes and "KRQ900" in codes
        assert all(c["help_uri"].startswith("https://github.com/krquality/krquality/") for c in
                   catalogue.structured_content["checks"])


async def test_bad_input_is_a_tool_error_and_the_server_goes_on() -> None:
    async with Client(_server(), read_timeout_seconds=120) as client:
        empty = await _call(client, "classify", {"key_results": ["   "]})
        assert empty.is_error
        assert "key_results[0] is empty" in empty.content[0].text

        bad_yaml = await _call(client, "check_okrs", {"text": "objectives: [unclosed", "format": "yaml"})
        assert bad_yaml.is_error
        assert "yaml" in bad_yaml.content[0].text.lower()

        no_objectives = await _call(client, "check_okrs", {"text": "Just a paragraph of notes."})
        assert no_objectives.is_error
        assert "no objectives" in no_objectives.content[0].text

        wrong_type = await _call(client, "classify", {"key_results": "Ship the app"})
        assert wrong_type.is_error

        # After all of that, the same server still answers.
        fine = await _call(client, "classify", {"key_results": ["Launch the partner portal"]})
        assert not fine.is_error
        assert fine.structured_content["results"][0]["label"] == "milestone"
