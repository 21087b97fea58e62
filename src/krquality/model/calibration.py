"""Post-hoc calibration of the classifier's probabilities on real key results.

The classifier's own calibration (sigmoid, cross-validated on the training
data) is fitted on text this project wrote, where it is right about 95% of
the time; on real key results it is right less often and too sure of itself.
A :class:`Calibration` corrects that with numbers fitted on real text: a
temperature that softens (or sharpens) the log-probabilities, followed by the
abstain threshold at which the confident predictions reach
:data:`TARGET_CONFIDENT_ACCURACY`. Few parameters, so the correction says how
much to trust the model and cannot memorise lines. A temperature never
changes a label. Label biases (one per label, the first label's 0) can also
be fitted for a different mix of labels (``biases=True``); on the real
development set they lowered the calibration error and raised the confident
share but cost macro-F1 (they move near ties away from the rarest label), so
the trained model uses the temperature alone (see docs/evaluation.md).

It is stored as numbers in the model's manifest and needs only numpy to apply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# Predictions below the threshold are flagged not confident; the threshold is
# the lowest at which the confident ones reach this accuracy on the fitting data.
TARGET_CONFIDENT_ACCURACY = 0.94
_FLOOR = 1e-6
# A penalty on the biases keeps them small where the data says little.
_BIAS_PENALTY = 0.01


@dataclass(frozen=True, slots=True)
class Calibration:
    """``softmax(log(p) / temperature + bias)``, and the abstain threshold on the result.

    >>> c = Calibration(temperature=2.0, bias={"metric": 0.0, "milestone": 0.0, "task": 0.0})
    >>> c.apply(np.array([[0.8, 0.1, 0.1]]), ["metric", "milestone", "task"]).round(3).tolist()
    [[0.586, 0.207, 0.207]]
    """

    temperature: float = 1.0
    bias: Mapping[str, float] = field(default_factory=dict)
    threshold: float = 0.0

    def apply(self, probas: np.ndarray, classes: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, columns in ``classes`` order."""
        logits = np.log(np.clip(probas, _FLOOR, 1.0)) / self.temperature
        logits = logits + np.array([self.bias.get(str(c), 0.0) for c in classes])
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        out: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return out

    def to_json(self) -> dict[str, Any]:
        """The numbers, for the manifest."""
        return {
            "temperature": round(self.temperature, 6),
            "bias": {k: round(v, 6) for k, v in self.bias.items()},
            "threshold": round(self.threshold, 4),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Calibration:
        """Read :meth:`to_json`'s output (raises ``ValueError`` on a bad value).

        >>> Calibration.from_json({"temperature": 1.5, "bias": {"task": 0.2}, "threshold": 0.6}).threshold
        0.6
        """
        temperature = float(data["temperature"])
        if not np.isfinite(temperature) or temperature <= 0:
            raise ValueError(f"calibration temperature must be positive, got {temperature}")
        bias = {str(k): float(v) for k, v in dict(data.get("bias", {})).items()}
        return cls(temperature=temperature, bias=bias, threshold=float(data.get("threshold", 0.0)))


def _nll(params: np.ndarray, logp: np.ndarray, onehot: np.ndarray) -> float:
    temperature = np.exp(params[0])
    bias = np.concatenate([[0.0], params[1:]])
    logits = logp / temperature + bias
    logits -= logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(logits).sum(axis=1))
    nll = float(-(logits * onehot).sum(axis=1).mean() + log_norm.mean())
    return nll + _BIAS_PENALTY * float((params[1:] ** 2).sum())


def choose_threshold(probas: np.ndarray, classes: Sequence[str], y_true: Sequence[str]) -> float:
    """The lowest top probability at which the predictions at or above it reach
    :data:`TARGET_CONFIDENT_ACCURACY` (0.99 when none does).

    >>> p = np.array([[0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1]])
    >>> choose_threshold(p, ["metric", "milestone", "task"], ["metric", "metric", "task"])
    0.51
    """
    top = probas.max(axis=1)
    correct = np.asarray(classes)[probas.argmax(axis=1)] == np.asarray(y_true)
    for threshold in np.round(np.arange(0.34, 0.99, 0.01), 2):
        keep = top >= threshold
        if keep.any() and correct[keep].mean() >= TARGET_CONFIDENT_ACCURACY:
            return float(threshold)
    return 0.99


def fit_calibration(
    probas: np.ndarray, classes: Sequence[str], y_true: Sequence[str], *, biases: bool = False
) -> Calibration:
    """Fit the temperature (and, with ``biases``, the label biases) by log-loss, then the threshold.

    >>> rng = np.random.default_rng(0)
    >>> p = rng.dirichlet([1, 1, 1], size=200)
    >>> y = np.array(["metric", "milestone", "task"])[p.argmax(axis=1)]
    >>> # right more often than it says, so a temperature below 1 sharpens it
    >>> fit_calibration(p, ["metric", "milestone", "task"], y).temperature < 1.0
    True
    """
    from scipy.optimize import minimize

    classes = [str(c) for c in classes]
    logp = np.log(np.clip(probas, _FLOOR, 1.0))
    onehot = (np.asarray(y_true)[:, None] == np.asarray(classes)[None, :]).astype(float)
    n_bias = len(classes) - 1 if biases else 0
    start = np.zeros(1 + n_bias)
    result = minimize(_nll, start, args=(logp, onehot), method="L-BFGS-B")
    params = result.x
    bias = {c: 0.0 for c in classes}
    for i, c in enumerate(classes[1:], start=1):
        if i <= n_bias:
            bias[c] = float(params[i])
    fitted = Calibration(temperature=float(np.exp(params[0])), bias=bias)
    threshold = choose_threshold(fitted.apply(probas, classes), classes, y_true)
    return Calibration(temperature=fitted.temperature, bias=bias, threshold=threshold)
