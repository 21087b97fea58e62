"""convert.py is pure: results in, LSP types out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from krquality.config import Config
from krquality.lsp import convert
from krquality.lsp.analysis import DocumentKind, analyze_document

from .helpers import apply_edit, text_at
from .stub import StubBackend

MARKDOWN = "# Delight customers\n- Launch the portal\n- We try to raise NPS to 48\n"


def analysed(text: str = MARKDOWN, config: Config | None = None):  # type: ignore[no-untyped-def]
    return analyze_document(
        text, kind=DocumentKind.MARKDOWN, path="okrs.md", config=config or Config(), backend=StubBackend()
    )


@pytest.mark.parametrize(
    ("encoding", "character"),
    [("utf-16", 4), ("utf-8", 7), ("utf-32", 3)],
)
def test_positions_count_in_the_negotiated_encoding(encoding: str, character: int) -> None:
    index = convert.LineIndex("x\n😀é!y", encoding=encoding)
    position = index.position(5)
    assert (position.line, position.character) == (1, character)
    assert index.offset(position) == 5


@given(st.text(alphabet=st.sampled_from("ab\n\r😀é"), max_size=40), st.data())
def test_offset_position_round_trip(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    index = convert.LineIndex(text)
    back = index.offset(index.position(offset))
    # An offset inside a line ending maps to the end of the line's text.
    assert back <= offset and text[back:offset].strip("\r") == ""


def test_diagnostics_carry_code_severity_and_exact_range() -> None:
    diagnostics = convert.to_diagnostics(analysed(), convert.LineIndex(MARKDOWN))
    found = [(d.code, d.severity, text_at(MARKDOWN, d.range)) for d in diagnostics]
    assert found == [
        ("KRQ201", types.DiagnosticSeverity.Warning, "Launch"),
        ("KRQ402", types.DiagnosticSeverity.Warning, "try to"),
        ("KRQ101", types.DiagnosticSeverity.Warning, "48"),
    ]
    assert all(d.source == "krquality" for d in diagnostics)


def test_configured_severity_shows_in_the_diagnostic() -> None:
    analysis = analysed(config=Config(severity={"KRQ101": "error"}, disable=("KRQ402",)))
    diagnostics = convert.to_diagnostics(analysis, convert.LineIndex(MARKDOWN))
    assert [(d.code, d.severity) for d in diagnostics] == [
        ("KRQ201", types.DiagnosticSeverity.Warning),
        ("KRQ101", types.DiagnosticSeverity.Error),
    ]


def test_hover_markdown_names_label_probabilities_score_and_findings() -> None:
    view = analysed().key_results[1]
    assert view.result is not None
    text = convert.hover_markdown(view.result)
    assert text.splitlines()[0] == "**metric** (80%) · score **76**/100 (B)"
    assert "metric 80% · milestone 10% · task 10%" in text
    assert "- `KRQ101` The target has no starting value." in text


def actions_on_line(line: int, text: str = MARKDOWN) -> list[types.CodeAction]:
    range_ = types.Range(start=types.Position(line, 3), end=types.Position(line, 3))
    return convert.code_actions(
        analysed(text), convert.LineIndex(text), range_, uri="file:///okrs.md", version=7
    )


def test_fix_action_removes_the_hedge() -> None:
    fix = next(a for a in actions_on_line(2) if a.title.startswith("Remove"))
    assert fix.title == "Remove 'try to ' (KRQ402)"
    assert fix.edit is not None and fix.diagnostics is not None
    assert [d.code for d in fix.diagnostics] == ["KRQ402"]
    assert apply_edit(MARKDOWN, fix.edit).splitlines()[2] == "- We raise NPS to 48"
    (change,) = fix.edit.document_changes or []
    assert isinstance(change, types.TextDocumentEdit) and change.text_document.version == 7


def test_rewrite_action_replaces_the_whole_key_result() -> None:
    text = "# Grow\n- Help sales with demos\n- Raise NPS from 4 to 5\n"
    rewrite = next(a for a in actions_on_line(1, text) if a.title.startswith("Rewrite as:"))
    assert (
        rewrite.title
        == "Rewrite as: Increase sales with demos from [baseline] to [target] (fill in [baseline], [target])"
    )
    assert rewrite.kind == types.CodeActionKind.QuickFix
    assert rewrite.edit is not None
    assert (
        apply_edit(text, rewrite.edit).splitlines()[1]
        == "- Increase sales with demos from [baseline] to [target]"
    )


def test_label_actions_offer_every_other_label_as_a_command() -> None:
    labels = [a for a in actions_on_line(2) if a.command and a.command.command == convert.LABEL_COMMAND]
    titles = [a.title for a in labels]
    assert titles == [
        "krquality: this is a milestone",
        "krquality: this is a task",
        "krquality: this is not a key result",
    ]
    assert all(a.kind == convert.LABEL_ACTION_KIND for a in labels)
    first = labels[0].command
    assert first is not None and first.arguments is not None
    text, label, model_label, probabilities, version, uri = first.arguments
    assert text == "We try to raise NPS to 48"
    assert (label, model_label, uri) == ("milestone", "metric", "file:///okrs.md")
    assert set(probabilities) == {"metric", "milestone", "task"} and version.startswith("krq-")


def test_disable_action_is_a_command_per_check_code() -> None:
    disables = [a for a in actions_on_line(2) if a.command is not None and a.title.startswith("Disable")]
    assert [(a.title, a.command.arguments) for a in disables if a.command] == [
        ("Disable KRQ402 in krquality.toml", ["KRQ402", "file:///okrs.md"]),
        ("Disable KRQ101 in krquality.toml", ["KRQ101", "file:///okrs.md"]),
    ]
    assert all(a.command and a.command.command == convert.DISABLE_COMMAND for a in disables)


def test_only_filters_by_kind() -> None:
    range_ = types.Range(start=types.Position(2, 0), end=types.Position(2, 0))
    actions = convert.code_actions(
        analysed(), convert.LineIndex(MARKDOWN), range_, uri="u", version=1, only=["refactor"]
    )
    assert actions == []


def test_file_error_note_is_on_the_last_line_with_text() -> None:
    text = "objectives:\n  - objective: [unclosed\n"
    analysis = analyze_document(
        text, kind=DocumentKind.YAML, path="o.yaml", config=Config(), backend=StubBackend()
    )
    (diagnostic,) = convert.to_diagnostics(analysis, convert.LineIndex(text))
    assert diagnostic.code == "okr-file" and diagnostic.range.start.line == 1
    assert diagnostic.message.startswith("invalid YAML")


@pytest.mark.parametrize("code", ["KRQ101", "KRQ501"])
def test_is_check_code(code: str) -> None:
    assert convert.is_check_code(code)


@pytest.mark.parametrize("code", ["okr-file", "input", "KRQ999"])
def test_is_not_check_code(code: str) -> None:
    assert not convert.is_check_code(code)


@pytest.mark.slow
def test_a_split_rewrite_writes_each_part_as_an_item_of_its_own() -> None:
    from krquality.lsp.analysis import InProcessBackend

    text = "# Grow the club\n  - Sign 6 new sponsors and 2 new venues by October\n"
    analysis = analyze_document(
        text, kind=DocumentKind.MARKDOWN, path="okrs.md", config=Config(), backend=InProcessBackend()
    )
    range_ = types.Range(start=types.Position(1, 5), end=types.Position(1, 5))
    index = convert.LineIndex(text)
    actions = convert.code_actions(analysis, index, range_, uri="file:///okrs.md", version=3)
    split = next(a for a in actions if a.title.startswith("Split into:"))
    assert split.title == "Split into: Sign 6 new sponsors by October / Sign 2 new venues by October"
    assert split.edit is not None and split.diagnostics is not None
    assert [d.code for d in split.diagnostics] == ["KRQ403"]
    assert apply_edit(text, split.edit) == (
        "# Grow the club\n  - Sign 6 new sponsors by October\n  - Sign 2 new venues by October\n"
    )
