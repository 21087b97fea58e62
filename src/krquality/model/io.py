"""Model files: a joblib artefact plus a JSON manifest that vouches for it.

joblib files are pickles and can run code when loaded, so a model file is
loaded only when its sha256 matches the one in its manifest, and only when
it was written by a compatible scikit-learn (same major.minor version).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import sklearn

from krquality.errors import ModelCompatibilityError, ModelError, ModelIntegrityError
from krquality.features.types import Features
from krquality.features.vectorize import FEATURE_VERSION
from krquality.labels import Label
from krquality.model.compiled import CompiledModel, compile_pipeline

MODEL_ENV = "KRQ_MODEL"
DEFAULT_MODEL_NAME = "krquality-kr"
MANIFEST_SUFFIX = ".manifest.json"


def default_model_path() -> Path:
    """The bundled model: ``$KRQ_MODEL``, else ``models/krquality-kr.joblib`` of the source tree."""
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "models" / f"{DEFAULT_MODEL_NAME}.joblib"


def manifest_path(model_path: Path) -> Path:
    """``models/x.joblib`` -> ``models/x.manifest.json``."""
    return model_path.with_name(model_path.name.removesuffix(".joblib") + MANIFEST_SUFFIX)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class LoadedModel:
    """A verified, loaded classifier and what its manifest says about it."""

    pipeline: Any
    manifest: dict[str, Any]
    path: Path
    labels: tuple[Label, ...] = field(default=())
    # The same arithmetic without scikit-learn's per-call checks (krquality.model.compiled);
    # None when the pipeline's structure is not one that module compiles.
    compiled: CompiledModel | None = field(default=None, repr=False, compare=False)

    @property
    def version(self) -> str:
        return str(self.manifest["version"])

    @property
    def abstain_threshold(self) -> float:
        return float(self.manifest.get("abstain_threshold", 0.0))

    def predict_proba(self, features: Sequence[Features]) -> Any:
        """Class probabilities, columns in the order of :attr:`labels`."""
        if self.compiled is not None:
            return self.compiled.predict_proba(features)
        # Parameter validation and finiteness checks cost more than the
        # prediction itself for one key result; the input is ours and finite.
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return self.pipeline.predict_proba(list(features))


def save_model(pipeline: Any, path: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Write the artefact, then its manifest with the artefact's sha256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, path, compress=3)
    full = {**manifest, "artifact": path.name, "artifact_sha256": file_sha256(path)}
    manifest_path(path).write_text(json.dumps(full, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return full


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest beside a model file (raises :class:`ModelError` if unreadable)."""
    mpath = manifest_path(path)
    try:
        data = json.loads(mpath.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ModelError(
            f"no manifest {mpath} beside model {path}; refusing to load an unvouched file"
        ) from e
    except (OSError, json.JSONDecodeError) as e:
        raise ModelError(f"cannot read model manifest {mpath}: {e}") from e
    if not isinstance(data, dict):
        raise ModelError(f"model manifest {mpath} is not a JSON object")
    return data


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def verify(path: Path, manifest: dict[str, Any]) -> None:
    """Raise unless ``path`` is the file the manifest describes and this install can load it."""
    expected = manifest.get("artifact_sha256")
    actual = file_sha256(path)
    if expected != actual:
        raise ModelIntegrityError(
            f"model file {path} has sha256 {actual}, but its manifest says {expected}; "
            "refusing to load it (joblib files can run code). Retrain with `krquality train`."
        )
    trained_with = str(manifest.get("versions", {}).get("scikit-learn", "unknown"))
    if _minor(trained_with) != _minor(sklearn.__version__):
        raise ModelCompatibilityError(
            f"model {path} was trained with scikit-learn {trained_with}, this install has "
            f"{sklearn.__version__}; install scikit-learn=={_minor(trained_with)}.* or retrain "
            "with `krquality train`"
        )
    if manifest.get("feature_version") != FEATURE_VERSION:
        raise ModelCompatibilityError(
            f"model {path} was built for feature version {manifest.get('feature_version')}, "
            f"this krquality extracts version {FEATURE_VERSION}; retrain with `krquality train`"
        )


def load_model(path: str | Path | None = None) -> LoadedModel:
    """Load a model file after checking it against its manifest.

    >>> load_model().labels
    (<Label.METRIC: 'metric'>, <Label.MILESTONE: 'milestone'>, <Label.TASK: 'task'>)
    """
    model_path = Path(path) if path is not None else default_model_path()
    if not model_path.is_file():
        raise ModelError(f"no model file at {model_path}; train one with `krquality train`")
    manifest = read_manifest(model_path)
    verify(model_path, manifest)
    try:
        pipeline = joblib.load(model_path)
    except Exception as e:  # a verified file that still fails to unpickle
        raise ModelError(f"cannot load model {model_path}: {e}") from e
    labels = tuple(Label(str(c)) for c in pipeline.classes_)
    return LoadedModel(
        pipeline=pipeline,
        manifest=manifest,
        path=model_path,
        labels=labels,
        compiled=compile_pipeline(pipeline),
    )
