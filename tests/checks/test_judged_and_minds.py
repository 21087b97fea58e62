"""Judgements with no bar, unrated frequencies (wording.vague) and states of mind, correctness
or agreement with no test (wording.uncheckable), with the uses where they must stay silent.
The cases are written in other domains and words."""

from __future__ import annotations

import pytest

import krquality

pytestmark = pytest.mark.slow


def flagged(text: str, code: str) -> list[str]:
    """The words the check with ``code`` flags in ``text``."""
    result = krquality.analyze(text, suggestions=False)
    return [text[f.start : f.end] for f in result.findings if f.code == code]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The payroll export is a sound basis for the month-end close", "sound"),
        ("Publish a realistic plan for the depot move", "realistic"),
        ("The booking flow is ideal for first-time tenants", "ideal"),
        ("Send the growers a useful digest of the season", "useful"),
        ("Customer records are kept private", "private"),
        ("The till app is stable by June", "stable"),
        ("The warehouse is a safe place to work", "safe"),
        ("Publish the bakery newsletter regularly", "regularly"),
        # a vague verb's participle used as an adjective, or stated of its thing
        ("Ship a revamped booking page for the ferry by May", "revamped"),
        ("Launch strengthened password rules for the staff portal", "strengthened"),
        ("Revamped parcel-tracking API live by June", "Revamped"),
        ("The returns process is streamlined by June", "streamlined"),
        # the adverb of a judgement: how well the work is done, with no bar
        ("Serve the tram timetable performantly on old phones", "performantly"),
        ("Lay out the shop floor sensibly by May", "sensibly"),
        # a vague verb whose only number counts its objects: how much each changes is open
        ("Polish 8 recipe cards for the café", "Polish"),
        ("Amplify and share 15 member stories from the allotments", "Amplify"),
    ],
)
def test_a_judgement_or_frequency_with_no_bar_is_vague(text: str, word: str) -> None:
    assert word in flagged(text, "KRQ401")


@pytest.mark.parametrize(
    "text",
    [
        # a kind of thing named, not a grade: only stated of something do these grade
        "Rotate the private key for the payment gateway by June",
        "Ship a stable release of the till app by June",
        "Safe mode is available on every kiosk by May",
        "Replace the regular expression in the ticket parser by May",
        # defined in the key result: a share, a named standard or test, a rate
        "The plan is realistic: 90% of depot leads sign it off",
        "The ledger is secure: it passes the SOC 2 audit by June",
        "Publish the bakery newsletter regularly, at least twice a month",
        # explained, asked about or part of a word: not what the key result is graded on
        "Publish 6 recipe cards (drawn from the cooks' best tips) by May",
        "Find out from former trainees what was useful in the course by June",
        "Print the ideal-weight charts for the gym by June",
        "Test a sound system for the village hall by June",
        # fixed terms, and a state measured against a thing named
        "Define the ideal customer profile for the wholesale line by May",
        "Hire a sound engineer for the podcast by June",
        "The wiki is consistent with the staff handbook by June",
        # participles of verbs with a checkable end, and a vague participle defined by a share
        "Publish the revised tide tables by May",
        "Install the planned ramps at 3 library sites",
        "Ship a revamped booking page: 90% of testers book unaided",
        # an adverb of a word that is not a judgement
        "Publish the council accounts publicly by May",
        # a vague verb with a bar after its objects, or a change measured
        "Optimize 3 report pages to load in under a second",
        "Streamline the refund form from 9 steps to 5",
    ],
)
def test_a_kind_a_defined_quality_or_an_aside_is_not_vague(text: str) -> None:
    assert not flagged(text, "KRQ401")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Tenants understand how the rent portal works", "understand"),
        ("Shoppers recognise the co-op brand", "recognise"),
        ("The importer handles leap years correctly", "correctly"),
        ("The kitchen crews are aligned on the winter menu", "aligned"),
        ("Members trust the food bank with their data", "trust"),
    ],
)
def test_a_state_of_mind_correctness_or_agreement_with_no_test_is_uncheckable(text: str, word: str) -> None:
    assert flagged(text, "KRQ409") == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Understand the churn drivers of the pantry by May",  # research, an imperative
        "Publish a guide so members understand the rota by June",  # the why
        "80% of tenants understand how the rent portal works",  # a share
        "The importer handles leap years correctly: all 40 cases in the test suite pass",  # a test
        "Set up the scanner as expected by the auditors by June",  # someone named checks it
        "Align the shelving with the fire exits by June",  # a verb, not a state stated
        "The menus are aligned with the allergen register by June",  # against a thing named
    ],
)
def test_a_state_with_a_test_or_read_as_research_or_purpose_is_not_uncheckable(text: str) -> None:
    assert not flagged(text, "KRQ409")
