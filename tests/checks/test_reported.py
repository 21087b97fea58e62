"""Activities reported as done (past tense, or "we"/"I" as the subject) are activities on the
score's scale: never in the band of a dated, checkable milestone. Reports of a thing made, of
one event held, or of a number reached are not activities."""

from __future__ import annotations

import pytest

import krquality

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Talked to the suppliers about the delivery slots",
        "We gave feedback on the draft rota to the ward leads",
        "Met with the parish council about the footpath",
        "I supported the weekend crew with the stock counts",
        "We worked on the tenant portal",
        "We regularly visited the allotment holders",
        "We have talked to the tram drivers about the new timetable",
        "Provided support to the box office during the book fair",
        "We were consulted and gave feedback on the library's opening hours",
        "We have discussed the rota with the drivers, using a shared sheet (one per depot)",
    ],
)
def test_a_reported_activity_scores_as_an_activity(text: str) -> None:
    result = krquality.analyze(text, suggestions=False)
    assert "KRQ301" in {f.code for f in result.findings}
    assert result.score <= 39


@pytest.mark.parametrize(
    "text",
    [
        "We launched the tenant portal",  # a deliverable reported done
        "Shipped the new booking page in March",
        "Held a tasting evening for the street to meet the new bakers",  # one event held
        "We reached 400 paying members",  # a number reached
        "We have a signed lease for the depot",  # a state
        "Reviewed invoices are paid within a week",  # the participle describes what is counted
    ],
)
def test_a_reported_deliverable_or_result_is_not_an_activity(text: str) -> None:
    result = krquality.analyze(text, suggestions=False)
    assert "KRQ301" not in {f.code for f in result.findings}
    assert result.score > 39
