"""Drafts for activities, vague aims and states nobody can check (krquality.suggest.bars and the
builders beside it), and how their blanks are filled (krquality.suggest.fill).

The builders' wording runs on plain features; the shapes run through the real engine, which
must keep the draft past the gates of krquality.suggest.rewrite. Every example is written for
these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import krquality
from krquality.features.types import Features, Form, SpanRef
from krquality.result import Finding, Severity
from krquality.suggest import fill_placeholders
from krquality.suggest.bars import bar_drafts, process_drafts
from krquality.suggest.slots import PEOPLE_BAR, SLOT_PATTERN

from .texts import SLOTS, suggested


def _state(text: str) -> Features:
    return Features(text, SpanRef(0, len(text), text), Form.STATE, None)


def _flag(text: str, phrase: str, name: str = "wording.uncheckable") -> Finding:
    start = text.index(phrase)
    return Finding("KRQ409", name, Severity.WARNING, "", start, start + len(phrase))


# -- the builders' wording ------------------------------------------------------------------


def test_people_graded_by_opinion_get_a_bar_in_place_of_the_grade() -> None:
    text = "Every ward has two very active patient advocates"
    (draft,) = bar_drafts(_state(text), [_flag(text, "very active")])
    assert draft == f"Every ward has two patient advocates who {PEOPLE_BAR}"


def test_the_grade_is_never_just_dropped() -> None:
    text = "Every ward has two very active advocates"
    (draft,) = bar_drafts(_state(text), [_flag(text, "very active")])
    assert "active" not in draft.replace(PEOPLE_BAR, "")
    assert PEOPLE_BAR in draft


def test_a_boundless_scope_gets_a_slot_naming_what_to_choose() -> None:
    text = "Ship a dashboard that shows all stages of each grant application"
    (draft,) = bar_drafts(_state(text), [_flag(text, "all stages", "wording.absolute")])
    assert draft == "Ship a dashboard that shows [which stages] of each grant application"


def test_an_undated_key_result_gets_a_date_with_its_bar() -> None:
    text = "Each guild has three highly engaged mentors"
    undated = Finding("KRQ105", "metric.no_deadline", Severity.INFO, "", 0, 0)
    (draft,) = bar_drafts(_state(text), [_flag(text, "highly engaged"), undated])
    assert draft.endswith(f"mentors who {PEOPLE_BAR} by [date]")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The wiki is properly maintained", "properly"),  # no people to set a bar for
        ("Grow highly engaged forums", "highly engaged"),  # a forum is no person
        ("Keep four highly active stewards who lead walks", "highly active"),  # a clause already follows
    ],
)
def test_no_bar_where_it_would_not_fit(text: str, phrase: str) -> None:
    assert bar_drafts(_state(text), [_flag(text, phrase)]) == []


@pytest.mark.parametrize(
    ("text", "phrase", "draft"),
    [
        ("Receive 25 high quality grant bids in Q3", "high quality",
         "Receive 25 grant bids that meet [which criteria] in Q3"),
        ("Gather 20 meaningful testimonials, with photos", "meaningful",
         "Gather 20 testimonials that meet [which criteria], with photos"),
        ("Double the number of substantial code reviews", "substantial",
         "Double the number of code reviews that meet [which criteria]"),
    ],
)
def test_things_graded_by_opinion_get_criteria_in_place_of_the_grade(
    text: str, phrase: str, draft: str
) -> None:
    assert bar_drafts(_state(text), [_flag(text, phrase, "wording.vague")]) == [draft]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Write a thorough guide for new cashiers", "thorough"),  # one thing: its bar is what it holds
        ("Collect 30 good photos of the harbour", "good"),  # a clause after "photos of" would go astray
        ("Sign 12 high-value donors", "high-value"),  # people: a bar of what they do
        ("Post 8 great updates for the tenants' group", "great"),  # "for ...": the clause would go astray
        ("Deliver better results each quarter", "better"),  # an aim word, not a grade of quality
        ("Achieve strong growth in memberships", "strong"),  # a mass noun, no things to count
    ],
)
def test_no_criteria_where_they_would_not_fit(text: str, phrase: str) -> None:
    assert bar_drafts(_state(text), [_flag(text, phrase, "wording.vague")]) == []


def test_a_process_made_systematic_gets_its_end_state() -> None:
    assert process_drafts(_state("The grant review process is formalised")) == [
        ("The grant review process is written down and followed in [which cases] by [date]", True)
    ]


def test_a_process_made_faster_gets_its_cycle_time() -> None:
    assert process_drafts(_state("Our repair workflow is streamlined in Q2")) == [
        (f"Reduce the cycle time of our repair workflow {SLOTS.removesuffix(' by [date]')} in Q2", False)
    ]


@pytest.mark.parametrize(
    "text",
    ["The kitchen is streamlined", "Which process is formalised?", "The 3 intake processes are formalised"],
)
def test_no_process_draft_for_other_states(text: str) -> None:
    assert process_drafts(_state(text)) == []


# -- the blanks, filled -----------------------------------------------------------------------


def test_filled_bars_read_as_plain_words() -> None:
    filled = fill_placeholders(f"Two advocates who {PEOPLE_BAR} track [which stages] by [date]")
    assert "[" not in filled


# -- the shapes, through the real engine --------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "draft"),
    [
        # people graded by opinion: the bar to define takes the grade's place
        (
            "Each branch has at least four highly engaged stewards",
            f"Each branch has at least four stewards who {PEOPLE_BAR} by [date]",
        ),
        # things graded by opinion: the criteria to write down take the grade's place
        (
            "Raise the number of high quality bake-off entries by 40%",
            "Raise the number of bake-off entries that meet [which criteria] by 40% by [date]",
        ),
        # a boundless scope: which of them
        (
            "Set up tooling that automates all aspects of each grant round",
            "Set up tooling that automates [which aspects] of each grant round by [date]",
        ),
        # a nominalised activity: the people it grows, where they are wanted
        (
            "Recruitment of tutors and their interest in the weekend reading clubs",
            f"Increase the number of active tutors in the weekend reading clubs {SLOTS}",
        ),
        # a vague activity with a flagged aim: the measure of the thing it improves
        (
            "Introduce better tracking of loaned garden tools",
            f"Raise the survey rating of the tracking of loaned garden tools {SLOTS}",
        ),
        # ... named by the handling of something, with no "of"
        (
            "Integrate better rota swap request handling",
            f"Raise the survey rating of the rota swap request handling {SLOTS}",
        ),
        # an uncheckable state of knowledge: a test score
        (
            "Spreadsheet pivot tables understood and used",
            f"Raise the score on a test of spreadsheet pivot tables {SLOTS}",
        ),
        # an undated deliverable nobody can check: an end state, not only a date
        (
            "The volunteer intake process is systematised",
            "The volunteer intake process is written down and followed in [which cases] by [date]",
        ),
        # closing a share of flaws: the author's share stays, as the cut
        (
            "Fix 30% of the defects in the ticket machine software",
            "Reduce the number of open defects in the ticket machine software by 30% (from [baseline])"
            " by [date]",
        ),
    ],
)
def test_the_engine_offers_the_draft_first(text: str, draft: str) -> None:
    result = krquality.analyze(text)
    assert result.suggestions, result.no_suggestion
    first = result.suggestions[0]
    assert first.text == draft
    assert first.score == krquality.analyze(fill_placeholders(first.text)).score


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Cut the average wait at the clinic from 40 to 25 minutes by Q3",  # a complete dated metric
        "Open the second community fridge by 30 June",  # a plain dated milestone
    ],
)
def test_no_draft_for_a_complete_key_result(text: str) -> None:
    assert suggested(text) == []


@pytest.mark.slow
def test_the_uncheckable_word_is_not_kept_or_dropped_alone() -> None:
    for text in suggested("Each team has two highly active first-aiders"):
        assert "highly active" not in text
        assert "active first-aiders" not in text


_WORDS = ["each", "team", "has", "two", "highly", "active", "stewards", "all", "stages", "of", "the", "is",
          "process", "formalised", "who", "lead", "walks", "patient", "advocates", "very", "engaged", ".",
          "good", "high quality", "entries", "by"]


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10).map(" ".join), st.data())
def test_any_flag_gives_a_draft_with_a_slot_in_place_of_the_phrase_or_none(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    name = data.draw(st.sampled_from(["wording.uncheckable", "wording.absolute", "wording.vague"]))
    flagged = Finding("KRQ409", name, Severity.WARNING, "", start, end)
    # never a crash; a draft always puts a slot where the phrase was, never just drops it
    for draft in bar_drafts(_state(text), [flagged]):
        assert SLOT_PATTERN.search(draft.removesuffix(" by [date]"))
    for draft_text, _ in process_drafts(_state(text)):
        assert SLOT_PATTERN.search(draft_text)
