"""Post-hoc calibration: fitting, applying, reading back from the manifest."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from krquality.model.calibration import Calibration, choose_threshold, fit_calibration

CLASSES = ["metric", "milestone", "task"]


@given(
    arrays(np.float64, (5, 3), elements=st.floats(0.0, 1.0)),
    st.floats(0.2, 5.0),
    st.lists(st.floats(-2.0, 2.0), min_size=3, max_size=3),
)
def test_calibrated_rows_are_probabilities(probas: np.ndarray, temperature: float, bias: list[float]) -> None:
    out = Calibration(temperature=temperature, bias=dict(zip(CLASSES, bias, strict=True))).apply(
        probas, CLASSES
    )
    assert np.all(out >= 0.0) and np.allclose(out.sum(axis=1), 1.0)


@given(arrays(np.float64, (6, 3), elements=st.floats(0.01, 1.0)), st.floats(0.2, 5.0))
def test_a_temperature_alone_keeps_the_label(probas: np.ndarray, temperature: float) -> None:
    out = Calibration(temperature=temperature).apply(probas, CLASSES)
    ordered = np.sort(probas, axis=1)
    unique_top = ordered[:, -1] - ordered[:, -2] > 1e-6  # ties may break either way
    assert np.array_equal(out.argmax(axis=1)[unique_top], probas.argmax(axis=1)[unique_top])


def test_fitting_softens_an_overconfident_model_and_learns_the_label_mix() -> None:
    rng = np.random.default_rng(3)
    y = rng.choice(CLASSES, size=600, p=[0.2, 0.2, 0.6])
    probas = np.full((600, 3), 0.02)
    for row, label in enumerate(y):
        guess = CLASSES.index(label) if rng.random() < 0.6 else rng.integers(3)
        probas[row, guess] = 0.96
    calibration = fit_calibration(probas, CLASSES, y, biases=True)
    assert calibration.temperature > 1.5
    assert calibration.bias["metric"] == 0.0 and calibration.bias["task"] > 0.0


def test_the_threshold_is_the_lowest_reaching_the_target_accuracy() -> None:
    probas = np.array([[0.95, 0.03, 0.02]] * 19 + [[0.96, 0.02, 0.02]] + [[0.5, 0.3, 0.2]] * 10)
    y = ["metric"] * 19 + ["task"] + ["milestone"] * 10
    assert choose_threshold(probas, CLASSES, y) == 0.51
    assert choose_threshold(probas, CLASSES, ["task"] * 30) == 0.99


def test_json_round_trip_and_bad_values() -> None:
    calibration = Calibration(temperature=1.7, bias={"metric": 0.0, "task": -0.3}, threshold=0.8)
    assert Calibration.from_json(calibration.to_json()) == calibration
    with pytest.raises(ValueError, match="positive"):
        Calibration.from_json({"temperature": 0.0})
    with pytest.raises(KeyError):
        Calibration.from_json({"bias": {}})


def test_without_biases_the_labels_stay() -> None:
    rng = np.random.default_rng(5)
    probas = rng.dirichlet([1, 1, 1], size=300)
    y = rng.choice(CLASSES, size=300, p=[0.2, 0.2, 0.6])
    calibration = fit_calibration(probas, CLASSES, y)
    assert set(calibration.bias.values()) == {0.0}
    assert np.array_equal(calibration.apply(probas, CLASSES).argmax(axis=1), probas.argmax(axis=1))
