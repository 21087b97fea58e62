"""The committed model must be the one trained on the committed data."""

from __future__ import annotations

from pathlib import Path

from krquality.model.data import data_sha256
from krquality.model.io import default_model_path, load_model


def test_the_bundled_model_was_trained_on_the_committed_training_data() -> None:
    loaded = load_model()
    root = Path(__file__).resolve().parents[2]
    assert loaded.path == default_model_path()
    assert loaded.manifest["training_data_sha256"] == data_sha256(root / "training_data"), (
        "training_data/ changed since models/ was trained: run `krquality train` and commit the model"
    )


def test_the_bundled_model_meets_the_held_out_target() -> None:
    metrics = load_model().manifest["metrics"]
    assert metrics["held_out"]["macro_f1"] >= 0.92
    comparison = metrics["comparison"]
    best = comparison[load_model().manifest["kind"]]["held_out_macro_f1"]
    assert best > comparison["baseline-keywords"]["held_out_macro_f1"] + 0.05
    assert best > comparison["baseline-tfidf"]["held_out_macro_f1"]
