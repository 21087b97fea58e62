"""Formatting results for the terminal and for machine-readable output."""

from __future__ import annotations

import csv
import dataclasses
import enum
import io
import json
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from krquality.result import Result


def to_jsonable(value: Any) -> Any:
    """Dataclasses and enums -> plain JSON types.

    >>> from krquality.labels import Label
    >>> to_jsonable({"label": Label.TASK})
    {'label': 'task'}
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value


def render_table(results: Iterable[Result], console: Console) -> None:
    table = Table(show_lines=False)
    for column, justify in (
        ("key result", "left"),
        ("label", "left"),
        ("p", "right"),
        ("score", "right"),
        ("findings", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for result in results:
        p = result.probabilities[result.label.value]
        label = result.label.value + ("" if result.confident else " (uncertain)")
        # Text, not strings: rich would read "[baseline]" or "[/api]" in a key result as markup.
        table.add_row(
            Text(result.text),
            label,
            f"{p:.2f}",
            f"{result.score} {result.grade}",
            " ".join(f"{f.code} {f.name}" for f in result.findings),
        )
        for suggestion in result.suggestions[:1]:
            # a split: one key result per line, each with its arrow
            arrows = "\n".join(f"  → {line}" for line in suggestion.text.split("\n"))
            table.add_row(Text(arrows), "", "", "", "")
    console.print(table)


def render_json(results: list[Result]) -> str:
    return json.dumps([to_jsonable(r) for r in results], indent=2, ensure_ascii=False)


def render_jsonl(results: Iterable[Result]) -> Iterable[str]:
    for result in results:
        yield json.dumps(to_jsonable(result), ensure_ascii=False)


def render_csv(rows: Iterable[dict[str, Any]]) -> Iterable[str]:
    writer_buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(writer_buffer, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        yield writer_buffer.getvalue()
        writer_buffer.seek(0)
        writer_buffer.truncate()
