"""Key results that point at text outside themselves (KRQ411), and the shapes that name
what they point at inside the key result.

Every example is written for these tests, in domains of their own.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

OUTSIDE = "KRQ411"


def _spans(text: str) -> list[str]:
    import krquality

    result = krquality.analyze(text, suggestions=False)
    return [text[f.start : f.end] for f in result.findings if f.code == OUTSIDE]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Book a quiet room for the interpreters listed above", "listed above"),
        ("Cut night-ward falls for the patients above to 2 a month", "patients above"),
        ("Night porters cover this duty on all 3 wards from March", "this duty"),
        ("Hand out such seed catalogues at 6 markets by Q2", "such seed catalogues"),
        ("Hold 3 workshops on those themes by May", "those themes"),
        ("Visit that depot before the audit in June", "that depot"),
        ("Trim the bus timetable to 12 routes, as above, by May", "as above"),
        ("Inspect the aforementioned boilers every quarter", "aforementioned"),
        ("Get them through the induction course in their first week", "them"),
        ("Do the same for the harbour office by August", "the same"),
        ("We have fixed the faults raised in these audits", "these audits"),
    ],
)
def test_a_pointer_out_of_the_key_result_is_flagged(text: str, span: str) -> None:
    assert span in _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        # time placed against now
        "Ship the offline ticket scanner this quarter",
        "Cut late deliveries to 3% that half and keep them there",
        # the noun, or a word of its family, named before
        "Build rotas for the bar, kitchen and door and get these three rotas signed by June",
        "Members can open a savings pot and pay in from that pot",
        "We compared five payroll vendors; the outcome of this comparison is a shortlist of two",
        # the pronoun's noun comes first
        "Survey 60 allotment holders and act on their replies",
        "Shortlist the printers and visit them before March",
        # a clause says which ones
        "Call those members who lapsed last winter by April",
        "Review such grants as the county offers each spring",
        "Phone those tenants in arrears by the end of May",
        # a second step may name the first's thing in other words
        "Launch the tide-table app and grow this product to 800 weekly users",
        # prepositions with objects, comparisons, "it" for a later clause
        "Keep cellar temperatures below 12 degrees all year",
        "Lift the pass rate above the county average",
        "Serve the same breakfast menu at every hostel by June",
        "Make it easy for riders to report a broken bike, with 90% reported in the app",
        # quotations and titles
        'Publish "These Old Walls", a walking guide to the town, by June',
        "Stage Those Were The Days at the village hall twice",
    ],
)
def test_a_key_result_that_reads_alone_is_not_flagged(text: str) -> None:
    assert _spans(text) == []
