"""Work counted with no number in front (metric.output_count via checks.habits and
checks.provided): a doing with no object on a schedule, and all or a share of the team's units
each holding a thing written up for it; a vague gerund naming a topic (wording.vague); and the
real-style sentences they must leave alone."""

from __future__ import annotations

import pytest

from .contexts import codes, output_span

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # The doing alone, on a schedule: the times it is done are the count.
        ("Sketch in a notebook every evening", "Sketch in a notebook every evening"),
        ("Swim twice a week at the leisure centre", "Swim twice a week"),
        ("Fitness: cycle to the depot daily", "cycle to the depot daily"),
        ("Post on the club blog every week", "Post on the club blog every week"),
        # Every unit, or a share of them, holding a thing the team wrote up for it.
        ("All our kitchens have a written allergen plan", "All our kitchens have a written allergen plan"),
        ("90% of the branches keep a ranked list of repair jobs", "90% of the branches keep a ranked list"),
        ("Each clinic keeps an updated list of on-call nurses", "Each clinic keeps an updated list"),
        (
            "Every bus-depot will have a documented snow plan by November",
            "Every bus-depot will have a documented snow plan",
        ),
    ],
)
def test_repeated_doing_and_written_up_holdings_are_output_counts(text: str, span: str) -> None:
    assert output_span(text) == span


@pytest.mark.parametrize(
    "text",
    [
        # A verb of moving an outcome, or a level kept each time.
        "Grow paid members by 5% every month",
        "Deliver on time every week",
        "Ship within budget every sprint",
        # The schedule names a thing; a measure of each time; what people outside the team do.
        "Sketch in a weekly notebook",
        "Respond to guest reviews every day",
        "Weekly active riders reach 900",
        # A state the thing or its owner reached, people held, a perfect tense, a bare state.
        "80% of new accounts have a completed profile",
        "All customers have a verified email address",
        "All shops have a trained manager on every shift",
        "All depots have baselined their fuel costs",
        "All our kitchens have a fridge below 5C",
        "All services have automated alerts for latency",
    ],
)
def test_levels_outcomes_states_and_people_are_not(text: str) -> None:
    assert output_span(text) is None


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A vague gerund naming what the things made are about: their topic needs no bar.
        ("Our unit has run 8 clinics (e.g. drop-ins, talks) focused on improving sleep habits", False),
        ("Publish 6 guides focused on improving rota planning", False),
        # After the key result's own verb, or the first verb of its clause, it is the aim.
        ("Volunteers worked on improving the rota", True),
        ("Focus on improving the rota", True),
    ],
)
def test_a_vague_gerund_naming_a_topic_is_not_the_aim(text: str, flagged: bool) -> None:
    assert ("KRQ401" in codes(text)) is flagged


@pytest.mark.parametrize("text", ["Goals for the depot:", "Health -", "All:"])
def test_a_heading_with_nothing_after_its_label_is_read_without_error(text: str) -> None:
    assert output_span(text) is None
