"""Model files: a joblib artefact, its compiled form, and a JSON manifest that vouches for both.

A model file is loaded only when its sha256 matches the one in the manifest
beside it, and only when it was written by a compatible scikit-learn (same
major.minor version) for this feature version. The compiled form
(``.compiled.npz``, plain arrays and JSON read with ``allow_pickle=False``)
is checked against its own sha256 in the manifest too; with it, predicting
needs neither the pickle nor scikit-learn, and it is what every interface
loads, so serving never opens the pickle.

What the checksum is for: it detects a corrupted, truncated or swapped file
(a bad copy, a half-finished deploy, another model's artefact). It does not
stop tampering by someone who can write the model folder: they can rewrite
the manifest too. Protect the folder as you protect the code. Each file is
read once into memory, hashed, and loaded from those same bytes, so the
file checked is the file loaded (nothing can be swapped in between).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from krquality.errors import ModelCompatibilityError, ModelError, ModelIntegrityError
from krquality.features.types import Features
from krquality.features.vectorize import FEATURE_VERSION
from krquality.labels import Label
from krquality.model.calibration import Calibration
from krquality.model.compiled import CompiledModel, compile_pipeline

MODEL_ENV = "KRQ_MODEL"
DEFAULT_MODEL_NAME = "krquality-kr"
MANIFEST_SUFFIX = ".manifest.json"
# The manifest key of the post-hoc calibration fitted on real key results.
CALIBRATION_KEY = "real_text_calibration"
COMPILED_SUFFIX = ".compiled.npz"


def model_dirs() -> tuple[Path, ...]:
    """Where the bundled model may be, in the order they are tried.

    An installed wheel carries it in the package (``krquality/models/``,
    copied there by the build, see ``setup.py``); a checkout or an editable
    install reads ``models/`` at the repository root, where training writes it.

    >>> [d.name for d in model_dirs()]
    ['models', 'models']
    """
    package = Path(__file__).resolve().parents[1]
    return (package / "models", package.parents[1] / "models")


def default_model_path() -> Path:
    """The model used when none is named: ``$KRQ_MODEL``, else the bundled one.

    The bundled one is ``krquality-kr.joblib`` in the first of
    :func:`model_dirs` that has it (the source tree's when none has, so that
    ``krquality train`` writes there and errors name the expected place).

    >>> default_model_path().name
    'krquality-kr.joblib'
    """
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    name = f"{DEFAULT_MODEL_NAME}.joblib"
    candidates = [directory / name for directory in model_dirs()]
    return next((path for path in candidates if path.is_file()), candidates[-1])


def manifest_path(model_path: Path) -> Path:
    """``models/x.joblib`` -> ``models/x.manifest.json``."""
    return model_path.with_name(model_path.name.removesuffix(".joblib") + MANIFEST_SUFFIX)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class LoadedModel:
    """A verified classifier and what its manifest says about it.

    Predictions use the compiled model (:mod:`krquality.model.compiled`) when
    the manifest vouches for one, and then scikit-learn is never imported;
    :attr:`pipeline`, the joblib artefact, is unpickled only when asked for
    (training tools, tests) or when there is no compiled model.
    """

    def __init__(
        self,
        *,
        manifest: dict[str, Any],
        path: Path,
        labels: tuple[Label, ...],
        compiled: CompiledModel | None = None,
        pipeline: Any = None,
    ) -> None:
        self.manifest = manifest
        self.path = path
        self.labels = labels
        self.compiled = compiled
        self._pipeline = pipeline
        self._lock = threading.Lock()
        self.calibration = _calibration(manifest)

    @property
    def version(self) -> str:
        return str(self.manifest["version"])

    def common_words(self, n: int) -> list[str]:
        """The ``n`` words most common in the training data, by the compiled model's idf
        (none without a compiled model)."""
        return self.compiled.common_words(n) if self.compiled is not None else []

    @property
    def abstain_threshold(self) -> float:
        return float(self.manifest.get("abstain_threshold", 0.0))

    @property
    def pipeline(self) -> Any:
        """The scikit-learn pipeline, unpickled on first use after its checksum is checked again."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = _unpickle(self.path, self.manifest)
            return self._pipeline

    def predict_proba(self, features: Sequence[Features]) -> Any:
        """Class probabilities, columns in the order of :attr:`labels`, after the
        manifest's real-text calibration when it has one."""
        probas = self.raw_proba(features)
        if self.calibration is None:
            return probas
        return self.calibration.apply(probas, [label.value for label in self.labels])

    def raw_proba(self, features: Sequence[Features]) -> Any:
        """The classifier's own probabilities, before the real-text calibration."""
        if self.compiled is not None:
            return self.compiled.predict_proba(features)
        import sklearn

        # Parameter validation and finiteness checks cost more than the
        # prediction itself for one key result; the input is ours and finite.
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return self.pipeline.predict_proba(list(features))


def _calibration(manifest: dict[str, Any]) -> Calibration | None:
    """The manifest's real-text calibration, None when it has none."""
    data = manifest.get(CALIBRATION_KEY)
    if data is None:
        return None
    try:
        return Calibration.from_json(data["calibration"])
    except (KeyError, TypeError, ValueError) as e:
        raise ModelError(f"model manifest has an unreadable {CALIBRATION_KEY}: {e}") from e


def compiled_path(model_path: Path) -> Path:
    """``models/x.joblib`` -> ``models/x.compiled.npz``."""
    return model_path.with_name(model_path.name.removesuffix(".joblib") + COMPILED_SUFFIX)


def save_model(pipeline: Any, path: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """Write the artefact and its compiled form, then the manifest with both sha256s."""
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, path, compress=3)
    full = {**manifest, "artifact": path.name, "artifact_sha256": file_sha256(path)}
    compiled = compile_pipeline(pipeline)
    cpath = compiled_path(path)
    if compiled is not None:
        compiled.save(cpath)
        full |= {"compiled_artifact": cpath.name, "compiled_sha256": file_sha256(cpath)}
    elif cpath.exists():
        cpath.unlink()  # a stale one from an earlier model must not be vouched for
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


def _read_checked(path: Path, expected: object, *, what: str, why: str = "") -> bytes:
    """The bytes of ``path``, read once, if their sha256 is ``expected``.

    The caller loads from these bytes, never from the path again, so what
    was checked is what gets loaded.
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ModelError(f"cannot read {what} {path}: {e.strerror or e}") from e
    actual = hashlib.sha256(data).hexdigest()
    if expected != actual:
        raise ModelIntegrityError(
            f"{what} {path} has sha256 {actual}, but its manifest says {expected}; "
            f"refusing to load it{why}. Reinstall or retrain it (`krquality train`)."
        )
    return data


def verify(path: Path, manifest: dict[str, Any]) -> bytes:
    """Check that ``path`` is the file the manifest describes and that this install can load it.

    Returns the file's bytes, to load from (see :func:`_read_checked`).
    """
    expected = manifest.get("artifact_sha256")
    data = _read_checked(path, expected, what="model file", why=" (joblib files can run code)")
    _check_compatible(path, manifest)
    return data


def _check_compatible(path: Path, manifest: dict[str, Any]) -> None:
    versions = manifest.get("versions")
    trained_with = str(versions.get("scikit-learn", "unknown") if isinstance(versions, dict) else "unknown")
    installed = _installed_sklearn()
    if _minor(trained_with) != _minor(installed):
        raise ModelCompatibilityError(
            f"model {path} was trained with scikit-learn {trained_with}, this install has "
            f"{installed}; install scikit-learn=={_minor(trained_with)}.* or retrain "
            "with `krquality train`"
        )
    if manifest.get("feature_version") != FEATURE_VERSION:
        raise ModelCompatibilityError(
            f"model {path} was built for feature version {manifest.get('feature_version')}, "
            f"this krquality extracts version {FEATURE_VERSION}; retrain with `krquality train`"
        )


def _installed_sklearn() -> str:
    # From the package metadata: importing scikit-learn to read its version
    # would cost the service the second and 100 MB the compiled model saves.
    try:
        return metadata.version("scikit-learn")
    except metadata.PackageNotFoundError:
        return "none"


def _unpickle(path: Path, manifest: dict[str, Any]) -> Any:
    """The joblib artefact, checked against ``manifest`` and unpickled from the same bytes."""
    import joblib

    data = verify(path, manifest)
    try:
        return joblib.load(io.BytesIO(data))
    except Exception as e:  # a verified file that still fails to unpickle
        raise ModelError(f"cannot load model {path}: {type(e).__name__}: {e}") from e


def _load_compiled(path: Path, manifest: dict[str, Any]) -> CompiledModel | None:
    """The compiled model the manifest vouches for, or None when it names none."""
    name = manifest.get("compiled_artifact")
    if name is None:
        return None
    cpath = path.with_name(str(name))
    if not cpath.is_file():
        raise ModelError(f"model manifest {manifest_path(path)} names {cpath}, which is missing")
    data = _read_checked(cpath, manifest.get("compiled_sha256"), what="compiled model")
    try:
        return CompiledModel.load(io.BytesIO(data))
    except Exception as e:  # zipfile, zlib, numpy and JSON errors alike: the file is unusable
        raise ModelError(f"cannot load compiled model {cpath}: {type(e).__name__}: {e}") from e


def load_model(path: str | Path | None = None) -> LoadedModel:
    """Load a model file after checking it, and its compiled form, against its manifest.

    >>> load_model().labels
    (<Label.METRIC: 'metric'>, <Label.MILESTONE: 'milestone'>, <Label.TASK: 'task'>)
    """
    model_path = Path(path) if path is not None else default_model_path()
    if not model_path.is_file():
        raise ModelError(
            f"no model file at {model_path}; set {MODEL_ENV} to a model file or train one with"
            " `krquality train`"
        )
    manifest = read_manifest(model_path)
    _check_compatible(model_path, manifest)
    # The pickle is read (and checked) only when there is no compiled form.
    compiled = _load_compiled(model_path, manifest)
    pipeline = None
    if compiled is None:
        pipeline = _unpickle(model_path, manifest)
        compiled = compile_pipeline(pipeline)
        classes: tuple[str, ...] = tuple(str(c) for c in pipeline.classes_)
    else:
        classes = compiled.classes
    labels = tuple(Label(c) for c in classes)
    return LoadedModel(
        manifest=manifest, path=model_path, labels=labels, compiled=compiled, pipeline=pipeline
    )
