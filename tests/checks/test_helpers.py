"""Shared check helpers: what counts as a time frame."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krquality
from krquality.checks.helpers import has_time_frame
from krquality.features.types import Features, Form, SpanRef
from krquality.nlp.dates import time_frame_spans


def _features(text: str) -> Features:
    return Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)


@pytest.mark.parametrize(
    ("text", "framed"),
    [
        ("Create one starter kit for new stewards", False),
        ("Plan a meetup for the allotment holders", False),
        ("Q&A session with tenants about the rent review", False),
        ("5+ walkers a session on the Sunday route", True),
        ("Two new members an evening at the club", True),
        ("Publish one case study per month", True),
        ("Run the stock count once a week", True),
    ],
)
def test_one_event_named_is_not_a_rate_unless_a_count_comes_before_it(text: str, framed: bool) -> None:
    assert has_time_frame(_features(text)) is framed


@pytest.mark.parametrize(
    ("text", "framed"),
    [
        # a rate word between a count and the thing counted names the measure
        ("4000 monthly readers of the tenants' newsletter", False),
        ("Reach 12k daily active riders on the ferry app", False),
        ("1.5k+ weekly visitors to the seed library", False),
        # a rate of the work, or a rate word with no count before it, frames it in time
        ("Serve 40 meals daily at the community kitchen", True),
        ("Hold a weekly repair clinic", True),
        ("300 visitors to the seed library each week", True),
        ("Send the newsletter to 4000 readers monthly", True),
    ],
)
def test_a_rate_word_that_names_what_a_count_counts_is_no_time_frame(text: str, framed: bool) -> None:
    assert has_time_frame(_features(text)) is framed


WORDS = st.sampled_from(["a", "one", "an", "meetup", "session", "week", "per", "5", "members", "Run"])


@settings(max_examples=80, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=8))
def test_a_time_frame_is_only_ever_found_where_the_date_patterns_find_one(words: list[str]) -> None:
    text = " ".join(words)
    if has_time_frame(_features(text)):
        assert time_frame_spans(text)


@pytest.mark.parametrize(
    ("text", "undated"),
    [
        # a rate word inside the measure a verb of change moves names the measure
        ("Grow weekly visits to the seed library by 10%", True),
        ("Increase Net Monthly Newsletter Subscribers Gained by 30%", True),
        # a rate after the amount, or of the work, is the key result's time frame
        ("Grow visits to the seed library by 10% each month", False),
        ("Run a weekly clinic to grow repeat visits by 10%", False),
    ],
)
def test_a_rate_word_inside_a_moved_measure_is_no_time_frame(text: str, undated: bool) -> None:
    codes = {f.code for f in krquality.analyze(text).findings}
    assert ("KRQ105" in codes) is undated
