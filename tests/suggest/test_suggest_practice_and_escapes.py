"""No attendance draft for the author's own practice; drafts carry plain characters, not
Markdown escapes."""

from __future__ import annotations

import pytest

import krquality
from krquality.suggest.escapes import plain_escapes
from krquality.suggest.practice import own_practice

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Hold 12 study sessions per month",
        "Run 4 piano practice sessions a week",
        "Do 5 language practice sessions a week",
    ],
)
def test_own_practice_gets_no_attendance_draft(text: str) -> None:
    result = krquality.analyze(text)
    assert not any("attendance" in s.text for s in result.suggestions)


@pytest.mark.parametrize(
    "text", ["Host 6 community cooking evenings by June", "Run 8 pottery workshops by June"]
)
def test_events_held_for_others_keep_the_attendance_draft(text: str) -> None:
    result = krquality.analyze(text)
    assert any("average attendance" in s.text for s in result.suggestions)


@pytest.mark.parametrize(
    ("text", "name", "practice"),
    [
        ("Hold 12 study sessions per month", ["study", "sessions"], True),
        ("Run 6 practice sessions for junior players", ["practice", "sessions"], False),
        ("Hold 10 revision sessions with year 11 pupils", ["revision", "sessions"], False),
        ("Host 6 cooking workshops", ["cooking", "workshops"], False),
        ("Practise scales 5 times a week alone", ["scales"], True),
    ],
)
def test_own_practice_reading(text: str, name: list[str], practice: bool) -> None:
    assert own_practice(text, name) is practice


def test_drafts_carry_the_plain_character() -> None:
    text = r"Cut \*all\* late ferry invoices by 20% by Q3"
    suggestions = krquality.analyze(text).suggestions
    assert suggestions
    assert all("\\" not in s.text for s in suggestions)
    assert any("*all*" in s.text for s in suggestions)
    assert plain_escapes(r"Move the tide\_table job by June") == "Move the tide_table job by June"
