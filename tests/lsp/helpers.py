"""Helpers shared by the language-server tests: URIs, waiting for diagnostics, applying edits."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Union

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

STUB_SERVER = Path(__file__).with_name("stub.py")


def file_uri(path: Path) -> str:
    return path.resolve().as_uri()


def open_document(client: LanguageClient, uri: str, text: str, language_id: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)
        )
    )


def replace_all(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def wait_for_diagnostics(
    client: LanguageClient,
    uri: str,
    accept: Callable[[Sequence[types.Diagnostic]], bool] = lambda d: True,
    *,
    timeout: float = 30.0,
) -> Sequence[types.Diagnostic]:
    """Poll until diagnostics for ``uri`` arrive and ``accept`` them."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        found = client.diagnostics.get(uri)
        if found is not None and accept(found):
            return found
        await asyncio.sleep(0.02)
    raise AssertionError(
        f"no accepted diagnostics for {uri} within {timeout}s: {client.diagnostics.get(uri)}"
    )


def offset_of(text: str, position: types.Position) -> int:
    """Offset of an LSP position (UTF-16 columns; the test texts are in the BMP)."""
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: position.line]) + position.character


def apply_edit(text: str, edit: types.WorkspaceEdit) -> str:
    """Apply the text edits of a workspace edit (one document), last first."""
    edits: list[types.TextEdit] = []
    for change in edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit)
        edits.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset_of(text, e.range.start)] + e.new_text + text[offset_of(text, e.range.end) :]
    return text


def text_at(text: str, range_: types.Range) -> str:
    return text[offset_of(text, range_.start) : offset_of(text, range_.end)]


def decode_code_actions_like_editors(client: LanguageClient) -> None:
    """Decode ``Command | CodeAction`` results by the type of ``command``, as editors do.

    lsprotocol's client-side converter reads any object with a ``command`` key
    as a ``Command``, so a ``CodeAction`` that carries a command (our "disable
    this check") would arrive mangled; VS Code and Neovim parse the JSON fine.
    """
    converter = client.protocol._converter

    def structure(obj: dict[str, Any], _: object) -> types.Command | types.CodeAction:
        kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        return converter.structure(obj, kind)  # type: ignore[no-any-return]

    converter.register_structure_hook(Union[types.Command, types.CodeAction], structure)  # noqa: UP007


async def initialize_like_editor(
    client: LanguageClient, workspace: Path, *, editor: str, folder: str
) -> None:
    """Start a session with ``editor``'s capabilities and ``workspace`` as its one folder, named ``folder``.

    The test client does not implement dynamic registration; editors do, and
    the server asks, so the request is accepted and ignored here.
    """

    def register_capability(params: types.RegistrationParams) -> None:
        pass

    client.feature(types.CLIENT_REGISTER_CAPABILITY)(register_capability)
    decode_code_actions_like_editors(client)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(editor),
            root_uri=file_uri(workspace),
            workspace_folders=[types.WorkspaceFolder(uri=file_uri(workspace), name=folder)],
        )
    )
