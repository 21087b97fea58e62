"""States, capabilities and joined words that stay one key result.

A capability ("Patients can read more about ..."), a state with a listed subject
("The booking system and the door locks are interoperable"), a noun phrase naming
a capability ("Support for offline mode") and one set of documents made for one
topic are not activities; a joiner inside one subject, one capability, one measure
staged over two periods, or a thing made and then passed on does not join two key
results. Each case is of a kind a reviewer found on real key results, written again
in other domains and other words; the positive cases keep the checks honest.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

import krquality
from krquality.checks import states

from .contexts import codes

pytestmark = pytest.mark.slow

ACTIVITY = "KRQ301"
COMPOUND = "KRQ403"


@pytest.mark.parametrize(
    "text",
    [
        "Patients can read more about the clinic that is treating them",
        "Listeners can see which station a song was first aired on",
        "Gardeners can swap easily seeds with other plot holders to plant or trade",
        "The booking system and the door locks are interoperable",
        "the scanner and the ledger are compatible [p2]",
        "Support for offline mode in the ferry timetable app",
        "Support for gift cards in the bakery checkout",
        "Create specs for labelling on the recycling line",
    ],
)
def test_a_state_or_capability_is_no_activity_and_scores_as_a_state(text: str) -> None:
    result = krquality.analyze(text, suggestions=False)
    assert ACTIVITY not in {f.code for f in result.findings}
    assert result.score >= 55  # a state to date or sharpen, not an activity band (27-39)


@pytest.mark.parametrize(
    "text",
    [
        "We can hold weekly reviews with the suppliers",  # the team's own work, with a modal
        "Support for the new volunteers at the food bank",  # help given to people
        "Write blog posts about the bakery",  # a plural of work products
        "Create videos for the onboarding course",
        "Hold weekly stock checks at the depot",
    ],
)
def test_work_stays_an_activity(text: str) -> None:
    assert ACTIVITY in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The booking system and the door locks are interoperable",  # one listed subject
        "Document how the ovens and the proofers are being used at night.",
        "Patients can book appointments across clinics and wards, and cancel them.",  # one capability
        "Shoppers can order groceries across stores, and track deliveries.",
        "Archive: Measure and reduce returned parcels from the web shop. 5% MoM.",  # verbs, one object
        "Grow library members: 300 for the spring term & 360 for the autumn term",  # one measure, staged
        "Grow pantry donors. For the winter drive the target is 80 & for the spring drive the target is 95.",
        "Write the volunteer charter and circulate among the trustees for comments",  # made, then shared
    ],
)
def test_one_key_result_with_a_joiner_is_not_a_compound(text: str) -> None:
    assert COMPOUND not in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Plan the harvest fair + hire two stall managers",
        "Ship the ferry app and the harbour website is live",
        "Patients can book appointments, and the waiting room is repainted",  # a new subject
        "Sell 300 tickets for the spring fair & 40 sponsors for the summer fair",  # a new thing counted
        "Raise donations to 120 by May and recruit 40 volunteers by June",  # a verb of its own
        "Write the volunteer charter and circulate the survey to all members",  # an object of its own
        "The kiosk and the app are launched and the rota is published",
    ],
)
def test_two_key_results_are_still_a_compound(text: str) -> None:
    assert COMPOUND in codes(text)


def test_a_split_part_opening_with_a_misread_verb_keeps_its_own_verb() -> None:
    result = krquality.analyze("Open the new depot and migrate payroll to the cloud ledger by Q3")
    assert result.suggestions
    lines = result.suggestions[0].text.split("\n")
    assert lines == ["Open the new depot by Q3", "Migrate payroll to the cloud ledger by Q3"]


def test_the_shapes_read_from_the_tagger(nlp: Language) -> None:
    assert states.capability_modal(nlp("Tenants are able to book laundry slots")) is not None
    assert states.capability_modal(nlp("We can run the laundry")) is None
    assert states.subject_list_state(nlp("The till and the scale are compatible"))
    assert not states.subject_list_state(nlp("The till is fixed and the scale is compatible"))
    doc = nlp("Sign 50 members by May & 60 members by June")
    assert states.staged_targets(doc, 5)
    doc = nlp("Sign 50 members by May & 6 sponsors by June")
    assert not states.staged_targets(doc, 5)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("Tenants can read the repair schedule for their block", False),
        ("Shoppers can trace the orchard that grew their apples", False),
        ("Staff are able to read up on the new rota", False),
        ("make and ninja are compatible [p1]", False),  # the tagger reads "make" as a verb
        ("The booking system and the door locks are interoperable", False),
        ("We can learn more on the repair schedule for the block", True),  # the team's own work
        ("Research the repairs on the block", True),
    ],
)
def test_activity_reads_the_sentence_when_the_model_says_task(nlp: Language, text: str, fires: bool) -> None:
    from krquality.checks.task import ACTIVITY as CHECK
    from krquality.labels import Label

    from .contexts import real_context

    assert CHECK.detect is not None
    found = list(CHECK.detect(real_context(nlp, text, Label.TASK)))
    assert bool(found) is fires


def test_a_new_listed_subject_is_a_second_result_split_whole() -> None:
    # The joiner inside "the ferry app and the harbour site" lists one subject; the one
    # before it starts a second result, and each split part reads whole.
    result = krquality.analyze("Grow repeat bookings by 10%, and the ferry app and the harbour site are live")
    assert COMPOUND in {f.code for f in result.findings}
    assert result.suggestions
    lines = result.suggestions[0].text.split("\n")
    assert lines[1] == "The ferry app and the harbour site are live by [date]", lines
