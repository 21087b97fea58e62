"""Team labels, priority tags and progress notes through ``analyze()``: reported by
wording.metadata, not read as a target, not copied into drafts."""

from __future__ import annotations

import pytest

import krquality

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "annotation"),
    [
        ("Library Ops: Move the loan records to the new catalogue", "Library Ops: "),
        ("Move the loan records to the new catalogue (100%)", "(100%)"),
        ("`PX` - The loan records live in the new catalogue", "`PX`"),
        ("Recruit three night porters. 1/3", ". 1/3"),
        ("Grow library card holders from 4,000 to 5,000 => 0%", "=> 0%"),
    ],
)
def test_annotations_are_reported_and_left_out_of_drafts(text: str, annotation: str) -> None:
    result = krquality.analyze(text)
    flagged = [text[f.start : f.end] for f in result.findings if f.name == "wording.metadata"]
    assert annotation.strip(" .") in [span.strip(" .") for span in flagged]
    assert result.suggestions
    assert all(annotation.strip(" .") not in s.text for s in result.suggestions)


def test_a_progress_figure_is_not_a_target_without_baseline() -> None:
    text = "Tenant Services: Fully document and automate the boiler checks: 100%"
    names = {f.name for f in krquality.analyze(text, suggestions=False).findings}
    assert "metric.no_baseline" not in names
    assert "wording.metadata" in names


@pytest.mark.parametrize(
    "text",
    [
        "Reading room seats booked online: 65%",
        "Uptime: 99.9%",
        "Achieve 100% of the library's digitisation plan by June",
        "Reach 30% share of school visits by Q3",
        "NPS: from 20 to 35 by Q4",
    ],
)
def test_a_measure_and_its_value_are_not_metadata(text: str) -> None:
    names = {f.name for f in krquality.analyze(text, suggestions=False).findings}
    assert "wording.metadata" not in names
