"""Process-level settings of a service worker, applied before the model loads.

Three levers keep a worker's memory down without changing any answer:

* glibc gives every thread that allocates its own malloc arena (up to eight
  per core) and rarely hands their free pages back, so a worker whose
  analysis threads take turns on big batches keeps several copies of its
  peak. :func:`limit_malloc_arenas` caps them, as ``MALLOC_ARENA_MAX`` does
  when it is set before the process starts (the Docker image sets it).
* glibc serves blocks below a threshold that grows with use (up to 32 MB)
  from its heap and keeps them when freed; the arrays of a batch of 1,000
  key results then stay resident after it. :func:`return_large_blocks` fixes
  the threshold at 128 KiB, as ``MALLOC_MMAP_THRESHOLD_`` does, so big arrays
  are mapped and unmapped: measured here, RSS after the load benchmark
  226-227 MB instead of 232-322 MB (peak 288 instead of 309-348), for batches
  of 1,000 about 15% slower (1.85 s instead of 1.51-1.63 s).
* scikit-learn imports pandas (and with it pyarrow) whenever it is installed,
  only to recognise DataFrames; the service passes it lists and arrays, so
  :func:`keep_out` stops those imports: about 90 MB and 0.2 s of start-up
  where the ``batch`` extra is installed, and the same code path as the
  plain install, which has no pandas at all.
"""

from __future__ import annotations

import ctypes
import importlib.abc
import os
import sys
from collections.abc import Iterable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

# From glibc's malloc.h.
_M_ARENA_MAX = -8
_M_MMAP_THRESHOLD = -3
_M_TRIM_THRESHOLD = -1
LARGE_BLOCK = 128 * 1024

# Imported by dependencies of the serve path but used by none of its routes.
UNUSED_BY_THE_SERVICE = ("pandas", "pyarrow")


def _mallopt() -> Any:
    """glibc's ``mallopt``, or None where the C library has none (musl, macOS)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        # The interpreter's own symbols include its C library's; no
        # find_library, which runs ldconfig in a subprocess (~20 ms of start-up).
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt


def return_large_blocks(threshold: int = LARGE_BLOCK) -> bool:
    """Map blocks of ``threshold`` bytes and more, and give freed memory back above it.

    Unless ``MALLOC_MMAP_THRESHOLD_`` already says otherwise (glibc read it at
    process start). Returns whether the setting is in force.

    >>> return_large_blocks() in (True, False)
    True
    """
    if os.environ.get("MALLOC_MMAP_THRESHOLD_"):
        return True
    mallopt = _mallopt()
    if mallopt is None:
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, threshold)) and bool(mallopt(_M_TRIM_THRESHOLD, threshold))


def limit_malloc_arenas(arenas: int) -> bool:
    """Cap glibc's malloc arenas at ``arenas``, unless ``MALLOC_ARENA_MAX`` already says how many.

    Returns whether the cap is in force (False where the C library is not
    glibc). Call it before the analysis threads start: threads that have
    allocated keep the arena they got.

    >>> limit_malloc_arenas(2) in (True, False)
    True
    """
    if os.environ.get("MALLOC_ARENA_MAX"):
        return True  # glibc read it at process start
    mallopt = _mallopt()
    if mallopt is None:
        return False
    return bool(mallopt(_M_ARENA_MAX, arenas))


class _KeepOut(importlib.abc.MetaPathFinder):
    """Refuse to import some top-level packages (and their submodules)."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"{fullname} is not used by the krquality service", name=fullname)
        return None  # let the other finders look


def keep_out(modules: Iterable[str] = UNUSED_BY_THE_SERVICE) -> list[str]:
    """Make ``import name`` fail in this process for each name not imported yet.

    Libraries that import these optionally (``try: import pandas``) then
    behave as where they are not installed: the name is not in
    ``sys.modules`` (scikit-learn looks there), and importing it raises
    :class:`ModuleNotFoundError`. A package already imported is left alone,
    since code may hold it. Returns the names kept out.

    >>> keep_out(["sys"])  # already imported: left alone
    []
    """
    names = frozenset(name for name in modules if name not in sys.modules)
    if names:
        sys.meta_path.insert(0, _KeepOut(names))
    return sorted(names)
