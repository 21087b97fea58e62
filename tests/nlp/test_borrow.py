"""Docs with borrowed tags (krquality.nlp.borrow) carry what a doc from nlp.pipe carries."""

from __future__ import annotations

from functools import cache

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from krquality.nlp.borrow import borrowed_docs
from krquality.suggest.lexicon import FILLED_TAGS, PLACEHOLDER_TAGS

TAGS = {**PLACEHOLDER_TAGS, "by": "IN"}


def _view(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, t.lemma_) for t in doc]


def test_shared_tokens_keep_the_source_tags_and_placeholders_get_theirs(nlp: Language) -> None:
    source = nlp("Increase NPS from 38 to 48 by Q4")
    (doc,) = borrowed_docs(nlp, [("Increase NPS from [baseline] to 48 by [date]", source)], TAGS)
    assert doc.text == "Increase NPS from [baseline] to 48 by [date]"
    by_text = {t.text: t.tag_ for t in source}
    for token in doc:
        expected = by_text.get(token.text) or PLACEHOLDER_TAGS[token.lower_]
        assert token.tag_ == expected, token.text
    # The later components ran: POS from the attribute rules, lemmas, features.
    assert doc[0].pos_ == "VERB" and doc[0].lemma_ == "increase"
    features = doc._.krq_features
    assert features.text == doc.text
    assert features.lead_verb is not None and features.lead_verb.lemma == "increase"
    tagged = nlp(doc.text)._.krq_features
    assert features.quantities == tagged.quantities and features.dates == tagged.dates


def test_a_text_adding_an_unknown_word_is_tagged_by_spacy(nlp: Language) -> None:
    source = nlp("Fix the login bugs")
    (doc,) = borrowed_docs(nlp, [("Fix the old login bugs by [date]", source)], TAGS)
    assert _view(doc) == _view(nlp("Fix the old login bugs by [date]"))
    assert doc.tensor.size > 0  # tok2vec ran: a borrowed doc has no tensor


@pytest.mark.parametrize(
    ("source_text", "text"),
    [
        ("fix the login bugs", "Fix the login bugs by Q4"),  # the first word re-cased
        ("KR1: cut churn", "cut churn by Q4"),  # the tag before the first word dropped
        ("Improve onboarding", "Increase onboarding by Q4"),  # a new leading verb
    ],
)
def test_a_text_that_starts_with_another_word_is_tagged_by_spacy(
    nlp: Language, source_text: str, text: str
) -> None:
    tags = {**TAGS, **FILLED_TAGS, "increase": "VB"}
    (doc,) = borrowed_docs(nlp, [(text, nlp(source_text))], tags)
    assert doc.tensor.size > 0 and _view(doc) == _view(nlp(text))


def test_a_filled_draft_borrows_its_key_results_tags(nlp: Language) -> None:
    source = nlp("Cut churn in the EU")
    text = "Cut churn in the EU from 40% to 55% by Q4"
    (doc,) = borrowed_docs(nlp, [(text, source)], FILLED_TAGS)
    assert doc.tensor.size == 0  # not tagged again
    assert [t.tag_ for t in doc][:5] == [t.tag_ for t in source]
    added = {t.text: t.tag_ for t in doc[5:]}
    assert added == {"from": "IN", "40": "CD", "%": "NN", "to": "IN", "55": "CD", "by": "IN", "Q4": "NNP"}


def test_without_a_source_the_text_is_tagged_by_spacy(nlp: Language) -> None:
    (doc,) = borrowed_docs(nlp, [("Launch the partner portal", None)], TAGS)
    assert _view(doc) == _view(nlp("Launch the partner portal"))
    assert doc._.krq_features.text == "Launch the partner portal"


def test_order_is_kept_when_some_texts_fall_back(nlp: Language) -> None:
    source = nlp("Ship offline mode by Q4")
    items = [
        ("Ship offline mode by [date]", source),
        ("Ship a new offline mode", source),  # "a", "new": unknown, tagged by spaCy
        ("Publish the pricing page", None),
        ("Ship offline mode", source),
    ]
    docs = borrowed_docs(nlp, items, TAGS)
    assert [d.text for d in docs] == [text for text, _ in items]
    assert docs[1].has_annotation("TAG") and docs[3][0].tag_ == source[0].tag_


def test_a_pipeline_without_krquality_components_is_refused() -> None:
    blank = spacy.blank("en")
    with pytest.raises(ValueError, match="krq_tagfix"):
        borrowed_docs(blank, [("Ship it", blank("Ship it by Q4"))], TAGS)


@cache
def _nlp() -> Language:
    # hypothesis cannot take the function-scoped fixture; the pipeline is loaded once here.
    from krquality.nlp import build_nlp

    return build_nlp()


_WORDS = st.sampled_from(
    [
        *("Ship", "Increase", "the", "NPS", "from", "to", "40%", "churn"),
        *("by", "Q4", "API", "v2", "users", "$5k", "-", "("),
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=10), st.sampled_from([" by [date]", " from [baseline]", ""]))
def test_any_edit_gives_a_complete_doc_of_exactly_its_text(words: list[str], added: str) -> None:
    nlp = _nlp()
    source_text = " ".join(words)
    text = source_text + added
    (doc,) = borrowed_docs(nlp, [(text, nlp(source_text))], TAGS)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in nlp.tokenizer(text)]
    assert all(t.tag_ and t.pos_ and t.lemma_ for t in doc if not t.is_space)
    assert doc._.krq_features.text == text
