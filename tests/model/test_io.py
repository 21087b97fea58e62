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


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real (small) krquality pipeline, saved with its compiled form."""
    from krquality.model.estimator import build_pipeline
    from krquality.nlp import build_nlp

    texts = ["Increase NPS from 40 to 55", "Launch the partner portal", "Hold weekly pipeline reviews"] * 12
    labels = ["metric", "milestone", "task"] * 12
    nlp = build_nlp()
    features = [doc._.krq_features for doc in nlp.pipe(texts)]
    pipeline = build_pipeline("svm").fit(features, labels)
    path = tmp_path_factory.mktemp("model") / "small.joblib"
    save_model(
        pipeline,
        path,
        {
            "version": "krq-small",
            "versions": {"scikit-learn": sklearn.__version__},
            "feature_version": FEATURE_VERSION,
            "labels": sorted(set(labels)),
        },
    )
    return path


def test_the_compiled_form_is_saved_and_vouched_for(small_model: Path) -> None:
    import hashlib

    manifest = json.loads(manifest_path(small_model).read_text())
    compiled = small_model.with_name(manifest["compiled_artifact"])
    assert compiled.name == "small.compiled.npz"
    assert manifest["compiled_sha256"] == hashlib.sha256(compiled.read_bytes()).hexdigest()


def test_a_compiled_model_predicts_without_unpickling(small_model: Path) -> None:
    import numpy as np

    from krquality.nlp import build_nlp

    loaded = load_model(small_model)
    assert loaded.compiled is not None
    assert loaded._pipeline is None  # the pickle was not opened
    features = [
        d._.krq_features for d in build_nlp().pipe(["Cut churn to 2%", "Ship SSO", "Research pricing"])
    ]
    fast = loaded.predict_proba(features)
    with sklearn.config_context(assume_finite=True):
        stock = loaded.pipeline.predict_proba(features)  # unpickled on demand, after its checksum
    assert np.abs(fast - stock).max() < 1e-12


def test_a_tampered_compiled_file_is_refused(tmp_path: Path, small_model: Path) -> None:
    import shutil

    for name in (small_model.name, "small.manifest.json", "small.compiled.npz"):
        shutil.copy(small_model.with_name(name), tmp_path / name)
    compiled = tmp_path / "small.compiled.npz"
    compiled.write_bytes(compiled.read_bytes() + b"\0")
    with pytest.raises(ModelIntegrityError, match=r"compiled model .*sha256"):
        load_model(tmp_path / small_model.name)


def test_a_vouched_compiled_file_that_is_missing_is_an_error(tmp_path: Path, small_model: Path) -> None:
    import shutil

    for name in (small_model.name, "small.manifest.json"):
        shutil.copy(small_model.with_name(name), tmp_path / name)
    with pytest.raises(ModelError, match=r"small\.compiled\.npz, which is missing"):
        load_model(tmp_path / small_model.name)


def _copy_model(small_model: Path, folder: Path) -> Path:
    import shutil

    for name in (small_model.name, "small.manifest.json", "small.compiled.npz"):
        shutil.copy(small_model.with_name(name), folder / name)
    return folder / small_model.name


def _vouch_for(path: Path, key: str, artefact: Path) -> None:
    """Rewrite the manifest so it vouches for ``artefact`` as it is now (a consistent bad deploy)."""
    import hashlib

    manifest = json.loads(manifest_path(path).read_text())
    manifest[key] = hashlib.sha256(artefact.read_bytes()).hexdigest()
    manifest_path(path).write_text(json.dumps(manifest))


@pytest.mark.parametrize("cut", [0, 10, 1000])
def test_a_truncated_compiled_file_is_a_model_error_not_a_zip_error(
    tmp_path: Path, small_model: Path, cut: int
) -> None:
    path = _copy_model(small_model, tmp_path)
    compiled = tmp_path / "small.compiled.npz"
    compiled.write_bytes(compiled.read_bytes()[:cut])
    _vouch_for(path, "compiled_sha256", compiled)
    with pytest.raises(ModelError, match=r"cannot load compiled model .*small\.compiled\.npz"):
        load_model(path)


def test_a_truncated_pickle_is_a_model_error(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    path.write_bytes(path.read_bytes()[:50])
    _vouch_for(path, "artifact_sha256", path)
    with pytest.raises(ModelError, match=r"cannot load model .*m\.joblib"):
        load_model(path)


def test_serving_loads_the_compiled_form_and_never_reads_the_pickle(
    tmp_path: Path, small_model: Path
) -> None:
    path = _copy_model(small_model, tmp_path)
    path.write_bytes(b"not a pickle at all")  # whatever is there is never read
    loaded = load_model(path)
    assert loaded.compiled is not None
    with pytest.raises(ModelIntegrityError, match="joblib files can run code"):
        loaded.pipeline  # noqa: B018 - asking for the pickle checks it first


def test_each_model_file_is_read_once_and_loaded_from_those_bytes(
    tmp_path: Path, small_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy_model(small_model, tmp_path)
    reads: list[str] = []
    opens: list[str] = []
    real_read_bytes, real_open = Path.read_bytes, Path.open

    def read_bytes(self: Path) -> bytes:
        reads.append(self.name)
        return real_read_bytes(self)

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        opens.append(self.name)
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "open", open_)
    load_model(path)
    assert reads.count("small.compiled.npz") == 1
    assert opens.count("small.compiled.npz") == 1  # the one read: np.load gets the bytes, not the path
    assert "small.joblib" not in reads + opens


def test_the_compiled_file_holds_no_pickles(small_model: Path) -> None:
    import numpy as np

    with np.load(small_model.with_name("small.compiled.npz"), allow_pickle=False) as data:
        assert all(data[key].dtype != object for key in data.files)


def test_the_service_path_never_imports_scikit_learn() -> None:
    import subprocess
    import sys

    code = (
        "import sys, krquality; r = krquality.analyze('Increase NPS from 40 to 55');"
        "assert r.label.value == 'metric';"
        "print(sorted(m for m in ('sklearn', 'joblib', 'scipy.stats', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


def test_the_manifest_calibration_is_applied_to_predictions(small_model: Path, tmp_path: Path) -> None:
    import shutil

    import numpy as np

    from krquality.model.calibration import Calibration
    from krquality.nlp import build_nlp

    for source in small_model.parent.iterdir():
        shutil.copy(source, tmp_path / source.name)
    path = tmp_path / small_model.name
    manifest = json.loads(manifest_path(path).read_text())
    calibration = Calibration(temperature=2.5, threshold=0.55)
    manifest["real_text_calibration"] = {"calibration": calibration.to_json(), "fitted_on": {"n": 3}}
    manifest_path(path).write_text(json.dumps(manifest))
    loaded = load_model(path)
    features = [d._.krq_features for d in build_nlp().pipe(["Cut churn to 2%", "Ship SSO"])]
    raw = loaded.raw_proba(features)
    expected = calibration.apply(raw, [label.value for label in loaded.labels])
    assert np.allclose(loaded.predict_proba(features), expected)
    assert loaded.predict_proba(features).max() < raw.max()  # a temperature above 1 softens


def test_an_unreadable_calibration_is_refused(small_model: Path, tmp_path: Path) -> None:
    import shutil

    for source in small_model.parent.iterdir():
        shutil.copy(source, tmp_path / source.name)
    path = tmp_path / small_model.name
    manifest = json.loads(manifest_path(path).read_text())
    manifest["real_text_calibration"] = {"calibration": {"temperature": -1}}
    manifest_path(path).write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match="real_text_calibration"):
        load_model(path)
