"""No date-only draft for a request, work in progress or an amount with no number, and no
audience measure that changes what the author counted. Every example is written for these tests."""

from __future__ import annotations

import pytest

import krquality

from .texts import suggested_checked

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Ask the parish council for volunteers to run the harvest stall",
        "Invite local schools to join the spring litter pick",
        "We are regularly measuring volunteer and donor satisfaction",
        "We are exploring a second site for the tool library",
        "Provide enough recipes for a new cook to run the Sunday lunch alone",
        "Members can learn more about the tool library on the website",
        "Complete garden and kitchen projects",
        "Develop an opportunity for a joint bid with the county museum",
        "30% of market stalls have a refit in progress",
    ],
)
def test_no_date_only_draft_for_a_request_a_doing_or_an_open_amount(text: str) -> None:
    core = text.split()[:3]
    assert not any(t.endswith("by [date]") and t.split()[:3] == core for t in suggested_checked(text))


@pytest.mark.parametrize(
    "text",
    [
        "The kiosk is running on the new tablets",  # a thing's state, not the team's doing
        "Complete the garden projects",
        "Publish the volunteer handbook",
    ],
)
def test_a_state_or_a_named_deliverable_still_gets_its_date(text: str) -> None:
    assert f"{text} by [date]" in suggested_checked(text)


def test_a_request_says_why_there_is_no_date() -> None:
    result = krquality.analyze("Invite local schools to join the spring litter pick")
    assert not result.suggestions
    assert "request" in (result.no_suggestion or "")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Get 60 recipes from members on the cooking forum", "readers of"),  # their contributions
        ("Finish refreshing the club website", "users of refreshing"),  # more work, not a product
    ],
)
def test_no_audience_measure_of_what_others_made_or_of_more_work(text: str, absent: str) -> None:
    assert not any(absent in t for t in suggested_checked(text))


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Film 4 short videos on the new booking screens", "monthly views of short videos"),
        ("Make short video tutorials on sourdough starters", "monthly views of short video tutorials"),
        ("Create tutorials for new bakers", "monthly readers of tutorials"),
        ("Get 8 code reviews from the platform team", "defects that get past code reviews"),
    ],
)
def test_videos_are_watched_and_reviews_received_still_find_flaws(text: str, measure: str) -> None:
    assert any(measure in t for t in suggested_checked(text))


@pytest.mark.parametrize(
    "text", ["Conduct regular choir practice sessions", "Conduct weekly choir practice sessions"]
)
def test_more_of_the_counted_work_is_not_its_effect(text: str) -> None:
    assert not any(t.startswith(("Increase regular", "Increase weekly")) for t in suggested_checked(text))


def test_an_attendance_measure_of_the_counted_work_is_still_offered() -> None:
    assert any("attendance at" in t for t in suggested_checked("Run regular sessions for carers every week"))


def test_ways_explored_are_published_as_a_list() -> None:
    assert suggested_checked("Explore ways to cut food waste at the depot")[:1] == [
        "Publish the list of ways to cut food waste at the depot by [date]"
    ]


def test_a_measure_never_cuts_a_name_in_half() -> None:
    texts = suggested_checked("Ship 2 new plugins on Built with Kelp")
    assert texts
    assert not any(
        t.endswith("on Built from [baseline] to [target] by [date]") or " on Built from" in t for t in texts
    )
