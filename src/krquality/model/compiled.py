"""The fitted classifier's arithmetic, without scikit-learn.

On one key result, scikit-learn spends about 1 ms per ``predict_proba`` in
input validation, estimator tags, ``check_is_fitted`` and joblib dispatch
inside the ``FeatureUnion``, for about 0.1 ms of arithmetic; and importing it
(with scipy.stats) costs a service about 1 s of start-up and 100 MB.
:func:`compile_pipeline` reads the fitted parameters of the pipeline
:func:`~krquality.model.estimator.build_pipeline` makes (a union of feature
parts, then a sigmoid-calibrated linear model) into a :class:`CompiledModel`
that computes the same probabilities with a few sparse products. It is saved
beside the joblib file as plain arrays (``.compiled.npz``, read with
``allow_pickle=False``, so loading it cannot run code) and loaded without
importing scikit-learn. Any other pipeline structure is not compiled and the
stock pipeline is used; a test checks that both give the same probabilities
on the whole training set.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

from krquality.features.types import Features
from krquality.features.vectorize import feature_dicts, openings, texts
from krquality.model.counting import NgramCounter

# The only functions a compiled part may call, by the name the file stores.
FUNCTIONS: dict[str, Callable[[list[Features]], Any]] = {
    "feature_dicts": feature_dicts,
    "texts": texts,
    "openings": openings,
}
FORMAT = 1
# Up to this many key results a call scores with numpy alone: building scipy
# matrices costs about 0.2 ms a call whatever their size, most of a single
# request's prediction; past it, scipy's sparse products are faster.
SMALL_BATCH = 16


@dataclass(frozen=True)
class DictPart:
    """Engineered features (``feature_dicts``) through a fitted ``DictVectorizer``'s vocabulary."""

    function: str
    vocabulary: dict[str, int]
    weights: np.ndarray  # (n_features_of_part, n_classes): the linear model's coefficients

    def scores(self, rows: list[dict[str, float]]) -> np.ndarray:
        """Decision-function contributions of ``feature_dicts`` rows."""
        vocabulary = self.vocabulary
        indices: list[int] = []
        values: list[float] = []
        indptr = [0]
        for row in rows:
            for name, value in row.items():
                column = vocabulary.get(name)
                if column is not None:
                    indices.append(column)
                    values.append(float(value))
            indptr.append(len(indices))
        return _sparse_product(np.asarray(values), np.asarray(indices), np.asarray(indptr), self.weights)


@dataclass(frozen=True)
class TfidfPart:
    """Word or character n-grams (``texts``) weighted as a fitted ``TfidfVectorizer`` (l2 norm) does."""

    function: str
    counter: NgramCounter
    idf: np.ndarray
    sublinear: bool
    weights: np.ndarray

    def scores(self, texts: list[str]) -> np.ndarray:
        """Decision-function contributions of normalised key-result texts."""
        if len(texts) <= SMALL_BATCH:
            columns, counts, indptr = self.counter.row_counts(texts)
        else:
            matrix = self.counter.counts(texts)
            columns, counts, indptr = matrix.indices, matrix.data, matrix.indptr
        # (numpy's unique sorts the whole batch at once; per-row sorting in scipy wins past a few rows)
        data = counts.astype(np.float64)
        if self.sublinear:
            np.log(data, data)
            data += 1.0
        data *= self.idf[columns]
        # Row-wise l2 normalisation, as sklearn.preprocessing.normalize does (empty rows stay empty).
        row_lengths = np.diff(indptr)
        filled = row_lengths > 0
        squares = np.zeros(len(texts))
        if data.size:
            squares[filled] = np.add.reduceat(data * data, indptr[:-1][filled])
        norms = np.sqrt(squares)
        norms[norms == 0.0] = 1.0
        data /= np.repeat(norms, row_lengths)
        return _sparse_product(data, columns, indptr, self.weights)


def _sparse_product(
    values: np.ndarray, columns: np.ndarray, indptr: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """``csr_matrix((values, columns, indptr)) @ weights``; for up to :data:`SMALL_BATCH` rows
    without building the matrix."""
    n_rows = len(indptr) - 1
    if n_rows > SMALL_BATCH:
        matrix = sp.csr_matrix((values, columns, indptr), shape=(n_rows, weights.shape[0]))
        product: np.ndarray = matrix @ weights
        return product
    out = np.zeros((n_rows, weights.shape[1]))
    if len(columns):
        filled = np.diff(indptr) > 0
        out[filled] = np.add.reduceat(weights[columns] * values[:, None], indptr[:-1][filled], axis=0)
    return out


Part = DictPart | TfidfPart


@dataclass(frozen=True)
class CompiledModel:
    """Probabilities from the fitted parameters; the same as the pipeline's ``predict_proba``."""

    classes: tuple[str, ...]
    parts: tuple[Part, ...]
    intercept: np.ndarray
    a: np.ndarray  # sigmoid calibration slope per decision-function column
    b: np.ndarray
    columns: np.ndarray  # output column of each decision-function column

    def predict_proba(self, features: Sequence[Features]) -> np.ndarray:
        """Class probabilities for ``features``, columns in :attr:`classes` order."""
        batch = list(features)
        # The word and character parts read the same normalised texts: computed once.
        inputs = {part.function: FUNCTIONS[part.function](batch) for part in self.parts}
        contributions = [part.scores(inputs[part.function]) for part in self.parts]
        decision = self.intercept + sum(contributions, np.zeros(1))
        proba = np.zeros((len(batch), len(self.classes)))
        proba[:, self.columns] = expit(-(self.a * decision + self.b))
        denominator = proba.sum(axis=1, keepdims=True)
        uniform = np.full_like(proba, 1 / len(self.classes))
        proba = np.divide(proba, denominator, out=uniform, where=denominator != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        result: np.ndarray = proba
        return result

    def common_words(self, n: int) -> list[str]:
        """The ``n`` single words of the word n-gram vocabulary with the lowest idf (the words most
        key results of the training data use), most common first; lower-cased when the part is."""
        for part in self.parts:
            if isinstance(part, TfidfPart) and part.counter.analyzer == "word":
                words = [(part.idf[column], gram) for gram, column in part.counter.vocabulary.items()]
                return [gram for _, gram in sorted(w for w in words if " " not in w[1])[:n]]
        return []

    def save(self, path: Path) -> None:
        """Write the model as plain arrays and JSON (no pickles) to ``path`` (``.npz``)."""
        arrays: dict[str, np.ndarray] = {
            "intercept": self.intercept,
            "a": self.a,
            "b": self.b,
            "columns": self.columns,
        }
        parts: list[dict[str, Any]] = []
        for i, part in enumerate(self.parts):
            arrays[f"part{i}_weights"] = part.weights
            if isinstance(part, DictPart):
                parts.append({"kind": "dict", "function": part.function, "vocabulary": part.vocabulary})
            else:
                arrays[f"part{i}_idf"] = part.idf
                counter = part.counter
                parts.append(
                    {
                        "kind": "tfidf",
                        "function": part.function,
                        "analyzer": counter.analyzer,
                        "ngram_range": [counter.min_n, counter.max_n],
                        "lowercase": counter.lowercase,
                        "token_pattern": counter.token_pattern,
                        "sublinear": part.sublinear,
                        "vocabulary": counter.vocabulary,
                    }
                )
        meta = {"format": FORMAT, "classes": list(self.classes), "parts": parts}
        arrays["meta"] = np.array(json.dumps(meta, sort_keys=True))
        with path.open("wb") as handle:
            np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path | IO[bytes]) -> CompiledModel:
        """Read a file written by :meth:`save` (no pickles are read: ``allow_pickle=False``)."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError(f"{path}: compiled model format {meta.get('format')}, expected {FORMAT}")
            parts: list[Part] = []
            for i, spec in enumerate(meta["parts"]):
                if spec["function"] not in FUNCTIONS:
                    raise ValueError(f"{path}: unknown feature function {spec['function']!r}")
                weights = np.ascontiguousarray(data[f"part{i}_weights"])
                if spec["kind"] == "dict":
                    parts.append(DictPart(spec["function"], dict(spec["vocabulary"]), weights))
                    continue
                counter = NgramCounter(
                    analyzer=spec["analyzer"],
                    ngram_range=(int(spec["ngram_range"][0]), int(spec["ngram_range"][1])),
                    vocabulary=spec["vocabulary"],
                    lowercase=bool(spec["lowercase"]),
                    token_pattern=spec["token_pattern"],
                )
                idf = np.asarray(data[f"part{i}_idf"])
                parts.append(TfidfPart(spec["function"], counter, idf, bool(spec["sublinear"]), weights))
            return cls(
                classes=tuple(str(c) for c in meta["classes"]),
                parts=tuple(parts),
                intercept=np.asarray(data["intercept"]),
                a=np.asarray(data["a"]),
                b=np.asarray(data["b"]),
                columns=np.asarray(data["columns"]),
            )


def _function_name(func: Any) -> str | None:
    return next((name for name, known in FUNCTIONS.items() if known is func), None)


def _part(step: Any, weights: np.ndarray) -> Part | None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    from krquality.model.ngrams import CachedTfidfVectorizer

    if not isinstance(step, Pipeline) or len(step.steps) != 2:
        return None
    (_, function), (_, vectorizer) = step.steps
    if not isinstance(function, FunctionTransformer) or function.inverse_func is not None:
        return None
    name = _function_name(function.func)
    if name is None or function.kw_args or function.validate:
        return None
    if isinstance(vectorizer, DictVectorizer):
        return DictPart(name, {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}, weights)
    if isinstance(vectorizer, CachedTfidfVectorizer) and vectorizer.fast_path():
        if vectorizer.norm != "l2" or not vectorizer.use_idf:
            return None
        idf = np.asarray(vectorizer.idf_)
        return TfidfPart(name, vectorizer.counter(), idf, bool(vectorizer.sublinear_tf), weights)
    return None


def compile_pipeline(pipeline: Any) -> CompiledModel | None:
    """A :class:`CompiledModel` of ``pipeline``, or None when its structure is not one we compile.

    >>> from krquality.model.estimator import build_pipeline
    >>> compile_pipeline(build_pipeline("svm")) is None  # not fitted
    True
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.pipeline import FeatureUnion, Pipeline

    if not isinstance(pipeline, Pipeline) or [name for name, _ in pipeline.steps] != ["features", "clf"]:
        return None
    union, clf = pipeline.named_steps["features"], pipeline.named_steps["clf"]
    if not isinstance(union, FeatureUnion) or union.transformer_weights is not None:
        return None
    if not isinstance(clf, CalibratedClassifierCV) or clf.method != "sigmoid":
        return None
    calibrated_all = getattr(clf, "calibrated_classifiers_", None)
    if calibrated_all is None or len(calibrated_all) != 1:
        return None  # not fitted, or an ensemble of per-fold models
    calibrated = calibrated_all[0]
    estimator = calibrated.estimator
    coef, intercept = getattr(estimator, "coef_", None), getattr(estimator, "intercept_", None)
    n_classes = len(clf.classes_)
    if coef is None or intercept is None or n_classes < 3 or coef.shape[0] != n_classes:
        return None  # binary decision functions have one column: not compiled
    if any(not isinstance(getattr(c, "a_", None), (float, np.floating)) for c in calibrated.calibrators):
        return None
    parts: list[Part] = []
    offset = 0
    for _, step in union.transformer_list:
        vocabulary = getattr(step.steps[-1][1], "vocabulary_", None) if isinstance(step, Pipeline) else None
        if not isinstance(vocabulary, dict):
            return None
        width = len(vocabulary)
        part = _part(step, np.ascontiguousarray(coef[:, offset : offset + width].T))
        if part is None:
            return None
        parts.append(part)
        offset += width
    if offset != coef.shape[1]:
        return None
    return CompiledModel(
        classes=tuple(str(c) for c in clf.classes_),
        parts=tuple(parts),
        intercept=np.asarray(intercept, dtype=np.float64),
        a=np.array([c.a_ for c in calibrated.calibrators], dtype=np.float64),
        b=np.array([c.b_ for c in calibrated.calibrators], dtype=np.float64),
        columns=np.searchsorted(clf.classes_, estimator.classes_),
    )
