"""Figures on real key results: a labelled file of lines people wrote, outside the repository.

The training data is written by this project; real key results are noisier
(owners, priorities, links, placeholders, noun phrases, state sentences). This
module reads such a file (by default ``../shared/realworld/dev.jsonl`` beside
the repository, or ``$KRQ_REALWORLD_DEV``) and computes what matters on it:
macro-F1 over all and over unambiguous items, per-class scores, the confusion
matrix, a calibration table with its expected calibration error, how many
predictions are confident and how many of those are right, and the same per
source repository.

It also fits the few-parameter post-hoc calibration
(:class:`~krquality.model.calibration.Calibration`) on such a file. A figure
for something fitted on the file it is measured on is optimistic, so
:func:`grouped_cv` reports those by cross-validation grouped by source
repository: every fold is scored by a calibration fitted without its
repositories.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from krquality.errors import InvalidInputError
from krquality.labels import Label
from krquality.model.calibration import Calibration, fit_calibration

REALWORLD_ENV = "KRQ_REALWORLD_DEV"
CALIBRATION_BINS = 10
CV_FOLDS = 6


def default_real_path() -> Path:
    """``$KRQ_REALWORLD_DEV``, else ``../shared/realworld/dev.jsonl`` beside the source tree.

    >>> default_real_path().name
    'dev.jsonl'
    """
    env = os.environ.get(REALWORLD_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "realworld" / "dev.jsonl"


@dataclass(frozen=True, slots=True)
class RealItem:
    """One real key result with its label and where it was written (``source`` is the repository)."""

    text: str
    label: Label
    ambiguous: bool
    not_a_kr: bool
    source: str


def load_real(path: Path) -> list[RealItem]:
    """Read a real-text file: one JSON object a line with ``text``, ``label`` and ``source``.

    ``ambiguous`` and ``not_a_kr`` default to false; ``source`` is cut to its
    repository (``owner/repo:path`` -> ``owner/repo``). Raises
    :class:`InvalidInputError` naming the file (and line) when it is missing or malformed.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "dev.jsonl"
    ...     _ = path.write_text('{"text": "Ship it", "label": "milestone", "source": "a/b:x.md"}\\n')
    ...     load_real(path)[0].source
    'a/b'
    """
    if not path.is_file():
        raise InvalidInputError(
            f"no real-text file at {path}: pass --real PATH or set ${REALWORLD_ENV}", field="real"
        )
    items: list[RealItem] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                items.append(
                    RealItem(
                        text=str(row["text"]),
                        label=Label(row["label"]),
                        ambiguous=bool(row.get("ambiguous", False)),
                        not_a_kr=bool(row.get("not_a_kr", False)),
                        source=str(row["source"]).split(":", 1)[0],
                    )
                )
            except (json.JSONDecodeError, KeyError, ValueError, TypeError) as e:
                raise InvalidInputError(
                    f"{path}:{number}: not a labelled key result: {e}", field="real"
                ) from e
    if not items:
        raise InvalidInputError(f"{path} holds no key results", field="real")
    return items


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, recorded with what is fitted on it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fitted_on(paths: Sequence[Path], counts: Sequence[int]) -> list[dict[str, Any]]:
    """What a calibration was fitted on, for the manifest: each file's name, sha256 and size."""
    pairs = zip(paths, counts, strict=True)
    return [{"file": path.name, "sha256": file_sha256(path), "n": n} for path, n in pairs]


def calibration_table(
    confidence: np.ndarray, correct: np.ndarray, *, bins: int = CALIBRATION_BINS
) -> list[dict[str, Any]]:
    """Equal-width bins of the top probability: count, mean confidence and accuracy of each non-empty bin.

    >>> calibration_table(np.array([0.95, 0.91, 0.4]), np.array([True, False, True]), bins=2)
    [{'bin': '0.00-0.50', 'count': 1, 'mean_confidence': 0.4, 'accuracy': 1.0}, \
{'bin': '0.50-1.00', 'count': 2, 'mean_confidence': 0.93, 'accuracy': 0.5}]
    """
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    table = []
    for b in range(bins):
        inside = which == b
        if not inside.any():
            continue
        table.append(
            {
                "bin": f"{edges[b]:.2f}-{edges[b + 1]:.2f}",
                "count": int(inside.sum()),
                "mean_confidence": round(float(confidence[inside].mean()), 4),
                "accuracy": round(float(correct[inside].mean()), 4),
            }
        )
    return table


def expected_calibration_error(
    confidence: np.ndarray, correct: np.ndarray, *, bins: int = CALIBRATION_BINS
) -> float:
    """The count-weighted mean gap between confidence and accuracy over equal-width bins.

    >>> expected_calibration_error(np.array([0.9, 0.9]), np.array([True, False]))
    0.4
    """
    table = calibration_table(confidence, correct, bins=bins)
    total = sum(row["count"] for row in table)
    gap = sum(row["count"] * abs(row["mean_confidence"] - row["accuracy"]) for row in table)
    return round(gap / total, 4) if total else 0.0


def _macro_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    return float(_per_class(y_true, y_pred)["macro_f1"])


def _per_class(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, Any]:
    from krquality.model.evaluate import scores

    return scores(list(y_true), list(y_pred))


def real_report(
    items: Sequence[RealItem],
    probas: np.ndarray,
    classes: Sequence[str],
    *,
    threshold: float,
    confident_mask: np.ndarray | None = None,
) -> dict[str, Any]:
    """Every real-text figure for ``probas`` (rows in ``items`` order, columns in ``classes`` order).

    A prediction is confident when its top probability reaches ``threshold``
    (and ``confident_mask``, when given, allows it: e.g. not a key result at all).
    """
    if len(items) != len(probas):
        raise ValueError(f"{len(items)} items but {len(probas)} rows of probabilities")
    y_true = [item.label.value for item in items]
    y_pred = [str(c) for c in np.asarray(classes)[probas.argmax(axis=1)]]
    confidence = probas.max(axis=1)
    correct = np.array(y_true) == np.array(y_pred)
    confident = confidence >= threshold
    if confident_mask is not None:
        confident &= confident_mask
    unambiguous = [i for i, item in enumerate(items) if not item.ambiguous]
    scored = _per_class(y_true, y_pred)
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_source[item.source].append(i)
    return {
        "n": len(items),
        "macro_f1": scored["macro_f1"],
        "macro_f1_unambiguous": round(
            _macro_f1([y_true[i] for i in unambiguous], [y_pred[i] for i in unambiguous]), 4
        ),
        "n_unambiguous": len(unambiguous),
        "accuracy": scored["accuracy"],
        "per_class": scored["per_class"],
        "confusion_matrix": scored["confusion_matrix"],
        "calibration": calibration_table(confidence, correct),
        "ece": expected_calibration_error(confidence, correct),
        "threshold": round(float(threshold), 4),
        "confident_share": round(float(confident.mean()), 4),
        "confident_accuracy": round(float(correct[confident].mean()), 4) if confident.any() else None,
        "per_source": {
            source: {
                "n": len(rows),
                "accuracy": round(float(correct[rows].mean()), 4),
                "confident_share": round(float(confident[rows].mean()), 4),
            }
            for source, rows in sorted(by_source.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        },
    }


def source_folds(items: Sequence[RealItem], *, folds: int = CV_FOLDS) -> list[np.ndarray]:
    """Test-index arrays of ``folds`` folds; every source repository falls in one fold.

    Repositories are dealt largest first to the fold with fewest items, so the
    folds are about the same size (deterministic, no randomness).

    >>> items = [RealItem("x", Label.TASK, False, False, s) for s in "aabbbc"]
    >>> [sorted(f.tolist()) for f in source_folds(items, folds=2)]
    [[2, 3, 4], [0, 1, 5]]
    """
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        by_source[item.source].append(i)
    groups = sorted(by_source.values(), key=lambda rows: (-len(rows), rows[0]))
    out: list[list[int]] = [[] for _ in range(min(folds, len(groups)))]
    for rows in groups:
        min(out, key=len).extend(rows)
    return [np.array(sorted(rows)) for rows in out]


def out_of_fold(
    items: Sequence[RealItem], probas: np.ndarray, classes: Sequence[str], *, folds: int = CV_FOLDS
) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Each item's probabilities calibrated on the other folds' repositories, whether that
    fold's threshold calls it confident, and the folds' thresholds (what :func:`grouped_cv` scores).
    """
    y = np.array([item.label.value for item in items])
    out = np.zeros_like(probas)
    confident = np.zeros(len(items), dtype=bool)
    fold_thresholds: list[float] = []
    for test in source_folds(items, folds=folds):
        train = np.setdiff1d(np.arange(len(items)), test)
        calibration = fit_calibration(probas[train], classes, y[train])
        out[test] = calibration.apply(probas[test], classes)
        confident[test] = out[test].max(axis=1) >= calibration.threshold
        fold_thresholds.append(calibration.threshold)
    return out, confident, fold_thresholds


def grouped_cv(
    items: Sequence[RealItem],
    probas: np.ndarray,
    classes: Sequence[str],
    *,
    folds: int = CV_FOLDS,
    confident_mask: np.ndarray | None = None,
) -> dict[str, Any]:
    """Real-text figures of a calibration fitted on other repositories than those it scores.

    Each fold's items are calibrated (and their abstain threshold chosen) by a
    :class:`Calibration` fitted on the other folds; the report is over the
    pooled out-of-fold predictions, with the per-fold thresholds.
    """
    out, confident, fold_thresholds = out_of_fold(items, probas, classes, folds=folds)
    report = real_report(
        items,
        out,
        classes,
        threshold=0.0,
        confident_mask=confident if confident_mask is None else confident & confident_mask,
    )
    report["threshold"] = None
    report["fold_thresholds"] = fold_thresholds
    report["folds"] = len(fold_thresholds)
    return report


SUMMARY_KEYS = (
    "n",
    "macro_f1",
    "macro_f1_unambiguous",
    "accuracy",
    "ece",
    "threshold",
    "confident_share",
    "confident_accuracy",
)


def summary(report: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of a :func:`real_report`, with per-class F1.

    >>> summary({"n": 1, "per_class": {"task": {"f1": 0.5}}})
    {'n': 1, 'f1': {'task': 0.5}}
    """
    out = {key: report[key] for key in SUMMARY_KEYS if key in report}
    out["f1"] = {label: scores["f1"] for label, scores in report.get("per_class", {}).items()}
    return out


def calibrate_on_real(
    items: Sequence[RealItem], probas: np.ndarray, classes: Sequence[str], *, threshold: float
) -> tuple[Calibration, dict[str, Any]]:
    """Fit the :class:`Calibration` on all ``items`` and report what it does.

    The report holds the uncalibrated figures (with ``threshold``, the model's
    own abstain threshold), the figures of the calibration by
    :func:`grouped_cv` (the honest ones), and the in-sample ones of the final
    fit (optimistic: fitted and scored on the same lines).
    """
    y = [item.label.value for item in items]
    calibration = fit_calibration(probas, classes, y)
    calibrated = calibration.apply(probas, classes)
    report = {
        "uncalibrated": summary(real_report(items, probas, classes, threshold=threshold)),
        "grouped_cv": summary(grouped_cv(items, probas, classes)),
        "in_sample": summary(real_report(items, calibrated, classes, threshold=calibration.threshold)),
    }
    return calibration, report
