"""The compiled classifier gives the fitted pipeline's own probabilities."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sklearn
from sklearn.pipeline import FeatureUnion, Pipeline
from spacy.language import Language

from krquality.features.types import Features
from krquality.model.compiled import SMALL_BATCH, compile_pipeline
from krquality.model.data import load_examples
from krquality.model.estimator import build_pipeline
from krquality.model.io import load_model

TRAINING_DATA = Path(__file__).resolve().parents[2] / "training_data"


@pytest.fixture(scope="module")
def featurized(nlp: Language) -> tuple[list[Features], list[str]]:
    examples = load_examples(TRAINING_DATA)
    features = [doc._.krq_features for doc in nlp.pipe([e.text for e in examples], batch_size=256)]
    return features, [e.label.value for e in examples]


def stock_proba(pipeline: Pipeline, features: list[Features]) -> np.ndarray:
    with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
        proba: np.ndarray = pipeline.predict_proba(features)
    return proba


def test_the_bundled_model_compiles_and_matches_on_all_training_data(
    featurized: tuple[list[Features], list[str]],
) -> None:
    features, _ = featurized
    model = load_model()
    assert model.compiled is not None
    expected = stock_proba(model.pipeline, features)
    got = model.compiled.predict_proba(features)
    assert got.shape == expected.shape
    assert np.abs(got - expected).max() < 1e-12
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()


@pytest.mark.parametrize("kind", ["logreg", "logreg-no-spacy", "spacy-only"])
def test_other_candidates_compile_and_match(kind: str, featurized: tuple[list[Features], list[str]]) -> None:
    features, labels = featurized
    pipeline = build_pipeline(kind).fit(features[::3], labels[::3])  # type: ignore[arg-type]
    compiled = compile_pipeline(pipeline)
    assert compiled is not None
    held_out = features[1::3]
    assert np.abs(compiled.predict_proba(held_out) - stock_proba(pipeline, held_out)).max() < 1e-12


@pytest.mark.parametrize("size", [1, 2, 7])
def test_small_batches_match(size: int, featurized: tuple[list[Features], list[str]]) -> None:
    features, _ = featurized
    model = load_model()
    assert model.compiled is not None
    batch = features[100 : 100 + size]
    assert np.abs(model.compiled.predict_proba(batch) - stock_proba(model.pipeline, batch)).max() < 1e-12


def test_the_numpy_and_scipy_paths_agree_on_all_training_data(
    featurized: tuple[list[Features], list[str]],
) -> None:
    """Batches up to SMALL_BATCH score with numpy alone, larger ones with scipy: the same numbers."""
    features, _ = featurized
    model = load_model()
    assert model.compiled is not None
    whole = model.compiled.predict_proba(features)
    small = np.vstack(
        [
            model.compiled.predict_proba(features[i : i + SMALL_BATCH])
            for i in range(0, len(features), SMALL_BATCH)
        ]
    )
    assert np.abs(whole - small).max() < 1e-12


def test_a_key_result_with_no_known_word_matches(nlp: Language) -> None:
    features = [doc._.krq_features for doc in nlp.pipe(["zzqx", "§§§ ¶¶", "Ship it"])]
    model = load_model()
    assert model.compiled is not None
    got = model.compiled.predict_proba(features)
    assert np.abs(got - stock_proba(model.pipeline, features)).max() < 1e-12


def test_unknown_structures_are_not_compiled() -> None:
    fitted = load_model().pipeline
    union: FeatureUnion = fitted.named_steps["features"]
    weighted = Pipeline(
        [
            ("features", FeatureUnion(union.transformer_list, transformer_weights={"words": 2.0})),
            ("clf", fitted.named_steps["clf"]),
        ]
    )
    assert compile_pipeline(weighted) is None
    assert compile_pipeline(Pipeline([("clf", fitted.named_steps["clf"])])) is None
    assert compile_pipeline(object()) is None
