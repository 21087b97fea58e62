"""Team labels and progress notes found in a key result's text (no model needed)."""

from __future__ import annotations

import pytest

from krquality.checks.wording import metadata_spans
from krquality.nlp.notes import owner_label, progress_note


def _note(text: str) -> str | None:
    span = progress_note(text)
    return None if span is None else text[span[0] : span[1]]


def _label(text: str) -> str | None:
    span = owner_label(text)
    return None if span is None else text[span[0] : span[1]]


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Move the dairy orders to the new supplier portal: 40%", ": 40%"),
        ("Rewrite the tenancy handbook => 0%", "=> 0%"),
        ("Train the harbour pilots on the new radar - 55% done", "- 55% done"),
        ("Recruit three night nurses. 1/3", ". 1/3"),
        ("Sign 12 school partners: 7/12 signed", ": 7/12 signed"),
        ("Replace the till software in every shop (100%)", "(100%)"),
        ("Replace the till software in every shop (0.3 -> 1.0)", "(0.3 -> 1.0)"),
        ("Grow weekly bookings from 300 to 450 => 0%", "=> 0%"),
        ("The boiler audit is signed off by the council — 70%", "— 70%"),
        ("Hire 6 ward clerks: 3/6 hired (50%) [rota](https://example.org/rota)", ": 3/6 hired (50%)"),
        ("Train the harbour pilots - 40% ([log](https://example.org/log))", "- 40%"),
        ("Move the ferry bookings to the new till : Completed mid-March", ": Completed mid-March"),
        ("The boiler audit is signed off by the council - not started", "- not started"),
        # nothing or all done after a piece of work, with only a space
        ("Move the tram timetables to the new site 100%", "100%"),
        ("Migrate the tenant records to the new ledger 0%", "0%"),
    ],
)
def test_a_trailing_progress_note_is_found(text: str, note: str) -> None:
    assert _note(text) == note


@pytest.mark.parametrize(
    "text",
    [
        "Achieve 100% of the fundraising plan",
        "Reach 30% share of the regional bike market",
        "Uptime: 99.9%",
        "Parcel lockers used by members: 45%",  # a measure and its value
        "Share of invoices paid on time: 70% → 85%",  # a baseline and a target
        "Grow weekly bookings to 300 - 400",  # a range
        "Cut food waste in the canteen - 20%",  # the figure may be the amount
        "Grow ticket revenue to $2M (20%)",  # a bracketed figure beside a target of its own
        "Launch the ferry app - 2025",  # a year
        "Cut churn to 2% (from 3%)",
        "Launch the ferry app - complete redesign of the booking flow",
        "Uptime: on track",  # no whole key result before it
        "Cut paper use in the town hall 100%",  # a verb that moves a measure: the amount
        "Raise test coverage of the till code to 100%",  # a level after "to"
        "Test coverage of the till code 100%",  # a measure and its value
        "Parcel lockers used by members 100%",  # no verb of work before it
        "Move the rota app to the new host 80%",  # a figure that is neither nothing nor all
    ],
)
def test_a_target_is_not_a_progress_note(text: str) -> None:
    assert progress_note(text) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Harbour Ops: Replace the radar on both quays", "Harbour Ops: "),
        ("CFO: Close the books within 5 working days", "CFO: "),
        ("- Patient Experience: Publish the discharge leaflet in 4 languages", "Patient Experience: "),
        ("Facilities: Fully document the boiler checks", "Facilities: "),
    ],
)
def test_a_team_label_is_found(text: str, label: str) -> None:
    assert _label(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "Uptime: 99.9%",
        "NPS: from 20 to 35",
        "Revenue: Grow to 2M by Q4",  # the verb moves the measure the words name
        "Feature adoption: 30% of tenants use the portal weekly",
        "Canteen waste: reduce it by a third",  # lower case: a note on the measure
        "Objective 2: Open the east depot",  # the outline's own label
        "Open the east depot: phase one",
    ],
)
def test_a_measure_named_before_a_colon_is_not_a_label(text: str) -> None:
    assert owner_label(text) is None


def test_metadata_spans_hold_labels_notes_and_priority_tags() -> None:
    text = "`PX` Quay Team: Replace the radar on both quays => 30%"
    assert [text[a:b] for a, b in metadata_spans(text)] == ["`PX`", "=> 30%"]
    text = "Quay Team: Replace the radar on both quays [p1]"
    assert [text[a:b] for a, b in metadata_spans(text)] == ["Quay Team: ", "[p1]"]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("P0: (1.0) The tram depot signs are replaced", ["P0: (1.0) "]),
        ("P2 (0.5) At least one mill reopens", ["P2 (0.5) "]),
        ("[Retile the pool changing rooms.](#kr4) [ines, bo] 0.7", ["](#kr4)", "[ines, bo]", "0.7"]),
        ("[P1] Retile the pool changing rooms", ["[P1]"]),
        ("Retile the pool changing rooms (P2)", ["(P2)"]),
        ("Grow swim club members to 1.5 thousand", []),
    ],
)
def test_priority_grades_and_trailing_grades_are_metadata(text: str, spans: list[str]) -> None:
    assert [text[a:b] for a, b in metadata_spans(text)] == spans
