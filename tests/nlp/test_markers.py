"""Markers: vague, hedge, measure, conjunction, activity, placeholder, absolute, state."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from krquality.features.types import Features
from krquality.nlp.components import add_components

Extract = Callable[[str], Features]


@pytest.mark.parametrize(
    ("text", "kind", "marked"),
    [
        ("Improve the onboarding experience", "vague", "Improve"),
        ("Make onboarding significantly better", "vague", "significantly"),
        ("Build a world-class support team", "vague", "world-class"),
        ("Deliver a seamless checkout", "vague", "seamless"),
        ("Try to reduce churn", "hedge", "Try to"),
        ("Reduce churn as much as possible", "hedge", "as much as possible"),
        ("Ideally ship the portal in Q3", "hedge", "Ideally"),
        ("Migrate billing where possible", "hedge", "where possible"),
        ("Increase NPS to 50", "measure", "NPS"),
        ("Raise CSAT to 4.5/5", "measure", "CSAT"),
        ("Grow ARR to $2M", "measure", "ARR"),
        ("Cut churn rate to 2%", "measure", "rate"),
        ("Reduce p95 latency", "measure", "p95"),
        ("Keep uptime above 99.9%", "measure", "uptime"),
        ("Launch the app and migrate 50% of users", "conjunction", "and"),
        ("Increase NPS to 50 and reduce churn to 2%", "conjunction", "and"),
        ("NPS above 50 and churn below 2%", "conjunction", "and"),
        ("Ship the SDK; publish the docs", "conjunction", ";"),
        ("Hold weekly pipeline reviews", "activity", "Hold"),
        ("Keep working on the billing migration", "activity", "Keep working"),
        ("Monitor latency on an ongoing basis", "activity", "on an ongoing basis"),
        ("Increase NPS from X to Y", "placeholder", "X"),
        ("Increase conversion to TBD%", "placeholder", "TBD%"),
        ("Ship with no bugs", "absolute", "no bugs"),
        ("Never miss an SLA", "absolute", "Never"),
        ("Zero defects in production", "absolute", "Zero defects"),
        ("Be available 100% of the time", "absolute", "100% of the time"),
        ("Always answer within a day", "absolute", "Always"),
        ("The export API is merged", "state", "merged"),
        ("SSO available to all customers", "state", "available"),
        ("Kubernetes migration — done", "state", "done"),
        ("New billing in place", "state", "in place"),
        ("Partner portal GA", "state", "GA"),
        ("Design doc signed off", "state", "signed off"),
    ],
)
def test_marker(extract: Extract, text: str, kind: str, marked: str) -> None:
    assert marked in [m.span.text for m in extract(text).markers_of(kind)]


@pytest.mark.parametrize(
    "text",
    [
        "Grow R&D headcount to 40",
        "Align sales and marketing on one funnel",
        "Keep NPS between 40 and 50",
        "Hire 3 engineers and 2 designers",
        "Improve customer support",
    ],
)
def test_and_inside_one_key_result_is_no_conjunction(extract: Extract, text: str) -> None:
    assert extract(text).markers_of("conjunction") == ()


def test_state_word_that_is_the_lead_verb_is_no_state(extract: Extract) -> None:
    assert extract("Complete the security audit").markers_of("state") == ()


def test_customer_support_is_no_activity(extract: Extract) -> None:
    assert extract("Reduce customer support tickets by 20%").markers_of("activity") == ()


def test_no_later_than_is_not_absolute(extract: Extract) -> None:
    assert extract("Ship the portal no later than May 15").markers_of("absolute") == ()


def test_config_adds_vague_words_and_activity_verbs(nlp: Language) -> None:
    import spacy

    extra = add_components(
        spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"], exclude=["ner", "parser"]),
        vague_words=["synergize"],
        activity_verbs=["shepherd"],
    )
    features = extra("Shepherd the launch and synergize teams")._.krq_features
    assert [m.lemma for m in features.markers_of("vague")] == ["synergize"]
    assert features.lead_verb is not None and features.lead_verb.verb_class.value == "activity"
    # the shared pipeline is unaffected
    assert nlp("Synergize teams")._.krq_features.markers_of("vague") == ()


@pytest.mark.parametrize(
    ("text", "kind", "lemma"),
    [
        ("Draft a hiring strategy for the warehouse", "artifact", "strategy"),
        ("Checkout flow revamp", "artifact", "revamp"),
        ("Documentation about the grant process", "artifact", "documentation"),
        ("The volunteer handbook is published", "artifact", "handbook"),
        ("Publish the new hobbies report by [date]", "artifact", "report"),
        ("Write case studies", "plural_object", "study"),
        ("Ward managers can book agency staff online", "capability", "book"),
        ("The reporting service supports CSV export", "capability", "support"),
        ("Finance is able to close the month in three days", "capability", "close"),
        ("Fix the login timeout on the member portal", "definite_object", "timeout"),
        ("Identify the suppliers we can drop", "definite_object", "supplier"),
        ("Refresh our volunteer handbook", "definite_object", "handbook"),
        ("Support exporting invoices as PDF", "capability", "export"),
        ("Support scheduling posts from the mobile app", "capability", "scheduling"),
    ],
)
def test_shape_markers(extract: Extract, text: str, kind: str, lemma: str) -> None:
    assert (kind, lemma) in [(m.kind, m.lemma) for m in extract(text).markers]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Publish 12 case studies", "plural_object"),
        ("Help the support team with escalations", "capability"),
        ("Keep writing release notes", "capability"),  # the -ing is the work kept up
        ("Start tracking churn weekly", "capability"),
        ("Support exporting invoices as PDF", "plural_object"),  # the noun is inside the capability
        ("Improve the onboarding experience", "artifact"),
        ("Fix a login timeout", "definite_object"),
        ("Identify suppliers we can drop", "definite_object"),
        ("The login timeout is fixed", "definite_object"),  # no lead verb: a state sentence
        ("Coach the four shift leads", "definite_object"),  # counted: the number decides
    ],
)
def test_no_shape_marker_where_the_shape_is_not_there(extract: Extract, text: str, kind: str) -> None:
    assert kind not in [m.kind for m in extract(text).markers]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Booking kiosk up & running in the lobby", "up & running"),
        ("The intake survey is tested with five clients", "tested"),
        ("Churn drivers analysed and shared with the board", "analysed"),
    ],
)
def test_reached_states(extract: Extract, text: str, state: str) -> None:
    assert state in [m.span.text.lower() for m in extract(text).markers_of("state")]


@pytest.mark.parametrize(
    ("text", "participle"),
    [
        ("Payroll archive from 2019 is backed up", "backed"),
        ("Courier for the east region chosen and costed", "costed"),
        ("Mentoring guidelines for new volunteers are catalogued", "catalogued"),
    ],
)
def test_participles_of_a_state_sentence_are_reached_states(
    extract: Extract, text: str, participle: str
) -> None:
    found = [m for m in extract(text).markers_of("state") if m.span.text == participle]
    assert [m.lemma for m in found] == ["participle"]


@pytest.mark.parametrize(
    "text",
    [
        "Stock levels are monitored weekly",  # ongoing work, nothing finished
        "Onboarding is improved",  # a vague direction
        "Type hints understood and used across the team",  # a practice, never finished
        "Catalogue the archive boxes",  # an order, not a state
    ],
)
def test_no_reached_state_for_ongoing_vague_or_imperative(extract: Extract, text: str) -> None:
    assert [m for m in extract(text).markers_of("state") if m.lemma == "participle"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Cut the time needed to set up a new laptop",  # an infinitive, not a state reached
        "Grow revenue from self-published authors",  # part of a compound word
    ],
)
def test_no_state_word_after_to_or_a_hyphen(extract: Extract, text: str) -> None:
    assert extract(text).markers_of("state") == ()


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("Support renaming files in the editor", False),  # a capability to deliver
        ("Coaching materials for shift leads are published", False),  # the subject of a state
        ("Support the night shift during the rollout", True),
        ("Coaching shift leads on handovers", True),
    ],
)
def test_activity_marker_only_where_the_verb_is_an_activity(
    extract: Extract, text: str, activity: bool
) -> None:
    assert bool(extract(text).markers_of("activity")) is activity


@settings(max_examples=40, deadline=None)
@given(
    determiner=st.sampled_from(["the", "our", "their", "this"]),
    noun=st.sampled_from(["roadmap", "policy", "checklists", "wiki", "timeouts", "budget"]),
    verb=st.sampled_from(["Fix", "Refresh", "Document", "Identify", "Review"]),
)
def test_a_definite_object_spans_its_determiner_to_its_head(
    extract: Extract, determiner: str, noun: str, verb: str
) -> None:
    text = f"{verb} {determiner} {noun} by June"
    features = extract(text)
    found = features.markers_of("definite_object")
    assert len(found) == 1
    span = found[0].span
    assert text[span.start : span.end] == span.text == f"{determiner} {noun}"
    # "a" or no determiner: not a known thing
    assert extract(f"{verb} a {noun} by June").markers_of("definite_object") == ()
