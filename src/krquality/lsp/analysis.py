"""From an open document to located findings, through the public API.

The document is read with :mod:`krquality.okrfile` (Markdown, YAML) or
:mod:`krquality.lsp.plaintext`; the key results go to a :class:`Backend`
(the in-process :class:`~krquality.Analyzer`, or a krquality service);
:func:`krquality.lintformat.collect_diagnostics` places the findings in the
file, as for ``krquality lint``. Nothing here labels or checks anything.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from krquality.config import Config
from krquality.errors import InvalidInputError, OKRFileError
from krquality.lintformat import Diagnostic as LintDiagnostic
from krquality.lintformat import collect_diagnostics
from krquality.okrfile import (
    KeyResultSource,
    ObjectiveSource,
    OKRDocument,
    OKRFormat,
    Position,
    apply_suppressions,
    read_okr_text,
)
from krquality.okrfile.notes import for_analysis
from krquality.okrfile.types import line_starts, position_at
from krquality.result import Finding, Objective, ObjectiveResult, OKRSetResult, Result, Severity

if TYPE_CHECKING:
    from krquality.engine import Analyzer

# Codes of findings about the document rather than a check (never "disable"-able).
FILE_ERROR_CODE = "okr-file"
INPUT_CODE = "input"

_YAML_OKRS = re.compile(r"^objectives[ \t]*:", re.MULTILINE)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class _IndexedDocument(OKRDocument):
    """An :class:`OKRDocument` that finds line starts once, not once per position.

    ``collect_diagnostics`` asks for a position per finding; computing the line
    starts each time is quadratic in a 1,000-key-result document.
    """

    @cached_property
    def _starts(self) -> list[int]:
        return line_starts(self.text)

    def position_at(self, offset: int) -> Position:
        return position_at(self.text, offset, self._starts)


class DocumentKind(StrEnum):
    """How a document is read."""

    MARKDOWN = "markdown"
    YAML = "yaml"
    PLAIN = "plain"


def document_kind(path: str, language_id: str | None, *, plain_text: bool) -> DocumentKind | None:
    """How to read a document, or None when it is not an OKR document.

    ``plain_text`` is true when the settings' globs match ``path``; it wins.

    >>> document_kind("/okrs/q3.md", None, plain_text=False)
    <DocumentKind.MARKDOWN: 'markdown'>
    >>> document_kind("/a/b.py", "python", plain_text=False) is None
    True
    """
    lowered = path.lower()
    if plain_text:
        return DocumentKind.PLAIN
    if language_id == "markdown" or lowered.endswith(_MARKDOWN_SUFFIXES):
        return DocumentKind.MARKDOWN
    if language_id == "yaml" or lowered.endswith(_YAML_SUFFIXES):
        return DocumentKind.YAML
    if language_id == "okr":
        return DocumentKind.PLAIN
    return None


def looks_like_okr_yaml(text: str) -> bool:
    """Whether a YAML document has a top-level ``objectives`` key (others are not OKR files).

    >>> looks_like_okr_yaml("objectives:\\n  - objective: x\\n"), looks_like_okr_yaml("services: {}\\n")
    (True, False)
    """
    return _YAML_OKRS.search(text) is not None


@dataclass(frozen=True, slots=True)
class Located:
    """A finding about the document itself (unreadable, a key result skipped) at offsets ``[start, end)``."""

    finding: Finding
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class KeyResultView:
    """One key result of the document: where it is, and what the analysis said.

    ``start``/``end`` are document offsets of its text (``end`` is the end of
    its first line when the text is not verbatim in the file, e.g. a folded
    YAML scalar); ``result`` (suppressions applied) is None when it was not
    analysed.
    """

    text: str
    start: int
    end: int
    verbatim: bool
    result: Result | None


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """Everything the server shows for one document version.

    ``diagnostics`` are the findings located by :func:`krquality.lintformat.collect_diagnostics`
    (the same as ``krquality lint`` reports); ``notes`` are about the document itself.
    """

    key_results: tuple[KeyResultView, ...] = ()
    diagnostics: tuple[LintDiagnostic, ...] = ()
    notes: tuple[Located, ...] = ()

    def key_result_at(self, offset: int) -> KeyResultView | None:
        """The key result whose text covers ``offset`` (its end included), if any."""
        for view in self.key_results:
            if view.start <= offset <= view.end:
                return view
        return None


class Backend(Protocol):
    """What analyses key results: the in-process analyzer or a remote service."""

    def preload(self) -> None: ...

    def analyze_okrs(
        self, objectives: Sequence[Objective], *, config: Config, suggestions: bool
    ) -> OKRSetResult: ...

    def analyze_many(self, texts: Sequence[str], *, config: Config, suggestions: bool) -> list[Result]: ...


class InProcessBackend:
    """The analyzer of this process: the model is loaded once, on first use.

    Each distinct configuration gets an :class:`~krquality.Analyzer` that
    shares the loaded spaCy pipeline and model.
    """

    def __init__(self, load: Callable[[], Analyzer] | None = None) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._by_config: dict[str, Analyzer] = {}

    def analyzer(self, config: Config | None = None) -> Analyzer:
        """The analyzer for ``config`` (loading the model the first time)."""
        from krquality import get_analyzer
        from krquality.engine import Analyzer

        with self._lock:
            base = self._load() if self._load is not None else get_analyzer()
            if config is None or config == base.config:
                return base
            key = repr(config)
            if key not in self._by_config:
                if len(self._by_config) > 16:
                    self._by_config.clear()
                self._by_config[key] = Analyzer(base.nlp, base.model, config, corrections=base.corrections)
            return self._by_config[key]

    def preload(self) -> None:
        """Load spaCy and the model now rather than on the first analysis."""
        self.analyzer()

    def analyze_okrs(
        self, objectives: Sequence[Objective], *, config: Config, suggestions: bool
    ) -> OKRSetResult:
        """Analyse objectives with their key results (set checks included)."""
        return self.analyzer(config).analyze_okrs(objectives, suggestions=suggestions)

    def analyze_many(self, texts: Sequence[str], *, config: Config, suggestions: bool) -> list[Result]:
        """Analyse key results on their own, in order."""
        return list(self.analyzer(config).analyze_many(texts, suggestions=suggestions))


def _line_end(text: str, offset: int) -> int:
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end
    return end - 1 if end > offset and text[end - 1] == "\r" else end


def _file_error(error: OKRFileError, text: str) -> Located:
    where = error.path if error.line is None else f"{error.path}:{error.line}"
    if error.line is not None and error.column is not None:
        where += f":{error.column}"
    message = str(error)
    if message.startswith(where + ": "):
        message = message[len(where) + 2 :]
    starts = line_starts(text)
    line = min(max((error.line or 1) - 1, 0), len(starts) - 1)
    while line > 0 and not text[starts[line] : _line_end(text, starts[line])].strip():
        line -= 1  # an error at the end of the file is shown on its last line with text
    start = starts[line]
    finding = Finding(
        FILE_ERROR_CODE, "file.unreadable", Severity.ERROR, message, start, _line_end(text, start)
    )
    return Located(finding, finding.start, finding.end)


def _note(message: str, source: KeyResultSource, text: str, *, severity: Severity) -> Located:
    start = source.start.offset
    end = _line_end(text, start)
    return Located(Finding(INPUT_CODE, "input.skipped", severity, message, start, end), start, end)


def _key_result_view(source: KeyResultSource, result: Result | None, text: str) -> KeyResultView:
    start = source.start.offset
    end = start + len(source.text) if source.verbatim else max(_line_end(text, start), start)
    if result is not None:
        result = apply_suppressions(result, source.suppressions)
    return KeyResultView(source.text, start, end, source.verbatim, result)


class _Selection:
    """The key results that can be analysed, and notes about those that cannot."""

    def __init__(self, config: Config, limit: int, text: str) -> None:
        self.config = config
        self.limit = limit
        self.text = text
        self.count = 0
        self.skipped = 0  # key results past the limit
        self.first_skipped: KeyResultSource | None = None
        self.notes: list[Located] = []

    def accept(self, source: KeyResultSource) -> bool:
        from krquality import validate_text

        if self.count >= self.limit:
            self.skipped += 1
            if self.first_skipped is None:
                self.first_skipped = source
            return False
        try:
            validate_text(source.text, max_chars=self.config.max_chars)
        except InvalidInputError as e:
            self.notes.append(_note(f"not analysed: {e}", source, self.text, severity=Severity.WARNING))
            return False
        self.count += 1
        return True

    def finish(self) -> None:
        """Add the one note on the key results past the limit (a note each would flood the editor)."""
        if self.first_skipped is not None:
            self.notes.append(
                _note(
                    f"only the first {self.limit} key results of a document are analysed (setting "
                    f"krquality.maxKeyResults); this one and the {self.skipped - 1} after it are "
                    "skipped, and from here on objectives get no checks on their key results as a set",
                    self.first_skipped,
                    self.text,
                    severity=Severity.INFO,
                )
            )


def analyze_document(
    text: str,
    *,
    kind: DocumentKind,
    path: str,
    config: Config,
    backend: Backend,
    suggestions: bool = True,
    max_key_results: int = 2000,
) -> DocumentAnalysis:
    """Read ``text`` as ``kind``, analyse its key results with ``backend``, place the findings.

    A document that cannot be read gives one ``okr-file`` error on the line
    named by the reader; a key result that cannot be analysed (too long)
    gives an ``input`` warning and is left out. Errors of the backend
    (model missing, service down) propagate to the caller.
    """
    selection = _Selection(config, max_key_results, text)
    if kind is DocumentKind.PLAIN:
        from krquality.lsp.plaintext import read_plain_text

        plain = read_plain_text(text)
        document = OKRDocument(
            path=path,
            format=OKRFormat.MARKDOWN,  # the located findings do not depend on it
            text=text,
            objectives=(Objective("", tuple(s.text for s in plain.key_results)),),
            sources=(ObjectiveSource(Position(1, 1, 0), plain.key_results),),
            findings=plain.findings,
        )
    else:
        try:
            document = read_okr_text(text, path=path, format=OKRFormat(kind.value))
        except OKRFileError as e:
            return DocumentAnalysis(notes=(_file_error(e, text),))
        if not document.objectives:
            return DocumentAnalysis(
                diagnostics=tuple(collect_diagnostics(document, OKRSetResult(()), config=config))
            )
        document = for_analysis(document)  # as lint reads it: other languages out, doubtful lines noted

    # Key results that cannot be analysed (too long, past the limit) are left out, with a note.
    kept: list[list[KeyResultSource]] = []
    capped: list[bool] = []  # lost key results to the limit: its set checks would judge a part
    for source in document.sources:
        skipped_before = selection.skipped
        kept.append([s for s in source.key_results if selection.accept(s)])
        capped.append(selection.skipped > skipped_before)
    selection.finish()
    # Past the limit the document is not analysed: an objective all of whose key results are
    # skipped (analysed with none, it would be told it has "0 key results") and every objective
    # after it are left out, findings on their sets included.
    first_capped = next((i for i, cut in enumerate(capped) if cut), len(kept))
    whole = [i for i in range(min(first_capped + 1, len(kept))) if kept[i] or not capped[i]]
    document = _IndexedDocument(
        path=document.path,
        format=document.format,
        text=document.text,
        findings=document.findings,
        objectives=tuple(
            replace(
                document.objectives[i],
                key_results=tuple(s.text for s in kept[i]),
                key_result_lines=tuple(s.start.line for s in kept[i]),
            )
            for i in whole
        ),
        sources=tuple(replace(document.sources[i], key_results=tuple(kept[i])) for i in whole),
    )
    if not document.objectives:  # every key result past the limit (maxKeyResults 0)
        diagnostics = tuple(collect_diagnostics(document, OKRSetResult(()), config=config))
        return DocumentAnalysis(diagnostics=diagnostics, notes=tuple(selection.notes))
    if kind is DocumentKind.PLAIN:
        # No objectives: no set checks, each line on its own.
        results = backend.analyze_many(
            document.objectives[0].key_results, config=config, suggestions=suggestions
        )
        analysed = OKRSetResult((ObjectiveResult(document.objectives[0], tuple(results)),))
    else:
        analysed = backend.analyze_okrs(document.objectives, config=config, suggestions=suggestions)
        if any(capped[i] for i in whole):
            # The objective cut by the limit keeps its key results' findings, not its set's.
            analysed = replace(
                analysed,
                objectives=tuple(
                    replace(o, findings=()) if capped[i] else o
                    for i, o in zip(whole, analysed.objectives, strict=True)
                ),
            )

    views = tuple(
        _key_result_view(source, result, text)
        for source_objective, objective_result in zip(document.sources, analysed.objectives, strict=True)
        for source, result in zip(source_objective.key_results, objective_result.results, strict=True)
    )
    diagnostics = tuple(collect_diagnostics(document, analysed, config=config))
    return DocumentAnalysis(views, diagnostics, tuple(selection.notes))
