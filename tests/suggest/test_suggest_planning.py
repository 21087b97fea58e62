"""Planning work named as notes (krquality.suggest.planning): the documents it ends in.

Every example is written for these tests.
"""

from __future__ import annotations

import pytest

import krquality
from krquality.features.types import Features, Form, LeadVerb, SpanRef, VerbClass
from krquality.suggest import fill_placeholders
from krquality.suggest.planning import planning_drafts


def _note(text: str) -> Features:
    return Features(text, SpanRef(0, len(text), text), Form.NOUN_PHRASE, None)


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        # a design question is read as what the documents are about; the author's date stays
        (
            "Assessment, timeline planning for how could we move the food bank in Q3",
            "Publish the assessment and timeline for how to move the food bank in Q3",
        ),
        # planning of something that is no plan itself ends in a plan of it
        (
            "Risk assessment and rota planning for the harvest supper",
            "Publish the risk assessment and rota for the harvest supper by [date]",
        ),
        ("Stall planning for the winter market", "Publish the stall plan for the winter market by [date]"),
        ("QA review of the ticket kiosk", "Publish the QA review of the ticket kiosk by [date]"),
    ],
)
def test_planning_notes_get_the_documents_they_end_in(text: str, draft: str) -> None:
    assert planning_drafts(_note(text)) == [draft]


@pytest.mark.parametrize(
    "text",
    [
        "Evaluation, outreach for the lending library",  # outreach ends in no document
        "Budget planning",  # no topic: a date draft does
        "Planning for the fair? And for the fête?",  # a question, two sentences
        "Evaluation for how might we grow and how might we fund the choir",  # two questions
        "Review, review and review of the rota",  # repeated items: not a list of documents
        "Risk assessment for the fair and",  # cut short: the topic is not whole
        "Rota planning for (the kitchens",  # a bracket left open
    ],
)
def test_no_planning_draft_for_other_notes(text: str) -> None:
    assert planning_drafts(_note(text)) == []


def test_an_activity_led_by_a_verb_is_left_to_the_other_drafts() -> None:
    text = "Review the plans for the depot"
    lead = LeadVerb(SpanRef(0, 6, "Review"), "review", VerbClass.ACTIVITY)
    assert planning_drafts(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, lead)) == []


@pytest.mark.slow
def test_the_engine_offers_the_planning_draft_for_a_task_note() -> None:
    result = krquality.analyze("Appraisal, budget planning for how can we share the two minibuses")
    assert result.suggestions, result.no_suggestion
    first = result.suggestions[0]
    assert first.text == "Publish the appraisal and budget for how to share the two minibuses by [date]"
    assert first.score == krquality.analyze(fill_placeholders(first.text)).score
