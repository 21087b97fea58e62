"""Training: evaluate, pick the best candidate, refit on all data, save with a manifest."""

from __future__ import annotations

import json
import platform
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
import spacy
from spacy.language import Language

from krquality.features.vectorize import FEATURE_VERSION
from krquality.model.data import Example, data_sha256, load_examples
from krquality.model.estimator import SEED, Kind, build_pipeline
from krquality.model.evaluate import evaluate, featurize, featurize_examples
from krquality.model.io import CALIBRATION_KEY, save_model
from krquality.model.prior import label_share
from krquality.model.realtext import calibrate_on_real, fitted_on, load_real


def _versions(nlp: Language) -> dict[str, str]:
    from krquality import __version__

    return {
        "python": platform.python_version(),
        "krquality": __version__,
        "scikit-learn": sklearn.__version__,
        "spacy": spacy.about.__version__,
        "numpy": np.__version__,
        "joblib": joblib.__version__,
        "spacy_model": "{}_{}-{}".format(nlp.meta.get("lang"), nlp.meta.get("name"), nlp.meta.get("version")),
    }


def train(
    data_dir: Path,
    model_path: Path,
    *,
    nlp: Language,
    kind: Kind | None = None,
    n_jobs: int = 1,
    log: Callable[[str], None] | None = None,
    real_path: Path | None = None,
    extra: Sequence[Example] = (),
    extra_weight: float = 1.0,
    manifest_extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Evaluate the candidates, refit the best (or ``kind``) on all examples, save it.

    The held-out metrics in the manifest come from the same candidate fitted
    on the training split only; the saved model is then refitted on every
    example, as is usual once the evaluation is done.

    With ``real_path`` (real key results, see :mod:`krquality.model.realtext`),
    the post-hoc calibration and abstain threshold are fitted on them for the
    saved model and stored in the manifest, with their figures by
    cross-validation grouped by source repository. Real text never enters
    the classifier's vocabulary or weights: only those few numbers.
    """
    examples = load_examples(data_dir)
    featurized = featurize_examples(nlp, examples)
    real = None
    if real_path is not None:
        items = load_real(real_path)
        real = (items, featurize(nlp, [item.text for item in items]))
    report = evaluate(featurized, n_jobs=n_jobs, log=log, real=real)
    chosen: Kind = kind or report["chosen"]
    pipeline = build_pipeline(chosen)
    if extra:
        # Users' corrections (krquality.feedback.training): in the refit only, weighted.
        fitted = [*examples, *extra]
        weights = [1.0] * len(examples) + [extra_weight] * len(extra)
        labels = [e.label.value for e in fitted]
        pipeline.fit(featurize(nlp, [e.text for e in fitted]), labels, clf__sample_weight=weights)
    else:
        pipeline.fit(featurize(nlp, [e.text for e in examples]), [e.label.value for e in examples])
    trained_at = datetime.now(UTC)
    data_hash = data_sha256(data_dir)
    manifest = {
        "name": model_path.name.removesuffix(".joblib"),
        # The time as well as the data: a retrain after a change in the code gives
        # another model from the same data, and clients tell models apart by this.
        "version": f"krq-{chosen}-{trained_at:%Y%m%dT%H%M}-{data_hash[:8]}",
        "kind": chosen,
        "trained_at": trained_at.isoformat(timespec="seconds"),
        "seed": SEED,
        "feature_version": FEATURE_VERSION,
        "labels": [str(c) for c in pipeline.classes_],
        "n_examples": len(examples),
        # The label mix the classifier was fitted to, and the training data's own.
        "label_share": {
            "fitted_to": pipeline.named_steps["clf"].label_share,
            "training": {
                k: round(v, 4) for k, v in sorted(label_share([e.label.value for e in examples]).items())
            },
        },
        "training_data_sha256": data_hash,
        "versions": _versions(nlp),
        "abstain_threshold": report["abstain"]["threshold"],
        "metrics": {
            "held_out": report["estimators"][chosen]["held_out"],
            "cv_macro_f1_mean": report["estimators"][chosen]["cv_macro_f1_mean"],
            "abstain": report["abstain"],
            "comparison": {
                name: {
                    "cv_macro_f1_mean": e["cv_macro_f1_mean"],
                    "held_out_macro_f1": e["held_out"]["macro_f1"],
                }
                for name, e in report["estimators"].items()
            },
        },
    }
    if real is not None and real_path is not None:
        items, real_x = real
        classes = [str(c) for c in pipeline.classes_]
        calibration, real_report = calibrate_on_real(
            items, pipeline.predict_proba(real_x), classes, threshold=manifest["abstain_threshold"]
        )
        manifest[CALIBRATION_KEY] = {
            "calibration": calibration.to_json(),
            "fitted_on": fitted_on([real_path], [len(items)]),
            "figures": real_report,
        }
        # The threshold the analyser uses: the one fitted on real text, for calibrated probabilities.
        manifest["abstain_threshold"] = calibration.threshold
        if log:
            cv = real_report["grouped_cv"]
            log(
                f"real text ({len(items)}), calibration by grouped CV: macro-F1 {cv['macro_f1']:.3f}, "
                f"ECE {cv['ece']:.3f}, confident {cv['confident_share']:.0%} "
                f"at {cv['confident_accuracy']:.1%}"
            )
    manifest.update(manifest_extra or {})
    full = save_model(pipeline, model_path, manifest)
    evaluation_path = model_path.with_name(model_path.name.removesuffix(".joblib") + ".evaluation.json")
    evaluation_path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return full
