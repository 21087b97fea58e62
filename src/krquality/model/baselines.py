"""Baselines the model must clearly beat, measured in the same evaluation run."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer

from krquality.features.types import Features
from krquality.features.vectorize import texts
from krquality.labels import Label

_NUMBER = re.compile(r"\d|%|\b(double|triple|halve|twice)\b", re.I)
_VERSIONISH = re.compile(r"\b(v\d|q[1-4]|h[12]|fy\d\d|20\d\d|iso \d+|soc ?2)\b", re.I)
_TASK_WORDS = re.compile(
    r"\b(work on|working on|help|support|continue|maintain|monitor|explore|research|investigate|"
    r"focus on|hold|attend|engage|drive|encourage|improve|optimi[sz]e|enhance|keep|collaborate|"
    r"increase|grow|reduce|better)\b",
    re.I,
)


class KeywordRulesBaseline(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """The keyword rules an OKR tool would write by hand: digits mean metric,
    open-ended verbs mean task, anything else is a milestone."""

    def fit(self, X: Sequence[Features], y: Sequence[str]) -> KeywordRulesBaseline:
        self.classes_ = np.array([label.value for label in Label])
        return self

    def _one(self, text: str) -> str:
        stripped = _VERSIONISH.sub("", text)
        if _NUMBER.search(stripped):
            return Label.METRIC.value
        if _TASK_WORDS.search(text):
            return Label.TASK.value
        return Label.MILESTONE.value

    def predict(self, X: Sequence[Features]) -> Any:
        return np.array([self._one(f.body.text) for f in X])


def tfidf_baseline(*, seed: int = 0) -> Pipeline:
    """Word TF-IDF and logistic regression, with no spaCy features at all."""
    return make_pipeline(
        FunctionTransformer(texts),
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(max_iter=2000, random_state=seed),
    )
