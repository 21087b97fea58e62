"""Three or more results listed in one key result (KRQ403 wording.compound), and lists of
the parts of one thing that stay one result.

Every example is written for these tests, in domains of their own.
"""

from __future__ import annotations

import pytest

from .contexts import codes

pytestmark = pytest.mark.slow

COMPOUND = "KRQ403"


@pytest.mark.parametrize(
    "text",
    [
        # work reported done, each verb with its own object
        "We've surveyed the orchard owners, built a cider press rota and priced the bottling kit",
        "We have moved the archive to the cloud, retired the old scanner and trained the clerks",
        "Repaired the greenhouse roof, replaced the irrigation pump and sold the spare seed trays",
        # things each with its own article, the subject of one state
        "The fire plan, the first-aid kit list and the evacuation map are signed off",
        "Our style sheet, our press kit and our logo files have been published by June",
    ],
)
def test_several_results_listed_are_flagged(text: str) -> None:
    assert COMPOUND in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        # the parts of one thing
        "Publish a harvest guide covering pruning, picking and storage by September",
        "Train the stewards in crowd safety, first aid and radio use by May",
        "The river, canal and reservoir walks are mapped by June",
        "A handbook with the fire plan, the kit list and the evacuation map is published",
        # verbs sharing one object, and a count of one thing
        "Cleaned, sorted and shelved every donated book within a week",
        "The 3 ferries, 4 tugs and 2 barges are inspected every month",
        # a list inside a relative clause describes who or what is meant
        "Stewards who checked the gates, counted the crowd and closed the bar rate the night 4 of 5",
        "Launched the new menu, which cut waste, raised sales and pleased the cooks",
    ],
)
def test_a_list_of_parts_of_one_result_is_not_flagged(text: str) -> None:
    assert COMPOUND not in codes(text)
