"""A level held where it is today ("Keep infra costs flat") is a threshold: no activity, no
missing target. Examples written for these tests, in domains of their own."""

from __future__ import annotations

import pytest
from spacy.language import Language

from krquality.checks.startpoint import held_as_today
from krquality.labels import Label

from .contexts import codes, real_context

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Keep infra costs flat",
        "Hold the bakery's headcount steady through the winter",
        "Maintain reply times at current levels",
        "Keep ferry fares unchanged for residents",
        "Keep the stall's waste where it is",
    ],
)
def test_a_level_held_as_today_is_a_threshold(nlp: Language, text: str) -> None:
    for label in (Label.METRIC, Label.TASK):
        assert held_as_today(real_context(nlp, text, label))
    assert not {"KRQ102", "KRQ301"} & codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Keep costs flat at 40k a month",  # a number: the other checks read it as the target
        "Keep the garden tidy",  # no level named as today's
        "Keep writing posts for the level crossing blog",  # "level" is not the kept state
        "Cut infra costs while keeping headcount flat",  # the lead verb moves a measure
        "Make the shelves level",  # no verb of keeping
    ],
)
def test_other_keeping_is_not_a_level_held_as_today(nlp: Language, text: str) -> None:
    assert not held_as_today(real_context(nlp, text, Label.TASK))
