"""A habit named as an activity (krquality.suggest.habits): the days or weeks it is kept.

Every example is written for these tests.
"""

from __future__ import annotations

import pytest

import krquality
from krquality.suggest import fill_placeholders


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "draft"),
    [
        # the author's month stays the time frame
        ("Sketch every day in March.", "Sketch on at least [target] days in March"),
        # a rate with nothing else to date it gets a date
        ("Play cello weekly", "Play cello in at least [target] weeks by [date]"),
        (
            "Walk to work regularly.",
            "Walk to work at least [target] times a month by [date]",
        ),
        ("Practise piano every evening", "Practise piano on at least [target] evenings by [date]"),
        # a verb that may hold an event, with none after it, is the habit itself
    ],
)
def test_a_habit_becomes_a_count_of_the_days_or_weeks_it_is_kept(text: str, draft: str) -> None:
    result = krquality.analyze(text)
    texts = [s.text for s in result.suggestions]
    assert draft in texts, (texts, result.no_suggestion)
    offered = result.suggestions[texts.index(draft)]
    assert offered.score == krquality.analyze(fill_placeholders(draft)).score


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Run the bottle bank survey daily",  # something held: its effect is the measure
        "Post a digest each week",  # something made
        "Host Repair Café 3 each week",  # a number
        "Swim daily and read every week",  # two rates
        "Sing every week, except in August",  # an aside before the date
        "Monitor stock weekly",  # watching: what it catches counts
        "Publish meeting notes weekly",  # a thing made: its readers count
        "Host drop-in hours every week for new tenants",  # an event held: its attendance counts
        "Phone home regularly so nobody worries",  # a purpose the date would close
    ],
)
def test_no_count_of_days_for_work_on_a_thing_or_two_rates(text: str) -> None:
    result = krquality.analyze(text)
    assert not any(
        "at least [target] days" in s.text or "at least [target] weeks" in s.text for s in result.suggestions
    )


@pytest.mark.slow
def test_a_rate_naming_the_things_held_is_no_habit() -> None:
    # "weekly" names the check-ins, which are held, not the days of a habit
    result = krquality.analyze("Hold weekly stock check-ins")
    assert not any("at least [target]" in s.text for s in result.suggestions)
