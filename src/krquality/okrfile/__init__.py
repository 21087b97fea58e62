"""OKR documents: objectives, key results and where they are, in every format people write.

Markdown, reStructuredText and plain text are read by their structure and
labels (:mod:`.markdown`), YAML and JSON by their keys (:mod:`.yamlfile`),
CSV and TSV exports by their columns (:mod:`.csvfile`). Lint, the language
server, the HTTP service and ``krquality outline`` all read through
:func:`read_okr_text`.

>>> doc = read_okr_text("# Delight customers\\n- Raise NPS from 40 to 55\\n", path="okrs.md")
>>> doc.objectives[0].title, doc.objectives[0].key_result_lines
('Delight customers', (2,))
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from krquality.errors import NotOKRFileError, OKRFileError
from krquality.okrfile.csvfile import read_csv
from krquality.okrfile.markdown import read_markdown
from krquality.okrfile.suppress import NO_REASON_CODE, NO_REASON_NAME, apply_suppressions
from krquality.okrfile.types import (
    FileFinding,
    KeyResultSource,
    ObjectiveSource,
    OKRDocument,
    OKRFormat,
    Position,
    Suppression,
)
from krquality.okrfile.yamlfile import read_yaml

__all__ = [
    "NO_REASON_CODE",
    "NO_REASON_NAME",
    "FileFinding",
    "KeyResultSource",
    "NotOKRFileError",
    "OKRDocument",
    "OKRFormat",
    "ObjectiveSource",
    "Position",
    "Suppression",
    "apply_suppressions",
    "detect_format",
    "document_outline",
    "read_csv",
    "read_markdown",
    "read_okr_file",
    "read_okr_source",
    "read_okr_text",
    "read_yaml",
]

_SUFFIXES = {
    ".yaml": OKRFormat.YAML,
    ".yml": OKRFormat.YAML,
    ".json": OKRFormat.JSON,
    ".csv": OKRFormat.CSV,
    ".tsv": OKRFormat.CSV,
    ".rst": OKRFormat.RST,
    ".txt": OKRFormat.TEXT,
    ".text": OKRFormat.TEXT,
}


def detect_format(path: str | Path) -> OKRFormat:
    """The format a file name says (YAML, JSON, CSV/TSV, reStructuredText, plain text); Markdown
    for anything else.

    >>> detect_format("team.okrs.yml"), detect_format("okrs.tsv"), detect_format("README")
    (<OKRFormat.YAML: 'yaml'>, <OKRFormat.CSV: 'csv'>, <OKRFormat.MARKDOWN: 'markdown'>)
    """
    return _SUFFIXES.get(Path(path).suffix.lower(), OKRFormat.MARKDOWN)


def read_okr_text(text: str, *, path: str = "<string>", format: OKRFormat | None = None) -> OKRDocument:
    """Read OKRs from ``text``; ``format`` defaults to :func:`detect_format` of ``path``.

    Raises :class:`NotOKRFileError` for a data file with no objectives.

    >>> read_okr_text("objectives: []", path="x.yaml").objectives
    ()
    """
    chosen = format if format is not None else detect_format(path)
    if chosen in (OKRFormat.YAML, OKRFormat.JSON):
        return read_yaml(text, path=path, format=chosen)
    if chosen is OKRFormat.CSV:
        return read_csv(text, path=path, delimiter="\t" if path.lower().endswith(".tsv") else None)
    return read_markdown(text, path=path, format=chosen)


def read_okr_file(path: str | Path, *, format: OKRFormat | None = None) -> OKRDocument:
    """Read an OKR file (UTF-8); every failure is an :class:`OKRFileError` naming the file.

    >>> read_okr_file("/no/such/okrs.md")
    Traceback (most recent call last):
    ...
    krquality.errors.OKRFileError: /no/such/okrs.md: cannot read: No such file or directory
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as e:
        raise OKRFileError(f"cannot read: {e.strerror or e}", path=name) from e
    except UnicodeDecodeError as e:
        raise OKRFileError(f"not UTF-8 text ({e.reason} at byte {e.start})", path=name) from e
    return read_okr_text(text, path=name, format=format)


def read_okr_source(path: str, *, format: OKRFormat | None = None) -> OKRDocument:
    """:func:`read_okr_file`, where ``-`` reads standard input (as Markdown unless ``format`` says).

    >>> read_okr_source("/no/such/okrs.md")
    Traceback (most recent call last):
    ...
    krquality.errors.OKRFileError: /no/such/okrs.md: cannot read: No such file or directory
    """
    if path != "-":
        return read_okr_file(path, format=format)
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise OKRFileError(f"not UTF-8 text ({e.reason} at byte {e.start})", path="<stdin>") from e
    return read_okr_text(text, path="<stdin>", format=format or OKRFormat.MARKDOWN)


def document_outline(document: OKRDocument) -> dict[str, Any]:
    """What the reader found, as plain data (the ``outline`` command's JSON for one file).

    >>> outline = document_outline(read_okr_text("# Grow\\n- Double sign-ups\\n", path="o.md"))
    >>> outline["objectives"][0]["key_results"]
    [{'line': 2, 'column': 3, 'text': 'Double sign-ups', 'language': None}]
    """
    return {
        "path": document.path,
        "format": document.format.value,
        "cycle": document.cycle,
        "cycle_stated_in": document.cycle_stated_in,
        "objectives": [
            {
                "line": source.start.line,
                "text": objective.title,
                "cycle": objective.cycle,
                "key_results": [
                    {
                        "line": kr.start.line,
                        "column": kr.start.column,
                        "text": kr.text,
                        "language": kr.language,
                    }
                    for kr in source.key_results
                ],
            }
            for objective, source in zip(document.objectives, document.sources, strict=True)
        ],
        "doubtful_lines": list(document.doubtful_lines),
    }
