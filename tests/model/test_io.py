"""Model files load only when they match their manifest and this install."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sklearn
from sklearn.dummy import DummyClassifier

from krquality.errors import ModelCompatibilityError, ModelError, ModelIntegrityError
from krquality.features.vectorize import FEATURE_VERSION
from krquality.labels import Label
from krquality.model.io import load_model, manifest_path, save_model


def _saved(tmp_path: Path, **overrides: object) -> Path:
    model = DummyClassifier(strategy="prior").fit([[0], [1], [2]], ["metric", "milestone", "task"])
    path = tmp_path / "m.joblib"
    manifest = {
        "version": "krq-test",
        "versions": {"scikit-learn": sklearn.__version__},
        "feature_version": FEATURE_VERSION,
        "abstain_threshold": 0.6,
        **overrides,
    }
    save_model(model, path, manifest)
    return path


def test_a_saved_model_loads_with_its_labels_and_manifest(tmp_path: Path) -> None:
    loaded = load_model(_saved(tmp_path))
    assert loaded.labels == (Label.METRIC, Label.MILESTONE, Label.TASK)
    assert loaded.version == "krq-test"
    assert loaded.abstain_threshold == 0.6


def test_a_tampered_file_is_refused(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    path.write_bytes(path.read_bytes() + b"\0")
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_model(path)


def test_a_file_without_manifest_is_refused(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    manifest_path(path).unlink()
    with pytest.raises(ModelError, match="no manifest"):
        load_model(path)


def test_a_model_from_another_scikit_learn_is_refused(tmp_path: Path) -> None:
    path = _saved(tmp_path, versions={"scikit-learn": "0.24.2"})
    with pytest.raises(ModelCompatibilityError, match=r"scikit-learn 0\.24\.2"):
        load_model(path)


def test_a_model_for_another_feature_version_is_refused(tmp_path: Path) -> None:
    path = _saved(tmp_path, feature_version=FEATURE_VERSION + 1)
    with pytest.raises(ModelCompatibilityError, match="feature version"):
        load_model(path)


def test_a_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"nowhere\.joblib"):
        load_model(tmp_path / "nowhere.joblib")


def test_the_manifest_records_the_artifact_checksum(tmp_path: Path) -> None:
    import hashlib

    path = _saved(tmp_path)
    manifest = json.loads(manifest_path(path).read_text())
    assert manifest["artifact_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
