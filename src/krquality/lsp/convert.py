"""Pure conversions from krquality results to LSP types: no I/O, no server state.

* :class:`LineIndex` turns document offsets (Python characters) into LSP
  positions in the negotiated encoding (UTF-16 unless the client chose
  another), and back;
* :func:`to_diagnostic` turns a placed :class:`~krquality.Finding` into a
  ``Diagnostic``; :func:`hover_markdown` describes one analysed key result;
* :func:`code_actions` offers, for a range, each finding's fix and each
  rewrite suggestion as a versioned ``WorkspaceEdit``, and "disable this
  check" as a command the server carries out.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from enum import Enum

from lsprotocol import types

from krquality.checks import UnknownCheckError, get_check
from krquality.links import check_help_uri
from krquality.lintformat import Diagnostic as LintDiagnostic
from krquality.lsp.analysis import DocumentAnalysis, KeyResultView, Located
from krquality.result import Finding, Result, Severity, Suggestion
from krquality.suggest.layout import continued_lines

SOURCE = "krquality"
DISABLE_COMMAND = "krquality.disableCheck"
LABEL_COMMAND = "krquality.correctLabel"
# A kind of its own under quickfix, so a client asking for quick fixes gets these too.
LABEL_ACTION_KIND = "quickfix.krquality.label"

SEVERITIES: dict[Severity, types.DiagnosticSeverity] = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def enum_value(value: Enum | str) -> str:
    """The string an lsprotocol enum member stands for (``CodeActionKind.QuickFix`` -> ``quickfix``).

    >>> enum_value(types.CodeActionKind.QuickFix), enum_value("utf-8")
    ('quickfix', 'utf-8')
    """
    return str(value.value) if isinstance(value, Enum) else value


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


class LineIndex:
    """Offsets of the starts of lines of a text, to convert offsets to LSP positions.

    Lines end at ``\\n`` (a ``\\r`` before it belongs to the line ending).

    >>> index = LineIndex("ab\\n😀x\\n")
    >>> position = index.position(4)
    >>> position.line, position.character
    (1, 2)
    >>> index.offset(types.Position(line=1, character=2))
    4
    """

    def __init__(self, text: str, *, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        starts = [0]
        index = text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        self.starts = starts

    def _line_text(self, line: int) -> str:
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].removesuffix("\r")

    def position(self, offset: int) -> types.Position:
        """The LSP position of ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        column = min(offset - self.starts[line], len(self._line_text(line)))
        prefix = self.text[self.starts[line] : self.starts[line] + column]
        return types.Position(line=line, character=_units(prefix, self.encoding))

    def offset(self, position: types.Position) -> int:
        """The offset of an LSP position (a column past the line's end means its end)."""
        if position.line >= len(self.starts):
            return len(self.text)
        line_text = self._line_text(position.line)
        if self.encoding == types.PositionEncodingKind.Utf32:
            column = min(position.character, len(line_text))
        else:
            units = column = 0
            while column < len(line_text):
                units += _units(line_text[column], self.encoding)
                if units > position.character:
                    break
                column += 1
        return self.starts[position.line] + column

    def offset_of(self, line: int, column: int) -> int:
        """The offset of a 1-based line and character column (as :mod:`krquality.okrfile` counts)."""
        line = max(1, min(line, len(self.starts)))
        return min(self.starts[line - 1] + max(column, 1) - 1, len(self.text))

    def range(self, start: int, end: int) -> types.Range:
        """The LSP range of ``text[start:end]``."""
        return types.Range(start=self.position(start), end=self.position(max(start, end)))


def _widened(index: LineIndex, start: int, end: int) -> tuple[int, int]:
    # A zero-width span (a finding on a whole objective or set) is shown on the rest of its line.
    if end > start:
        return start, end
    line_end = index.text.find("\n", start)
    line_end = len(index.text) if line_end == -1 else line_end
    if line_end > start and index.text[line_end - 1] == "\r":
        line_end -= 1
    return start, max(start, line_end)


def note_to_diagnostic(located: Located, index: LineIndex) -> types.Diagnostic:
    """A finding about the document itself (unreadable, key result skipped) as a diagnostic.

    >>> from krquality.result import Finding
    >>> note = Located(Finding("okr-file", "file.unreadable", Severity.ERROR, "invalid YAML", 0, 3), 0, 3)
    >>> d = note_to_diagnostic(note, LineIndex("a: [\\n"))
    >>> d.code, d.severity.name, d.range.end.character
    ('okr-file', 'Error', 3)
    """
    finding = located.finding
    start, end = _widened(index, located.start, located.end)
    return _diagnostic(index.range(start, end), finding.message, finding.severity, finding.code, finding.name)


def to_diagnostic(diagnostic: LintDiagnostic, index: LineIndex) -> types.Diagnostic:
    """A located finding (as ``krquality lint`` reports it) as an LSP diagnostic.

    >>> from krquality.lintformat import Region
    >>> region = Region(2, 7, 2, 14, 7, 14)
    >>> lint = LintDiagnostic("f.md", region, "KRQ101", "metric.no_baseline", Severity.WARNING,
    ...                       "no baseline", "O", "Raise NPS to 48", "fp")
    >>> d = to_diagnostic(lint, LineIndex("# O\\n- KR: Raise NPS to 48\\n"))
    >>> d.code, d.severity.name, d.range.start.line, d.range.start.character, d.range.end.character
    ('KRQ101', 'Warning', 1, 6, 13)
    >>> d.code_description.href.endswith("checks.md#krq101-metricno_baseline")
    True
    """
    region = diagnostic.region
    start, end = _widened(
        index,
        index.offset_of(region.start_line, region.start_column),
        index.offset_of(region.end_line, region.end_column),
    )
    return _diagnostic(
        index.range(start, end),
        diagnostic.message,
        diagnostic.severity,
        diagnostic.code,
        diagnostic.name,
        data={"name": diagnostic.name, "fingerprint": diagnostic.fingerprint},
    )


def _diagnostic(
    range_: types.Range,
    message: str,
    severity: Severity,
    code: str,
    name: str,
    *,
    data: dict[str, str] | None = None,
) -> types.Diagnostic:
    """A krquality diagnostic: its severity mapped, a link to the check's help, our source name."""
    return types.Diagnostic(
        range=range_,
        message=message,
        severity=SEVERITIES[severity],
        code=code,
        code_description=types.CodeDescription(href=check_help_uri(code, name)),
        source=SOURCE,
        data=data,
    )


def to_diagnostics(analysis: DocumentAnalysis, index: LineIndex) -> list[types.Diagnostic]:
    """Every finding of a document analysis as diagnostics, in document order."""
    out = [note_to_diagnostic(n, index) for n in analysis.notes]
    out += [to_diagnostic(d, index) for d in analysis.diagnostics]
    out.sort(key=lambda d: (d.range.start.line, d.range.start.character, str(d.code)))
    return out


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _features_lines(result: Result) -> list[str]:
    features = result.features
    lines: list[str] = []
    if features.lead_verb is not None:
        verb = features.lead_verb
        lines.append(f"lead verb: `{verb.span.text}` ({verb.verb_class.value})")
    lines.append(f"form: {features.form.value.replace('_', ' ')}")
    if features.quantities:
        lines.append(
            "quantities: " + ", ".join(f"`{q.span.text}` ({q.kind.value})" for q in features.quantities)
        )
    if features.changes:
        lines.append(
            "change: " + ", ".join(f"`{c.span.text}` ({c.direction.value})" for c in features.changes)
        )
    if features.dates:
        lines.append(
            "dates: "
            + ", ".join(f"`{d.span.text}`" + (" (deadline)" if d.is_deadline else "") for d in features.dates)
        )
    if features.markers:
        lines.append("markers: " + ", ".join(f"`{m.span.text}` ({m.kind})" for m in features.markers))
    return lines


def hover_markdown(result: Result) -> str:
    """A Markdown description of an analysed key result: label, probabilities, score, features.

    >>> from krquality.features.types import Features, Form, SpanRef
    >>> from krquality.labels import Label
    >>> from krquality.result import StructuredKR
    >>> text = "Launch the partner portal"
    >>> features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None, n_words=4)
    >>> result = Result(text, Label.MILESTONE, {"metric": 0.1, "milestone": 0.8, "task": 0.1},
    ...                 True, (), StructuredKR(), features, score=88, grade="B")
    >>> print(hover_markdown(result).splitlines()[0])
    **milestone** (80%) · score **88**/100 (B)
    """
    probabilities = sorted(result.probabilities.items(), key=lambda kv: -kv[1])
    top = result.probabilities.get(result.label.value, 0.0)
    lines = [f"**{result.label.value}** ({_percent(top)}) · score **{result.score}**/100 ({result.grade})"]
    if not result.confident:
        lines[0] += " · *low confidence*"
    lines.append("")
    lines.append(" · ".join(f"{label} {_percent(p)}" for label, p in probabilities))
    lines.append("")
    lines.extend(f"- {line}" for line in _features_lines(result))
    structured = result.structured
    facts = [
        f"{name} {value}"
        for name, value in (
            ("metric:", structured.metric),
            ("baseline:", structured.baseline),
            ("target:", structured.target),
            ("unit:", structured.unit),
            ("deadline:", structured.deadline),
            ("deliverable:", structured.deliverable),
        )
        if value is not None
    ]
    if facts:
        lines.append("- " + "; ".join(facts))
    if result.findings:
        lines.append("")
        lines.append("**Findings**")
        lines.extend(f"- `{f.code}` {f.message}" for f in result.findings)
    if result.suggestions:
        lines.append("")
        lines.append("**Suggestions**")
        lines.extend(f"- {s.text} ({s.label.value}, score {s.score})" for s in result.suggestions)
    if result.model_version:
        lines.append("")
        lines.append(f"*model {result.model_version}*")
    return "\n".join(lines)


def to_hover(view: KeyResultView, index: LineIndex) -> types.Hover | None:
    """The hover for a key result, or None when it was not analysed."""
    if view.result is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover_markdown(view.result)),
        range=index.range(view.start, view.end),
    )


def _edit(uri: str, version: int | None, range_: types.Range, new_text: str) -> types.WorkspaceEdit:
    # Versioned: the client refuses the edit if the document changed since the analysis.
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=[types.TextEdit(range=range_, new_text=new_text)],
            )
        ]
    )


def fix_action(
    finding: Finding,
    view: KeyResultView,
    index: LineIndex,
    *,
    uri: str,
    version: int | None,
    diagnostics: Sequence[types.Diagnostic] = (),
) -> types.CodeAction | None:
    """A finding's own fix as an edit, when it has one and the key result is verbatim in the file."""
    fix = finding.fix
    if fix is None or not view.verbatim or not 0 <= fix.start <= fix.end <= len(view.text):
        return None
    replaced = view.text[fix.start : fix.end]
    if fix.replacement and replaced:
        title = f"Replace '{replaced}' with '{fix.replacement}' ({finding.code})"
    elif fix.replacement:
        title = f"Insert '{fix.replacement}' ({finding.code})"
    else:
        title = f"Remove '{replaced}' ({finding.code})"
    range_ = index.range(view.start + fix.start, view.start + fix.end)
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=list(diagnostics) or None,
        edit=_edit(uri, version, range_, fix.replacement),
        is_preferred=True,
    )


def rewrite_action(
    suggestion: Suggestion,
    view: KeyResultView,
    index: LineIndex,
    *,
    uri: str,
    version: int | None,
    diagnostics: Sequence[types.Diagnostic] = (),
) -> types.CodeAction | None:
    """Replace the whole key result by a rewrite suggestion (verbatim key results only).

    ``diagnostics`` are those the rewrite fixes; without any it is a refactoring.
    """
    if not view.verbatim or suggestion.text == view.text:
        return None
    parts = suggestion.text.split("\n")  # a split: one key result per line
    title = f"Split into: {' / '.join(parts)}" if len(parts) > 1 else f"Rewrite as: {suggestion.text}"
    if suggestion.placeholders:
        title += f" (fill in {', '.join(suggestion.placeholders)})"
    text = continued_lines(suggestion.text, index.text, view.start)
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix if diagnostics else types.CodeActionKind.RefactorRewrite,
        diagnostics=list(diagnostics) or None,
        edit=_edit(uri, version, index.range(view.start, view.end), text),
    )


def is_check_code(code: str) -> bool:
    """Whether ``code`` names a check of the registry (``KRQ101``), which configuration can disable.

    >>> is_check_code("KRQ101"), is_check_code("okr-file")
    (True, False)
    """
    try:
        get_check(code)
    except UnknownCheckError:
        return False
    return True


def disable_action(code: str, *, uri: str, diagnostics: Sequence[types.Diagnostic] = ()) -> types.CodeAction:
    """ "Disable this check": the server adds ``code`` to ``disable`` in the workspace configuration."""
    return types.CodeAction(
        title=f"Disable {code} in krquality.toml",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=list(diagnostics) or None,
        command=types.Command(title=f"Disable {code}", command=DISABLE_COMMAND, arguments=[code, uri]),
    )


def label_actions(view: KeyResultView, *, uri: str) -> list[types.CodeAction]:
    """ "krquality: this is a milestone" (and the other labels, and "not a key result"): the server
    records the correction (:mod:`krquality.feedback`), and the key result is answered so from then on."""
    result = view.result
    if result is None:
        return []
    model_label = max(result.probabilities, key=lambda k: result.probabilities[k])
    actions = []
    for label in ("metric", "milestone", "task", "not_kr"):
        if label == result.label.value:
            continue
        what = "not a key result" if label == "not_kr" else f"a {label}"
        title = f"krquality: this is {what}"
        arguments = [view.text, label, model_label, result.probabilities, result.model_version, uri]
        actions.append(
            types.CodeAction(
                title=title,
                kind=LABEL_ACTION_KIND,
                command=types.Command(title=title, command=LABEL_COMMAND, arguments=arguments),
            )
        )
    return actions


def _overlap(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def code_actions(
    analysis: DocumentAnalysis,
    index: LineIndex,
    range_: types.Range,
    *,
    uri: str,
    version: int | None,
    only: Iterable[str] | None = None,
) -> list[types.CodeAction]:
    """Fixes, rewrites and "disable" actions for the key results and findings on the lines of ``range_``.

    Whole lines count, so a cursor anywhere on a key result's line offers its actions.
    """
    range_ = types.Range(
        start=types.Position(line=range_.start.line, character=0),
        end=types.Position(line=range_.end.line, character=2**31 - 1),
    )
    diagnostics = [d for d in to_diagnostics(analysis, index) if _overlap(d.range, range_)]
    actions: list[types.CodeAction] = []
    for view in analysis.key_results:
        whole = index.range(view.start, view.end)
        if view.result is None or not _overlap(whole, range_):
            continue
        on_view = [d for d in diagnostics if _overlap(d.range, whole)]
        for finding in view.result.findings:
            same = [d for d in on_view if d.code == finding.code]
            action = fix_action(finding, view, index, uri=uri, version=version, diagnostics=same)
            if action is not None:
                actions.append(action)
        actions.extend(label_actions(view, uri=uri))
        for suggestion in view.result.suggestions:
            fixed = [d for d in on_view if d.code in suggestion.fixes]
            action = rewrite_action(suggestion, view, index, uri=uri, version=version, diagnostics=fixed)
            if action is not None:
                actions.append(action)
    codes = dict.fromkeys(str(d.code) for d in diagnostics if is_check_code(str(d.code)))
    for code in codes:
        same = [d for d in diagnostics if d.code == code]
        actions.append(disable_action(code, uri=uri, diagnostics=same))
    if only is not None:
        kinds = list(only)
        actions = [
            a for a in actions if a.kind is not None and any(enum_value(a.kind).startswith(k) for k in kinds)
        ]
    return actions
