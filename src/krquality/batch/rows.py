"""One flat row per key result: the single mapping from :class:`Result` to columns.

Every tabular output (the batch runner's CSV, JSONL and Parquet files, the
CLI's ``--format csv/jsonl``, the Dask integration) goes through
:func:`result_to_row`, so the columns cannot drift between interfaces.
"""

from __future__ import annotations

import hashlib
from typing import Any

from krquality.result import Result

FlatValue = str | int | float | bool | None
"""A value of a flat output row."""

BOOKKEEPING_COLUMNS: tuple[str, ...] = ("row", "id")
"""Columns that place a row in its input: 1-based row number and stable id."""

RESULT_COLUMNS: tuple[str, ...] = (
    "text",
    "label",
    "confident",
    "p_metric",
    "p_milestone",
    "p_task",
    "score",
    "grade",
    "findings",
    "suggestion",
)
"""Columns :func:`result_to_row` returns, in order."""

RESERVED_COLUMNS: frozenset[str] = frozenset(BOOKKEEPING_COLUMNS + RESULT_COLUMNS)

PROBABILITY_DIGITS = 4


def row_id(row: int, text: str) -> str:
    """A stable id for input row ``row`` holding ``text``.

    The first 16 hex digits of ``sha1(f"{row}\\n{text}")`` (UTF-8; characters
    that cannot be encoded are replaced). It depends only on the row's
    content and position, never on the file's path or name, so the same
    data gives the same ids wherever it lives and however it is re-run.

    >>> row_id(1, "Launch the partner portal")
    '5f29a45fd8ecdc56'
    """
    data = f"{row}\n{text}".encode("utf-8", "replace")
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()[:16]


def result_to_row(result: Result) -> dict[str, FlatValue]:
    """Flatten a :class:`Result` into the :data:`RESULT_COLUMNS`.

    ``findings`` holds the finding codes separated by spaces (``"KRQ101
    KRQ203"``, empty when there are none); ``suggestion`` the text of the top
    suggestion or ``""``; probabilities are rounded to 4 decimals.

    >>> from krquality import analyze
    >>> result_to_row(analyze("Double weekly active teams"))["label"]
    'metric'
    """
    p = result.probabilities
    return {
        "text": result.text,
        "label": result.label.value,
        "confident": result.confident,
        "p_metric": round(float(p.get("metric", 0.0)), PROBABILITY_DIGITS),
        "p_milestone": round(float(p.get("milestone", 0.0)), PROBABILITY_DIGITS),
        "p_task": round(float(p.get("task", 0.0)), PROBABILITY_DIGITS),
        "score": int(result.score),
        "grade": result.grade,
        "findings": " ".join(f.code for f in result.findings),
        "suggestion": result.suggestions[0].text if result.suggestions else "",
    }


def output_row(
    *, row: int, text: str, kept: dict[str, Any], result_row: dict[str, FlatValue]
) -> dict[str, Any]:
    """Assemble one output row: ``row``, ``id``, the kept input columns, then the result.

    >>> output_row(row=3, text="x", kept={"team": "A"}, result_row={"text": "x", "label": "task"})
    {'row': 3, 'id': '1831387a6307df1f', 'team': 'A', 'text': 'x', 'label': 'task'}
    """
    return {"row": row, "id": row_id(row, text), **kept, **result_row}
