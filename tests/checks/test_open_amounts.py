"""wording.vague on amounts with no number: "enough", "more" as what a verb does, and units of
work in the plural that nothing picks out. Every example is written for these tests."""

from __future__ import annotations

import pytest

import krquality


def _vague_words(text: str) -> list[str]:
    result = krquality.analyze(text, suggestions=False)
    return [text[f.start : f.end] for f in result.findings if f.code == "KRQ401"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Write enough onboarding notes for a new cashier to close the till alone", "enough"),
        ("The boiler room is adequately ventilated", "adequately"),
        ("Tenants can learn more about the new recycling rota", "more"),
        ("Volunteers can read more about the seed library on the website", "more"),
        ("Complete garden and kitchen projects", "garden and kitchen projects"),
        ("Finish boiler repairs by March", "boiler repairs"),
        ("Carry out roof upgrades before the winter", "roof upgrades"),
        ("Move some invoices to the new ledger", "some"),
        ("Bake something new for the market every week", "something"),
        ("Publish detailed guidance on the new bin rota", "detailed"),
        ("Garden projects are completed by June", "Garden projects"),
        ("Boiler repairs are properly documented", "Boiler repairs"),
        ("Hold regular tasting sessions for members", "regular"),
        ("Publish recipes at a regular pace", "regular"),
    ],
)
def test_an_amount_with_no_number_is_vague(text: str, flagged: str) -> None:
    assert flagged in _vague_words(text)


@pytest.mark.parametrize(
    "text",
    [
        "Write enough onboarding notes for 40 cashiers to close the till alone",  # the number is the bar
        "Grow more tomatoes in the allotment",  # a thing counted: metric.no_target asks how many
        "The new leaflet is more readable than the old one",  # a comparison stated of a thing
        'Write the volunteer handbook (it is more "practical" than the old one)',
        "Complete the garden projects by June",  # picked out by the determiner
        "Finish 4 boiler repairs by March",
        "Finish all boiler repairs by March",
        "Ship features from the spring plan by June",  # picked out after them
        "Plan kitchen projects with the tenants",  # no finishing verb
        "Move some of the 400 invoices to the new ledger",
        "Something in the cold store beeps: find the alarm by May",  # a subject, not a thing made
        "Make sure no visitor at the fair is missing something",  # not a thing the team makes
        "Boiler repairs are done for the 12 flats",  # picked out after them
        "The garden projects are completed by June",
        "Keep regular customers informed about the new menu",  # a kind of people, not a rate
        "Hold regular tasting sessions every month",  # the rate is named
    ],
)
def test_an_amount_with_a_bar_or_things_picked_out_is_not(text: str) -> None:
    assert not any(
        w.lower() in {"enough", "more", "some", "regular", "something"}
        or w.endswith(("projects", "repairs", "features"))
        for w in _vague_words(text)
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Hire the right people for the night kitchen", ["right"]),
        ("Send the rota to the right drivers at the right time", ["right", "right"]),
        ("Tenants have the right to a repair visit within 3 days", []),  # a noun: an entitlement
        ("Publish the right-of-way map for the allotments", []),
        ("Add templates to send feedback to the right channel", []),  # in the clause saying why
    ],
)
def test_the_right_thing_is_a_judgement_with_no_bar(text: str, flagged: list[str]) -> None:
    assert [w for w in _vague_words(text) if w.lower() == "right"] == flagged
