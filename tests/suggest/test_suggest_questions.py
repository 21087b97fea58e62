"""A how-to question (krquality.suggest.questions): the agreed way, written down.

Every example is written for these tests.
"""

from __future__ import annotations

import pytest

import krquality
from krquality.features.types import Features, Form, SpanRef
from krquality.suggest import fill_placeholders
from krquality.suggest.questions import question_drafts


def _asked(text: str) -> Features:
    return Features(text, SpanRef(0, len(text), text), Form.OTHER, None)


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        (
            "How do we hand over the allotment keys between shifts?",
            "Publish the agreed way to hand over the allotment keys between shifts by [date]",
        ),
        # a subject other than "we" goes with the auxiliary too
        (
            "How should the crew share the minibus rota?",
            "Publish the agreed way to share the minibus rota by [date]",
        ),
    ],
)
def test_a_how_to_question_becomes_the_agreed_way_published(text: str, draft: str) -> None:
    assert question_drafts(_asked(text)) == [draft]


@pytest.mark.parametrize(
    "text",
    [
        "How can we grow the choir?",  # the aim is a measure to move
        "How can we not lose bookings?",  # a negation, not a way of working
        "How many volunteers do we need?",  # not a how-to question
        "Should we move the archive?",  # a decision: drafted elsewhere
        "How do we onboard tutors? And how do we keep them?",  # two questions
        "How do we onboard tutors",  # no question mark: not asked
    ],
)
def test_no_agreed_way_for_other_questions(text: str) -> None:
    assert question_drafts(_asked(text)) == []


@pytest.mark.slow
def test_the_engine_offers_the_agreed_way() -> None:
    result = krquality.analyze("How do we sign off the kitchen rota each month?")
    assert not any(
        s.text.startswith("Publish the agreed way") for s in result.suggestions
    )  # a rate of its own
    result = krquality.analyze("How do we hand over the allotment keys between shifts?")
    assert result.suggestions, result.no_suggestion
    first = result.suggestions[0]
    assert first.text == "Publish the agreed way to hand over the allotment keys between shifts by [date]"
    assert first.score == krquality.analyze(fill_placeholders(first.text)).score
