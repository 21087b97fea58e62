"""Warming the tokenizer at load (krquality.nlp.warm) keeps words for later zones and changes no analysis."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

import krquality
from krquality.model.io import LoadedModel
from krquality.nlp.warm import warm_tokenizer
from krquality.nlp.zone import memory_zone

# Made-up chunks no other test meets: warming them leaves them in the shared pipeline for good.
NEW_WORDS = ["Zwq7-plinth,", "[qwzx-slot]"]


def _view(nlp: Language, text: str) -> list[tuple[str, str, str, str, str, bool]]:
    with memory_zone(nlp):
        return [(t.text, t.tag_, t.lemma_, t.norm_, t.shape_, t.like_num) for t in nlp(text)]


def test_a_warmed_chunk_outlives_a_zone_and_splits_as_before(nlp: Language) -> None:
    text = f"Sand the {NEW_WORDS[0]} from {NEW_WORDS[1]} to 55% by Q4"
    cold = _view(nlp, text)
    assert "Zwq7" not in nlp.vocab.strings  # a zone keeps nothing of a new word
    assert warm_tokenizer(nlp, [*NEW_WORDS, NEW_WORDS[0], "two words", ""]) == 2
    assert {"Zwq7", "qwzx"} <= set(nlp.vocab.strings)
    assert _view(nlp, text) == cold


def test_warming_refuses_inside_a_zone(nlp: Language) -> None:
    with memory_zone(nlp), pytest.raises(RuntimeError, match="outside a memory zone"):
        warm_tokenizer(nlp, ["Qxz9"])
    assert "Qxz9" not in nlp.vocab.strings


@pytest.mark.parametrize(
    "text",
    [
        "Increase the number of repeat donors from 40% to 55% by Q4",
        "Publish the allergen guide for the canteen by [date]",
        "Reduce late deliveries to the depot (weekly) from [baseline] to [target] by the end of Q3",
    ],
)
def test_the_loaded_analyzer_tags_as_a_cold_pipeline_does(nlp: Language, text: str) -> None:
    analyzer = krquality.get_analyzer()
    assert "Q4" in analyzer.nlp.vocab.strings and "Increase" in analyzer.nlp.vocab.strings
    assert _view(analyzer.nlp, text) == _view(nlp, text)


def test_common_words_are_single_words_most_common_first() -> None:
    words = krquality.get_analyzer().model.common_words(50)
    assert len(words) == 50 and len(set(words)) == 50
    assert "the" in words[:5]
    assert all(" " not in word for word in words)
    assert "zorblax" not in krquality.get_analyzer().model.common_words(2000)


def test_a_model_without_its_compiled_form_names_no_common_words() -> None:
    assert LoadedModel(manifest={}, path=Path("model.joblib"), labels=()).common_words(10) == []
