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
from krquality.suggest.effects import effect_slot
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
        # calls and conversations: what they settle
        (
            "Hold 10 calls with landlords",
            "Increase the number of agreements reached from [baseline]",
            "through holding 10 calls with landlords",
        ),
        # a figure named with its count
        (
            "Number of calls with suppliers: 8",
            "Increase the number of agreements reached",
            "through 8 calls with suppliers",
        ),
    ],
)
def test_an_output_count_gets_a_draft_toward_its_effect(text: str, start: str, kept: str) -> None:
    draft = offered(text, start)
    assert kept in draft
    assert_sound(text, draft)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # things others take up once made: their adoption or use
        ("Build 4 booking widgets for the clinic", "Increase [adoption of the booking widgets] from"),
        ("Ship 3 plugins for the till's label printer", "Increase [adoption of the plugins] from"),
        # work steered for others: delivered on time
        ("Oversee 3 depot refits", "Increase [on-time delivery of the depot refits] from"),
        ("Support 4 library migrations in the county", "Increase [on-time delivery of the library"),
        # a tool taken up by the team itself: the time it saves, not its own use again
        ("Use 3 rostering apps", "Increase [time saved with the rostering apps] from"),
        # trials: the measure each one sets out to move
        ("Run 2 pricing experiments in the farm shop", "Move [the measure tested by the pricing"),
        # reviews of work that is not code: what they find, fixed
        ("Complete 6 fire safety inspections", "Increase [the share of findings fixed after the fire safety"),
        # projects that carry a thing others take up: the thing's adoption, not the projects'
        ("Ship 3 clinic projects with booking widgets", "Increase [adoption of the booking widgets] from"),
        # ... with no count either: the things after the work's verb
        ("Conduct hygiene audits of each stall", "Increase [the share of findings fixed after the hygiene"),
    ],
)
def test_an_effect_slot_says_what_kind_of_effect_to_fill(text: str, start: str) -> None:
    draft = offered(text, start)
    assert EFFECT not in draft
    assert_sound(text, draft)
    # filled, the slot's words are the measure, read as one
    filled = krquality.analyze(fill_placeholders(draft), suggestions=False)
    assert filled.label is krquality.Label.METRIC
    assert not [f for f in filled.findings if f.name == "wording.placeholder"]


@pytest.mark.parametrize(
    "text",
    [
        # no kind of thing known: no guessed kind, and no blank for the author to invent
        "Oversee the timetable rework in 3 depots",
        "Draft 5 kitchen rotas",
        "4 improvements to the seed bank are agreed",
        # projects built to a standard: neither their adoption nor their delivery is the point
        "4 depot projects delivered with fire safety compliance confirmed",
    ],
)
def test_no_effect_kind_is_guessed_for_things_of_no_known_kind(text: str) -> None:
    drafts = suggested(text)
    assert not [s for s in drafts if re.search(r"\[(?:adoption|use|on-time|time saved)", s)]
    # nor is the bare slot offered in its place: the author would have to invent the measure
    assert not [s for s in drafts if EFFECT in s]


@pytest.mark.parametrize(
    "text",
    [
        # a measure named from the things (bugs past the tests, the win rate): no blank beside it
        "Write 40 regression tests for the till app",
        "Contribute to 5 tenders",
    ],
)
def test_no_blank_effect_slot_beside_a_named_measure(text: str) -> None:
    drafts = suggested(text)
    assert drafts
    assert not [s for s in drafts if EFFECT in s]
    # nor a kind read off what the things are for ("the till app"), which is not what was made
    assert not [s for s in drafts if "[use of" in s]


@pytest.mark.parametrize(
    "text",
    [
        # talks given, events held, content written, meetings led: a head count of the audience
        # says nothing of what the work is for, so no reach template is drafted
        "Speaking at five library festivals",
        "Book 6 talk slots at housing fairs",
        "Number of tasting evenings: 12",
        "Write 6 how-to guides for the tool library per quarter",
        "Lead 4 discussions on composting",
        "Hold 5 planning meetings with the allotment committee",
        "2 ferry timetable roundtables",
    ],
)
def test_no_reach_template_for_audiences(text: str) -> None:
    drafts = suggested(text)
    assert not [s for s in drafts if re.search(r"(?:people|readers) reached|attendance at", s)], drafts


def test_a_measure_of_people_the_author_wrote_still_leads() -> None:
    # the reach the author wrote is theirs: it leads the draft, the count kept as the means
    draft = offered("Give 4 talks at garden shows with 300 visitors", "Reach 300 visitors")
    assert "giving 4 talks at garden shows" in draft


def test_an_effect_slot_names_only_the_head_where_the_words_cannot_stand_in_a_slot() -> None:
    # digits and an apostrophe are not slot words: the head noun alone is named
    assert effect_slot("2.0 kiosk's widgets", "widgets", "build") == "[adoption of the widgets]"
    assert effect_slot("3 new parish sites", "sites", "launch") == "[use of the parish sites]"
    # apps the team itself takes up: the time they save, not their use again
    assert effect_slot("label apps", "apps", "use") == "[time saved with the label apps]"
    assert effect_slot("kitchen rotas", "rotas", "draft") == EFFECT


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
