"""The label mix of real key results, and the classifier fitted to it."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.svm import LinearSVC

from krquality.model.estimator import PriorCalibratedClassifierCV, build_pipeline
from krquality.model.prior import REAL_LABEL_SHARE, label_share, prior_weights

LABELS = ("metric", "milestone", "task")


def test_real_label_share_is_a_distribution_with_fewer_tasks_than_the_others() -> None:
    assert sum(REAL_LABEL_SHARE.values()) == pytest.approx(1.0)
    assert REAL_LABEL_SHARE["task"] < REAL_LABEL_SHARE["metric"] < REAL_LABEL_SHARE["milestone"]


@given(st.lists(st.sampled_from(LABELS), min_size=1, max_size=60))
def test_weights_average_one_and_move_the_mix_to_the_target(labels: list[str]) -> None:
    target = {"metric": 0.5, "milestone": 0.3, "task": 0.2}
    weights = prior_weights(labels, target)
    assert weights.shape == (len(labels),)
    assert weights.mean() == pytest.approx(1.0)
    present = {label for label in labels}
    weighted = {label: weights[[x == label for x in labels]].sum() for label in present}
    total = sum(weighted.values())
    wanted = sum(target[label] for label in present)
    for label in present:
        # The weighted mix is the target's, renormalised to the labels present.
        assert weighted[label] / total == pytest.approx(target[label] / wanted)


def test_a_label_missing_from_the_target_keeps_its_share() -> None:
    weights = prior_weights(["task", "task", "metric", "other"], {"task": 0.25, "metric": 0.5})
    # task 0.25 of 0.5 -> 0.5; metric 0.5 of 0.25 -> 2; "other" unweighted -> 1 (mean already 1)
    assert weights.tolist() == pytest.approx([0.5, 0.5, 2.0, 1.0])
    assert label_share([]) == {}
    assert prior_weights([], {"task": 1.0}).shape == (0,)


def _two_blobs() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = np.vstack([rng.normal(-0.4, 1.0, size=(200, 2)), rng.normal(0.4, 1.0, size=(200, 2))])
    y = np.array(["milestone"] * 200 + ["task"] * 200)
    return x, y


def test_fitting_to_a_mix_with_fewer_tasks_predicts_fewer_tasks() -> None:
    x, y = _two_blobs()
    even = PriorCalibratedClassifierCV(LinearSVC(), cv=3, label_share=None).fit(x, y)
    rare = PriorCalibratedClassifierCV(LinearSVC(), cv=3, label_share={"milestone": 0.8, "task": 0.2}).fit(
        x, y
    )
    grid = np.linspace(-2, 2, 41)
    points = np.array([[a, b] for a in grid for b in grid])
    assert (rare.predict(points) == "task").sum() < (even.predict(points) == "task").sum()
    assert rare.predict_proba(points)[:, 1].mean() < even.predict_proba(points)[:, 1].mean()


def test_sample_weights_multiply_the_label_weights() -> None:
    x, y = _two_blobs()
    share = {"milestone": 0.5, "task": 0.5}
    plain = PriorCalibratedClassifierCV(LinearSVC(), cv=3, label_share=share).fit(x, y)
    heavy_tasks = np.where(y == "task", 5.0, 1.0)
    weighted = PriorCalibratedClassifierCV(LinearSVC(), cv=3, label_share=share).fit(
        x, y, sample_weight=heavy_tasks
    )
    points = np.array([[0.0, 0.0], [0.1, -0.1], [-0.1, 0.1]])
    assert (weighted.predict_proba(points)[:, 1] > plain.predict_proba(points)[:, 1]).all()


def test_the_pipelines_are_fitted_to_the_real_mix_unless_told_not_and_clone_keeps_it() -> None:
    assert build_pipeline("svm").named_steps["clf"].label_share == dict(REAL_LABEL_SHARE)
    assert build_pipeline("logreg", label_share=None).named_steps["clf"].label_share is None
    cloned = clone(build_pipeline("svm", label_share={"task": 0.1}))
    assert cloned.named_steps["clf"].label_share == {"task": 0.1}
