"""Positions of objectives and key results in an OKR file.

:class:`krquality.result.Objective` carries 1-based line numbers only; the
linter also needs the column and the character offset where each key
result's text starts, and whether the text appears verbatim in the file (so
a finding's span inside the key result maps to a file position character for
character). These dataclasses hold that, beside the objectives.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import StrEnum

from krquality.result import Finding, Objective


class OKRFormat(StrEnum):
    MARKDOWN = "markdown"
    YAML = "yaml"
    JSON = "json"
    CSV = "csv"
    RST = "rst"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a file: ``line`` and ``column`` are 1-based (columns count
    characters), ``offset`` is the 0-based character index into the file text."""

    line: int
    column: int
    offset: int


@dataclass(frozen=True, slots=True)
class Suppression:
    """An inline ``krquality: disable CODE[, CODE] -- reason`` comment.

    ``codes`` holds check codes (``KRQ101``) or dotted names
    (``metric.no_baseline``); ``reason`` is None when the author gave none.
    """

    codes: tuple[str, ...]
    reason: str | None
    position: Position

    def covers(self, finding: Finding) -> bool:
        """True when this comment silences ``finding``.

        >>> from krquality.result import Severity
        >>> s = Suppression(("KRQ101",), "agreed", Position(1, 1, 0))
        >>> s.covers(Finding("KRQ101", "metric.no_baseline", Severity.WARNING, "m", 0, 1))
        True
        """
        return finding.code in self.codes or finding.name in self.codes


@dataclass(frozen=True, slots=True)
class KeyResultSource:
    """Where one key result's text starts in the file.

    ``verbatim`` is true when ``text`` is exactly the file's characters from
    ``start.offset`` on (a Markdown line, a plain or simple quoted YAML
    scalar); otherwise (a YAML escape or a folded block) spans inside the
    text map to ``start`` only.
    """

    text: str
    start: Position
    verbatim: bool
    suppressions: tuple[Suppression, ...] = ()
    offsets: tuple[int, ...] | None = None  # file offset of each character of text, and of its end
    language: str | None = None  # None for English, else a rough code ("pt", "zh"): not analysed


@dataclass(frozen=True, slots=True)
class ObjectiveSource:
    """Where an objective's title starts, and its key results' sources in order."""

    start: Position
    key_results: tuple[KeyResultSource, ...]


@dataclass(frozen=True, slots=True)
class FileFinding:
    """A finding about the file itself (e.g. a suppression without a reason),
    with ``finding.start``/``finding.end`` as character offsets into the file."""

    finding: Finding
    position: Position


@dataclass(frozen=True, slots=True)
class OKRDocument:
    """An OKR file as read: the objectives to analyse plus their positions.

    ``objectives[i]`` and ``sources[i]`` describe the same objective; the
    key results of ``objectives[i]`` are in the order of
    ``sources[i].key_results``. ``cycle`` is the period the document states
    for all of it (``cycle_stated_in``: heading, title, front matter, file
    name, data field); objectives may carry their own. ``doubtful_lines``
    (1-based) looked like key results and were not read as such.
    """

    path: str
    format: OKRFormat
    text: str
    objectives: tuple[Objective, ...]
    sources: tuple[ObjectiveSource, ...]
    findings: tuple[FileFinding, ...] = ()
    cycle: str | None = None
    cycle_stated_in: str | None = None
    doubtful_lines: tuple[int, ...] = ()

    def position_at(self, offset: int) -> Position:
        """The line and column of character ``offset`` of the file text.

        >>> doc = OKRDocument("f.md", OKRFormat.MARKDOWN, "ab\\ncd", (), ())
        >>> doc.position_at(4)
        Position(line=2, column=2, offset=4)
        """
        return position_at(self.text, offset)

    def locate_end(self, objective: int, key_result: int, char: int) -> Position:
        """The file position just after character ``char - 1`` of a key result's text (the end
        of a span), so markup taken out after the span stays outside it."""
        source = self.sources[objective].key_results[key_result]
        if source.offsets is not None and 0 < char < len(source.offsets):
            return self.position_at(source.offsets[char - 1] + 1)
        return self.locate(objective, key_result, char)

    def locate(self, objective: int, key_result: int, char: int) -> Position:
        """The file position of character ``char`` of a key result's text.

        Falls back to the start of the key result when its text is not
        verbatim in the file, or ``char`` lies outside it.
        """
        source = self.sources[objective].key_results[key_result]
        if source.offsets is not None and 0 <= char < len(source.offsets):
            return self.position_at(source.offsets[char])
        if source.verbatim and 0 <= char <= len(source.text):
            return self.position_at(source.start.offset + char)
        return source.start


def line_starts(text: str) -> list[int]:
    """Offsets where each line of ``text`` starts (``\\n`` ends a line)."""
    starts = [0]
    index = text.find("\n")
    while index != -1:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def position_at(text: str, offset: int, starts: list[int] | None = None) -> Position:
    """The 1-based line and column of ``text[offset]`` (clamped to the text).

    >>> position_at("ab\\ncd", 3)
    Position(line=2, column=1, offset=3)
    """
    offset = max(0, min(offset, len(text)))
    starts = starts if starts is not None else line_starts(text)
    line = bisect.bisect_right(starts, offset) - 1
    return Position(line=line + 1, column=offset - starts[line] + 1, offset=offset)
