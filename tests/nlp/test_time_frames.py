"""Rates, periods and events that frame a key result in time (krquality.nlp.dates.time_frame_spans)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.nlp.dates import time_frame_spans


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("Publish one case study per month", "per month"),
        ("Read a book a month", "a month"),
        ("Run the volunteer call every week, except school holidays", "every week"),
        ("Each quarter, every rota slot is filled by two people", "Each quarter"),
        ("Back up the archive daily", "daily"),
        ("Answer 5-10 helpdesk tickets per quarter", "per quarter"),
        ("Ship the export API by GA", "by GA"),
        ("Agree the hiring plan by the Q3 planning", "by the Q3 planning"),
        ("Renew the insurance every year", "every year"),
        ("Grow newsletter sign-ups 5% MoM", "MoM"),
        ("Draft the bylaws [Q1]", "[Q1]"),
    ],
)
def test_a_rate_period_or_event_is_a_time_frame(text: str, frame: str) -> None:
    assert frame in [text[a:b] for a, b in time_frame_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Launch the partner portal",
        "Hire a head of data",
        "Create an app for the food bank",
        "Grow a team of mentors",
        "Increase NPS from 41 to 48",
    ],
)
def test_no_time_frame_where_there_is_none(text: str) -> None:
    assert time_frame_spans(text) == []


@given(st.text(max_size=200))
def test_spans_are_ordered_non_empty_slices_of_any_text(text: str) -> None:
    spans = time_frame_spans(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert spans == sorted(spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))


@pytest.mark.parametrize(
    "text",
    [
        "Open the booking desk by halfway through the term",
        "Move the archive before the middle of the term",
        "Sign the lease by mid-Q3",
        "Publish the menu by the midpoint of the cycle",
    ],
)
def test_a_point_inside_the_cycle_is_a_time_frame(text: str) -> None:
    assert time_frame_spans(text), text


@pytest.mark.parametrize("text", ["Halve the midway queue at the fair", "Run the middle school reading club"])
def test_middle_and_midway_alone_are_not_a_time_frame(text: str) -> None:
    assert time_frame_spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Have the stall takings counted no later than 10 days after the show",
        "Post match reports within 2 days of each match",
        "Send the minutes at the latest 5 working days after the meeting",
    ],
)
def test_a_deadline_counted_from_an_event_is_a_time_frame(text: str) -> None:
    assert time_frame_spans(text), text


@pytest.mark.parametrize(
    "text",
    ["Answer within 2 days", "Cut waiting to within 3 weeks for most patients", "Win 2 of the 3 bids"],
)
def test_a_duration_alone_is_not_an_events_deadline(text: str) -> None:
    assert time_frame_spans(text) == []


def test_asked_again_a_text_gives_the_same_spans_in_a_list_of_its_own() -> None:
    text = "Water the seedlings twice a week"
    first = time_frame_spans(text)
    first.append((0, 5))  # a caller that extends its list must not change the next answer
    again = time_frame_spans(text)
    assert again == [(text.index("a week"), len(text))]
    assert (0, 5) not in again and again is not first
