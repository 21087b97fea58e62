"""Drafts a coach would hand over: no date on an end state nobody can check, and the author's
numbers kept in the role they wrote them in (krquality.suggest.drafts, krquality.checks.outputs).

Every example is written for these tests, in domains of their own.
"""

from __future__ import annotations

import re

import pytest

from .texts import suggested

pytestmark = pytest.mark.slow


def _date_only(text: str, drafts: list[str]) -> list[str]:
    """The drafts that are ``text`` with only a date added."""
    core = text.rstrip(" .")
    return [d for d in drafts if set(re.findall(r"\[[^\]]+\]", d)) == {"[date]"} and core in d]


@pytest.mark.parametrize(
    "text",
    [
        "Agreement on the delivery rota with the drivers",
        "Kitchen rota alignment",
        "Till and stock sheet everyday integration",
        '"consensus" on the opening hours of the pantry',
        # an ability with a bare verb and nothing it acts on
        "The ferry crew is able to expand",
    ],
)
def test_no_date_only_draft_on_an_end_state_nobody_can_check(text: str) -> None:
    assert not _date_only(text, suggested(text))


@pytest.mark.parametrize(
    "text",
    [
        # a record made of it, or a place it is reached in: there is something to check
        "Signed agreement with the parish council",
        "Integration of the booking form into the clinic website",
        # a thing made, not a state
        "Volunteer handbook for the food bank",
        # an ability with what it acts on: something to check
        "Stewards are able to open the hall on their own",
    ],
)
def test_a_date_is_still_offered_where_the_end_state_shows(text: str) -> None:
    assert _date_only(text, suggested(text))


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("Close 40% of the issues from the lift inspection", "by 40% (from [baseline])"),
        ("65% of the issues in the ferry app are fixed by May", "by 65% (from [baseline]) by May"),
    ],
)
def test_a_share_of_flaws_closed_keeps_the_authors_share_first(text: str, share: str) -> None:
    drafts = suggested(text)
    assert drafts and share in drafts[0]


@pytest.mark.parametrize(
    "text",
    [
        "120 tenants will get a home visit from a caseworker",
        "300+ learners will get weekly phone tutoring",
    ],
)
def test_people_served_are_not_turned_into_a_blank_count_of_active_ones(text: str) -> None:
    assert not [d for d in suggested(text) if "number of active" in d and "[target]" in d]


@pytest.mark.parametrize(
    "text",
    [
        "Patch and update the ticketing tools and rotas",
        "Refresh the allotment guides and the rota sheet",
    ],
)
def test_no_measure_of_one_thing_where_two_are_joined(text: str) -> None:
    # a measure of the first thing would drop the second the author named
    assert not [d for d in suggested(text) if re.search(r"share of teams using|monthly readers of", d)]


def test_a_measure_of_one_thing_with_its_topic_is_still_drafted() -> None:
    assert [
        d for d in suggested("Update the ticketing tools for the ferry desk") if "share of teams using" in d
    ]


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("Fix the ferry booking timeout?", True),  # a result asked about: settled and dated
        ("Stock rotation analysis?", False),  # a topic asked about: dated, still a topic
        ("Ferry timetable review?", False),
    ],
)
def test_only_a_question_with_a_verb_is_settled_and_dated(text: str, dated: bool) -> None:
    drafts = suggested(text)
    assert bool([d for d in drafts if d == text.rstrip("?") + " by [date]"]) is dated
