"""A required end state written with "should" or "must" is a state to check, not work to do.

Each case is of a kind a reviewer found on real key results, written again in
other domains and other words.
"""

from __future__ import annotations

import pytest

from .contexts import codes

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "text",
    [
        "Receipts should be printed in colour",
        "The kiosk should accept contactless cards",
        "Every menu page should load fast",
        "The rota app, shifts should be colour-coded and names should show",
    ],
)
def test_a_modal_end_state_is_no_activity_but_keeps_its_hedge(text: str) -> None:
    found = codes(text)
    assert "KRQ301" not in found  # task.activity
    assert "KRQ402" in found  # wording.hedge still says "should" is soft


@pytest.mark.parametrize(
    "text",
    [
        "We should run more bake sales",  # work, with a modal
        "Should we look at cheaper couriers?",  # a question to settle
        "Volunteers should try to call every donor",  # a hedge beyond the modal
        "Staff should greet every visitor",  # people doing something: work, not a state
        "Someone on the desk should phone each new tenant",
    ],
)
def test_work_or_a_question_with_a_modal_stays_an_activity(text: str) -> None:
    assert "KRQ301" in codes(text)
