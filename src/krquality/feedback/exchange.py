"""Corrections as JSON lines: ``krquality feedback export`` writes them, training reads them.

One object a line with every field of :class:`~krquality.feedback.types.Correction`
(``created_at`` in ISO 8601). :func:`load_corrections` takes such a file or a store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from krquality.errors import FeedbackStoreError
from krquality.feedback.types import CorrectedLabel, Correction, Source


def to_json(correction: Correction) -> dict[str, Any]:
    """``correction`` as a JSON-ready dict.

    >>> at = datetime(2026, 1, 2, tzinfo=UTC)
    >>> c = Correction("Ship v2", CorrectedLabel.TASK, "u1", Source.CLI, id=3, created_at=at)
    >>> to_json(c)["created_at"], to_json(c)["label"]
    ('2026-01-02T00:00:00+00:00', 'task')
    """
    return {
        "id": correction.id,
        "created_at": correction.created_at.isoformat(),
        "text": correction.text,
        "label": correction.label.value,
        "user": correction.user,
        "source": correction.source.value,
        "model_label": correction.model_label,
        "model_probabilities": correction.model_probabilities,
        "model_version": correction.model_version,
        "reason": correction.reason,
        "suggestion": correction.suggestion,
        "suggestion_accepted": correction.suggestion_accepted,
        "rejected_checks": list(correction.rejected_checks),
    }


def from_json(row: dict[str, Any]) -> Correction:
    """The inverse of :func:`to_json`; raises ``KeyError``/``ValueError``/``TypeError`` on a bad row.

    >>> at = datetime(2026, 1, 2, tzinfo=UTC)
    >>> c = Correction("Ship v2", CorrectedLabel.TASK, "u1", Source.CLI, id=3, created_at=at)
    >>> from_json(to_json(c)) == c
    True
    """
    created = datetime.fromisoformat(str(row["created_at"]))
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("text must be a non-empty string")
    probabilities = row.get("model_probabilities")
    return Correction(
        id=int(row["id"]),
        created_at=created,
        text=text,
        label=CorrectedLabel(row["label"]),
        user=str(row["user"]),
        source=Source(row.get("source") or "library"),
        model_label=row.get("model_label"),
        model_probabilities={str(k): float(v) for k, v in probabilities.items()} if probabilities else None,
        model_version=row.get("model_version"),
        reason=row.get("reason"),
        suggestion=row.get("suggestion"),
        suggestion_accepted=row.get("suggestion_accepted"),
        rejected_checks=tuple(str(code) for code in row.get("rejected_checks") or ()),
    )


def write_jsonl(corrections: Iterable[Correction]) -> Iterator[str]:
    """One JSON line (with its newline) per correction."""
    for correction in corrections:
        yield json.dumps(to_json(correction), ensure_ascii=False, sort_keys=True) + "\n"


def read_jsonl(path: Path, *, on_error: Callable[[str], None] | None = None) -> list[Correction]:
    """The corrections of an export; a bad line is reported to ``on_error`` (``path:line: why``)
    and skipped, so one damaged row does not lose the others."""
    out: list[Correction] = []
    try:
        handle = path.open(encoding="utf-8")
    except OSError as e:
        raise FeedbackStoreError(f"cannot read {path}: {e.strerror or e}") from e
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                out.append(from_json(json.loads(line)))
            except (json.JSONDecodeError, KeyError, ValueError, TypeError, AttributeError) as e:
                if on_error is not None:
                    on_error(f"{path}:{number}: not a correction: {e}")
    return out


def load_corrections(spec: str, *, on_error: Callable[[str], None] | None = None) -> list[Correction]:
    """Every correction of ``spec``: an export (``*.jsonl``) or a store (a path or database URL)."""
    from krquality.feedback.store import open_store

    if spec.endswith((".jsonl", ".json")) and "://" not in spec:
        return read_jsonl(Path(spec), on_error=on_error)
    store = open_store(spec, create=False)
    try:
        return store.all()
    finally:
        store.close()
