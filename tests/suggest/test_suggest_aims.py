"""Drafts for tasks and vague aims that no other builder drafts (krquality.suggest.aims).

The wording rules run on hand-built features; a few cases run through the real
engine to show the re-analysis keeps the draft and scores it as ``analyze()``
scores its filled text. Every example is written for these tests.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import krquality
from krquality.features.types import Features, Form, SpanRef
from krquality.suggest import fill_placeholders
from krquality.suggest.aims import aim_drafts

SLOTS = "from [baseline] to [target]"


def drafts(text: str) -> list[str]:
    return aim_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        # a direction verb with a measure and no amount: the slots follow the measure
        (
            "Grow the number of regular mentors (on the active roster)",
            f"Grow the number of regular mentors (on the active roster) {SLOTS} by [date]",
        ),
(
            "Increase breadth of donors across regions",
            f"Increase breadth of donors across regions {SLOTS} by [date]",
        ),
        (
            "Increase uptake of the tenancy checklist in partner charities",
            f"Increase uptake of the tenancy checklist in partner charities {SLOTS} by [date]",
        ),
        # the author's time frame stays the time frame
        (
            "Grow adoption of the style guide across teams in Q3",
            f"Grow adoption of the style guide across teams {SLOTS} in Q3",
        ),
        # an aside after a dash stays after the slots
        (
            "Reduce missed pickups - counted per route",
            f"Reduce missed pickups {SLOTS} by [date] - counted per route",
        ),
        # "Keep doing X": the measure X moves, without the continuing verb
        (
            "Keep closing stale tickets on the help desk",
            f"Reduce open stale tickets on the help desk {SLOTS} by [date]",
        ),
(
            "Continue answering questions in the forum",
            f"Reduce unanswered questions in the forum {SLOTS} by [date]",
        ),
        # wished states, in the author's words
        ("More volunteers, bigger crew", f"Increase the number of volunteers {SLOTS} by [date]"),
        (
            "Booking site has a clearer menu",
            f"Raise the survey rating of the menu of the booking site {SLOTS} by [date]",
        ),
        (
            "Make Tallybook more welcoming",
            f"Increase the share of surveyed users who rate Tallybook as welcoming {SLOTS} by [date]",
        ),
        # a recurring activity: the effect its purpose names
        (
            "Run a drop-in clinic each week to welcome new tenants",
            f"Increase the share of new tenants who come back a second time {SLOTS}",
        ),
(
            "Hold a stall at each fair to attract volunteers",
            f"Increase the number of volunteers {SLOTS} by [date]",
        ),
        # feedback collected at a rate: the share who give it, at that rate
        (
            "Collect feedback from tenants on a monthly basis",
            f"Increase the share of tenants who give feedback monthly {SLOTS}",
        ),
        # ... or after each event, asked of the people named: dated, since events date nothing
        (
            "Ask the choir members for feedback after each concert",
            f"Increase the share of choir members who give feedback after each concert {SLOTS} by [date]",
        ),
        # ... the people named by the work that comes first, its means
        (
            "Post the accounts to the members, and ask them for input after each open evening",
            f"Increase the share of members who give feedback after each open evening {SLOTS} by [date]",
        ),
        (
            "Gather input from volunteers following every clean-up",
            f"Increase the share of volunteers who give feedback following every clean-up {SLOTS} by [date]",
        ),
        # "Improved X of Y" and "<people> report a stronger X": a rating or a survey share
        (
            "Improved clarity of the tenancy letters",
            f"Raise the survey rating of the clarity of the tenancy letters {SLOTS} by [date]",
        ),
        (
            "Crew reports a stronger sense of ownership of the garden",
            "Increase the share of the crew who report a sense of ownership of the garden in a survey "
            f"{SLOTS} by [date]",
        ),
    ],
)
def test_a_draft_names_the_measure_in_the_authors_words(text: str, draft: str) -> None:
    assert draft in drafts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Expand the getting started page for new cooks",  # a thing made, not a measure
        "Increase measurable safety for partner kitchens",  # no measure named
        "Increase sign-ups from 40 to 60",  # an amount written: completed in place elsewhere
        "More quality",  # no count
        "More volunteers, better food",  # a second wish would be dropped
        "Keep going with the newsletter",  # no work to measure
        "Run a stall each week to sell jam and meet the council",  # not a purpose on people
        "Host a picnic to engage new members so more of them stay on",  # the rest would be dropped
        "Collect feedback from tenants about the boiler",  # not recurring: a task to date
        "Ask them for input at each rehearsal",  # who is asked is not named
        "Share the plan with Ledgerly and ask them for feedback after each call",  # no people named
        "Share the plan with the tenants and ask them for feedback",  # not recurring
        "Ask the tenants for feedback on the new bins",  # not recurring
        "Ask the tenants for feedback after each meeting and fix the bins",  # a second piece of work
        "Better planning",  # nothing named to rate
        "Improved clarity of 3 letters",  # a number the draft would misplace
    ],
)
def test_no_draft_where_it_would_invent_or_drop(text: str) -> None:
    assert drafts(text) == []


@given(st.text(alphabet=st.sampled_from("abcdeIMKRC moreto,;()-.0123Q"), max_size=60))
def test_drafts_keep_the_authors_numbers_and_never_double_the_time_frame(text: str) -> None:
    for draft in drafts(text):
        assert draft.count("[date]") <= 1
        body = re.sub(r"\[(?:baseline|target|date)\]", "", draft)
        for number in re.findall(r"\d+", text):
            if "(" in text or number not in body:
                continue
            assert number in body


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "draft"),
    [
        (
            "Increase the number of regular helpers (on the rota)",
            f"Increase the number of regular helpers (on the rota) {SLOTS} by [date]",
        ),
(
            "Keep closing stale tickets on the help desk",
            f"Reduce open stale tickets on the help desk {SLOTS} by [date]",
        ),
        ("More volunteers, bigger crew.", f"Increase the number of volunteers {SLOTS} by [date]"),
        (
            "Ask the tenants for feedback after each house meeting",
            f"Increase the share of tenants who give feedback after each house meeting {SLOTS} by [date]",
        ),
        ("Make Tallybook more welcoming", None),
    ],
)
def test_the_engine_keeps_the_draft_and_scores_its_filled_text(text: str, draft: str | None) -> None:
    result = krquality.analyze(text)
    assert result.suggestions, result.no_suggestion
    if draft is not None:
        assert draft in [s.text for s in result.suggestions]
    for suggestion in result.suggestions:
        assert suggestion.score > result.score
        assert suggestion.score == krquality.analyze(fill_placeholders(suggestion.text)).score


@pytest.mark.slow
def test_a_time_frame_the_author_wrote_is_not_added_again() -> None:
    result = krquality.analyze("Grow adoption of the style guide across teams in Q3")
    assert result.suggestions
    assert all("[date]" not in s.text for s in result.suggestions)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "draft"),
    [
        # a vague aim the classifier reads as a milestone: its measure is still drafted
        (
            "Booking portal has a better search layout",
            "Raise the survey rating of the search layout of the booking portal from [baseline] to [target]"
            " by [date]",
        ),
        # knowledge stated as read and understood: the test score, as for a skill
        (
            "Spreadsheet pivot tables read and understood",
            "Raise the score on a test of spreadsheet pivot tables from [baseline] to [target] by [date]",
        ),
    ],
)
def test_a_vague_aim_read_as_a_milestone_gets_its_measure(text: str, draft: str) -> None:
    result = krquality.analyze(text)
    assert result.label is krquality.Label.MILESTONE  # (the shape this test is for)
    assert draft in [s.text for s in result.suggestions]


@pytest.mark.slow
def test_a_milestone_with_no_vague_aim_gets_no_aim_measure() -> None:
    # a clear deliverable keeps its dated sentence; no survey rating is invented for it
    drafts = [s.text for s in krquality.analyze("The booking portal has a search page").suggestions]
    assert drafts
    assert not [d for d in drafts if "survey rating" in d]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "draft"),
    [
        # a vague verb on a thing read as a deliverable: what the work is on is measured
        (
            "Revamp the tenant handbook",
            "Increase monthly readers of the tenant handbook from [baseline] to [target] by [date]",
        ),
    ],
)
def test_a_vague_verb_read_as_a_deliverable_gets_the_measure_of_its_object(text: str, draft: str) -> None:
    result = krquality.analyze(text)
    assert result.label is krquality.Label.MILESTONE  # (the shape this test is for)
    assert draft in [s.text for s in result.suggestions]


@pytest.mark.slow
def test_a_vague_verb_on_a_thing_with_no_measure_gets_none() -> None:
    # a kitchen has no measure of its own: no draft is made up for it
    assert krquality.analyze("Revamp the kitchen").suggestions == ()
