"""Second results the joiner rules let through: a counted subject of its own, a state with
its "is" left out, orders listed with commas.

Every example is written for these tests, in domains of their own; the negative cases are
the real-style shapes that stay one key result.
"""

from __future__ import annotations

import pytest

from .contexts import codes

pytestmark = pytest.mark.slow

COMPOUND = "KRQ403"


@pytest.mark.parametrize(
    "text",
    [
        # a counted subject with its own verb
        "Every ward has measured its discharge wait, and at least one ward in each hospital "
        "has cut its discharge wait by more than 40%",
        "All branches have timed their queue from arrival to service, and at least one branch in "
        "each county has halved its queue from arrival to service",
        # a second state with its "is" left out
        "The paper timesheet is withdrawn and the new mobile form adopted",
        "The old kiln is sold and the refurbished kiln installed",  # a participle before the noun
        "Two lifeguards hired at each pool and a guide about their shifts printed.",
        "Hired two lifeguards. One hire made at each pool and a note about their shifts posted.",
        # orders with commas and no joiner
        "Book the venue, hire two caterers, print the tickets",
        "Set up the tool library, train the volunteers, publish the lending rules by June",
    ],
)
def test_a_second_result_is_flagged(text: str) -> None:
    assert COMPOUND in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sand, prime, paint the garden benches",  # verbs sharing one object
        "Reduce kitchen waste, saving 300 kg a month",  # a result of the same work
        "Open the reading room, ready for the spring term",
        "A board of loans approved and repayments missed is live",  # participles as modifiers
        "Print the report of loans approved and repayments missed",
        "Log bookings taken and missed visits recorded",  # a bare participle may be the verb
        "Trained and certified 4 first-aiders",  # participles sharing what follows
        "The ferry timetable is redrawn and published",  # one subject, two participles
        "Hired two lifeguards. The pool rota drafted and shared.",
        "Cut the time from booking to dispatch to 2 days",  # "to dispatch" ends a range
        "Run a repair café to fix bikes, swap parts, and teach basics",  # the why, listed
    ],
)
def test_one_result_is_not_flagged(text: str) -> None:
    assert COMPOUND not in codes(text)
