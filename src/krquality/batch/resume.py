"""Checkpoints: what ``--resume`` needs to continue a run exactly where it stopped.

After each synced chunk the runner writes ``OUTPUT.krq-resume.json``
atomically (a temporary file renamed over the old one). It records the
input's signature, the options that shape the output, the number of input
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

CHECKPOINT_VERSION = 1
SIGNATURE_BYTES = 1 << 20


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
    """Size and sha1 of the first MiB: cheap, and enough to notice another file."""
    digest = hashlib.sha1(usedforsecurity=False)
    with path.open("rb") as handle:
        digest.update(handle.read(SIGNATURE_BYTES))
    return {"size": path.stat().st_size, "head_sha1": digest.hexdigest()}


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


def check_resumable(
    checkpoint: Checkpoint, *, signature: dict[str, Any], options: dict[str, Any], input_path: Path
) -> None:
    """Raise :class:`ResumeError` unless ``checkpoint`` belongs to this input and these options."""
    if checkpoint.input_signature != signature:
        raise ResumeError(f"{input_path} changed since the interrupted run; run without --resume")
    changed = sorted(
        k for k in set(options) | set(checkpoint.options) if options.get(k) != checkpoint.options.get(k)
    )
    if changed:
        raise ResumeError(
            f"the interrupted run used other options ({', '.join(changed)}); "
            "repeat them or run without --resume"
        )
