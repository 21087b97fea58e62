"""A bracketed cycle tag beside a key result dates it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from krquality.checks.helpers import cycle_tag

_WORDS = st.text(alphabet=st.sampled_from("abcdefghij klmnop"), max_size=40)
_TAGS = st.sampled_from(["[Q2]", "(H1)", "{Q4_2022}", "(Q3 2024)", "[FY25]", "[ q1 ]", "(2026)", "[H2-26]"])


@given(before=_WORDS, tag=_TAGS, after=_WORDS)
def test_a_tag_anywhere_is_found_where_it_is(before: str, tag: str, after: str) -> None:
    text = f"{before} {tag} {after}"
    span = cycle_tag(text)
    assert span is not None
    assert text[span[0] : span[1]] == tag


@given(st.text(alphabet=st.characters(blacklist_characters="[](){}"), max_size=80))
def test_text_without_brackets_has_no_tag(text: str) -> None:
    assert cycle_tag(text) is None


def test_brackets_that_hold_no_cycle_are_not_a_tag() -> None:
    for text in ("Ship v2 (beta)", "Hire 2 (two) stewards", "[Accountable - @sam]", "Grow sign-ups (Q5)"):
        assert cycle_tag(text) is None, text
