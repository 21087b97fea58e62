"""Plain-text OKR lists (``.okr`` and files chosen in settings): one key result a line.

Blank lines are skipped; a line starting with ``#`` is a comment, and
``# krquality: disable KRQ101 -- reason`` silences checks on the next key
result, as in YAML files (the same parser, :mod:`krquality.okrfile.suppress`).
There are no objectives, so set-level checks do not run on these files.
"""

from __future__ import annotations

from dataclasses import dataclass

from krquality.okrfile import FileFinding, KeyResultSource, Suppression
from krquality.okrfile.suppress import no_reason_finding, yaml_suppression
from krquality.okrfile.types import Position


@dataclass(frozen=True, slots=True)
class PlainDocument:
    """The key results of a plain-text file, in order, and findings on the file itself."""

    key_results: tuple[KeyResultSource, ...]
    findings: tuple[FileFinding, ...] = ()


def read_plain_text(text: str) -> PlainDocument:
    """Read one key result per non-blank, non-comment line.

    >>> doc = read_plain_text("# Q3\\n  Raise NPS from 40 to 55\\n\\nLaunch the portal\\n")
    >>> [(kr.text, kr.start.line, kr.start.column) for kr in doc.key_results]
    [('Raise NPS from 40 to 55', 2, 3), ('Launch the portal', 4, 1)]
    """
    key_results: list[KeyResultSource] = []
    findings: list[FileFinding] = []
    pending: list[Suppression] = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        body = line.rstrip("\r")
        stripped = body.strip()
        column = len(body) - len(body.lstrip())
        position = Position(line=index + 1, column=column + 1, offset=offset + column)
        if stripped.startswith("#"):
            suppression = yaml_suppression(body, position)
            if suppression is not None:
                pending.append(suppression)
                if suppression.reason is None:
                    findings.append(no_reason_finding(suppression, line_text=body[column:]))
        elif stripped:
            key_results.append(
                KeyResultSource(text=stripped, start=position, verbatim=True, suppressions=tuple(pending))
            )
            pending = []
        offset += len(line) + 1
    return PlainDocument(key_results=tuple(key_results), findings=tuple(findings))
