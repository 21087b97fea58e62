"""Key results copied with the markup of their document around them: the body is the sentence
inside the backticks or the link, without the link's address, the owners' handles or a grade."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krquality.features.types import Features

Extract = Callable[[str], Features]

_SENTENCES = [
    "Move the payroll export to the new bank",
    "Cut average wait at the front desk to 4 minutes.",
    "Hold a tasting for every new menu",
    "85% of tenants rate the repair service good or better",
]
_WRAPPERS = [
    "`{}`",
    "[{}](#kr3)",
    "[{}](https://tracker.example.org/issues/41)",
    "[KR: {}](https://tracker.example.org/issues/41)",
    "[{}](#kr12) [mona, tariq] 0.4",
    "[{}](#kr1) \\[jules\\] 1.0",
    "`{}` [mona]",
]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(_WRAPPERS), st.sampled_from(_SENTENCES), st.sampled_from(["", "- ", "1. "]))
def test_the_body_is_the_wrapped_sentence(extract: Extract, wrapper: str, sentence: str, bullet: str) -> None:
    text = bullet + wrapper.format(sentence)
    body = extract(text).body
    assert body.text == sentence.rstrip(".")
    assert text[body.start : body.end] == body.text


@pytest.mark.parametrize(
    "text",
    [
        # Markup inside the sentence is part of it.
        "Move the `nightly_export` job to the new scheduler",
        "Publish the [allergen guide](https://example.org/g) in every kitchen",
        "Grow bookings through the [partner page](https://example.org/p)",
        "[Field guide](https://example.org/f) v2 printed for all rangers",
        "Rename the \\_tmp folder on the shared drive",
        "`orders-api` answers 99% of calls within 300 ms",
        "Have [amount] in the reserve fund",
        # Two code spans are not one wrapper.
        "`bake` and `ship` run on every commit",
    ],
)
def test_markup_inside_a_sentence_stays(extract: Extract, text: str) -> None:
    assert extract(text).body.text == text


def test_notes_inside_a_wrapper_are_trimmed_as_without_it(extract: Extract) -> None:
    assert extract("`Ship the rota app (@nadia)`").body.text == "Ship the rota app"
