"""On-demand parsing and the object phrase of the leading verb."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from krquality.nlp import build_nlp
from krquality.nlp.parse import ensure_parsed, ensure_parsed_many, object_phrase


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    """The same pipeline with the parser enabled: the reference parse."""
    nlp = build_nlp()
    nlp.enable_pipe("parser")
    return nlp


@pytest.mark.parametrize(
    "text",
    [
        "Increase trial-to-paid conversion from 4% to 7% by Q3",
        "Launch the partner portal for EMEA resellers",
        "The export API is merged",
        "Hold weekly pipeline reviews with every regional team",
    ],
)
def test_late_parse_equals_full_pipeline_parse(nlp: Language, full_nlp: Language, text: str) -> None:
    late = ensure_parsed(nlp, nlp(text))
    full = full_nlp(text)
    assert [(t.dep_, t.head.i) for t in late] == [(t.dep_, t.head.i) for t in full]


def test_a_batch_parse_equals_the_full_pipeline_parse(nlp: Language, full_nlp: Language) -> None:
    texts = [
        "Increase trial-to-paid conversion from 4% to 7% by Q3",
        "Launch the partner portal for EMEA resellers",
        "The export API is merged",
        "Hold weekly pipeline reviews with every regional team",
        "Dark mode",
    ]
    docs = list(nlp.pipe(texts))
    ensure_parsed_many(nlp, docs)
    for doc, full in zip(docs, full_nlp.pipe(texts), strict=True):
        assert [(t.dep_, t.head.i) for t in doc] == [(t.dep_, t.head.i) for t in full]


def test_ensure_parsed_is_idempotent(nlp: Language) -> None:
    doc = ensure_parsed(nlp, nlp("Launch the mobile app"))
    heads = [t.head.i for t in doc]
    assert [t.head.i for t in ensure_parsed(nlp, doc)] == heads


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Improve customer satisfaction", "customer satisfaction"),
        ("Launch the mobile app", "the mobile app"),
        ("Increase NPS to 48", "NPS"),
        ("Work on the billing migration", "the billing migration"),
        ("Increase trial-to-paid conversion from 4% to 7%", "trial-to-paid conversion"),
        ("- KR1: Launch the partner portal (@maria)", "the partner portal"),
        ("Migrate billing to the new provider", "billing"),
        # "of" names what the head measures, and stays with it.
        ("Reduce the number of escalations", "the number of escalations"),
        ("Raise awareness of recycling in the offices", "awareness of recycling"),
        ("Improve reliability of the payments API", "reliability of the payments API"),
        ("Drive adoption of the data catalog among analysts", "adoption of the data catalog"),
    ],
)
def test_object_phrase(nlp: Language, text: str, phrase: str) -> None:
    span = object_phrase(ensure_parsed(nlp, nlp(text)))
    assert span is not None
    assert (span.text, text[span.start : span.end]) == (phrase, phrase)


def test_object_phrase_without_parse_falls_back_to_noun_run(nlp: Language) -> None:
    span = object_phrase(nlp("Launch the mobile app by June"))
    assert span is not None and span.text == "the mobile app"


def test_the_noun_run_takes_its_of_phrases(nlp: Language) -> None:
    span = object_phrase(nlp("Reduce the number of open tickets of the support team by June"))
    assert span is not None and span.text == "the number of open tickets of the support team"


@pytest.mark.parametrize("text", ["NPS 40 -> 55", "The export API is merged", ""])
def test_no_object_without_a_lead_verb(nlp: Language, text: str) -> None:
    assert object_phrase(ensure_parsed(nlp, nlp(text))) is None


def test_a_key_result_without_a_lead_verb_needs_no_parse(nlp: Language) -> None:
    """Suggestions parse only key results with a leading verb: for every other one in the
    training data, the object phrase is None whether or not the doc is parsed."""
    texts = [
        json.loads(line)["text"]
        for path in sorted((Path(__file__).parents[2] / "training_data").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    docs = [doc for doc in nlp.pipe(texts) if doc._.krq_features.lead_verb is None]
    assert len(docs) > 300  # states, bare noun phrases, "NPS 40 -> 55"...
    assert all(object_phrase(doc) is None for doc in docs)
    ensure_parsed_many(nlp, docs)
    assert all(object_phrase(doc) is None for doc in docs)
