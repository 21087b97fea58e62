"""Refit a trained model's real-text calibration on labelled key results from one or more files.

``krquality train`` fits the post-hoc calibration (a temperature, three
biases) and the abstain threshold on the project's development set. The
classifier's confidence is only as honest as the text it was calibrated on:
an organisation whose drafts read unlike that set (other teams, other
habits) gets probabilities that claim more than they deliver. Refitting the
few calibration numbers on key results labelled by the people who will use
the tool, pooled with the development set, makes ``confident`` mean the same
thing on their text, without retraining the classifier: its vocabulary and
weights never see the new lines.

The fit is reported by cross-validation grouped by source repository, over
all the files and for each file alone, so a file's figure never comes from a
calibration fitted on its own repositories. The manifest records each file's
name, sha256 and size, and the model's version gains a ``+cal`` suffix naming
the files, so clients can tell a recalibrated model from the one trained.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language

from krquality.errors import InvalidInputError
from krquality.model.evaluate import featurize
from krquality.model.io import (
    CALIBRATION_KEY,
    compiled_path,
    load_model,
    manifest_path,
)
from krquality.model.realtext import (
    RealItem,
    calibrate_on_real,
    fitted_on,
    load_real,
    out_of_fold,
    real_report,
    summary,
)

# Below this many key results, or fewer repositories than this, the few
# numbers are fitted to noise and the grouped figures have nothing to hold out.
MIN_ITEMS = 30
MIN_SOURCES = 2
_VERSION_MARK = "+cal"


def recalibrated_version(version: str, files: Sequence[dict[str, Any]]) -> str:
    """``version`` with a suffix naming the files the calibration was fitted on.

    A second recalibration replaces the suffix rather than stacking another.

    >>> recalibrated_version("krq-svm-1-ab", [{"sha256": "00"}])
    'krq-svm-1-ab+calf1534392'
    >>> recalibrated_version("krq-svm-1-ab+calf1534392", [{"sha256": "11"}])
    'krq-svm-1-ab+cal4fc82b26'
    """
    digest = hashlib.sha256("".join(str(f["sha256"]) for f in files).encode()).hexdigest()
    return f"{version.split(_VERSION_MARK, 1)[0]}{_VERSION_MARK}{digest[:8]}"


def load_files(paths: Sequence[Path]) -> list[list[RealItem]]:
    """Each file's labelled key results; raises :class:`InvalidInputError` naming what is wrong."""
    if not paths:
        raise InvalidInputError("name at least one file of labelled key results", field="real")
    per_file = [load_real(path) for path in paths]
    pooled = [item for items in per_file for item in items]
    if len(pooled) < MIN_ITEMS:
        raise InvalidInputError(
            f"{len(pooled)} labelled key results are too few to calibrate on (at least {MIN_ITEMS})",
            field="real",
        )
    sources = {item.source for item in pooled}
    if len(sources) < MIN_SOURCES:
        raise InvalidInputError(
            f"all key results come from one source ({next(iter(sources))}); the figures are "
            f"cross-validated by source, so at least {MIN_SOURCES} are needed",
            field="real",
        )
    return per_file


def recalibrate(
    model_path: Path, real_paths: Sequence[Path], *, nlp: Language, output: Path | None = None
) -> dict[str, Any]:
    """Refit ``model_path``'s calibration on ``real_paths``; write the model to ``output``.

    ``output`` (a ``.joblib`` path) receives a copy of the model's files and
    the new manifest; without it the manifest beside ``model_path`` is
    replaced (atomically: a crash leaves the old one). The model's files are
    checked against their manifest before anything is read. Returns the new
    manifest; its calibration entry holds the figures by grouped CV, pooled
    (``grouped_cv``) and per file (``by_file``).
    """
    model = load_model(model_path)
    per_file = load_files(real_paths)
    pooled = [item for items in per_file for item in items]
    classes = [label.value for label in model.labels]
    missing = sorted(set(classes) - {item.label.value for item in pooled})
    if missing:
        raise InvalidInputError(
            f"no key result is labelled {', '.join(missing)}: a calibration needs every label",
            field="real",
        )
    probas = np.asarray(model.raw_proba(featurize(nlp, [item.text for item in pooled])))
    own_threshold = float(model.manifest.get("metrics", {}).get("abstain", {}).get("threshold", 0.0))
    calibration, report = calibrate_on_real(pooled, probas, classes, threshold=own_threshold)
    report["by_file"] = _by_file(real_paths, per_file, pooled, probas, classes)
    files = fitted_on(real_paths, [len(items) for items in per_file])
    manifest = dict(model.manifest)
    manifest[CALIBRATION_KEY] = {"calibration": calibration.to_json(), "fitted_on": files, "figures": report}
    manifest["abstain_threshold"] = calibration.threshold
    manifest["version"] = recalibrated_version(str(manifest["version"]), files)
    _write(model_path, output or model_path, manifest)
    return manifest


def _by_file(
    paths: Sequence[Path],
    per_file: Sequence[Sequence[RealItem]],
    pooled: Sequence[RealItem],
    probas: np.ndarray,
    classes: Sequence[str],
) -> dict[str, Any]:
    """Each file's figures, from the pooled out-of-fold calibration (no file scores its own fit)."""
    calibrated, confident, _ = out_of_fold(pooled, probas, classes)
    out: dict[str, Any] = {}
    start = 0
    for path, items in zip(paths, per_file, strict=True):
        rows = slice(start, start + len(items))
        start += len(items)
        report = real_report(items, calibrated[rows], classes, threshold=0.0, confident_mask=confident[rows])
        out[path.name] = summary(report)
    return out


def _write(source: Path, target: Path, manifest: dict[str, Any]) -> None:
    """Copy the model's files to ``target`` (unless it is ``source``), then write the manifest."""
    if target.resolve() != source.resolve():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        manifest["artifact"] = target.name
        if compiled_path(source).is_file():
            shutil.copyfile(compiled_path(source), compiled_path(target))
            manifest["compiled_artifact"] = compiled_path(target).name
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    destination = manifest_path(target)
    handle, temporary = tempfile.mkstemp(dir=destination.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
