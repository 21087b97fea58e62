"""Drafts toward the effect of an output count, the count kept as the means (krquality.suggest.counts).

Each shape runs through the real engine: the draft must be offered, keep the
author's numbers and words, pass the safety rules once re-analysed, and carry
the score ``krquality.analyze`` gives its filled text. Every example is
written for these tests.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krquality
from krquality.suggest import EFFECT, Draft, DraftKind, fill_placeholders
from krquality.suggest.counts import count_drafts
from krquality.suggest.drafts import _counted_phrase, _date_phrase
from krquality.suggest.rewrite import breaks_rules

from .texts import suggested

pytestmark = pytest.mark.slow


def offered(text: str, start: str) -> str:
    """The suggestion for ``text`` that starts with ``start``; fails when none does."""
    matches = [s for s in suggested(text) if s.startswith(start)]
    assert matches, f"no suggestion starting {start!r} for {text!r}: {suggested(text)}"
    return matches[0]


def assert_sound(text: str, draft: str) -> None:
    """``draft`` keeps every number of ``text``, passes the safety rules and scores as filled."""
    original = krquality.analyze(text, suggestions=False)
    filled = krquality.analyze(fill_placeholders(draft), suggestions=False)
    assert breaks_rules(Draft(draft, DraftKind.METRIC), original, filled=filled) is None
    for number in re.findall(r"\d+", text):
        assert number in draft
    (suggestion,) = [s for s in krquality.analyze(text).suggestions if s.text == draft]
    assert suggestion.score == filled.score > original.score


@pytest.mark.parametrize(
    ("text", "start", "kept"),
    [
        # tools for a named process: the time the process takes
        (
            "Use 4 invoicing tools",
            "Reduce the time invoicing takes from [baseline] to [target]",
            "using 4 invoicing",
        ),
        # work whose effect the words do not name: a marked slot, not a guess
        (
            "Oversee the timetable rework in 3 depots",
            f"Move {EFFECT} from [baseline]",
            "overseeing the timetable",
        ),
        # a measure of people beside the count leads, both numbers kept
        (
            "Host 6 pottery classes with 70 unique learners in Bristol",
            "Reach 70 unique learners by [date], up from [baseline]",
            "through hosting 6 pottery classes in Bristol",
        ),
        (
            "Run 9 first-aid courses with 150 participants across the county by June",
            "Reach 150 participants by June",
            "running 9 first-aid courses across the county",
        ),
        # a vague noun counted: named neutrally, never kept
        (
            "4 improvements to the seed bank are agreed",
            f"Move {EFFECT}",
            "through 4 changes to the seed bank agreed",
        ),
        # events spoken at: the people reached there
        (
            "Speaking at five library festivals",
            "Increase the number of people reached",
            "through speaking at five library festivals",
        ),
        (
            "Give talks at 3 garden shows",
            "Increase the number of people reached",
            "giving talks at 3 garden shows",
        ),
        # calls and conversations: what they settle
        (
            "Hold 10 calls with landlords",
            "Increase the number of agreements reached from [baseline]",
            "through holding 10 calls with landlords",
        ),
        # a figure named with its count
        (
            "Number of tasting evenings: 12",
            "Increase the number of people reached",
            "through 12 tasting evenings",
        ),
        # content: readers, the author's rate kept as the time frame
        (
            "Write 6 how-to guides for the tool library per quarter",
            "Increase the number of readers reached from [baseline] to [target] per quarter",
            "writing 6 how-to guides for the tool library",
        ),
    ],
)
def test_an_output_count_gets_a_draft_toward_its_effect(text: str, start: str, kept: str) -> None:
    draft = offered(text, start)
    assert kept in draft
    assert_sound(text, draft)


@pytest.mark.parametrize(
    "text",
    [
        "Have first chats about rent with landlords",
        "Hold 10 calls with landlords",
        "Start conversations about delivery slots with the bakeries",
        "Number of calls with suppliers: 8",
    ],
)
def test_no_attendance_draft_for_conversations_or_calls(text: str) -> None:
    drafts = suggested(text)
    assert drafts
    assert not [s for s in drafts if "attendance" in s]
    assert [s for s in drafts if "agreements reached" in s]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Host 6 pottery classes with 70 unique learners in Bristol", "70 unique learners"),
        ("Run 5 beach cleans with 200 volunteers", "200 volunteers"),
    ],
)
def test_no_draft_drops_the_measure_written_beside_the_count(text: str, measure: str) -> None:
    drafts = suggested(text)
    assert drafts
    assert all(measure in s for s in drafts)


@pytest.mark.parametrize(
    "text",
    [
        "Fix 60% of the defects found in the fire inspection",  # a share of the work
        "Book a 3-day glazing course",  # a length, not a count
    ],
)
def test_a_share_or_a_length_gets_no_count_draft(text: str) -> None:
    result = krquality.analyze(text, suggestions=False)
    counted = next(f for f in result.findings if f.name == "metric.output_count")
    assert count_drafts(result.features, result.findings, counted, things=None, date="by [date]") == []


def test_a_measure_per_event_stays_per_event() -> None:
    draft = offered("Run 4 litter picks with at least 25 helpers each", "Reach at least 25 helpers each")
    assert "through running 4 litter picks" in draft
    assert_sound("Run 4 litter picks with at least 25 helpers each", draft)


@pytest.mark.parametrize(
    "text",
    [
        "For every term, the club runs 6 coding evenings",  # a clause, which "through" cannot take
        "Each month the club hosts 4 coding evenings",
        "Host 8 quiz nights with substantial prizes",  # a vague word with no neutral name
        "Interview 15 tenants who moved out in May",  # the date is the clause's, not the key result's
    ],
)
def test_no_count_draft_where_the_sentence_cannot_be_kept_as_the_means(text: str) -> None:
    result = krquality.analyze(text, suggestions=False)
    counted = next(f for f in result.findings if f.name == "metric.output_count")
    things = _counted_phrase(result.features, counted)
    assert (
        count_drafts(
            result.features, result.findings, counted, things=things, date=_date_phrase(result.features)
        )
        == []
    )


_VERBS = ["Run", "Host", "Write", "Use", "Oversee", "Hold", "Give", "Publish", "Review"]
_THINGS = [
    "pottery classes",
    "repair evenings",
    "safety audits",
    "recipe videos",
    "booking tools",
    "allotment projects",
    "calls with growers",
    "talks at schools",
    "newsletter issues",
]
_TAILS = ["", " in Cardiff", " for the food bank", " with 60 unique visitors", " by October", " each month"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(_VERBS), st.integers(2, 40), st.sampled_from(_THINGS), st.sampled_from(_TAILS))
def test_every_suggestion_for_a_count_is_sound(verb: str, count: int, things: str, tail: str) -> None:
    text = f"{verb} {count} {things}{tail}"
    original = krquality.analyze(text)
    for suggestion in original.suggestions:
        filled = krquality.analyze(fill_placeholders(suggestion.text), suggestions=False)
        assert suggestion.score == filled.score > original.score
        assert breaks_rules(Draft(suggestion.text, DraftKind.METRIC), original, filled=filled) is None
        if "visitors" in text:
            assert "60 unique visitors" in suggestion.text
