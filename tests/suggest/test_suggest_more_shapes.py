"""Milestones and tasks that got no draft: a state held "always", a short deliverable or process,
a sentence closed by a reference to its tracker, and two results with a progress note.

Every example is written for these tests.
"""

from __future__ import annotations

import pytest

import krquality
from krquality.features.types import Features, Form, SpanRef
from krquality.suggest import fill_placeholders
from krquality.suggest.always import always_drafts
from krquality.suggest.structure import reference_start


def _state(text: str, form: Form = Form.STATE) -> Features:
    return Features(text, SpanRef(0, len(text), text), form, None)


_SHARE = "Raise the share of cases in which {} from [baseline] to [target] by [date]"


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        # a modal goes and the verb agrees with its subject
        ("The payroll export will always match the ledger", "the payroll export matches the ledger"),
        ("The ward printers should always be in sync", "the ward printers are in sync"),
        # a bracket in the subject is kept, and so is every word after the verb
        (
            "A tram sensor (north & south line) always reports a fault that is on the track",
            "a tram sensor (north & south line) reports a fault that is on the track",
        ),
        # a copula stays; "Ensure that" wraps the statement
        ("Ensure that the tide gauge is always online", "the tide gauge is online"),
        # a name the word lists do not know opens a subject of its own
        ("Tallybook always loads the last draft", "Tallybook loads the last draft"),
    ],
)
def test_a_state_held_always_becomes_the_share_of_cases_it_holds_in(text: str, statement: str) -> None:
    form = Form.IMPERATIVE if text.startswith("Ensure") else Form.STATE
    assert always_drafts(_state(text, form)) == [_SHARE.format(statement)]


@pytest.mark.parametrize(
    "text",
    [
        "Always reply to tenants within a day",  # no subject: an instruction
        "Volunteers always feel welcome at the depot",  # people in general, a state of mind
        "The members always trust the board",  # a state of mind: a survey, not cases
        "We always ship on time",  # no thing whose behaviour is counted
        "The shop is never out of flour",  # no "always"
        "The van always starts. The fridge always cools.",  # two sentences
    ],
)
def test_no_share_of_cases_for_other_shapes(text: str) -> None:
    assert always_drafts(_state(text)) == []


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("Move the rota to the new app. ([ticket 12](https://e.org/12))", "Move the rota to the new app."),
        (
            "Move the rota to the new app. (Plan [card](https://e.org/7)): 40% (half done)",
            "Move the rota to the new app.",
        ),
    ],
)
def test_a_reference_after_the_sentence_is_cut(text: str, core: str) -> None:
    assert text[: reference_start(text, 0, len(text))] == core


@pytest.mark.parametrize(
    "text",
    [
        "Move the rota (see https://e.org/12) to the new app",  # an aside inside the sentence
        "Move the rota to the new app. (Ask the cooks first)",  # a second remark, no link
        "Move the rota. ([ticket](https://e.org/1)) Then train the cooks",  # words after it
    ],
)
def test_other_brackets_are_no_reference(text: str) -> None:
    assert reference_start(text, 0, len(text)) == len(text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "The kiosk will always print the receipt",
            _SHARE.format("the kiosk prints the receipt"),
        ),
        ("Submit thesis.", "Submit thesis by [date]"),  # short, but the verb says what is delivered
        # a process named in two words, too short to date as it stands: the process done
        ("Ledger migration", "Complete the ledger migration by [date]"),
        (
            "Kiosk Relocation",
            "Complete the Kiosk Relocation by [date]",
        ),  # a title-case name keeps its capitals
        (
            "Depot: Install the ward printer. ([ticket](https://e.org/issues/31)): 30% (parts ordered)",
            "Install the ward printer by [date]",
        ),
    ],
)
def test_the_engine_offers_the_draft(text: str, first: str) -> None:
    result = krquality.analyze(text)
    assert result.suggestions, result.no_suggestion
    assert result.suggestions[0].text == first
    assert result.suggestions[0].score == krquality.analyze(fill_placeholders(first)).score


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["Finish", "Complete it", "Finish stuff", "Hire stewards", "Choir newsletter", "Ferry timetable"]
)
def test_a_short_topic_or_an_unnamed_thing_is_still_not_dated(text: str) -> None:
    assert all(s.text != f"{text} by [date]" for s in krquality.analyze(text).suggestions)


@pytest.mark.slow
def test_a_dated_state_held_always_gets_no_share_of_cases() -> None:
    # the author's date would be doubled by the draft's own
    result = krquality.analyze("The site is always available by June")
    assert not any(s.text.startswith("Raise the share of cases") for s in result.suggestions)


@pytest.mark.slow
@pytest.mark.parametrize("text", ["Tenant outreach", "Choir newsletter", "Volunteer onboarding"])
def test_a_short_name_of_no_process_or_of_work_that_goes_on_is_not_completed(text: str) -> None:
    assert not any(s.text.startswith("Complete the") for s in krquality.analyze(text).suggestions)


@pytest.mark.slow
@pytest.mark.parametrize("note", [" (100%)", " => 40%"])
def test_a_compound_with_a_progress_note_is_split_without_it(note: str) -> None:
    result = krquality.analyze(f"Open the tool library and retire the paper ledger{note}")
    assert result.suggestions, result.no_suggestion
    assert result.suggestions[0].text == "Open the tool library by [date]\nRetire the paper ledger by [date]"
