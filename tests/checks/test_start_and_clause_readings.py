"""metric.no_baseline, wording.vague and wording.hedge read the sentence, not the word alone.

Each negative case is a false alarm of the kind coaches found on other organisations' key
results, written again in other domains; each positive case is a near neighbour that must
still be flagged, so the reading cannot simply have switched the check off.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from krquality.checks.metric import NO_BASELINE
from krquality.checks.wording import HEDGE, VAGUE
from krquality.labels import Label

from .contexts import real_context


def _flags(nlp: Language, check, text: str, label: Label) -> list[str]:
    context = real_context(nlp, text, label)
    return [text[f.start : f.end] for f in check.detect(context)]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # A reference point named in words.
        ("Grow parcel volume to twice the Q1 level", False),
        ("Cut food waste by 15% compared with the same month last year", False),
        ("Raise weekly bookings above the past season's highs", False),
        ("Weekly sales up 10% on the previous season", False),
        ("Raise weekly bookings to 400", True),
        ("Increase repeat orders to 30% over the next quarter", True),
        ("Grow newsletter opens 5% month over month", True),  # a rate of growth: today's level still asked
        # A level held by a keep verb, wherever it stands.
        ("Open the second depot. Keep missed deliveries below 1%", False),
        ("Preserve at least 95% of the grant budget for direct services", False),
        # Something new starts from zero.
        ("At least 70% of reviews are positive in the first month after launch", False),
        ("Reach 4.2 average rating for the new booking app", False),
        ("Increase the new signups each month to 300", True),
        # A completion: a status after the text, or one plan or set worked through.
        ("Retire the old payroll servers: 100%", False),
        ("Translate the tenant handbook 100%", False),
        ("Achieve 100% of the regional sales plan", False),
        ("Close the ledger by retiring 100% of the legacy accounts", False),
        ("Add barcode tags to 80% of the stock items", False),
        ("Uptime: 99.9%", True),
        ("Test coverage 100%", True),
        ("Achieve 90% of calls answered within 20 seconds", True),
        ("Raise the share of stock items with tags to 80%", True),
        ("90% of orders ship the same day", True),
        ("Retain 90% of first-year members", True),  # a retention rate, a level
        ("Reduce churn - 2%", True),  # the amount of a move, not a status after the text
        # The team's own work counted after a vague verb.
        ("Promote 20 member stories on the newsletter", False),
        ("Improve NPS to 48", True),
    ],
)
def test_no_baseline_reads_where_the_level_starts(nlp: Language, text: str, flagged: bool) -> None:
    assert bool(_flags(nlp, NO_BASELINE, text, Label.METRIC)) is flagged


@pytest.mark.parametrize(
    ("text", "label", "flagged"),
    [
        # A statement counted people report: the survey item, not the aim.
        ("60% of tenants say the repair forms got better", Label.METRIC, False),
        ("70% of drivers are confident they can plan effective routes", Label.METRIC, False),
        ("Raise the share of riders who report better service from 40% to 60%", Label.METRIC, False),
        ("Riders who report better service by June", Label.TASK, True),
        # A modifier naming a kind beside another.
        ("Finish the kitchen improvement / repair jobs", Label.MILESTONE, False),
        ("Deliver process improvement by May", Label.MILESTONE, True),
        # The scope of things already counted.
        ("Recruit 12 new volunteers for various depots", Label.METRIC, False),
        ("Run workshops for various teams", Label.TASK, True),
        # A vague verb whose means follow with a number.
        ("Tighten data security by retiring 100% of the old servers", Label.METRIC, False),
        ("Improve onboarding by June", Label.TASK, True),
    ],
)
def test_vague_reads_the_words_role(nlp: Language, text: str, label: Label, flagged: bool) -> None:
    assert bool(_flags(nlp, VAGUE, text, label)) is flagged


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Cut the lead time from ordering to delivery by 20%", False),
        ("Cut the time from planning to delivery by 20%", False),
        ("We are planning to open the store by May", True),
        ("Publish 3 menus that could be reused by other branches", False),
        ("Publish the 2 figures we would want to watch by June", False),
        ("This quarter we would like to open a second stall", True),
        ("Ensure that we could ship the orders weekly", True),
        ("The rota should be published by Friday", True),
    ],
)
def test_hedge_reads_the_words_role(nlp: Language, text: str, flagged: bool) -> None:
    assert bool(_flags(nlp, HEDGE, text, Label.MILESTONE)) is flagged
