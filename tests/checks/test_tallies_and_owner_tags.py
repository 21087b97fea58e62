"""Blank progress tallies after a stated target and owners' initials after the sentence:
reported by wording.metadata, not as placeholders, and left out of drafts."""

from __future__ import annotations

import pytest

import krquality
from krquality.checks.owner_tags import owner_tags
from krquality.checks.templates import progress_template

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Run 10 beekeeping workshops X/10 (X%)", "X/10 (X%)"),
        ("Train 12 lifeguards by June: N/12", "N/12"),
        ("Print 5 seasonal menus [ ]/5", "[ ]/5"),
        ("Sign 3 café leases by Q3 - ___/3 done", "___/3 done"),
        ("Cut late invoices by 20% by Q3 (jk, ms)", "(jk, ms)"),
        ("Publish the tide-table app by June (ewd)", "(ewd)"),
    ],
)
def test_tallies_and_owner_tags_are_metadata_not_placeholders(text: str, note: str) -> None:
    result = krquality.analyze(text)
    flagged = [text[f.start : f.end].strip(" :-") for f in result.findings if f.name == "wording.metadata"]
    assert note in flagged
    assert "wording.placeholder" not in {f.name for f in result.findings}
    assert all(note not in s.text for s in result.suggestions)


@pytest.mark.parametrize(
    "text",
    [
        "Grow repeat bookings to X by Q3",  # a real placeholder: no target stated
        "Raise the guest rating from 3.9 to X/5",  # the blank is the sentence's value
        "Guest rating X/5",  # a measure and its missing value
        "Reduce dropped calls to [target] by Q3",
    ],
)
def test_a_blank_that_is_the_value_is_no_tally(text: str) -> None:
    assert progress_template(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Grow repeat bookings to X by Q3",
        "Raise the ferry guest rating from 3.9 to X/5 by Q3",
        "Guest rating X/5",
    ],
)
def test_a_real_placeholder_is_still_an_error(text: str) -> None:
    names = {f.name for f in krquality.analyze(text, suggestions=False).findings}
    assert "wording.placeholder" in names


@pytest.mark.parametrize(
    "text",
    [
        "Launch the tenant app by May (beta)",
        "Open 3 sales desks by Q3 (EMEA)",
        "Add a dark theme to the rota app by June (optional)",
        "Ship the booking API by May (v2)",
        "Grow weekly sign-ups from 40 to 60 (web)",
        "Cut the queue at the ferry desk by half (all)",
        "Cut the kiosk's page load time to 300 (ms)",
        "Confirm the venue for the ferry fair by June (tbc)",
        "Gather feedback from the ferry crews (n)",
    ],
)
def test_a_bracketed_word_of_the_sentence_is_no_owner_tag(text: str) -> None:
    assert owner_tags(text) is None
