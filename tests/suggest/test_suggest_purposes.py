"""The effect an output count's own purpose clause names (krquality.suggest.purposes).

"Publish 6 guides to reduce billing tickets" has its effect written by its
author; the draft leads with it and keeps the count as the means. Every
example is written for these tests, in several domains.
"""

from __future__ import annotations

import pytest

from krquality.suggest.purposes import stated_effect

from .texts import suggested_checked


@pytest.mark.parametrize(
    ("means", "measure"),
    [
        ("publishing 6 how-to guides to reduce billing support tickets", "Reduce billing support tickets"),
        ("running 4 open days to increase membership sign-ups", "Increase membership sign-ups"),
        ("making 5 fixes in order to cut late deliveries", "Reduce late deliveries"),
        (
            "running 3 stalls to raise awareness of the tool library",
            "Increase average survey score for awareness of the tool library",
        ),
        (
            "shipping 8 fixes aimed at speeding up the checkout process",
            "Reduce the cycle time of the checkout process",
        ),
        (
            "hosting 5 webinars aimed at growing the seed-swap community",
            "Increase monthly active members of the seed-swap community",
        ),
        (
            "testing 3 changes to simplify the refund process (e.g. one form instead of three)",
            "Reduce the cycle time of the refund process",
        ),
        (
            "holding 3 listening sessions to build trust with the tenants",
            "Increase average survey score for trust with the tenants",
        ),
    ],
)
def test_a_purpose_with_a_measure_leads_and_the_rest_is_the_means(means: str, measure: str) -> None:
    stated = stated_effect(means)
    assert stated is not None and stated[0] == f"{measure} from [baseline] to [target]"
    assert means.startswith(stated[1]) and stated[1].split()[1].isdigit()  # the count stays in the means


@pytest.mark.parametrize(
    ("means", "measure"),
    [
        ("running 3 campaigns to increase donations by 10%", "Increase donations by 10% (from [baseline])"),
        (
            "opening 2 more tills to cut queue times to 5 minutes",
            "Reduce queue times from [baseline] to 5 minutes",
        ),
    ],
)
def test_the_authors_amount_in_the_purpose_is_its_target(means: str, measure: str) -> None:
    stated = stated_effect(means)
    assert stated is not None and stated[0] == measure


@pytest.mark.parametrize(
    "means",
    [
        "rewriting 3 forms to improve the claims process by 20%",  # 20% of what?
        "writing 4 explainers to lower the barrier to entry for new growers",  # no measure of a barrier
        "publishing 5 recipes to improve the cookbook",  # a better cookbook is not one with more readers
        "planting 200 trees to reduce flooding and improve biodiversity",  # two purposes
        "running 3 focus groups to understand what commuters need",  # a question to answer, not a measure
        "releasing 2 plugins to set up the rota",  # a deliverable, not an effect
        "running 6 taster evenings to recruit new volunteers",  # people: the aim drafts say how
        "hosting 2 clinics to reduce waiting times for 3 wards",  # a number of its own would be misread
        "writing 10 posts for the bakery blog",  # no purpose at all
    ],
)
def test_no_stated_effect_without_one_measurable_purpose(means: str) -> None:
    assert stated_effect(means) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "Publish 6 how-to guides to reduce billing support tickets",
            "Reduce billing support tickets from [baseline] to [target] by [date] "
            "through publishing 6 how-to guides",
        ),
        (
            "Ship 8 fixes to speed up the checkout process by June "
            "(see [the tracker](https://example.org/issues/4121))",
            "Reduce the cycle time of the checkout process from [baseline] to [target] by June "
            "through shipping 8 fixes",
        ),
        (
            # read as a task: the stated effect replaces the attendance draft that dropped it
            "Run monthly workshops to raise awareness of the tool library",
            "Increase average survey score for awareness of the tool library from [baseline] to [target] "
            "each month through running workshops",
        ),
    ],
)
def test_the_stated_effect_comes_first_and_the_readers_draft_does_not_drop_it(text: str, first: str) -> None:
    drafts = suggested_checked(text)
    assert drafts[:1] == [first]
    # a measure of the things alone would drop the purpose
    assert not any(d.startswith(("Increase monthly readers", "Increase average attendance")) for d in drafts)
