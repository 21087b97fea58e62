"""The resolution rule: latest per user, majority across users, ties stand for nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.feedback import CorrectedLabel, Correction, Source, normalize_text, resolve, text_key

T0 = datetime(2026, 5, 1, tzinfo=UTC)


def _c(
    i: int, user: str, label: str, *, text: str = "Retire the legacy fax gateway", minutes: int = 0
) -> Correction:
    return Correction(
        text,
        CorrectedLabel(label),
        user,
        Source.SERVICE,
        id=i,
        created_at=T0 + timedelta(minutes=minutes or i),
    )


@pytest.mark.parametrize(
    ("corrections", "expected"),
    [
        ([("a", "task")], ("task", 1, 1)),
        ([("a", "task"), ("a", "milestone")], ("milestone", 1, 2)),  # a user's latest word counts
        ([("a", "task"), ("b", "milestone"), ("c", "milestone")], ("milestone", 2, 3)),
        ([("a", "task"), ("b", "task"), ("b", "metric"), ("c", "task")], ("task", 2, 4)),
        ([("a", "not_kr"), ("b", "not_kr")], ("not_kr", 2, 2)),
        ([("a", "task"), ("b", "milestone")], None),  # a tie: the model's label stands
        ([("a", "task"), ("b", "milestone"), ("a", "milestone"), ("c", "task"), ("d", "task")], None),
    ],
)
def test_the_rule(corrections: list[tuple[str, str]], expected: tuple[str, int, int] | None) -> None:
    resolved = resolve(_c(i, user, label) for i, (user, label) in enumerate(corrections, start=1))
    (only,) = resolved.values()
    if expected is None:
        assert only.override is None
    else:
        assert only.override is not None
        assert (only.override.label.value, only.override.users, only.override.corrections) == expected


def test_latest_is_by_time_not_by_arrival() -> None:
    late = _c(1, "a", "metric", minutes=50)
    early = _c(2, "a", "task", minutes=5)
    (only,) = resolve([late, early]).values()
    assert only.override is not None and only.override.label is CorrectedLabel.METRIC


def test_texts_are_grouped_by_their_normal_form() -> None:
    resolved = resolve(
        [
            _c(1, "a", "task", text="Retire the legacy fax gateway."),
            _c(2, "b", "task", text="retire THE legacy fax gateway"),
        ]
    )
    assert list(resolved) == ["retire the legacy fax gateway"]
    assert resolved["retire the legacy fax gateway"].override is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Launch the referral program", "  launch   the Referral Program. "),
        ("Launch the referral program", "- Launch the referral program"),
        ("Launch the referral program", "KR3: Launch the referral program;"),
        ("Launch the referral program", "[x] Launch the referral program"),
    ],
)
def test_spellings_of_one_statement_share_a_key(a: str, b: str) -> None:
    assert text_key(a) == text_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Launch v2", "Launch v3"),
        ("Cut churn to 3%", "Cut churn to 3"),
        ("Hire 2 designers", "Hire 20 designers"),
    ],
)
def test_different_statements_keep_apart(a: str, b: str) -> None:
    assert text_key(a) != text_key(b)


@given(st.text(max_size=200))
def test_normalising_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == once.strip()
    assert "  " not in once
