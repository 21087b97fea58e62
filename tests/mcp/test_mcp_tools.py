"""The MCP tools' functions, without the SDK: limits and the catalogue."""

from __future__ import annotations

import pytest

from krquality.checks import list_checks as registry
from krquality.errors import InvalidInputError
from krquality.links import check_help_uri
from krquality.mcp import tools


def test_classify_refuses_an_empty_or_oversized_call() -> None:
    with pytest.raises(InvalidInputError, match="at least one"):
        tools.classify([])
    with pytest.raises(InvalidInputError, match="the limit is 200"):
        tools.classify(["Ship it"] * (tools.MAX_KEY_RESULTS + 1))


def test_check_okrs_refuses_an_oversized_document() -> None:
    with pytest.raises(InvalidInputError, match="characters long"):
        tools.check_okrs("x" * (tools.MAX_DOCUMENT_CHARS + 1))


def test_list_checks_is_the_whole_catalogue_with_links() -> None:
    checks = tools.list_checks().checks
    assert [c.code for c in checks][: len(registry())] == [c.code for c in registry()]
    assert checks[-1].code == "KRQ903" and checks[-1].scope == "file"
    assert all(c.help_uri == check_help_uri(c.code, c.name) for c in checks)
