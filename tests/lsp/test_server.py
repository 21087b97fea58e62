"""The language server end to end: a real LSP client (pytest-lsp) talking JSON-RPC to the server process.

The server runs with the rule-based stub backend (tests/lsp/stub.py), so the
expected codes and ranges are exact; test_server_real.py runs the real
model. One server session serves the whole module.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from .helpers import (
    STUB_SERVER,
    apply_edit,
    file_uri,
    initialize_like_editor,
    open_document,
    replace_all,
    text_at,
    wait_for_diagnostics,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

MARKDOWN = """# Delight new customers

- Raise trial conversion to 7%
- Launch the onboarding checklist
- Hold weekly pipeline reviews

## Objective: Ship faster
- KR1: Ship the new CI pipeline by June
"""

YAML = """objectives:
  - objective: Delight new customers
    key_results:
      - Raise NPS to 48
      - text: Launch the partner portal
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workspace")


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, str(STUB_SERVER), "0.05"]),
)
async def client(lsp_client: LanguageClient, workspace: Path):  # type: ignore[no-untyped-def]
    await initialize_like_editor(lsp_client, workspace, editor="visual-studio-code", folder="workspace")
    yield
    await lsp_client.shutdown_session()


def codes(diagnostics: object) -> list[str]:
    return [str(d.code) for d in diagnostics]  # type: ignore[attr-defined]


async def test_markdown_diagnostics_have_codes_severities_and_exact_ranges(
    client: LanguageClient, workspace: Path
) -> None:
    uri = file_uri(workspace / "okrs.md")
    open_document(client, uri, MARKDOWN, "markdown")
    diagnostics = await wait_for_diagnostics(client, uri)
    found = {(str(d.code), text_at(MARKDOWN, d.range), d.range.start.line) for d in diagnostics}
    assert found == {
        ("KRQ101", "7%", 2),
        ("KRQ201", "Launch", 3),
        ("KRQ301", "Hold", 4),
        ("KRQ501", "Ship faster", 6),  # objective-level: on the objective's line
    }
    by_code = {str(d.code): d for d in diagnostics}
    assert by_code["KRQ201"].severity == types.DiagnosticSeverity.Warning  # no cycle stated: a warning
    assert by_code["KRQ101"].severity == types.DiagnosticSeverity.Warning
    assert {d.source for d in diagnostics} == {"krquality"}


async def test_yaml_diagnostics_point_into_the_yaml_scalars(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "okrs.yaml")
    open_document(client, uri, YAML, "yaml")
    diagnostics = await wait_for_diagnostics(client, uri)
    found = {(str(d.code), text_at(YAML, d.range), d.range.start.line) for d in diagnostics}
    assert found == {("KRQ101", "48", 3), ("KRQ201", "Launch", 4)}


async def test_yaml_that_is_not_an_okr_file_gets_no_diagnostics(
    client: LanguageClient, workspace: Path
) -> None:
    uri = file_uri(workspace / "compose.yaml")
    open_document(client, uri, "services:\n  web: {image: nginx}\n", "yaml")
    assert list(await wait_for_diagnostics(client, uri)) == []


async def test_hover_shows_label_probabilities_score_and_features(
    client: LanguageClient, workspace: Path
) -> None:
    uri = file_uri(workspace / "hover.md")
    open_document(client, uri, MARKDOWN, "markdown")
    await wait_for_diagnostics(client, uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(2, 10))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert text.startswith("**metric** (80%) · score **88**/100 (B)")
    assert "metric 80% · milestone 10% · task 10%" in text
    assert "form: imperative" in text
    assert "`KRQ101`" in text
    assert hover.range is not None and text_at(MARKDOWN, hover.range) == "Raise trial conversion to 7%"
    nothing = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 0))
    )
    assert nothing is None


async def code_actions(client: LanguageClient, uri: str, line: int) -> list[types.CodeAction]:
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line, 0), end=types.Position(line, 0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert actions is not None
    return [a for a in actions if isinstance(a, types.CodeAction)]


async def test_fix_code_action_edits_the_text(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "fix.md")
    open_document(client, uri, MARKDOWN, "markdown")
    await wait_for_diagnostics(client, uri)
    actions = await code_actions(client, uri, 3)
    fix = next(a for a in actions if a.title.startswith("Insert ' by [date]'"))
    assert fix.kind == types.CodeActionKind.QuickFix
    assert fix.diagnostics is not None and codes(fix.diagnostics) == ["KRQ201"]
    assert fix.edit is not None
    edited = apply_edit(MARKDOWN, fix.edit)
    assert "- Launch the onboarding checklist by [date]\n" in edited
    disables = [a.title for a in actions if a.command is not None and a.title.startswith("Disable")]
    assert disables == ["Disable KRQ201 in krquality.toml"]


async def test_rewrite_suggestion_replaces_the_key_result(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "rewrite.md")
    open_document(client, uri, MARKDOWN, "markdown")
    await wait_for_diagnostics(client, uri)
    actions = await code_actions(client, uri, 4)
    rewrite = next(a for a in actions if a.title.startswith("Rewrite as:"))
    assert rewrite.edit is not None
    edited = apply_edit(MARKDOWN, rewrite.edit)
    assert "- Increase weekly pipeline reviews from [baseline] to [target]\n" in edited
    assert edited.count("\n") == MARKDOWN.count("\n")
    # Applying the edit and sending it: the server re-analyses the new text.
    replace_all(client, uri, edited, 2)
    diagnostics = await wait_for_diagnostics(
        client, uri, lambda d: any(text_at(edited, x.range) == "Increase" for x in d)
    )
    assert "KRQ101" in codes(diagnostics)


async def test_burst_of_edits_costs_one_analysis(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "burst.md")
    path = str((workspace / "burst.md").resolve())
    open_document(client, uri, MARKDOWN, "markdown")
    await wait_for_diagnostics(client, uri)
    before = sum(1 for m in client.log_messages if m.message.startswith(f"analysed {path} "))
    text = MARKDOWN
    for version in range(2, 42):
        text = text.replace("Hold weekly", "Hold  weekly", 1) if version % 2 else text.replace("  ", " ")
        replace_all(client, uri, text + "- Launch v" + str(version) + "\n", version)
        await asyncio.sleep(0.002)
    final = text + "- Launch v41\n"
    diagnostics = await wait_for_diagnostics(
        client, uri, lambda d: any(text_at(final, x.range) == "41" for x in d)
    )
    await asyncio.sleep(0.5)  # anything still queued would be logged by now
    analyses = [m.message for m in client.log_messages if m.message.startswith(f"analysed {path} ")]
    assert len(analyses) - before == 1, analyses
    assert analyses[-1].startswith(f"analysed {path} v41:")
    assert diagnostics


async def test_settings_change_disables_a_check(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "settings.md")
    open_document(client, uri, MARKDOWN, "markdown")
    assert "KRQ101" in codes(await wait_for_diagnostics(client, uri))
    # Pushed with the notification...
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"krquality": {"disable": ["KRQ101"]}})
    )
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: "KRQ101" not in codes(d))
    assert "KRQ201" in codes(diagnostics)
    # ... or pulled with workspace/configuration; a severity override applies.
    client.set_configuration({"severity": {"KRQ301": "error"}}, section="krquality")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: "KRQ101" in codes(d))
    kr301 = next(d for d in diagnostics if d.code == "KRQ301")
    assert kr301.severity == types.DiagnosticSeverity.Error
    client.set_configuration({}, section="krquality")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await wait_for_diagnostics(
        client,
        uri,
        lambda d: any(x.code == "KRQ301" and x.severity == types.DiagnosticSeverity.Warning for x in d),
    )


async def _first_message(client: LanguageClient, needle: str, timeout: float = 60) -> types.ShowMessageParams:
    """The first window message holding ``needle``, waiting up to ``timeout`` seconds for it."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        found = next((m for m in client.messages if needle in m.message), None)
        if found is not None:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"no message about {needle} within {timeout} s")


async def test_bad_setting_is_reported_not_fatal(client: LanguageClient, workspace: Path) -> None:
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"krquality": {"disable": ["KRQ999"], "debounceMs": "soon"}}
        )
    )
    assert "unknown check 'KRQ999'" in (await _first_message(client, "KRQ999")).message
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"krquality": {}}))


async def test_plain_text_files_chosen_in_settings(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "team.txt")
    text = "# Q3\nRaise NPS to 48\n\nLaunch the portal by May\n"
    open_document(client, uri, text, "plaintext")
    assert list(await wait_for_diagnostics(client, uri)) == []
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"krquality": {"plainTextFiles": ["*.okr", "*.txt"]}})
    )
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) > 0)
    assert [(str(d.code), text_at(text, d.range)) for d in diagnostics] == [("KRQ101", "48")]
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"krquality": {}}))


async def test_disable_this_check_writes_krquality_toml(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "disable.md")
    open_document(client, uri, MARKDOWN, "markdown")
    await wait_for_diagnostics(client, uri, lambda d: "KRQ301" in codes(d))
    actions = await code_actions(client, uri, 4)
    disable = next(a for a in actions if a.title == "Disable KRQ301 in krquality.toml")
    assert disable.command is not None
    written = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=disable.command.command, arguments=disable.command.arguments)
    )
    config = workspace / "krquality.toml"
    try:
        assert written == str(config)
        assert config.read_text() == 'disable = ["KRQ301"]\n'
        await wait_for_diagnostics(client, uri, lambda d: "KRQ301" not in codes(d) and "KRQ101" in codes(d))
    finally:
        config.unlink()
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=file_uri(config), type=types.FileChangeType.Deleted)]
            )
        )
    await wait_for_diagnostics(client, uri, lambda d: "KRQ301" in codes(d))


@pytest.mark.parametrize(
    ("name", "text", "language"),
    [
        ("broken.yaml", "objectives:\n  - objective: [unclosed\n", "yaml"),
        ("shapeless.yaml", "objectives: {a: 1}\n", "yaml"),
    ],
)
async def test_malformed_file_gives_one_error_on_its_line(
    client: LanguageClient, workspace: Path, name: str, text: str, language: str
) -> None:
    uri = file_uri(workspace / name)
    open_document(client, uri, text, language)
    (diagnostic,) = await wait_for_diagnostics(client, uri)
    assert diagnostic.code == "okr-file"
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.range.start.line in (0, 1)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "junk.md",
            "# Objective\n- " + "".join(chr(c) for c in range(1, 32) if c != 10) + "\ufffd\x00\u2028x\n",
        ),
        ("huge-line.md", "# Objective\n- " + "Raise NPS to 48 " * 70_000 + "\n- Launch it by May\n"),
        ("megabyte.md", "# Objective\n" + "- Raise NPS to 48, again and again\n" * 30_000),
        ("emoji.md", "# 😀 Objective\n- 😀😀 Raise NPS to 48\n- Launch 😀 by May\n"),
    ],
)
async def test_hostile_input_never_crashes_the_server(
    client: LanguageClient, workspace: Path, name: str, text: str
) -> None:
    uri = file_uri(workspace / name)
    open_document(client, uri, text, "markdown")
    diagnostics = await wait_for_diagnostics(client, uri, timeout=60)
    for d in diagnostics:
        assert d.range.start.line <= d.range.end.line
    if name == "huge-line.md":
        assert any(d.code == "input" and d.range.start.line == 1 for d in diagnostics)
    if name == "megabyte.md":
        assert any(d.code == "input" and "maxKeyResults" in d.message for d in diagnostics)
    if name == "emoji.md":
        # UTF-16 columns: each emoji counts two.
        kr101 = next(d for d in diagnostics if d.code == "KRQ101")
        assert (kr101.range.start.line, kr101.range.start.character, kr101.range.end.character) == (1, 20, 22)
    # Still alive and answering.
    await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 0))
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_remote_service_down_shows_a_message_and_falls_back(
    client: LanguageClient, workspace: Path
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    client.set_configuration({"remoteUrl": url, "remoteTimeout": 1}, section="krquality")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    uri = file_uri(workspace / "remote.md")
    open_document(client, uri, MARKDOWN, "markdown")
    diagnostics = await wait_for_diagnostics(client, uri)
    assert "KRQ101" in codes(diagnostics)  # analysed in-process
    # The warning and the in-process diagnostics are sent separately; on a busy machine
    # the diagnostics can come first.
    message = await _first_message(client, url)
    assert message.type == types.MessageType.Warning
    assert "unavailable" in message.message and "in-process" in message.message
    client.set_configuration({}, section="krquality")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))


async def test_close_clears_diagnostics(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "close.md")
    open_document(client, uri, MARKDOWN, "markdown")
    await wait_for_diagnostics(client, uri, lambda d: len(d) > 0)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert list(await wait_for_diagnostics(client, uri, lambda d: len(d) == 0)) == []


MARKED_UP = """# Harbour services

- Ferry team
    - Reliable crossings
        - Ferry KR: Raise on-time departures to **95%**
        - Ferry KR: Launch the [booking app](https://example.org)
"""


async def test_the_server_reads_a_document_as_lint_does(client: LanguageClient, workspace: Path) -> None:
    from krquality.okrfile import document_outline, read_okr_text

    uri = file_uri(workspace / "harbour.md")
    open_document(client, uri, MARKED_UP, "markdown")
    diagnostics = await wait_for_diagnostics(client, uri)
    outline = document_outline(read_okr_text(MARKED_UP, path="harbour.md"))
    kr_lines = {kr["line"] - 1 for o in outline["objectives"] for kr in o["key_results"]}
    assert kr_lines == {4, 5}
    per_kr = [d for d in diagnostics if str(d.code) in ("KRQ101", "KRQ201")]
    assert {d.range.start.line for d in per_kr} == kr_lines
    found = {(str(d.code), text_at(MARKED_UP, d.range)) for d in per_kr}
    # Spans inside the analysed text land on the file's own characters, past labels and markup.
    assert ("KRQ201", "Launch") in found
    assert any(code == "KRQ101" and text and text in "95%" for code, text in found)
