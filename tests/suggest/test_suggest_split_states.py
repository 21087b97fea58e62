"""Splitting a second state whose "is" was left out: the "is" (or "are") comes back.

Every example is written for these tests, in domains of their own.
"""

from __future__ import annotations

import pytest

from .texts import suggested_checked

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("The paper rota is withdrawn and the shared calendar adopted", "The shared calendar is adopted"),
        (
            "The old kiln is sold and the two new kilns installed in the shed",
            "The two new kilns are installed",
        ),
    ],
)
def test_a_second_state_gets_its_be_back(text: str, second: str) -> None:
    drafts = [d for d in suggested_checked(text) if "\n" in d]
    assert drafts and drafts[0].split("\n")[1].startswith(second)


@pytest.mark.parametrize(
    ("text", "second"),
    [
        (
            "The old ticket machine is retired and the map on the station wall is updated",
            "The map on the station wall is",
        ),
        (
            "Every ward has timed its discharges, and at least one ward in each town has cut them by 30%",
            "At least one ward",
        ),
    ],
)
def test_a_second_clause_with_a_longer_subject_is_its_own_line(text: str, second: str) -> None:
    drafts = [d for d in suggested_checked(text) if "\n" in d]
    assert drafts and drafts[0].split("\n")[1].startswith(second)


def test_a_clause_with_an_object_is_kept_as_written() -> None:
    drafts = [
        d for d in suggested_checked("The rota is withdrawn and the team adopted the calendar") if "\n" in d
    ]
    assert all(" is adopted" not in d for d in drafts)
