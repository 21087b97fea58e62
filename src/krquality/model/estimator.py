"""The scikit-learn pipeline that labels key results.

Input ``X`` is a sequence of :class:`~krquality.features.types.Features`
(they carry their text), so the whole pipeline follows the estimator
conventions: ``fit``, ``predict``, ``predict_proba``, ``get_params``,
cross-validation and grid search work on it unchanged.
"""

from __future__ import annotations

from typing import Literal

from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from krquality.features.vectorize import feature_dicts, texts
from krquality.model.ngrams import CachedTfidfVectorizer

Kind = Literal["logreg", "svm", "logreg-no-spacy", "spacy-only"]
KINDS: tuple[Kind, ...] = ("logreg", "svm", "logreg-no-spacy", "spacy-only")
SEED = 20261124


def _engineered() -> Pipeline:
    return make_pipeline(FunctionTransformer(feature_dicts), DictVectorizer())


def _words() -> Pipeline:
    return make_pipeline(
        FunctionTransformer(texts),
        CachedTfidfVectorizer(
            ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b|[%$€£→>]"
        ),
    )


def _chars() -> Pipeline:
    return make_pipeline(
        FunctionTransformer(texts),
        CachedTfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=40000
        ),
    )


def build_pipeline(kind: Kind = "logreg", *, seed: int = SEED) -> Pipeline:
    """Build an unfitted classifier of one of :data:`KINDS`.

    ``logreg`` and ``svm`` join the engineered spaCy features with word and
    character n-grams under a sigmoid-calibrated linear model;
    ``logreg-no-spacy`` drops the spaCy features and ``spacy-only`` drops the
    n-grams, to measure what each part buys.

    >>> build_pipeline("svm").steps[-1][0]
    'clf'
    """
    parts: list[tuple[str, Pipeline]] = []
    if kind != "logreg-no-spacy":
        parts.append(("engineered", _engineered()))
    if kind != "spacy-only":
        parts += [("words", _words()), ("chars", _chars())]
    if kind == "svm":
        base: LinearSVC | LogisticRegression = LinearSVC(C=0.5, random_state=seed)
    else:
        base = LogisticRegression(C=8.0, max_iter=4000, random_state=seed)
    # ensemble=False: one model refitted on all data, calibrated on its
    # cross-validated predictions; five times cheaper to predict than the
    # ensemble of per-fold models, with the same calibration.
    clf = CalibratedClassifierCV(base, method="sigmoid", cv=5, ensemble=False)
    return Pipeline([("features", FeatureUnion(parts)), ("clf", clf)])
