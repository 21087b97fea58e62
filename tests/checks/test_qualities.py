"""Qualities with no test (wording.vague) and the cases where the key result defines them.
The cases are written in other domains and words."""

from __future__ import annotations

import pytest

import krquality

pytestmark = pytest.mark.slow


def vague_words(text: str) -> list[str]:
    """The words the vague-wording check flags in ``text``."""
    result = krquality.analyze(text, suggestions=False)
    return [text[f.start : f.end] for f in result.findings if f.code == "KRQ401"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The pricing page is clear and lists every fee", "clear"),
        ("Publish a credible roadmap for the depot upgrade", "credible"),
        ("Tenant data is stored and handled securely", "securely"),
        ("Add a loyalty scheme of some sort to the café", "of some sort"),
        ("Clear set of priorities for the warehouse team", "Clear"),
        ("Send the funders an actionable summary of the pilot", "actionable"),
        ("The archive boxes are mostly labelled by the end of March", "mostly"),
        ("A user-friendly booking page for the pottery classes by June", "user-friendly"),
    ],
)
def test_a_quality_with_no_test_is_vague(text: str, word: str) -> None:
    assert word in vague_words(text)


@pytest.mark.parametrize(
    "text",
    [
        # Defined in the same key result: a share, a scored measure, a standard or a test passed.
        "The rota guide is clear: 90% of new drivers pass the comprehension quiz",
        "Card data is handled securely: the portal passes the PCI DSS 4.0 audit",
        "The booking form is clear, with a readability score of 60 or more",
        "The donor site is WCAG 2.2 AA compliant and reliable",
        # Verbs and a checkable state, not qualities.
        "Clear 40 overdue tickets from the repair queue",
        "Clear the backlog of repair requests",
        "The yard is clear of debris before the inspection",
        "The booking app is generally available by June",
    ],
)
def test_a_quality_defined_in_the_key_result_or_a_verb_is_not_vague(text: str) -> None:
    assert not vague_words(text)


def test_an_empowered_team_is_an_uncheckable_state() -> None:
    result = krquality.analyze("The night team is empowered to plan its own rota", suggestions=False)
    assert "KRQ409" in {f.code for f in result.findings}
