"""Add a check to ``disable`` in a krquality.toml or a pyproject.toml, keeping the rest of the file.

The standard library reads TOML but does not write it, and a rewrite would
drop the user's comments and layout; so this edits the text in place (the
``disable`` array, or a new ``disable = [...]`` line) and re-reads the result
to prove it says what was meant, else raises :class:`TomlEditError`.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from krquality.errors import KRQualityError

_HEADER = re.compile(r"^[ \t]*\[")
_DISABLE = re.compile(r"^[ \t]*(?:disable|\"disable\")[ \t]*=[ \t]*\[", re.MULTILINE)
PYPROJECT_TABLE = ("tool", "krquality")


class TomlEditError(KRQualityError):
    """The configuration file could not be edited safely."""


def _table(data: dict[str, Any], table: tuple[str, ...]) -> dict[str, Any]:
    for key in table:
        value = data.get(key, {})
        data = value if isinstance(value, dict) else {}
    return data


def _region(text: str, table: tuple[str, ...]) -> tuple[int, int] | None:
    """Start and end offsets of the key/value lines of ``table`` (top level when empty)."""
    lines = text.splitlines(keepends=True)
    offset = 0
    start: int | None = 0 if not table else None
    header = "[" + ".".join(table) + "]"
    for line in lines:
        if _HEADER.match(line):
            if start is not None:
                return start, offset
            if line.split("#", 1)[0].strip().replace(" ", "") == header:
                start = offset + len(line)
        offset += len(line)
    return None if start is None else (start, len(text))


def _closing_bracket(text: str, opening: int) -> int:
    quote: str | None = None
    index = opening + 1
    while index < len(text):
        char = text[index]
        if quote is not None:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            newline = text.find("\n", index)
            index = len(text) if newline == -1 else newline
            continue
        elif char == "]":
            return index
        index += 1
    raise TomlEditError("unterminated 'disable' array")


def add_disabled_check(text: str, code: str, *, table: tuple[str, ...] = ()) -> str:
    """``text`` with ``code`` added to the ``disable`` list of ``table`` (top level by default).

    >>> add_disabled_check('max-words = 30\\n', "KRQ101")
    'max-words = 30\\ndisable = ["KRQ101"]\\n'
    >>> add_disabled_check('disable = ["KRQ102"]  # agreed\\n', "KRQ101")
    'disable = ["KRQ102", "KRQ101"]  # agreed\\n'
    >>> add_disabled_check('[project]\\nname = "x"\\n', "KRQ101", table=PYPROJECT_TABLE)
    '[project]\\nname = "x"\\n\\n[tool.krquality]\\ndisable = ["KRQ101"]\\n'
    """
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TomlEditError(f"not valid TOML: {e}") from e
    disabled = _table(before, table).get("disable", [])
    if isinstance(disabled, list) and code in disabled:
        return text
    entry = f'"{code}"'
    region = _region(text, table)
    if region is None:
        # No such table yet: append it.
        separator = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        edited = f"{text}{separator}[{'.'.join(table)}]\ndisable = [{entry}]\n"
    else:
        start, end = region
        match = _DISABLE.search(text, start, end)
        if match is None:
            if table:
                edited = f"{text[:start]}disable = [{entry}]\n{text[start:]}"
            else:
                # At the end of the top-level keys, before the first table.
                body = text[:end]
                newline = "" if not body or body.endswith("\n") else "\n"
                edited = f"{body}{newline}disable = [{entry}]\n{text[end:]}"
        else:
            opening = match.end() - 1
            closing = _closing_bracket(text, opening)
            content = text[opening + 1 : closing]
            kept = content.rstrip()
            if not kept.strip():
                edited = f"{text[: opening + 1]}{entry}{text[closing:]}"
            else:
                comma = " " if kept.endswith(",") else ", "
                edited = f"{text[: opening + 1]}{kept}{comma}{entry}{content[len(kept) :]}{text[closing:]}"
    try:
        after = tomllib.loads(edited)
    except tomllib.TOMLDecodeError as e:
        raise TomlEditError(f"could not add {code} to 'disable' without breaking the file ({e})") from e
    result = _table(after, table).get("disable")
    if not isinstance(result, list) or code not in result:
        raise TomlEditError(f"could not add {code} to 'disable'")
    return edited


def find_config_file(start: Path, *, stop: Path | None = None) -> tuple[Path, tuple[str, ...]] | None:
    """The file :func:`krquality.config.load_config` would read from ``start``, and its table.

    Looks in ``start`` and its parents (up to ``stop`` included) for a
    ``krquality.toml``, or a ``pyproject.toml`` with a ``[tool.krquality]`` table.
    """
    for folder in (start, *start.parents):
        candidate = folder / "krquality.toml"
        if candidate.is_file():
            return candidate, ()
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                data = {}
            if isinstance(data.get("tool"), dict) and "krquality" in data["tool"]:
                return pyproject, PYPROJECT_TABLE
        if stop is not None and folder == stop:
            break
    return None


def disable_in_workspace(code: str, *, start: Path, root: Path) -> Path:
    """Add ``code`` to ``disable`` in the configuration that applies at ``start``.

    Edits the krquality.toml or pyproject.toml ``[tool.krquality]`` found from
    ``start`` up to ``root``; creates ``root/krquality.toml`` if there is none.
    Returns the file written.
    """
    found = find_config_file(start, stop=root)
    path, table = found if found is not None else (root / "krquality.toml", ())
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as e:
        raise TomlEditError(f"{path}: cannot read: {e}") from e
    edited = add_disabled_check(text, code, table=table)
    if edited != text:
        try:
            path.write_text(edited, encoding="utf-8")
        except OSError as e:
            raise TomlEditError(f"{path}: cannot write: {e}") from e
    return path
