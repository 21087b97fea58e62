"""Leading verb, its class, the form, and the tagger correction."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from krquality.features.types import Features, Form, VerbClass

Extract = Callable[[str], Features]


@pytest.mark.parametrize(
    ("text", "lemma", "verb_class"),
    [
        ("Increase NPS from 40 to 55", "increase", VerbClass.OUTCOME),
        ("Reduce churn to 2%", "reduce", VerbClass.OUTCOME),
        ("Reach 10k users", "reach", VerbClass.OUTCOME),
        ("Maintain 99.9% uptime", "maintain", VerbClass.OUTCOME),
        ("Maintain the wiki", "maintain", VerbClass.ACTIVITY),
        ("Launch the partner portal", "launch", VerbClass.DELIVERABLE),
        ("Roll out the new expense policy", "roll out", VerbClass.DELIVERABLE),
        ("Set up SSO for all customers", "set up", VerbClass.DELIVERABLE),
        ("Hire a head of data", "hire", VerbClass.DELIVERABLE),
        ("Obtain ISO 27001 certification", "obtain", VerbClass.DELIVERABLE),
        ("Work on the billing migration", "work on", VerbClass.ACTIVITY),
        ("Hold weekly pipeline reviews", "hold", VerbClass.ACTIVITY),
        ("Research competitor pricing", "research", VerbClass.ACTIVITY),
        ("Help the sales team with demos", "help", VerbClass.ACTIVITY),
        ("Chase overdue invoices with finance", "chase", VerbClass.ACTIVITY),
        ("Steward the top donors", "steward", VerbClass.ACTIVITY),
        ("Network with CFOs at the summit", "network", VerbClass.ACTIVITY),
        ("Split test two landing pages", "split test", VerbClass.ACTIVITY),
        ("Improve the onboarding experience", "improve", VerbClass.VAGUE),
        ("Optimize database queries", "optimize", VerbClass.VAGUE),
        # A plural the tagger reads as a verb before a deadline ends the object, as a last word does.
        ("Build Looker dashboards for the ops leads by Q4", "build", VerbClass.DELIVERABLE),
        ("playtest new boss fights", "playtest", VerbClass.ACTIVITY),
        ("Dogfood the beta internally", "dogfood", VerbClass.ACTIVITY),
        ("sort out the cold room", "sort out", VerbClass.VAGUE),
        ("Qualify for the state tournament", "qualify for", VerbClass.OUTCOME),
        ("Figure out why the ledger lags", "figure out", VerbClass.ACTIVITY),
        ("dig into preview env cleanup", "dig into", VerbClass.ACTIVITY),
        # Watching is no level to keep, even before a number.
        ("Keep an eye on prices of our top 10 lines", "keep an eye", VerbClass.ACTIVITY),
        ("Keep up 99.9% uptime", "keep up", VerbClass.OUTCOME),
        ("[OPS-88] Serve as incident commander", "serve as", VerbClass.ACTIVITY),
        ("Represent the company at the class meetings", "represent", VerbClass.ACTIVITY),
        ("Advise on the financing documents", "advise", VerbClass.ACTIVITY),
        # Hyphenated verbs come as three tokens.
        ("Fine-tune Llama 3 on support transcripts", "fine-tune", VerbClass.DELIVERABLE),
        ("Re-launch the loyalty app", "re-launch", VerbClass.DELIVERABLE),
        ("play-test the new boss fights", "play-test", VerbClass.ACTIVITY),
        ("Take part in state-level skill competitions", "take part in", VerbClass.ACTIVITY),
        ("Double weekly active teams", "double", VerbClass.MULTIPLIER),
        ("Halve churn", "halve", VerbClass.MULTIPLIER),
        ("Write blog posts", "write", VerbClass.OTHER),
        ("To launch the partner portal", "launch", VerbClass.DELIVERABLE),
        ("We will launch the partner portal", "launch", VerbClass.DELIVERABLE),
        ("- KR1: Publish the migration guide (@maria)", "publish", VerbClass.DELIVERABLE),
        # In capitals the tagger reads every word as a proper noun.
        ("RUN WEEKLY LIVE EVENTS", "run", VerbClass.ACTIVITY),
        ("Coaching shift leads on handovers", "coach", VerbClass.ACTIVITY),  # no state verb: an activity
        ("Running workshops that are free for members", "run", VerbClass.ACTIVITY),
        ("LAUNCH THE DRIVER APP BY SEPTEMBER", "launch", VerbClass.DELIVERABLE),
    ],
)
def test_lead_verb_and_class(extract: Extract, text: str, lemma: str, verb_class: VerbClass) -> None:
    features = extract(text)
    assert features.lead_verb is not None
    assert (features.lead_verb.lemma, features.lead_verb.verb_class) == (lemma, verb_class)
    assert features.form is Form.IMPERATIVE


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("The export API is merged", Form.STATE),
        ("SSO available to all customers", Form.STATE),
        ("Offline mode ships in 5.2", Form.STATE),
        ("Kubernetes migration — done", Form.STATE),
        ("Support tickets resolved within 2 days", Form.STATE),
        ("Partner portal", Form.NOUN_PHRASE),
        ("NPS 40→55", Form.NOUN_PHRASE),
        ("99.9% uptime", Form.NOUN_PHRASE),
        ("Open rate above 40%", Form.NOUN_PHRASE),
        ("SUPPORT TICKETS RESOLVED WITHIN 2 DAYS", Form.STATE),
        ("SUPPORT IS STAFFED AROUND THE CLOCK", Form.STATE),
        ("Coaching materials for shift leads are published", Form.STATE),  # an "-ing" subject
        ("Tracking dashboards for the warehouse are live", Form.STATE),
    ],
)
def test_form_without_a_lead_verb(extract: Extract, text: str, form: Form) -> None:
    features = extract(text)
    assert features.lead_verb is None
    assert features.form is form


@pytest.mark.parametrize(
    "text",
    [
        "Publish the migration guide",
        "Ship offline mode",
        "Double weekly active teams",
        "Halve churn",
        "Launch X and migrate 50% of users",
        "Migrate billing to the new provider",
        "Research competitor pricing",
        "Close 5 deals",
        "ship offline mode",
    ],
)
def test_lead_verb_span_is_the_first_word(extract: Extract, text: str) -> None:
    lead = extract(text).lead_verb
    assert lead is not None
    assert lead.span == type(lead.span)(0, len(text.split()[0]), text.split()[0])


@pytest.mark.parametrize(
    ("text", "tagger_tag"),
    [
        ("Ship offline mode", "NN"),
        ("Double weekly active teams", "JJ"),
        ("Migrate billing to Stripe", "NNP"),
        ("Research competitor pricing", "NN"),
        ("Halve churn", "JJ"),
    ],
)
def test_tagger_correction(nlp: Language, text: str, tagger_tag: str) -> None:
    doc = nlp(text)
    first = doc[0]
    # The statistical tagger's own tag is kept for the record ...
    assert doc._.krq_retagged == {0: tagger_tag}
    # ... and the corrected one flows into pos_ and the lemma.
    assert (first.tag_, first.pos_, first.lemma_) == ("VB", "VERB", text.split()[0].lower())
    assert first._.krq_retagged is True
    assert doc._.krq_features.lead_verb.corrected is True


@pytest.mark.parametrize(
    "text",
    [
        "Launch the partner portal",  # the tagger already has a verb
        "Support tickets resolved within 2 days",  # a subject, not an order
        "Open rate above 40%",
        "Sign-ups doubled",
        "Share of revenue from partners above 20%",
    ],
)
def test_no_correction_when_not_needed(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert doc._.krq_retagged == {}
    assert doc[0]._.krq_retagged is False
