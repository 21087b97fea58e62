"""Drafts for a count of people put through a training (krquality.suggest.trained).

A count of people trained is work done; the draft measures what the training
is for: the share who pass a test after it. Every example is written for
these tests, in several domains.
"""

from __future__ import annotations

import pytest

from krquality.suggest.trained import trained_drafts

from .texts import features, suggested_checked


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "40 stewards have been trained with the first aid course",
            "Raise the share of stewards who pass a test after the first aid course "
            "from [baseline] to [target] by [date]",
        ),
        (
            "25 cashiers complete the fraud awareness training",
            "Raise the share of cashiers who pass a test after the fraud awareness training "
            "from [baseline] to [target] by [date]",
        ),
        (
            '120 volunteers have taken part in a "plan and budget" workshop',
            'Raise the share of volunteers who pass a test after the "plan and budget" workshop '
            "from [baseline] to [target] by [date]",
        ),
        (
            "Train 12 lifeguards in open water rescue",
            "Raise the share of lifeguards who pass a test after training in open water rescue "
            "from [baseline] to [target] by [date]",
        ),
        (
            "50 line managers complete the inclusive hiring course by June",
            "Raise the share of line managers who pass a test after the inclusive hiring course "
            "from [baseline] to [target] by June",
        ),
        (
            "30 warehouse staff trained in forklift safety",
            "Raise the share of warehouse staff who pass a test after training in forklift safety "
            "from [baseline] to [target] by [date]",
        ),
    ],
)
def test_a_count_of_people_trained_is_measured_by_a_test_after_the_training(text: str, expected: str) -> None:
    assert trained_drafts(features(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "15 tenants attend the annual general meeting",  # a meeting, not a training
        "200 pupils complete 3 coding modules",  # a second count would be lost
        "8 editors take the style guide course and pass the exam",  # the test is already there
        "Train 10 stewards",  # nothing named to learn
        "12 cooks trained by the head chef",  # who trains them, not what they learn
        "Train 40 bus drivers in Galway",  # where they are trained, not what they learn
        "25 porters trained in each hospital ward",  # where again
        "Complete the payroll training by May",  # no people counted
        "Run 6 bread-making classes for the allotment society",  # classes held, not people trained
    ],
)
def test_no_test_draft_without_people_counted_through_a_named_training(text: str) -> None:
    assert trained_drafts(features(text)) == []


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("30 drivers receive 1:1 coaching", "drivers given 1:1 coaching"),
        ("Coach 20 founders on their pitch decks", "founders coached on their pitch decks"),
        ("Mentor 12 apprentices through their first year", "apprentices mentored through their first year"),
    ],
)
def test_people_coached_are_measured_by_the_goal_each_sets(text: str, people: str) -> None:
    guide = "mentor" if "entor" in text else "coach"
    expected = (
        f"Raise the share of {people} who reach the goal they set with their {guide} "
        "from [baseline] to [target] by [date]"
    )
    assert trained_drafts(features(text)) == [expected]


def test_goals_the_sentence_names_are_the_ones_reached() -> None:
    assert trained_drafts(features("Coach 15-20 new tutors in their goals for the spring term")) == [
        "Raise the share of new tutors who reach their goals for the spring term with their coach "
        "from [baseline] to [target] by [date]"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Coach 3 project teams",  # not people: a team sets no goal of its own here
        "Mentor 4 open source projects",
        "200 stewards coached for at least 90 minutes each",  # the length would be dropped
        "40 cashiers coached on refunds and returns",  # two topics
    ],
)
def test_no_goal_draft_for_coaching_without_people_or_with_words_it_would_lose(text: str) -> None:
    assert trained_drafts(features(text)) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "25 cashiers complete the fraud awareness training",
        "Teach 40 parents to use the school payments app",
        "40 crew members trained in manual handling [Q3]",
    ],
)
def test_the_engine_offers_the_test_draft_for_an_output_count_of_people_trained(text: str) -> None:
    drafts = suggested_checked(text)  # the score of each is analyze() of its filled text
    assert any(d.startswith("Raise the share of") and "who pass a test after" in d for d in drafts), drafts
