"""Which files a command reads: paths, directories walked, glob patterns, ``-`` for stdin.

>>> expand_paths(["-"])
['-']
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Sequence
from pathlib import Path

# What a directory walk picks up: the formats the reader knows.
OKR_SUFFIXES = (".md", ".markdown", ".yaml", ".yml", ".json", ".csv", ".tsv", ".rst", ".txt")
_SKIPPED_DIRECTORIES = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox"}
)


def expand_paths(arguments: Sequence[str], *, ignore: Sequence[str] = ()) -> list[str]:
    """Files named by ``arguments``, in order and once each.

    A directory is walked for files with an OKR suffix (version-control and
    dependency folders skipped), a pattern with ``*``, ``?`` or ``[`` is
    globbed (``**`` crosses folders), anything else is kept as given, so a
    missing file is reported by whoever reads it. ``ignore`` holds glob
    patterns matched against the path and against the file name.
    """
    out: list[str] = []
    for argument in arguments:
        if argument == "-":
            out.append(argument)
        elif os.path.isdir(argument):
            out.extend(_walk(argument))
        elif any(char in argument for char in "*?[") and not os.path.exists(argument):
            out.extend(sorted(p for p in glob.glob(argument, recursive=True) if os.path.isfile(p)))
        else:
            out.append(argument)
    kept = [p for p in dict.fromkeys(out) if p == "-" or not _ignored(p, ignore)]
    return kept


def _walk(directory: str) -> list[str]:
    found: list[str] = []
    for root, directories, files in os.walk(directory):
        directories[:] = sorted(d for d in directories if d not in _SKIPPED_DIRECTORIES)
        found.extend(os.path.join(root, f) for f in sorted(files) if f.lower().endswith(OKR_SUFFIXES))
    return found


def _ignored(path: str, patterns: Sequence[str]) -> bool:
    name = Path(path).name
    normal = path.replace(os.sep, "/")
    return any(
        fnmatch.fnmatch(normal, p)
        or fnmatch.fnmatch(name, p)
        or fnmatch.fnmatch(normal, f"*/{p}")
        or normal.startswith(p.rstrip("/") + "/")
        for p in patterns
    )
