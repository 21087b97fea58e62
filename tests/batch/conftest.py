"""Fixtures for the batch tests: small generated backlogs of key results."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

FRAGMENTS = [
    "Increase trial-to-paid conversion from 4% to 7%",
    "Launch the partner portal by May 15",
    "Hold weekly pipeline reviews",
    "Cut median support response time below 2 hours",
    "Improve the onboarding experience",
    "Hire a head of data",
    "Double weekly active teams",
    "Research competitor pricing",
    "Migrate billing to the new provider",
    "Publish 12 blog posts",
]
TEAMS = ["Sales", "Engineering", "Support"]


def backlog(n: int) -> list[dict[str, str]]:
    """``n`` varied rows (team, quarter, text), deterministic."""
    return [
        {
            "team": TEAMS[i % len(TEAMS)],
            "quarter": f"Q{i % 4 + 1}",
            "text": FRAGMENTS[i % len(FRAGMENTS)] + ("" if i < len(FRAGMENTS) else f" (draft {i})"),
        }
        for i in range(n)
    ]


def write_csv(path: Path, rows: list[dict[str, str]], *, delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def small_csv(tmp_path: Path) -> Path:
    """12 rows, of which row 4 is empty and row 9 is too long."""
    rows = backlog(12)
    rows[3]["text"] = ""
    rows[8]["text"] = "Grow " + "very " * 300 + "fast"
    return write_csv(tmp_path / "backlog.csv", rows)
