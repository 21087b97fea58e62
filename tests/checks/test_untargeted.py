"""A key result read as a metric with no number to reach is a deliverable, scored in the milestone band.

Each case is of a kind a reviewer found on real key results (a progress note, a grading scale,
a size in brackets as the only numbers), written again in other domains and other words.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

import krquality
from krquality.checks.untargeted import untargeted_metric
from krquality.labels import Label

from .contexts import real_context

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Regional weather sensor grid (12k+ stations) [p1]",  # a size beside the thing made
        "Pension statements redesigned for print and mobile (0.0 -> 1.0)",  # a grading scale
        "Finance: Move the expense tool to single sign-on => 0%",  # a progress note
        "Kitchen Ops: Fully document and automate the cold-room checks: 100%",
        "Library catalogue search rebuilt for branch kiosks [40%]",
    ],
)
def test_a_metric_whose_numbers_are_notes_or_sizes_is_a_deliverable(nlp: Language, text: str) -> None:
    assert untargeted_metric(real_context(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        "Keep the ticket backlog under 40 (now 55)",  # a level outside the brackets
        "Onboard new suppliers (at least 20)",  # a bracketed count with a bound is a target
        "New clinic partners signed (12)",  # a bracketed count of the things named
        "Refurbished laptops shipped to schools (300 units)",
        "Donations from returning donors (£20k)",  # an amount
        "Recycling rate: 45%",  # a measure named before its value
        "Customer wait time below 3 minutes: 60%",  # a target before the note
        "Grow the count of returning donors (rolling 28-day)",  # a measure moved, no target yet
        "Cut missed deliveries in 3 depots (0.0 -> 1.0)",
        "Run tasting evenings in 3 market towns",  # a count of work
        "Reduce late refunds",  # no number at all: metric.no_target's question
    ],
)
def test_a_metric_with_a_target_or_a_measure_stays_a_metric(nlp: Language, text: str) -> None:
    assert not untargeted_metric(real_context(nlp, text))


def test_only_a_metric_label_is_read_again(nlp: Language) -> None:
    text = "Pension statements redesigned for print and mobile (0.0 -> 1.0)"
    assert not untargeted_metric(real_context(nlp, text, Label.MILESTONE))


@pytest.mark.parametrize(
    "text",
    [
        "Regional weather sensor grid (12k+ stations) [p1]",
    ],
)
def test_the_deliverable_is_scored_in_the_milestone_band_and_asked_for_a_date(text: str) -> None:
    result = krquality.analyze(text, suggestions=False)
    found = {f.code for f in result.findings}
    assert result.label is Label.METRIC  # the model's reading is kept; only the band follows the scale
    assert result.score <= 89
    assert "KRQ201" in found and "KRQ105" not in found
    assert result.structured.deliverable is not None


def test_a_deliverable_with_only_a_progress_note_is_read_as_a_milestone() -> None:
    # The body leaves the note out, so the classifier reads the deliverable, not the figure.
    result = krquality.analyze("Finance: Move the expense tool to single sign-on => 0%", suggestions=False)
    found = {f.code for f in result.findings}
    assert result.label is Label.MILESTONE
    assert result.score <= 89
    assert "KRQ201" in found and "KRQ105" not in found
