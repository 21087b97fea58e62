"""Checkpoints: what ``--resume`` needs to continue a run exactly where it stopped.

After each synced chunk the runner writes ``OUTPUT.krq-resume.json``
atomically (a temporary file renamed over the old one). It records the
input's signature (:func:`input_signature`: size, mtime, inode and the
sha256 of the whole file), the options that shape the output, the number of input
rows fully handled (written to the output or the errors file), and each
writer's state (a byte offset, or a count of Parquet parts). Output written
after the last checkpoint, including a half-written last line, is dropped on
resume, so no row is lost or written twice whether the run ended by Ctrl-C
or ``kill -9``. A finished run removes its checkpoint.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from krquality.errors import InvalidInputError

CHECKPOINT_VERSION = 2
HASH_CHUNK_BYTES = 1 << 20


class InputChangedError(InvalidInputError):
    """The input file changed while a run read it: its results cannot be trusted."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="input")


class ResumeError(InvalidInputError):
    """``--resume`` was asked for but the run cannot be continued (the message says why)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="resume")


def checkpoint_path(output_path: Path) -> Path:
    """``results.csv`` -> ``results.csv.krq-resume.json``.

    >>> checkpoint_path(Path("results.csv")).name
    'results.csv.krq-resume.json'
    """
    return output_path.with_name(output_path.name + ".krq-resume.json")


def input_signature(path: Path) -> dict[str, Any]:
    """The input's identity: size, mtime, inode and the sha256 of its whole content.

    The content is streamed through the hash (memory stays flat); the cost,
    about a second per GB, is small beside the analysis of that many rows.
    Taken at the start and again at the end of a run, it tells a file that
    changed while it was read; stored in the checkpoint, it tells ``--resume``
    whether the input is the one the interrupted run read.
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        before = os.fstat(handle.fileno())
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return {
        "size": before.st_size,
        "mtime_ns": before.st_mtime_ns,
        "inode": before.st_ino,
        "sha256": digest.hexdigest(),
    }


def describe_change(before: dict[str, Any], after: dict[str, Any]) -> str:
    """What differs between two signatures, in words.

    >>> describe_change({"size": 10, "sha256": "a"}, {"size": 4, "sha256": "b"})
    'size 10 -> 4 bytes, content'
    """
    parts = []
    if before.get("size") != after.get("size"):
        parts.append(f"size {before.get('size')} -> {after.get('size')} bytes")
    if before.get("sha256") != after.get("sha256"):
        parts.append("content")
    if before.get("mtime_ns") != after.get("mtime_ns"):
        parts.append("modification time")
    if before.get("inode") != after.get("inode"):
        parts.append("inode (replaced by another file)")
    return ", ".join(parts) or "signature"


@dataclass
class Checkpoint:
    """The state of an unfinished run."""

    input_signature: dict[str, Any]
    options: dict[str, Any]
    rows_done: int = 0
    rows_written: int = 0
    rows_failed: int = 0
    output_state: dict[str, Any] = field(default_factory=dict)
    errors_state: dict[str, Any] | None = None
    version: int = CHECKPOINT_VERSION


def save_checkpoint(path: Path, checkpoint: Checkpoint) -> None:
    """Write ``checkpoint`` to ``path`` atomically and durably."""
    partial = path.with_name(path.name + ".tmp")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(asdict(checkpoint), handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def load_checkpoint(path: Path) -> Checkpoint | None:
    """The checkpoint at ``path``, or ``None`` when there is none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError as e:
        raise ResumeError(f"{path}: the checkpoint is unreadable ({e}); run without --resume") from e
    if data.get("version") != CHECKPOINT_VERSION:
        raise ResumeError(f"{path}: written by another krquality version; run without --resume")
    return Checkpoint(**data)


def check_resumable(checkpoint: Checkpoint, *, signature: dict[str, Any], options: dict[str, Any],
                    input_path: Path) -> None:
    """Raise :class:`ResumeError` unless ``checkpoint`` belongs to this input and these options."""
    if checkpoint.input_signature != signature:
        change = describe_change(checkpoint.input_signature, signature)
        raise ResumeError(
            f"{input_path} changed since the interrupted run ({change}); run without --resume"
        )
    changed = sorted(k for k in set(options) | set(checkpoint.options)
                     if options.get(k) != checkpoint.options.get(k))
    if changed:
        raise ResumeError(
            f"the interrupted run used other options ({', '.join(changed)}); "
            "repeat them or run without --resume"
        )
