"""``krquality lsp`` with the real model: a pytest-lsp client against the installed command.

What the model says may change with training, so these tests check what the
server guarantees (codes, ranges on the right text, hover content, edits that
touch only their key result, settings taking effect) on key results whose
findings the labelling guide makes clear. One server session for the module.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from .helpers import (
    apply_edit,
    file_uri,
    initialize_like_editor,
    open_document,
    text_at,
    wait_for_diagnostics,
)


def _model_available() -> bool:
    try:
        from krquality.model.io import default_model_path

        return default_model_path().is_file()
    except Exception:
        return False


pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.skipif(
        not _model_available(), reason="no trained model (models/krquality-kr.joblib or $KRQ_MODEL)"
    ),
]

_SCRIPT = Path(sys.executable).with_name("krquality")
COMMAND = [str(_SCRIPT), "lsp"] if _SCRIPT.is_file() else [sys.executable, "-m", "krquality.lsp"]

MARKDOWN = """# Delight new customers

- Increase NPS to 48 by Q3
- Launch the partner portal
- Hold weekly pipeline reviews
"""

YAML = """objectives:
  - objective: Delight new customers
    key_results:
      - Increase NPS to 48 by Q3
      - text: "Launch the partner portal by June 30"
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("real")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=COMMAND))
async def client(lsp_client: LanguageClient, workspace: Path):  # type: ignore[no-untyped-def]
    await initialize_like_editor(lsp_client, workspace, editor="neovim", folder="real")
    yield
    await lsp_client.shutdown_session()


KR_LINES = {2: "Increase NPS to 48 by Q3", 3: "Launch the partner portal", 4: "Hold weekly pipeline reviews"}


async def test_markdown_diagnostics_sit_on_their_key_result(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "okrs.md")
    open_document(client, uri, MARKDOWN, "markdown")
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) > 0, timeout=120)
    for d in diagnostics:
        assert re.fullmatch(r"KRQ\d{3}", str(d.code)), d
        assert d.range.start.line == d.range.end.line
        if d.range.start.line in KR_LINES:
            assert text_at(MARKDOWN, d.range) in KR_LINES[d.range.start.line]
        else:
            assert d.range.start.line == 0  # objective and set findings: the objective's line
    baseline = [d for d in diagnostics if d.code == "KRQ101"]
    assert [d.range.start.line for d in baseline] == [2]  # a target with no baseline
    assert any(d.range.start.line == 4 and str(d.code).startswith("KRQ3") for d in diagnostics)  # a task


async def test_yaml_diagnostics_sit_on_their_key_result(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "okrs.yaml")
    open_document(client, uri, YAML, "yaml")
    diagnostics = await wait_for_diagnostics(client, uri, lambda d: len(d) > 0, timeout=120)
    kr101 = next(d for d in diagnostics if d.code == "KRQ101")
    assert kr101.range.start.line == 3 and text_at(YAML, kr101.range) in "Increase NPS to 48 by Q3"


async def test_hover_shows_label_probabilities_and_score(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "okrs.md")
    await wait_for_diagnostics(client, uri, lambda d: len(d) > 0, timeout=120)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(2, 5))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    first, _, probabilities, *rest = hover.contents.value.splitlines()
    assert re.fullmatch(
        r"\*\*metric\*\* \(\d+%\) · score \*\*\d+\*\*/100 \([A-F]\)( · \*low confidence\*)?", first
    )
    assert re.fullmatch(r"(metric|milestone|task) \d+%( · (metric|milestone|task) \d+%){2}", probabilities)
    assert any(line.startswith("- quantities: `48`") for line in rest)


async def test_code_action_edit_changes_only_its_key_result(client: LanguageClient, workspace: Path) -> None:
    uri = file_uri(workspace / "okrs.md")
    await wait_for_diagnostics(client, uri, lambda d: len(d) > 0, timeout=120)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(4, 0), end=types.Position(4, 0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    edits = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.edit is not None]
    disables = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.command is not None]
    assert disables, actions
    for action in edits:
        assert action.edit is not None
        edited = apply_edit(MARKDOWN, action.edit).splitlines()
        original = MARKDOWN.splitlines()
        changed = [i for i, (a, b) in enumerate(zip(original, edited, strict=True)) if a != b]
        assert changed == [4], action.title


async def test_disabling_a_code_in_settings_removes_its_diagnostics(
    client: LanguageClient, workspace: Path
) -> None:
    uri = file_uri(workspace / "okrs.md")
    await wait_for_diagnostics(client, uri, lambda d: any(x.code == "KRQ101" for x in d), timeout=120)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"krquality": {"disable": ["KRQ101"]}})
    )
    diagnostics = await wait_for_diagnostics(
        client, uri, lambda d: all(x.code != "KRQ101" for x in d), timeout=120
    )
    assert diagnostics
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"krquality": {}}))
    await wait_for_diagnostics(client, uri, lambda d: any(x.code == "KRQ101" for x in d), timeout=120)
