"""krq_attribute_rules gives every token the attributes spaCy's attribute_ruler gives it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from krquality.model.data import load_examples
from krquality.nlp import build_nlp
from krquality.nlp.attributes import compile_rules, replace_attribute_ruler

TRAINING_DATA = Path(__file__).resolve().parents[2] / "training_data"


@pytest.fixture(scope="module")
def stock() -> Language:
    """The same pipeline with spaCy's own attribute_ruler."""
    return build_nlp(compile_attribute_rules=False)


def annotations(doc: Doc) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_classification_pipeline_uses_the_compiled_rules(nlp: Language, stock: Language) -> None:
    assert "krq_attribute_rules" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
    assert nlp.pipe_names.index("krq_tagfix") < nlp.pipe_names.index("krq_attribute_rules")
    assert nlp.pipe_names.index("krq_attribute_rules") < nlp.pipe_names.index("lemmatizer")
    assert "attribute_ruler" in stock.pipe_names


def test_every_token_of_the_training_data_gets_the_stock_attributes(nlp: Language, stock: Language) -> None:
    texts = [e.text for e in load_examples(TRAINING_DATA)]
    ours = list(nlp.pipe(texts, batch_size=256))
    theirs = list(stock.pipe(texts, batch_size=256))
    mismatched = [
        (a.text, annotations(a), annotations(b))
        for a, b in zip(ours, theirs, strict=True)
        if annotations(a) != annotations(b)
    ]
    assert mismatched == []
    # and so the features the classifier reads
    assert [d._.krq_features for d in ours] == [d._.krq_features for d in theirs]


@cache
def pipelines() -> tuple[Language, Language]:
    # hypothesis cannot take fixtures: the two pipelines are built once, on first use.
    return build_nlp(), build_nlp(compile_attribute_rules=False)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=80))
def test_arbitrary_text_gets_the_stock_attributes(text: str) -> None:
    ours, theirs = pipelines()
    assert annotations(ours(text)) == annotations(theirs(text))


def test_contractions_and_multi_token_rules_match_the_stock_ruler(nlp: Language, stock: Language) -> None:
    for text in ("We gotta ship it, y'all", "Let's go", "there are 3 bugs", "I ain't done", "gonna launch"):
        assert annotations(nlp(text)) == annotations(stock(text))


def blank_with(patterns: list[dict[str, Any]]) -> tuple[Language, Language]:
    """A blank pipeline with the stock ruler and one with the compiled one, same patterns."""
    stock_nlp = spacy.blank("en")
    stock_nlp.add_pipe("attribute_ruler").add_patterns(patterns)  # type: ignore[attr-defined]
    ours = spacy.blank("en")
    ours.add_pipe("attribute_ruler").add_patterns(patterns)  # type: ignore[attr-defined]
    assert replace_attribute_ruler(ours)
    return stock_nlp, ours


def test_later_rules_override_earlier_ones_as_in_the_stock_ruler() -> None:
    patterns = [
        {"patterns": [[{"LOWER": "ship"}]], "attrs": {"POS": "VERB", "LEMMA": "ship"}},
        {"patterns": [[{"LOWER": {"IN": ["ship", "launch"]}}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": "the"}, {"LOWER": "ship"}]], "attrs": {"POS": "PROPN"}, "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^l.*h$"}}]], "attrs": {"MORPH": "VerbForm=Inf"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["ship", "the", "launch"]}}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    ]
    stock_nlp, ours = blank_with(patterns)
    for text in ("ship the ship", "launch  now", "The Ship sails", "x"):
        assert annotations(ours(text)) == annotations(stock_nlp(text))
    assert [t.pos_ for t in ours("ship the ship now")] == ["NOUN", "", "PROPN", "X"]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "ok", "OP": "+"}],
        [{"LENGTH": {">=": 3}}],
        [{"_": {"krq_anything": True}}],
        [{"LOWER": {"FUZZY": "ship"}}],
    ],
    ids=["operator", "comparison", "extension", "fuzzy"],
)
def test_patterns_it_cannot_evaluate_leave_the_stock_ruler(pattern: list[dict[str, Any]]) -> None:
    nlp = spacy.blank("en")
    assert compile_rules(nlp.vocab, [{"patterns": [pattern], "attrs": {"POS": "INTJ"}}]) is None
    nlp.add_pipe("attribute_ruler").add_patterns([{"patterns": [pattern], "attrs": {"POS": "INTJ"}}])  # type: ignore[attr-defined]
    assert not replace_attribute_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]


def test_the_factory_refuses_patterns_it_cannot_compile() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="cannot be compiled"):
        nlp.add_pipe("krq_attribute_rules", config={"patterns": [{"patterns": [[{"OP": "*"}]], "attrs": {}}]})


def test_a_pipeline_without_a_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not replace_attribute_ruler(nlp)
    assert nlp.pipe_names == []
