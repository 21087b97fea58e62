"""Placeholder filling (for scoring only) and which findings a draft fixes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.result import Finding, Severity
from krquality.suggest import PLACEHOLDERS, fill_placeholders, fixed_codes


@pytest.mark.parametrize(
    ("text", "filled"),
    [
        ("Increase NPS from [baseline] to 48 by [date]", "Increase NPS from 38 to 48 by Q4"),
        ("Reduce response time from [baseline] to 2 hours", "Reduce response time from 2.5 to 2 hours"),
        ("Cut churn from [baseline] to below 2%", "Cut churn from 2.5% to below 2%"),
        ("Increase conversion from 4% to [target] by [date]", "Increase conversion from 4% to 5% by Q4"),
        ("Reduce churn from 3% to [target]", "Reduce churn from 3% to 2%"),
        ("Increase CSAT from [baseline] to [target] by [date]", "Increase CSAT from 40% to 55% by Q4"),
        ("Raise AOV from [baseline] to $55", "Raise AOV from $44 to $55"),
        ("Increase coverage from 90% to [target]", "Increase coverage from 90% to 95%"),
        ("Reach [target] weekly users of the app by [date]", "Reach 5000 weekly users of the app by Q4"),
        ("Double weekly active teams from [baseline] by Q3", "Double weekly active teams from 40 by Q3"),
        ("Launch the portal by [date]", "Launch the portal by Q4"),
    ],
)
def test_fill_placeholders(text: str, filled: str) -> None:
    assert fill_placeholders(text) == filled


@given(st.lists(st.sampled_from([*PLACEHOLDERS, "from", "to", "48", "4%", "Reduce", "NPS"]), max_size=12))
def test_filling_leaves_no_placeholder(parts: list[str]) -> None:
    filled = fill_placeholders(" ".join(parts))
    assert not any(p in filled for p in PLACEHOLDERS)


def _finding(code: str, name: str) -> Finding:
    return Finding(code, name, Severity.WARNING, "m", 0, 1)


def test_a_code_still_found_in_either_form_is_not_fixed() -> None:
    original = [_finding("KRQ101", "metric.no_baseline"), _finding("KRQ105", "metric.no_deadline")]
    filled = [_finding("KRQ105", "metric.no_deadline")]
    shown = [_finding("KRQ101", "metric.no_baseline")]
    assert fixed_codes(original, filled, shown) == ()


def test_the_placeholder_finding_of_the_shown_form_is_expected() -> None:
    original = [_finding("KRQ301", "task.activity"), _finding("KRQ406", "wording.placeholder")]
    shown = [_finding("KRQ406", "wording.placeholder")]
    assert fixed_codes(original, [], shown) == ("KRQ301", "KRQ406")
