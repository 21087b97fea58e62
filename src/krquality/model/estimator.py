"""The scikit-learn pipeline that labels key results.

Input ``X`` is a sequence of :class:`~krquality.features.types.Features`
(they carry their text), so the whole pipeline follows the estimator
conventions: ``fit``, ``predict``, ``predict_proba``, ``get_params``,
cross-validation and grid search work on it unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from krquality.features.vectorize import feature_dicts, openings, texts
from krquality.model.ngrams import CachedTfidfVectorizer
from krquality.model.prior import REAL_LABEL_SHARE, prior_weights

Kind = Literal["logreg", "svm", "logreg-no-spacy", "spacy-only"]
KINDS: tuple[Kind, ...] = ("logreg", "svm", "logreg-no-spacy", "spacy-only")
SEED = 20261124


class PriorCalibratedClassifierCV(CalibratedClassifierCV):  # type: ignore[misc]
    """A calibrated classifier fitted to the label mix of real key results.

    Each training example is weighed by how much more (or less) common its
    label is in ``label_share`` than in the training labels
    (:func:`~krquality.model.prior.prior_weights`), times any
    ``sample_weight`` given (users' corrections). ``label_share=None`` fits
    the training mix as it is. Prediction is the parent's, unchanged.

    >>> PriorCalibratedClassifierCV(LinearSVC(), label_share={"task": 0.2}).get_params()["label_share"]
    {'task': 0.2}
    """

    def __init__(
        self,
        estimator: Any = None,
        *,
        method: str = "sigmoid",
        cv: Any = None,
        n_jobs: int | None = None,
        ensemble: Any = "auto",
        label_share: Mapping[str, float] | None = None,
    ) -> None:
        super().__init__(estimator, method=method, cv=cv, n_jobs=n_jobs, ensemble=ensemble)
        self.label_share = label_share

    def fit(
        self, X: Any, y: Any, sample_weight: Any = None, **fit_params: Any
    ) -> PriorCalibratedClassifierCV:
        """Fit with the label weights (and ``sample_weight``), as the parent does."""
        if self.label_share:
            weights = prior_weights([str(label) for label in y], self.label_share)
            if sample_weight is not None:
                weights = weights * np.asarray(sample_weight, dtype=float)
            sample_weight = weights
        super().fit(X, y, sample_weight=sample_weight, **fit_params)
        return self


def _engineered() -> Pipeline:
    return make_pipeline(FunctionTransformer(feature_dicts), DictVectorizer())


def _words() -> Pipeline:
    return make_pipeline(
        FunctionTransformer(texts),
        CachedTfidfVectorizer(
            ngram_range=(1, 2), min_df=1, sublinear_tf=True, token_pattern=r"(?u)\b\w+\b|[%$€£→>]"
        ),
    )


def _opening() -> Pipeline:
    # Word n-grams of the key result's opening words, beside those of the whole text: the
    # opening decides the kind, and in long real drafts the explanation after it outvotes it.
    return make_pipeline(
        FunctionTransformer(openings),
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


def build_pipeline(
    kind: Kind = "logreg",
    *,
    seed: int = SEED,
    label_share: Mapping[str, float] | None = REAL_LABEL_SHARE,
) -> Pipeline:
    """Build an unfitted classifier of one of :data:`KINDS`.

    ``logreg`` and ``svm`` join the engineered spaCy features with word and
    character n-grams under a sigmoid-calibrated linear model;
    ``logreg-no-spacy`` drops the spaCy features and ``spacy-only`` drops the
    n-grams, to measure what each part buys. Training labels are weighed to
    the mix of ``label_share`` (real key results' by default; ``None`` keeps
    the training mix).

    >>> build_pipeline("svm").steps[-1][0]
    'clf'
    """
    parts: list[tuple[str, Pipeline]] = []
    if kind != "logreg-no-spacy":
        parts.append(("engineered", _engineered()))
    if kind != "spacy-only":
        parts += [("words", _words()), ("opening", _opening()), ("chars", _chars())]
    if kind == "svm":
        base: LinearSVC | LogisticRegression = LinearSVC(C=0.5, random_state=seed)
    else:
        base = LogisticRegression(C=8.0, max_iter=4000, random_state=seed)
    # ensemble=False: one model refitted on all data, calibrated on its
    # cross-validated predictions; five times cheaper to predict than the
    # ensemble of per-fold models, with the same calibration.
    clf = PriorCalibratedClassifierCV(
        base, method="sigmoid", cv=5, ensemble=False, label_share=dict(label_share) if label_share else None
    )
    return Pipeline([("features", FeatureUnion(parts)), ("clf", clf)])
