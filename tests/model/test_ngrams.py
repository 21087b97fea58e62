"""CachedTfidfVectorizer: the same matrix as scikit-learn's TfidfVectorizer, faster."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.language import Language

from krquality.model.data import load_examples
from krquality.model.estimator import build_pipeline
from krquality.model.io import load_model
from krquality.model.ngrams import CachedTfidfVectorizer

TRAINING_DATA = Path(__file__).resolve().parents[2] / "training_data"

CONFIGS = [
    {"analyzer": "char_wb", "ngram_range": (2, 5), "min_df": 2, "sublinear_tf": True, "max_features": 40000},
    {
        "analyzer": "word",
        "ngram_range": (1, 2),
        "sublinear_tf": True,
        "token_pattern": r"(?u)\b\w+\b|[%$€£→>]",
    },
    {"analyzer": "word", "ngram_range": (2, 3)},
    {"analyzer": "char_wb", "ngram_range": (1, 3), "lowercase": False},
]


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return [e.text for e in load_examples(TRAINING_DATA)]


def fitted_pair(params: dict[str, object], texts: list[str]) -> tuple[TfidfVectorizer, CachedTfidfVectorizer]:
    return TfidfVectorizer(**params).fit(texts), CachedTfidfVectorizer(**params).fit(texts)


def assert_same(a: object, b: object) -> None:
    a, b = a.tocsr(), b.tocsr()  # type: ignore[attr-defined]
    assert a.shape == b.shape
    assert a.nnz == b.nnz
    if a.nnz:
        assert abs(a - b).max() == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("params", CONFIGS, ids=lambda p: f"{p['analyzer']}{p['ngram_range']}")
def test_transform_equals_stock_on_training_data(params: dict[str, object], corpus: list[str]) -> None:
    stock, cached = fitted_pair(params, corpus[::2])
    held_out = corpus[1::2]  # unseen words exercise the not-in-vocabulary path
    assert_same(stock.transform(held_out), cached.transform(held_out))
    # A second call is served from the cache and must not drift.
    assert_same(stock.transform(held_out), cached.transform(held_out))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=1, max_size=8))
def test_transform_equals_stock_on_arbitrary_text(texts: list[str]) -> None:
    base = ["increase nps from 0 to 0", "ship the export api", "hold reviews", "Ünïcode  tabs\tand\nlines"]
    for params in CONFIGS:
        stock, cached = fitted_pair(params, base)
        assert_same(stock.transform(texts), cached.transform(texts))


def test_unsupported_configuration_falls_back_to_stock(corpus: list[str]) -> None:
    params = {"analyzer": "word", "stop_words": "english", "binary": True}
    stock, cached = fitted_pair(params, corpus[:200])
    assert_same(stock.transform(corpus[200:260]), cached.transform(corpus[200:260]))


def test_cache_stays_out_of_the_pickle(corpus: list[str]) -> None:
    cached = CachedTfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(corpus[:300])
    before = len(pickle.dumps(cached))
    cached.transform(corpus)
    assert "_ngram_counter" in cached.__dict__
    assert len(pickle.dumps(cached)) == before
    restored = pickle.loads(pickle.dumps(cached))
    assert_same(restored.transform(corpus[:50]), cached.transform(corpus[:50]))


def test_rejects_a_bare_string() -> None:
    cached = CachedTfidfVectorizer().fit(["ship it"])
    with pytest.raises(ValueError, match="Iterable over raw text documents"):
        cached.transform("ship it")


def test_pipeline_uses_the_cached_vectorizer() -> None:
    pipeline = build_pipeline("svm")
    parts = pipeline.named_steps["features"].transformer_list
    vectorizers = [step for _, part in parts for _, step in part.steps]
    # the whole text's words and characters, and the opening's words
    assert sum(isinstance(v, CachedTfidfVectorizer) for v in vectorizers) == 3


def test_the_committed_model_transforms_like_a_stock_copy(corpus: list[str], nlp: Language) -> None:
    model = load_model()
    features = [doc._.krq_features for doc in nlp.pipe(corpus[:300])]
    checked = 0
    for _, part in model.pipeline.named_steps["features"].transformer_list:
        vectorizer = part.steps[-1][1]
        if isinstance(vectorizer, CachedTfidfVectorizer):
            checked += 1
            stock = TfidfVectorizer()
            derived = ("_ngram", "_counted")
            fitted = {k: v for k, v in vectorizer.__dict__.items() if not k.startswith(derived)}
            stock.__dict__.update(fitted)
            texts = part.steps[0][1].transform(features)  # each part's own text: whole or opening
            assert np.allclose(stock.transform(texts).toarray(), vectorizer.transform(texts).toarray())
    assert checked == 3


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=60), min_size=0, max_size=8))
def test_row_counts_are_the_arrays_of_counts(texts: list[str]) -> None:
    """The numpy-only counts (small batches) are the CSR arrays scipy makes."""
    base = ["increase nps from 0 to 0", "ship the export api", "hold reviews", "Ünïcode  tabs\tand\nlines"]
    for params in CONFIGS:
        counter = CachedTfidfVectorizer(**params).fit(base).counter()
        matrix = counter.counts(texts)
        columns, counts, offsets = counter.row_counts(texts)
        assert columns.tolist() == matrix.indices.tolist()
        assert counts.tolist() == matrix.data.tolist()
        assert offsets.tolist() == matrix.indptr.tolist()
