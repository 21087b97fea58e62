"""The "this is a milestone" code actions of ``krquality lsp``, with the real model and a real store."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from krquality.feedback import open_store

from .helpers import file_uri, initialize_like_editor, open_document, wait_for_diagnostics

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.slow]

_SCRIPT = Path(sys.executable).with_name("krquality")
COMMAND = [str(_SCRIPT), "lsp"] if _SCRIPT.is_file() else [sys.executable, "-m", "krquality.lsp"]
_FOLDER = Path(tempfile.mkdtemp(prefix="krq-lsp-feedback-"))
DB = _FOLDER / "feedback.sqlite3"
ENV = {**os.environ, "KRQ_FEEDBACK_DB": str(DB), "KRQ_FEEDBACK_USER": "editor-test"}

MARKDOWN = "# Tidy the warehouse\n\n- Relabel every shelf in aisle nine\n"


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=COMMAND, server_env=ENV))
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    await initialize_like_editor(lsp_client, _FOLDER, editor="neovim", folder="feedback")
    yield
    await lsp_client.shutdown_session()


async def _hover_label(client: LanguageClient, uri: str) -> str:
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(2, 5))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    return hover.contents.value.splitlines()[0].split("**")[1]


async def test_a_label_action_records_the_correction_and_the_label_changes(client: LanguageClient) -> None:
    uri = file_uri(_FOLDER / "okrs.md")
    open_document(client, uri, MARKDOWN, "markdown")
    await wait_for_diagnostics(client, uri)
    before = await _hover_label(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(2, 0), end=types.Position(2, 0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert actions is not None
    wanted = "metric" if before != "metric" else "task"
    action = next(
        a for a in actions if isinstance(a, types.CodeAction) and a.title == f"krquality: this is a {wanted}"
    )
    assert action.command is not None
    answer = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=action.command.command, arguments=action.command.arguments)
    )
    assert answer == wanted
    store = open_store(str(DB), create=False)
    try:
        (stored,) = store.all()
    finally:
        store.close()
    assert (stored.text, stored.label.value, stored.model_label) == (
        "Relabel every shelf in aisle nine",
        wanted,
        before,
    )
    assert (stored.source.value, stored.user) == ("editor", "editor-test")
    for _ in range(100):  # the server analyses the document again in the background
        if await _hover_label(client, uri) == wanted:
            break
        await asyncio.sleep(0.05)
    assert await _hover_label(client, uri) == wanted
