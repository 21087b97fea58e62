"""``krquality mcp`` without the SDK says which extra to install, instead of a traceback."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from krquality.cli.app import app


def test_a_missing_sdk_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # As if the SDK were not installed: every mcp module, loaded or not, fails to import.
    for name in [n for n in sys.modules if n.startswith("mcp.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "mcp", None)
    monkeypatch.delitem(sys.modules, "krquality.mcp.server", raising=False)
    result = CliRunner().invoke(app, ["mcp"])
    assert result.exit_code == 2
    assert "pip install 'krquality[mcp]'" in result.output
