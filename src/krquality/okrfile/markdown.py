"""Read objectives and key results from Markdown, with positions.

What counts as what:

* an **objective** is an ATX heading (``# Delight customers``,
  ``## Objective: Delight customers``), a top-level bullet, or a line
  starting ``Objective:``/``O1:``; a ``Objective``/``O1`` prefix and
  surrounding ``**`` are stripped from the title;
* a **key result** is a bullet nested under a bullet objective, a bullet
  under a heading objective, or a ``KR1:``/``KR:``/``Key result 2:`` line
  (bulleted or not); the prefix, a ``[ ]`` checkbox and the bullet marker
  are stripped, so the analysed text starts where the author's words start;
* bullets nested under a key result are notes and are skipped, as are
  paragraphs, fenced code and HTML comments;
* a heading with no key results is a section title and is dropped, unless
  it says ``Objective``; under a heading without that prefix, a top-level
  bullet with nested bullets is itself an objective.

Key results before any objective are an error naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from krquality.errors import OKRFileError
from krquality.okrfile.suppress import markdown_suppression, no_reason_finding
from krquality.okrfile.types import (
    FileFinding,
    KeyResultSource,
    ObjectiveSource,
    OKRDocument,
    OKRFormat,
    Position,
    Suppression,
    line_starts,
)
from krquality.result import Objective

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_CHECKBOX = re.compile(r"^\[[ xX]\][ \t]+")
_KR_PREFIX = re.compile(
    r"^(?:\*\*|__)?(?:KR|Key[ \t]+result)[ \t]*\d*(?:\.\d+)?[ \t]*(?:\*\*|__)?"
    r"[:.)\-–—][ \t]*(?:\*\*|__)?[ \t]*",
    re.IGNORECASE,
)
_OBJECTIVE_PREFIX = re.compile(
    r"^(?:\*\*|__)?(?:Objective(?:[ \t]*\d+)?|O\d+)[ \t]*(?:\*\*|__)?[:.)\-–—][ \t]*(?:\*\*|__)?[ \t]*",
    re.IGNORECASE,
)
_TOP_LEVEL_INDENT = 1  # CommonMark nests at 2+ columns; 0-1 is top level


@dataclass
class _Builder:
    title: str
    start: Position
    kind: str  # "heading", "bullet" or "line"
    explicit: bool  # the title said "Objective"/"O1"
    indent: int = -1  # bullet objectives: the bullet's indent
    kr_indent: int | None = None  # indent of this objective's first bullet key result
    key_results: list[KeyResultSource] = field(default_factory=list)


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


def _strip_emphasis(text: str) -> tuple[int, str]:
    """Drop a ``**``/``__`` pair wrapping the whole text; return (chars skipped, text)."""
    for mark in ("**", "__"):
        if len(text) > 4 and text.startswith(mark) and text.endswith(mark):
            inner = text[2:-2]
            stripped = inner.lstrip()
            return 2 + len(inner) - len(stripped), stripped.rstrip()
    return 0, text


class _MarkdownReader:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.starts = line_starts(text)
        self.lines = [line.rstrip("\r") for line in text.split("\n")]
        self.builders: list[_Builder] = []
        self.pending: list[Suppression] = []
        self.findings: list[FileFinding] = []

    def position(self, line_index: int, column_index: int) -> Position:
        return Position(
            line=line_index + 1,
            column=column_index + 1,
            offset=self.starts[line_index] + column_index,
        )

    @property
    def current(self) -> _Builder | None:
        return self.builders[-1] if self.builders else None

    def read(self) -> OKRDocument:
        in_fence: str | None = None
        in_comment = False
        for index, line in enumerate(self.lines):
            if in_fence is not None:
                if line.lstrip().startswith(in_fence):
                    in_fence = None
                continue
            if in_comment:
                in_comment = "-->" not in line
                continue
            fence = _FENCE.match(line)
            if fence:
                in_fence = fence.group(1)
                continue
            stripped = line.lstrip()
            if stripped.startswith("<!--"):
                self._comment(index, line)
                in_comment = "-->" not in stripped[4:]
                continue
            if _HEADING.match(line):
                self._heading(index, line)
            elif bullet := _BULLET.match(line):
                self._bullet(index, line, bullet.end(), _width(bullet["indent"]))
            elif stripped:
                self._plain(index, line, len(line) - len(stripped))
        return self._document()

    def _comment(self, index: int, line: str) -> None:
        column = len(line) - len(line.lstrip())
        suppression = markdown_suppression(line, self.position(index, column))
        if suppression is None:
            return
        self.pending.append(suppression)
        if suppression.reason is None:
            self.findings.append(no_reason_finding(suppression, line_text=line[column:]))

    def _heading(self, index: int, line: str) -> None:
        heading = _HEADING.match(line)
        if heading is None:
            return
        body_start = heading.end()
        body = _HEADING_CLOSE.sub("", line[body_start:]).rstrip()
        if not body.strip() or body.strip("#").strip() == "":
            return
        self._start_objective(index, body_start, body, kind="heading", indent=-1)

    def _start_objective(self, index: int, column: int, body: str, *, kind: str, indent: int) -> None:
        prefix = _OBJECTIVE_PREFIX.match(body)
        explicit = prefix is not None
        if prefix is not None and prefix.end() < len(body):
            column += prefix.end()
            body = body[prefix.end() :]
        skipped, title = _strip_emphasis(body.strip())
        column += skipped + len(body) - len(body.lstrip())
        start = self.position(index, column)
        self.builders.append(_Builder(title=title, start=start, kind=kind, explicit=explicit, indent=indent))

    def _bullet(self, index: int, line: str, content_column: int, indent: int) -> None:
        content = line[content_column:]
        checkbox = _CHECKBOX.match(content)
        if checkbox:
            content_column += checkbox.end()
            content = content[checkbox.end() :]
        if not content.strip():
            return
        if _KR_PREFIX.match(content):
            self._key_result(index, content_column, content, indent=indent)
            return
        current = self.current
        nested = current is not None and current.kind == "bullet" and indent > current.indent
        if _OBJECTIVE_PREFIX.match(content) and not nested:
            self._start_objective(index, content_column, content, kind="bullet", indent=indent)
            return
        if current is None:
            if indent > _TOP_LEVEL_INDENT:
                raise OKRFileError("key result before any objective", path=self.path, line=index + 1)
            self._start_objective(index, content_column, content, kind="bullet", indent=indent)
        elif current.kind == "bullet":
            if indent <= current.indent:
                self._start_objective(index, content_column, content, kind="bullet", indent=indent)
            else:
                self._key_result(index, content_column, content, indent=indent)
        elif not current.explicit and indent <= _TOP_LEVEL_INDENT and self._has_children(index, indent):
            self._start_objective(index, content_column, content, kind="bullet", indent=indent)
        else:
            self._key_result(index, content_column, content, indent=indent)

    def _has_children(self, index: int, indent: int) -> bool:
        for line in self.lines[index + 1 :]:
            if not line.strip() or line.lstrip().startswith("<!--"):
                continue
            bullet = _BULLET.match(line)
            return bullet is not None and _width(bullet["indent"]) > indent
        return False

    def _plain(self, index: int, line: str, column: int) -> None:
        content = line[column:]
        objective = _OBJECTIVE_PREFIX.match(content)
        if _KR_PREFIX.match(content):
            self._key_result(index, column, content, indent=None)
        elif objective is not None and objective.end() < len(content.rstrip()):
            self._start_objective(index, column, content, kind="line", indent=-1)

    def _key_result(self, index: int, column: int, content: str, *, indent: int | None) -> None:
        current = self.current
        if current is None:
            raise OKRFileError("key result before any objective", path=self.path, line=index + 1)
        if indent is not None:
            if current.kr_indent is None:
                current.kr_indent = indent
            elif indent > current.kr_indent:
                return  # a note nested under a key result
        prefix = _KR_PREFIX.match(content)
        if prefix is not None:
            column += prefix.end()
            content = content[prefix.end() :]
        skipped, text = _strip_emphasis(content.rstrip())
        column += skipped
        if not text:
            return
        current.key_results.append(
            KeyResultSource(
                text=text,
                start=self.position(index, column),
                verbatim=True,
                suppressions=tuple(self.pending),
            )
        )
        self.pending = []

    def _document(self) -> OKRDocument:
        kept = [b for b in self.builders if b.key_results or b.kind != "heading" or b.explicit]
        kept = [b for b in kept if b.title]
        return OKRDocument(
            path=self.path,
            format=OKRFormat.MARKDOWN,
            text=self.text,
            objectives=tuple(
                Objective(
                    title=b.title,
                    key_results=tuple(kr.text for kr in b.key_results),
                    line=b.start.line,
                    key_result_lines=tuple(kr.start.line for kr in b.key_results),
                )
                for b in kept
            ),
            sources=tuple(ObjectiveSource(start=b.start, key_results=tuple(b.key_results)) for b in kept),
            findings=tuple(self.findings),
        )


def read_markdown(text: str, *, path: str = "<string>") -> OKRDocument:
    """Read the objectives and key results of a Markdown OKR file.

    Raises :class:`~krquality.errors.OKRFileError` (naming ``path`` and the
    line) for a key result before any objective.

    >>> doc = read_markdown("# Delight customers\\n- KR1: Raise NPS from 40 to 55\\n")
    >>> doc.objectives[0].key_results, doc.sources[0].key_results[0].start.column
    (('Raise NPS from 40 to 55',), 8)
    """
    return _MarkdownReader(text, path).read()
