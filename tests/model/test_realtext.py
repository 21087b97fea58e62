"""Real-text figures: reading the file, calibration tables, grouped cross-validation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from krquality.errors import InvalidInputError
from krquality.labels import Label
from krquality.model.realtext import (
    RealItem,
    calibrate_on_real,
    calibration_table,
    default_real_path,
    expected_calibration_error,
    grouped_cv,
    load_real,
    real_report,
    source_folds,
)

CLASSES = ["metric", "milestone", "task"]


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _items(n_sources: int = 6, per_source: int = 20) -> list[RealItem]:
    labels = [Label.METRIC, Label.MILESTONE, Label.TASK]
    return [
        RealItem(f"kr {s}-{i}", labels[(s + i) % 3], i % 5 == 0, False, f"org/repo{s}")
        for s in range(n_sources)
        for i in range(per_source)
    ]


def _probas(items: list[RealItem], *, right: float = 0.8, seed: int = 7) -> np.ndarray:
    """Over-confident probabilities that are right for a share ``right`` of the items."""
    rng = np.random.default_rng(seed)
    out = np.full((len(items), 3), 0.025)
    for row, item in enumerate(items):
        column = CLASSES.index(item.label.value)
        if rng.random() >= right:
            column = (column + 1) % 3
        out[row, column] = 0.95
    return out


def test_a_real_file_is_read_with_its_repository(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dev.jsonl",
        [
            {"text": "Cut churn to 3%", "label": "metric", "ambiguous": True, "source": "acme/okrs:q1.md"},
            {"text": "Ship the app", "label": "milestone", "not_a_kr": False, "source": "acme/okrs:q2.md"},
        ],
    )
    items = load_real(path)
    assert [(i.label, i.ambiguous, i.source) for i in items] == [
        (Label.METRIC, True, "acme/okrs"),
        (Label.MILESTONE, False, "acme/okrs"),
    ]


def test_a_missing_real_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"no real-text file at .*nope\.jsonl"):
        load_real(tmp_path / "nope.jsonl")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"dev\.jsonl:1: not a labelled key result"),
        ('{"text": "x", "label": "goal", "source": "a/b"}', r"dev\.jsonl:1: .*goal"),
        ('{"text": "x", "label": "task"}', r"dev\.jsonl:1: .*source"),
    ],
)
def test_a_malformed_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=message):
        load_real(path)


def test_the_default_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KRQ_REALWORLD_DEV", str(tmp_path / "x.jsonl"))
    assert default_real_path() == tmp_path / "x.jsonl"


def test_calibration_table_bins_count_confidence_and_accuracy() -> None:
    confidence = np.array([0.35, 0.45, 0.95, 0.92, 0.91])
    correct = np.array([False, True, True, True, False])
    table = calibration_table(confidence, correct, bins=5)
    assert [(row["bin"], row["count"]) for row in table] == [
        ("0.20-0.40", 1),
        ("0.40-0.60", 1),
        ("0.80-1.00", 3),
    ]
    assert table[2]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert table[2]["mean_confidence"] == pytest.approx(0.9267, abs=1e-4)


def test_ece_is_zero_when_confidence_matches_accuracy_and_grows_with_the_gap() -> None:
    correct = np.array([True] * 8 + [False] * 2)
    assert expected_calibration_error(np.full(10, 0.8), correct) == pytest.approx(0.0)
    assert expected_calibration_error(np.full(10, 0.99), correct) == pytest.approx(0.19)


def test_real_report_scores_all_unambiguous_confident_and_sources() -> None:
    items = _items()
    probas = _probas(items)
    report = real_report(items, probas, CLASSES, threshold=0.9)
    predicted = np.array(CLASSES)[probas.argmax(axis=1)]
    accuracy = float(np.mean(predicted == np.array([i.label.value for i in items])))
    assert report["accuracy"] == pytest.approx(accuracy, abs=1e-4)
    assert report["confident_share"] == 1.0
    assert report["confident_accuracy"] == pytest.approx(accuracy, abs=1e-4)
    assert report["n_unambiguous"] == sum(not i.ambiguous for i in items)
    assert set(report["per_source"]) == {f"org/repo{s}" for s in range(6)}
    assert sum(row["count"] for row in report["calibration"]) == len(items)
    assert report["ece"] == pytest.approx(0.95 - accuracy, abs=0.01)
    assert sum(map(sum, report["confusion_matrix"]["rows_true_cols_pred"])) == len(items)


def test_a_confident_mask_takes_items_out_of_the_confident_ones() -> None:
    items = _items()
    mask = np.array([i % 2 == 0 for i in range(len(items))])
    report = real_report(items, _probas(items), CLASSES, threshold=0.0, confident_mask=mask)
    assert report["confident_share"] == 0.5


def test_folds_keep_each_repository_whole_and_cover_every_item() -> None:
    items = _items(n_sources=9, per_source=7)
    folds = source_folds(items, folds=4)
    assert sorted(np.concatenate(folds).tolist()) == list(range(len(items)))
    for fold in folds:
        sources = {items[i].source for i in fold}
        assert all(items[i].source not in sources for other in folds if other is not fold for i in other)


def test_grouped_cv_calibrates_overconfident_probabilities() -> None:
    items = _items(per_source=40)
    probas = _probas(items, right=0.7)
    raw = real_report(items, probas, CLASSES, threshold=0.5)
    cv = grouped_cv(items, probas, CLASSES)
    assert cv["ece"] < raw["ece"] / 2
    assert cv["folds"] == 6 and len(cv["fold_thresholds"]) == 6
    assert cv["accuracy"] == pytest.approx(raw["accuracy"], abs=0.02)


def test_calibrate_on_real_reports_uncalibrated_grouped_cv_and_in_sample() -> None:
    items = _items(per_source=40)
    calibration, figures = calibrate_on_real(items, _probas(items, right=0.7), CLASSES, threshold=0.5)
    assert calibration.temperature > 1.0  # over-confident probabilities are softened
    assert set(figures) == {"uncalibrated", "grouped_cv", "in_sample"}
    assert figures["grouped_cv"]["ece"] < figures["uncalibrated"]["ece"]


@pytest.mark.skipif(not default_real_path().is_file(), reason="no real-text folder beside the repository")
def test_the_real_development_set_gets_its_figures(nlp: object) -> None:
    from krquality.model.evaluate import featurize
    from krquality.model.io import load_model

    items = load_real(default_real_path())
    model = load_model()
    probas = model.predict_proba(featurize(nlp, [item.text for item in items]))  # type: ignore[arg-type]
    report = real_report(
        items, probas, [label.value for label in model.labels], threshold=model.abstain_threshold
    )
    assert report["n"] == len(items) > 100
    assert 0.0 < report["macro_f1"] <= 1.0 and 0.0 <= report["ece"] <= 1.0
    assert set(report["per_class"]) == set(CLASSES)
    assert len(report["per_source"]) > 5
