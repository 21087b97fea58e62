"""Drafts about events and writing: attendance only for events the team holds, time frames read right.

Every example is written for these tests, in domains of their own.
"""

from __future__ import annotations

import pytest

import krquality

from .texts import suggested_checked

pytestmark = pytest.mark.slow


_texts = suggested_checked


@pytest.mark.parametrize(
    "text",
    [
        "Join 3 community meetups about urban cycling",
        "We have scheduled 3 idea workshops ahead of the autumn fundraiser",
        "Participate in different trade groups & meetups to promote the cider range",
        "3 conferences presented at in Q2",
    ],
)
def test_no_attendance_draft_for_events_others_hold_or_not_yet_held(text: str) -> None:
    assert not any("attendance" in t for t in _texts(text))


def test_an_event_the_team_hosts_is_still_measured_by_who_comes() -> None:
    assert any(
        t.startswith("Increase average attendance at cooking workshops")
        for t in _texts("Host 6 cooking workshops for parents by June")
    )


def test_a_rate_naming_the_event_becomes_each_period_not_a_dangling_adjective() -> None:
    drafts = _texts("Run the monthly repair café")
    assert drafts and drafts[0].endswith("each month")
    assert not any(t.endswith("the monthly") for t in drafts)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("4 kitchen audits contributed to in Q3", "to in Q3"),  # the "to" is the participle's
        ("Run the cafe at the end of each week", "cafe at the end from"),  # the lead-in is the rate's
    ],
)
def test_the_words_leading_into_a_time_frame_are_taken_once_and_only_when_they_lead_it(
    text: str, absent: str
) -> None:
    drafts = _texts(text)
    assert drafts
    assert not any(absent in t for t in drafts)


def test_counted_work_closed_by_a_participle_is_the_means_in_its_ing_form() -> None:
    drafts = _texts("4 library migrations contributed to")
    assert any(t.endswith("through contributing to 4 library migrations") for t in drafts)


def test_events_spoken_at_get_no_reach_template() -> None:
    # "the number of people reached through speaking at 4 clubs" says nothing of what the talks are for
    assert not any("reached" in t for t in _texts("4 gardening clubs spoken at"))


@pytest.mark.parametrize(
    "text", ["Join 3 community meetups about urban cycling", "Plan 3 workshops for new volunteers"]
)
def test_a_first_word_verb_the_drafts_cannot_inflect_is_never_left_bare_after_through(text: str) -> None:
    first = text.split()[0].lower()
    assert not any(f"through {first} " in t.lower() for t in _texts(text))


def test_writing_about_a_topic_is_published_as_a_write_up_on_it() -> None:
    assert _texts("Write about the new recycling scheme")[:1] == [
        "Publish a write-up about the new recycling scheme by [date]"
    ]


def test_what_is_written_up_is_published_not_a_measure_to_increase() -> None:
    drafts = _texts("Write up the onboarding steps for drivers")
    assert drafts and drafts[0] == "Publish the onboarding steps for drivers by [date]"
    assert not any(t.startswith("Increase") for t in drafts)


def test_a_point_inside_the_cycle_is_the_time_frame_and_no_date_is_asked_for() -> None:
    result = krquality.analyze("Fit the new shelving by halfway through the quarter")
    assert not any(f.name.endswith("no_deadline") for f in result.findings)
    assert not any("[date]" in s.text for s in result.suggestions)
