"""A draft's first word keeps a lowercase name's case; a date goes before a guardrail clause.

Every example is written for these tests, in domains of their own.
"""

from __future__ import annotations

import pytest

from krquality.suggest.casing import capitalise_first
from krquality.suggest.placing import date_place, guardrail_start

from .texts import suggested_checked


@pytest.mark.parametrize(
    "text",
    [
        "pnpm installs finish in under a minute",  # not an English word
        "h3ctl exports every tile layer",  # a digit
        "vue-router handles every legacy path",  # a part that is no English word
        "js-ipfs nodes reach 400 peers",
        "eBay listings reach 300 a week",  # a capital inside
        "iPhone crash reports fall below 40 a day",
    ],
)
def test_a_lowercase_name_first_keeps_its_case(text: str) -> None:
    assert capitalise_first(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("publish the allotment rota", "Publish the allotment rota"),
        ("volunteers cover every shift", "Volunteers cover every shift"),  # a plural
        ("migrated ledgers balance", "Migrated ledgers balance"),  # an inflected verb
        ("our members renew", "Our members renew"),  # a stop word
        ("the rota is shared", "The rota is shared"),
        ("Already capital", "Already capital"),
        ("menus+prices are printed", "Menus+prices are printed"),  # a word before a "+"
        ("long-term plan for the depot is published", "Long-term plan for the depot is published"),
        ("follow-up calls reach every tenant", "Follow-up calls reach every tenant"),
    ],
)
def test_an_ordinary_first_word_is_capitalised(text: str, expected: str) -> None:
    assert capitalise_first(text) == expected


@pytest.mark.slow
def test_a_draft_from_the_engine_keeps_a_lowercase_tool_name_first() -> None:
    drafts = suggested_checked("pnpm installs finish in under 40 seconds")
    assert drafts and all(d.startswith("pnpm ") for d in drafts)


@pytest.mark.parametrize(
    ("text", "main"),
    [
        (
            "Cut the bakery's waste to 5 kg a day without lowering the shelf stock",
            "Cut the bakery's waste to 5 kg a day",
        ),
        ("Sign 40 new tenants while keeping voids under 3%", "Sign 40 new tenants"),
        ("Grow the choir to 60 singers, but not above the hall's capacity", "Grow the choir to 60 singers"),
        ("Halve ferry delays whilst the timetable stays the same", "Halve ferry delays"),
    ],
)
def test_the_main_clause_ends_before_a_guardrail(text: str, main: str) -> None:
    at = guardrail_start(text, 0, len(text))
    assert at is not None and text[:at] == main


@pytest.mark.parametrize(
    "text",
    [
        "Every claim is settled without assistance",  # a manner, not a guardrail
        "Without extra funding, open two reading rooms",  # nothing before it
        "Vans are loaded while",  # nothing after it to guard
    ],
)
def test_no_guardrail_where_there_is_none(text: str) -> None:
    assert guardrail_start(text, 0, len(text)) is None


def test_a_long_sentence_is_dated_before_its_guardrail() -> None:
    text = (
        "The regional warehouses ship ninety percent of parcels on the day they are ordered "
        "without hiring weekend staff for any of the four sites"
    )
    at = date_place(text, 0, len(text))
    assert at is not None and text[at:].startswith(" without hiring")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("Ship the new invoice template without breaking the old exports", " without breaking"),
        ("Cut the ward's discharge wait to 2 hours without adding night shifts", " without adding"),
    ],
)
def test_a_date_only_draft_dates_the_result_not_the_guardrail(text: str, before: str) -> None:
    drafts = suggested_checked(text)
    assert drafts and all(f"by [date]{before}" in d for d in drafts if "[date]" in d)
    assert not any(d.endswith("by [date]") for d in drafts)
