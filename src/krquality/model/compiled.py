"""The fitted classifier's arithmetic, without scikit-learn's per-call machinery.

On one key result, scikit-learn spends about 1 ms per ``predict_proba`` in
input validation, estimator tags, ``check_is_fitted`` and joblib dispatch
inside the ``FeatureUnion``, for about 0.1 ms of arithmetic. A service
answering single requests, the language server and the suggestion drafts
all pay that per call. :func:`compile_pipeline` reads the fitted parameters
of the pipeline :func:`~krquality.model.estimator.build_pipeline` makes (a
union of feature parts, then a sigmoid-calibrated linear model) and
computes the same probabilities with a few sparse products. Any other
structure is not compiled and the stock pipeline is used; a test checks
that both give the same probabilities on the whole training set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from numbers import Number
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from krquality.features.types import Features
from krquality.model.ngrams import CachedTfidfVectorizer


@dataclass(frozen=True)
class _DictPart:
    """A ``FunctionTransformer -> DictVectorizer`` part with numeric feature values."""

    func: Callable[[list[Features]], list[dict[str, float]]]
    vocabulary: dict[str, int]
    weights: np.ndarray  # (n_features_of_part, n_classes): the linear model's coefficients

    def scores(self, batch: list[Features]) -> np.ndarray:
        vocabulary = self.vocabulary
        indices: list[int] = []
        values: list[float] = []
        indptr = [0]
        for row in self.func(batch):
            for name, value in row.items():
                column = vocabulary.get(name)
                if column is not None:
                    indices.append(column)
                    values.append(float(value))
            indptr.append(len(indices))
        matrix = sp.csr_matrix((values, indices, indptr), shape=(len(batch), len(vocabulary)))
        scores: np.ndarray = matrix @ self.weights
        return scores


@dataclass(frozen=True)
class _TfidfPart:
    """A ``FunctionTransformer -> CachedTfidfVectorizer`` part (l2 norm, idf, optional sublinear tf)."""

    func: Callable[[list[Features]], list[str]]
    vectorizer: CachedTfidfVectorizer
    idf: np.ndarray
    sublinear: bool
    weights: np.ndarray

    def scores(self, batch: list[Features]) -> np.ndarray:
        counts = self.vectorizer.counts(self.func(batch)).astype(np.float64)
        data = counts.data
        if self.sublinear:
            np.log(data, data)
            data += 1.0
        data *= self.idf[counts.indices]
        # Row-wise l2 normalisation, as sklearn.preprocessing.normalize does (empty rows stay empty).
        row_lengths = np.diff(counts.indptr)
        filled = row_lengths > 0
        squares = np.zeros(len(batch))
        if data.size:
            squares[filled] = np.add.reduceat(data * data, counts.indptr[:-1][filled])
        norms = np.sqrt(squares)
        norms[norms == 0.0] = 1.0
        data /= np.repeat(norms, row_lengths)
        scores: np.ndarray = counts @ self.weights
        return scores


_Part = _DictPart | _TfidfPart


@dataclass(frozen=True)
class CompiledModel:
    """Probabilities from the fitted parameters; the same as the pipeline's ``predict_proba``."""

    parts: tuple[_Part, ...]
    intercept: np.ndarray
    a: np.ndarray  # sigmoid calibration slope per class column
    b: np.ndarray
    columns: np.ndarray  # output column of each decision-function column

    def predict_proba(self, features: Sequence[Features]) -> np.ndarray:
        """Class probabilities for ``features``, columns in the pipeline's ``classes_`` order."""
        batch = list(features)
        decision = self.intercept + sum((part.scores(batch) for part in self.parts), np.zeros(1))
        proba = np.zeros((len(batch), len(self.columns)))
        proba[:, self.columns] = expit(-(self.a * decision + self.b))
        denominator = proba.sum(axis=1, keepdims=True)
        uniform = np.full_like(proba, 1 / len(self.columns))
        proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        result: np.ndarray = proba
        return result


def _part(step: Any, weights: np.ndarray) -> _Part | None:
    if not isinstance(step, Pipeline) or len(step.steps) != 2:
        return None
    (_, function), (_, vectorizer) = step.steps
    if not isinstance(function, FunctionTransformer) or function.inverse_func is not None:
        return None
    if function.func is None or function.kw_args or function.validate:
        return None
    if isinstance(vectorizer, DictVectorizer):
        return _DictPart(function.func, dict(vectorizer.vocabulary_), weights)
    if isinstance(vectorizer, CachedTfidfVectorizer) and vectorizer.fast_path():
        if vectorizer.norm != "l2" or not vectorizer.use_idf:
            return None
        return _TfidfPart(
            function.func, vectorizer, np.asarray(vectorizer.idf_), bool(vectorizer.sublinear_tf), weights
        )
    return None


def compile_pipeline(pipeline: Any) -> CompiledModel | None:
    """A :class:`CompiledModel` of ``pipeline``, or None when its structure is not one we compile.

    >>> from krquality.model.io import load_model
    >>> compile_pipeline(load_model().pipeline) is not None
    True
    """
    if not isinstance(pipeline, Pipeline) or [name for name, _ in pipeline.steps] != ["features", "clf"]:
        return None
    union, clf = pipeline.named_steps["features"], pipeline.named_steps["clf"]
    if not isinstance(union, FeatureUnion) or union.transformer_weights is not None:
        return None
    if not isinstance(clf, CalibratedClassifierCV) or clf.method != "sigmoid":
        return None
    if len(clf.calibrated_classifiers_) != 1:
        return None
    calibrated = clf.calibrated_classifiers_[0]
    estimator = calibrated.estimator
    coef, intercept = getattr(estimator, "coef_", None), getattr(estimator, "intercept_", None)
    n_classes = len(clf.classes_)
    if coef is None or intercept is None or n_classes < 3 or coef.shape[0] != n_classes:
        return None  # binary decision functions have one column: not compiled
    if any(not isinstance(getattr(c, "a_", None), Number) for c in calibrated.calibrators):
        return None
    parts: list[_Part] = []
    offset = 0
    for _, step in union.transformer_list:
        if step == "drop" or step == "passthrough":
            return None
        width = _width(step)
        if width is None:
            return None
        part = _part(step, np.ascontiguousarray(coef[:, offset : offset + width].T))
        if part is None:
            return None
        parts.append(part)
        offset += width
    if offset != coef.shape[1]:
        return None
    return CompiledModel(
        parts=tuple(parts),
        intercept=np.asarray(intercept, dtype=np.float64),
        a=np.array([c.a_ for c in calibrated.calibrators], dtype=np.float64),
        b=np.array([c.b_ for c in calibrated.calibrators], dtype=np.float64),
        columns=np.searchsorted(clf.classes_, estimator.classes_),
    )


def _width(step: Any) -> int | None:
    vectorizer = step.steps[-1][1] if isinstance(step, Pipeline) else None
    vocabulary = getattr(vectorizer, "vocabulary_", None)
    return len(vocabulary) if isinstance(vocabulary, dict) else None
