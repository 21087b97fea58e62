"""Markdown and YAML OKR files: objectives, key results and where they are.

>>> doc = read_okr_text("# Delight customers\\n- Raise NPS from 40 to 55\\n", path="okrs.md")
>>> doc.objectives[0].title, doc.objectives[0].key_result_lines
('Delight customers', (2,))
"""

from __future__ import annotations

from pathlib import Path

from krquality.errors import OKRFileError
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
    "OKRDocument",
    "OKRFormat",
    "ObjectiveSource",
    "Position",
    "Suppression",
    "apply_suppressions",
    "detect_format",
    "read_markdown",
    "read_okr_file",
    "read_okr_text",
    "read_yaml",
]

_YAML_SUFFIXES = (".yaml", ".yml")


def detect_format(path: str | Path) -> OKRFormat:
    """YAML for ``.yaml``/``.yml``, Markdown for anything else.

    >>> detect_format("team.okrs.yml")
    <OKRFormat.YAML: 'yaml'>
    """
    return OKRFormat.YAML if Path(path).suffix.lower() in _YAML_SUFFIXES else OKRFormat.MARKDOWN


def read_okr_text(text: str, *, path: str = "<string>", format: OKRFormat | None = None) -> OKRDocument:
    """Read OKRs from ``text``; ``format`` defaults to :func:`detect_format` of ``path``.

    >>> read_okr_text("objectives: []", path="x.yaml").objectives
    ()
    """
    chosen = format if format is not None else detect_format(path)
    if chosen is OKRFormat.YAML:
        return read_yaml(text, path=path)
    return read_markdown(text, path=path)


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
