"""The cycle a heading, title or file name states, and when it ends."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.cycle import cycle_end, find_cycle, with_year


@pytest.mark.parametrize(
    ("text", "cycle"),
    [
        ("## Q3 2026 goals", "Q3 2026"),
        ("OKRs 2027-Q1", "Q1 2027"),
        ("Plan for H2 2025", "H2 2025"),
        ("FY27 priorities", "FY27"),
        ("Roadmap 2026/2027", "2026-2027"),
        ("Bakery goals, March 2026", "March 2026"),
        ("2026 4月 目標", "April 2026"),
        ("Season 3 objectives", "Season 3"),
        ("From 01/02/2026 to 30/04/2026", "01/02/2026 to 30/04/2026"),
        ("### Q4", "Q4"),
        ("Annual plan 2028", "2028"),
        ("Meeting notes 2026-03-14", None),
        ("Where we made progress", None),
    ],
)
def test_find_cycle(text: str, cycle: str | None) -> None:
    assert find_cycle(text) == cycle


@pytest.mark.parametrize(
    ("cycle", "end"),
    [
        ("Q1 2026", "2026-03-31"),
        ("Q2-Q3 2026", "2026-09-30"),
        ("H2 2025", "2025-12-31"),
        ("2028", "2028-12-31"),
        ("February 2028", "2028-02-29"),
        ("FY27", "end of FY27"),
    ],
)
def test_cycle_end(cycle: str, end: str) -> None:
    assert cycle_end(cycle) == end


def test_a_bare_quarter_takes_the_year_above_it() -> None:
    assert with_year("Q2", "2026") == "Q2 2026"


@given(st.text(max_size=80))
def test_find_cycle_never_raises_and_finds_text_cycles(text: str) -> None:
    cycle = find_cycle(text)
    assert cycle is None or isinstance(cycle_end(cycle), str)
