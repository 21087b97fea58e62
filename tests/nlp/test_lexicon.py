"""The direction lexicon's named parts: every word in them is a direction word, split by direction."""

from __future__ import annotations

import pytest

from krquality.features.types import Direction
from krquality.nlp.lexicon import VerbLexicon, direction_words
from krquality.nlp.resources import load_data

PARTS = sorted(load_data("verbs")["direction_parts"])


@pytest.mark.parametrize("part", PARTS)
def test_every_word_of_a_part_states_an_increase_or_a_decrease(part: str) -> None:
    lexicon = VerbLexicon()
    for word in direction_words(part):
        assert lexicon.direction(word) in (Direction.INCREASE, Direction.DECREASE), word


@pytest.mark.parametrize("part", PARTS)
def test_a_part_split_by_direction_loses_no_word(part: str) -> None:
    up = direction_words(part, Direction.INCREASE)
    down = direction_words(part, Direction.DECREASE)
    assert up.isdisjoint(down)
    assert up | down == direction_words(part)


@pytest.mark.parametrize(
    ("word", "direction"), [("shrink", Direction.DECREASE), ("lift", Direction.INCREASE)]
)
def test_a_word_is_in_the_half_of_its_direction(word: str, direction: Direction) -> None:
    assert word in direction_words("drafts", direction)
    assert word not in direction_words(
        "drafts", Direction.INCREASE if direction is Direction.DECREASE else Direction.DECREASE
    )


def test_an_unknown_part_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="nonesuch"):
        direction_words("nonesuch")
