"""No date-only draft where the missing date is not the key result's main weakness: work that
goes on, a judgement or a state nobody can check, a time frame an event already gives; and no
draft that changes what the author counted. Every example is written for these tests."""

from __future__ import annotations

import pytest

import krquality
from krquality.features.types import (
    Change,
    Direction,
    Features,
    Form,
    LeadVerb,
    Quantity,
    QuantityKind,
    SpanRef,
    VerbClass,
)
from krquality.labels import Label
from krquality.suggest.drafts import build_drafts

from .texts import suggested_checked

pytestmark = pytest.mark.slow


_texts = suggested_checked


@pytest.mark.parametrize(
    "text",
    [
        "Draft and maintain the onboarding guides for the warehouse",
        "Maintain the stock spreadsheet for the pantry",
        "Align the volunteer rota with the charity plan",
        "Socialize the new expense policy with the regional teams",
        "Establish weekly stock-take practices for the depots",
        "Curation of the seed library",
        "Set up the pantry dashboard, choose the targets, track progress",
        "The payroll export is a sound basis for the month-end close",
        "Customer records are kept private",
        "New drivers understand the rota app after the induction talk",
        "The kitchen crews are aligned on the winter menu",
        "Present the budget at the All Hands",
        "Ship the offline mode for the 2.0 release",
    ],
)
def test_no_date_only_draft_when_something_else_is_the_weakness(text: str) -> None:
    assert not any(t.endswith("by [date]") and t.startswith(text.split()[0]) for t in _texts(text))


@pytest.mark.parametrize(
    "text",
    [
        "Write the launch plan for the bakery app",  # a plan is no event
        "Draft the release notes for the payroll app",
        "Publish the volunteer handbook",
        "Ship the booking widget for the clinic",
    ],
)
def test_a_deliverable_with_only_its_date_missing_still_gets_one(text: str) -> None:
    assert f"{text} by [date]" in _texts(text)


def test_work_that_goes_on_says_why_there_is_no_date() -> None:
    result = krquality.analyze("Maintain the stock spreadsheet for the pantry")
    assert not result.suggestions
    assert "goes on" in (result.no_suggestion or "")


@pytest.mark.parametrize(
    "text",
    [
        "Maintain recall at 85% or above for the sorting model",  # a level held
        "Measure the turnover of the kitchen crew",  # ends in a first figure
    ],
)
def test_a_level_held_or_a_first_measurement_is_not_work_that_goes_on(text: str) -> None:
    assert "goes on" not in (krquality.analyze(text).no_suggestion or "")


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        (
            "Tenants understand how the rent portal works",
            "Raise the share of tenants who pass a quiz on how the rent portal works from [baseline] to "
            "[target] by [date]",
        ),
        (
            "Shoppers recognise the co-op brand",
            "Raise the share of surveyed shoppers who say they recognise the co-op brand from [baseline] to "
            "[target] by [date]",
        ),
        # knowing more about a topic: the topic after the preposition is what the test covers
        (
            "Stallholders know more about the new waste rules",
            "Raise the share of stallholders who pass a test on the new waste rules from [baseline] to "
            "[target] by [date]",
        ),
    ],
)
def test_a_state_of_mind_is_drafted_toward_a_test_or_survey_share(text: str, draft: str) -> None:
    assert _texts(text)[:1] == [draft]


def test_knowing_more_with_no_topic_is_not_made_a_test_of_nothing() -> None:
    assert not any("test of more" in t for t in _texts("Stallholders know more"))


def test_a_count_of_one_thing_never_becomes_the_target_of_its_measure() -> None:
    # hand-built, as the tagger reads a count of one named thing after a vague verb
    text = "Refine 1 Tallyhouse process, checklist, or rota for the county office"
    one = Quantity(SpanRef(7, 8, "1"), QuantityKind.NUMBER, 1.0, "process", None)
    features = Features(
        text,
        SpanRef(0, len(text), text),
        Form.IMPERATIVE,
        LeadVerb(SpanRef(0, 6, "Refine"), "refine", VerbClass.VAGUE),
        quantities=(one,),
        changes=(Change(one.span, Direction.REACH, None, one),),
    )
    drafts = [d.text for d in build_drafts(features, Label.TASK, (), SpanRef(7, 27, text[7:27]))]
    assert not any("to 1" in t or "cycle time" in t for t in drafts)


@pytest.mark.parametrize(
    "text",
    [
        "30 tutorials added to our training drive",
        "Having 300 articles tagged with the co-op label",
        "Import 50 posts into the new forum",
    ],
)
def test_no_readers_draft_for_items_stored_or_tagged(text: str) -> None:
    assert not any("readers" in t for t in _texts(text))


def test_content_written_to_be_read_keeps_its_readers_draft() -> None:
    assert any("monthly readers of posts" in t for t in _texts("Write 10 posts for the bakery blog"))
