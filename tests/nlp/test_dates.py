"""Dates, periods, durations and deadlines."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krquality.features.types import Features

Extract = Callable[[str], Features]


@pytest.mark.parametrize(
    ("text", "span", "normalized", "is_deadline"),
    [
        ("Launch the portal by June 30", "by June 30", "--06-30", True),
        ("Launch the portal by June 30th, 2027", "by June 30th, 2027", "2027-06-30", True),
        ("Launch the portal by 30 June 2027", "by 30 June 2027", "2027-06-30", True),
        ("Launch the portal by Jun 30", "by Jun 30", "--06-30", True),
        ("Launch the portal before Q3", "before Q3", "Q3", True),
        ("Launch the portal in March 2027", "in March 2027", "2027-03", False),
        ("Launch the portal in Q4", "in Q4", "Q4", False),
        ("Launch the portal in Q3 2026", "in Q3 2026", "2026-Q3", False),
        ("Launch the portal in Q3'26", "in Q3'26", "2026-Q3", False),
        ("Launch the portal in H1", "in H1", "H1", False),
        ("Launch the portal in FY27", "in FY27", "FY27", False),
        ("Launch the portal by end of year", "by end of year", "EOY", True),
        ("Launch the portal by the end of the year", "by the end of the year", "EOY", True),
        ("Launch the portal by EOY", "by EOY", "EOY", True),
        ("Launch the portal by EOQ", "by EOQ", "EOQ", True),
        ("Launch the portal by the end of sprint 14", "by the end of sprint 14", None, True),
        ("Launch the portal by end of 2026", "by end of 2026", "2026-12-31", True),
        ("Launch the portal within 6 weeks", "within 6 weeks", "P6W", True),
        ("Launch the portal within two months", "within two months", "P2M", True),
        ("Launch the portal within the next quarter", "within the next quarter", "P3M", True),
        ("Launch the portal by 2027-03-31", "by 2027-03-31", "2027-03-31", True),
        ("Launch the portal by 30/06/2027", "by 30/06/2027", "2027-06-30", True),
        ("Launch the portal by 06/30/2027", "by 06/30/2027", "2027-06-30", True),
        ("Launch the portal by 03/04/2027", "by 03/04/2027", None, True),
        ("Launch the portal no later than May 15", "no later than May 15", "--05-15", True),
        ("Launch the portal until Friday", "until Friday", None, True),
        ("Launch the portal due Q2", "due Q2", "Q2", True),
        ("Launch the portal in the first half of 2026", "in the first half of 2026", None, False),
        ("Launch the portal in the second half", "in the second half", None, False),
        ("Publish the 2026 roadmap", "2026", "2026", False),
        ("Launch the portal next quarter", "next quarter", None, False),
        ("Launch the portal on 15/6", "on 15/6", "--06-15", False),
        ("Launch the portal on 1/4", "on 1/4", None, False),  # 1 April or 4 January
        ("Launch the club by half term", "by half term", None, True),
        ("Launch the club by half-term", "by half-term", None, True),
        ("Open the library before the Easter holidays", "before the Easter holidays", None, True),
        # Day.month with the European closing dot; calendar weeks in short form.
        ("Registration site live by 30.06.", "by 30.06", "--06-30", True),
        ("Registration site up by 1.4.", "by 1.4", "--04-01", True),
        ("MV Corran out of dock wk 19 as planned", "wk 19", None, False),
        ("Go-live CW 23", "CW 23", None, False),
        # Events date a deadline; after "before", "ahead of" or "in time for" any name does.
        ("Public status page live by GA", "by GA", None, True),
        ("Launch the portal by the AGM", "by the AGM", None, True),
        ("Launch the sale before Black Friday", "before Black Friday", None, True),
        ("Open the new store in time for Christmas", "in time for Christmas", None, True),
        ("Ship the demo before KubeCon", "before KubeCon", None, True),
        ("Sign 3 design partners ahead of Demo Day", "ahead of Demo Day", None, True),
        ("Finish the ERP cutover before fiscal year close", "before fiscal year close", None, True),
        # A year before the thing it dates, even past a plural modifier.
        ("Publish the 2025 emissions report", "2025", "2025", False),
    ],
)
def test_date_is_found_and_normalised(
    extract: Extract, text: str, span: str, normalized: str | None, is_deadline: bool
) -> None:
    dates = extract(text).dates
    assert dates, f"no date in {text!r}"
    date = dates[0]
    assert date.span.text == span
    if normalized is not None or "sprint" in text or "next" in text or "03/04" in text or "Friday" in text:
        assert date.normalized == normalized
    assert date.is_deadline is is_deadline


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("Launch the portal in the first half of 2026", "2026-H1"),
        ("Launch the portal in the second half", "H2"),
    ],
)
def test_half_year_words_become_period_codes(extract: Extract, text: str, normalized: str) -> None:
    assert extract(text).dates[0].normalized == normalized


@given(
    half=st.sampled_from(["1H", "2H", "1h", "2h"]),
    year=st.integers(2015, 2059),
)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_half_written_number_first_beside_a_year_is_a_period_not_hours(
    extract: Extract, half: str, year: int
) -> None:
    features = extract(f"{half} {year} staffing plan approved by the trustees")
    assert [d.normalized for d in features.dates] == [f"{year}-H{half[0]}"]
    assert features.quantities == ()


def test_a_number_first_half_takes_a_fiscal_year(extract: Extract) -> None:
    features = extract("2H FY28 roadmap shared with the regional leads")
    assert [d.normalized for d in features.dates] == ["FY28-H2"]
    assert features.quantities == ()


@pytest.mark.parametrize(
    "text", ["Cut the ferry wait to 2h 2027 onwards", "Keep a night shift under 1h 2030 style"]
)
def test_a_number_first_half_after_an_amount_word_stays_hours(extract: Extract, text: str) -> None:
    assert not any(d.normalized and d.normalized.endswith(("-H1", "-H2")) for d in extract(text).dates)


@pytest.mark.parametrize(
    "text",
    [
        "Reach 2025 paying customers",  # a count that looks like a year
        "Grow ARR to $2026",
        "We may launch the portal",  # "may" the modal
        "Resolve tickets within 2 days",  # a threshold on a time measure, left to quantities
        "Get an app rating of 8/10",  # a rating, not August 10
        "Provide 24/7 support",
        "Close 5 deals",  # "close" without "of"
        "Send 3 reports per week",
        "Cover 1/4 of the stores on 1/4 of the days",  # fractions, even after "on"
        "Cut the backlog by half",
        "Reduce churn by 1.4",  # no closing dot: an amount
        "Reduce churn by 1.4 points.",
        "Reach 2025 paying customers by building referral loops",
        "Incident runbook signed off by CISO",  # after "by", a name is who does it
        "Migration plan approved by Maria",
    ],
)
def test_near_misses_are_not_dates(extract: Extract, text: str) -> None:
    assert extract(text).dates == ()


def test_threshold_within_stays_a_quantity(extract: Extract) -> None:
    features = extract("Resolve tickets within 2 days")
    assert [(q.value, q.unit) for q in features.quantities] == [(2.0, "d")]
