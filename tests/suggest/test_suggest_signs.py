"""Drafts around signs: comparators typed in ASCII, a level of zero, and pictographs after the words.

Each key result is written for these tests in the style of real ones and run
through the real engine; the first suggestion is asserted, or a shape it must
not take.
"""

from __future__ import annotations

import pytest

from .texts import suggested_checked


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # a bare "=" is the level's sign, replaced by the slot as "at" is
        (
            "Repeat orders from the bakery app = 35%",
            "Repeat orders from the bakery app from [baseline] to 35% by [date]",
        ),
        (
            "Raise the share of paperless invoices to = 60%",
            "Raise the share of paperless invoices from [baseline] to 60% by [date]",
        ),
        # ">=" and "<=" are bounds, read as "≥" and "≤": kept whole, today's value follows
        (
            "Uptake of the parcel lockers >= 40%",
            "Uptake of the parcel lockers >= 40% by [date], up from [baseline]",
        ),
        (
            "Card payment failures <= 2% of orders",
            "Card payment failures <= 2% of orders by [date], down from [baseline]",
        ),
        # a level of zero is reached going down, whatever the words around it
        (
            "Zero missed bin collections on the east route",
            "Zero missed bin collections on the east route by [date], down from [baseline]",
        ),
        ("0% of grant reports filed late", "0% of grant reports filed late by [date], down from [baseline]"),
        # a rate word naming what is counted is no time frame: the level is dated
        (
            "2500 weekly borrowers at the tool library",
            "2500 weekly borrowers at the tool library by [date], up from [baseline]",
        ),
        # a level on a scale (a fraction, no count of things) held as a floor: today's value, up
        (
            "Ferry departures reach a punctuality index of 96.5 or better",
            "Ferry departures reach a punctuality index of 96.5 or better by [date], up from [baseline]",
        ),
        # "or better" is a floor: reached going up
        (
            "Each tram depot logs an on-time rate of 97.5 or better",
            "Each tram depot logs an on-time rate of 97.5 or better by [date], up from [baseline]",
        ),
        # a star or a tick after the words marks priority or status: not copied
        (
            "Members can renew their allotment plot online ⭐",
            "Members can renew their allotment plot online by [date]",
        ),
        (
            "The ferry timetable is shown on the harbour screens ✅",
            "The ferry timetable is shown on the harbour screens by [date]",
        ),
    ],
)
def test_first_draft_reads_the_sign(text: str, first: str) -> None:
    drafts = suggested_checked(text)
    assert drafts and drafts[0] == first


@pytest.mark.parametrize(
    "text",
    [
        # the unicode signs were already read as bounds: unchanged
        "Uptake of the parcel lockers ≥ 40%",
        # a rising level stays "up from"
        "80% of volunteers are rostered twice a month",
        # a symbol that is part of a measure is a word, not a mark
        "Keep the seed store at 12 °C",
        # a whole count of things is no scale: no starting value is asked for
        "All 12 depots have 3 trained first-aiders",
    ],
)
def test_no_stray_signs_or_slots(text: str) -> None:
    for draft in suggested_checked(text):
        assert "=" not in draft.replace(">=", "").replace("<=", "")
        assert "from [baseline] to =" not in draft and ">from" not in draft
        if text.startswith("80%"):
            assert "down from" not in draft
        if "depots" in text:
            assert "[baseline]" not in draft
        if "°C" in text:
            assert "°C" in draft
