"""Learning from corrections: training examples from the standing ones, and a before/after measure.

Each text with a standing correction (:mod:`krquality.feedback.resolve`) to
metric, milestone or task becomes one training example; "not a key result"
teaches nothing the three-way model can learn and is left out. One in five
corrected texts (by the same hash as the training data's held-out split,
:func:`krquality.model.data.is_held_out`) is kept aside to measure on.

A correction weighs :data:`CORRECTION_WEIGHT` times a training example: it is
a real user's real key result that the model got wrong, so it is nearer to
what users write than most of the training data, and a weight of one would
let the thousands of training examples that pull the other way drown it; a
much larger weight would let one user's slip outvote many agreeing examples.
Three sits between, chosen before measuring (docs/feedback.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from krquality.errors import InvalidInputError
from krquality.feedback.resolve import resolve
from krquality.feedback.types import Correction
from krquality.labels import Label
from krquality.model.data import Example, is_held_out, normalize_for_split

CORRECTION_WEIGHT = 3.0


@dataclass(frozen=True, slots=True)
class CorrectionSet:
    """Standing corrections as examples: ``train`` to learn from, ``aside`` to measure on."""

    train: tuple[Example, ...]
    aside: tuple[Example, ...]
    n_corrections: int  # every correction read, before resolution
    sha256: str  # over the resolved (text, label) pairs, so the manifest names what went in

    def manifest(self, weight: float) -> dict[str, Any]:
        """What a model's manifest records about the corrections it learnt from."""
        return {
            "n_corrections": self.n_corrections,
            "n_train": len(self.train),
            "n_aside": len(self.aside),
            "weight": weight,
            "sha256": self.sha256,
        }


def correction_examples(corrections: Sequence[Correction]) -> CorrectionSet:
    """Resolve ``corrections`` and split the standing key-result labels into train and aside.

    >>> from datetime import UTC, datetime
    >>> from krquality.feedback.types import CorrectedLabel, Source
    >>> at = datetime.now(UTC)
    >>> c = Correction("Pilot the kiosk", CorrectedLabel.MILESTONE, "u", Source.CLI, id=1, created_at=at)
    >>> s = correction_examples([c])
    >>> len(s.train) + len(s.aside), s.n_corrections
    (1, 1)
    """
    examples: list[Example] = []
    for key, resolved in sorted(resolve(corrections).items()):
        override = resolved.override
        if override is None or not override.label.is_key_result:
            continue
        examples.append(
            Example(resolved.text, Label(override.label.value), "correction", f"correction:{key}")
        )
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{normalize_for_split(example.text)}\t{example.label.value}\n".encode())
    return CorrectionSet(
        train=tuple(e for e in examples if not is_held_out(e.text)),
        aside=tuple(e for e in examples if is_held_out(e.text)),
        n_corrections=len(corrections),
        sha256=digest.hexdigest(),
    )


def read_realworld(path: Path) -> list[Example]:
    """Labelled real key results (``text``, ``label``, ``source`` per JSON line); lines marked
    not a key result are left out."""
    out: list[Example] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise InvalidInputError(f"cannot read {path}: {e.strerror or e}", field="realworld") from e
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row.get("not_a_kr"):
                continue
            out.append(
                Example(str(row["text"]), Label(row["label"]), "realworld", str(row.get("source", "")))
            )
        except (json.JSONDecodeError, KeyError, ValueError, TypeError, AttributeError) as e:
            raise InvalidInputError(
                f"{path}:{number}: not a labelled key result: {e}", field="realworld"
            ) from e
    return out


def fit(
    nlp: Any,
    kind: str,
    base: Sequence[Example],
    extra: Sequence[Example] = (),
    *,
    weight: float = CORRECTION_WEIGHT,
) -> Any:
    """A ``kind`` pipeline fitted on ``base`` plus ``extra`` (each ``extra`` example weighing ``weight``)."""
    from krquality.model.estimator import build_pipeline
    from krquality.model.evaluate import featurize

    examples = [*base, *extra]
    pipeline = build_pipeline(kind)  # type: ignore[arg-type]
    features = featurize(nlp, [e.text for e in examples])
    labels = [e.label.value for e in examples]
    if not extra:
        return pipeline.fit(features, labels)
    weights = [1.0] * len(base) + [weight] * len(extra)
    return pipeline.fit(features, labels, clf__sample_weight=weights)


def compare(
    nlp: Any,
    examples: Sequence[Example],
    corrections: CorrectionSet,
    *,
    kind: str,
    realworld: Sequence[Example] = (),
    weight: float = CORRECTION_WEIGHT,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Macro-F1 before and after learning from ``corrections``, both fitted on the training split.

    Measured on the corrections kept aside, on the training data's held-out
    split and on ``realworld`` (without its texts that were corrected: those
    would be learnt, not generalised to).
    """
    from krquality.model.data import split
    from krquality.model.evaluate import featurize

    train, test = split(list(examples))
    corrected = {normalize_for_split(e.text) for e in (*corrections.train, *corrections.aside)}
    real = [e for e in realworld if normalize_for_split(e.text) not in corrected]
    if log:
        log(f"fitting {kind} without and with {len(corrections.train)} corrected texts (weight {weight})")
    before = fit(nlp, kind, train)
    after = fit(nlp, kind, train, corrections.train, weight=weight)
    report: dict[str, Any] = {"kind": kind, "weight": weight, "corrections": corrections.manifest(weight)}
    for name, part in (("corrections_aside", corrections.aside), ("held_out", test), ("realworld", real)):
        if not part:
            report[name] = None
            continue
        features = featurize(nlp, [e.text for e in part])
        truth = [e.label.value for e in part]
        report[name] = {
            "n": len(part),
            "before": macro_f1(truth, list(before.predict(features))),
            "after": macro_f1(truth, list(after.predict(features))),
        }
    report["realworld_excluded_as_corrected"] = len(realworld) - len(real)
    return report


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """Macro-F1 over the three labels; a label absent from both counts 0, without a warning
    (a small part kept aside may hold one label only).

    >>> macro_f1(["task", "metric"], ["task", "metric"])
    0.6667
    """
    from sklearn.metrics import f1_score

    labels = [label.value for label in Label]
    return round(float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)), 4)


def worse_on_realworld(report: dict[str, Any]) -> bool:
    """Whether learning from the corrections lowered macro-F1 on the real-world set.

    >>> worse_on_realworld({"realworld": {"n": 9, "before": 0.8, "after": 0.79}})
    True
    """
    real: dict[str, Any] | None = report.get("realworld")
    return real is not None and float(real["after"]) < float(real["before"])


DEFAULT_REALWORLD = Path("../shared/realworld/dev.jsonl")


def measure_corrections(
    spec: str,
    *,
    nlp: Any,
    data_dir: Path,
    kind: str,
    realworld: Path | None,
    weight: float = CORRECTION_WEIGHT,
    log: Callable[[str], None] | None = None,
) -> tuple[CorrectionSet, dict[str, Any]]:
    """Read the corrections of ``spec`` (a store or an export), and :func:`compare` before and after.

    ``realworld`` None measures on the real-world set only if it is at
    :data:`DEFAULT_REALWORLD`; a path given must exist.
    """
    from krquality.feedback.exchange import load_corrections
    from krquality.model.data import load_examples

    corrections = correction_examples(load_corrections(spec, on_error=log))
    if not corrections.train:
        raise InvalidInputError(f"{spec} has no standing corrections to learn from", field="corrections")
    path = realworld if realworld is not None else (DEFAULT_REALWORLD if DEFAULT_REALWORLD.exists() else None)
    real = read_realworld(path) if path is not None else []
    report = compare(
        nlp, load_examples(data_dir), corrections, kind=kind, realworld=real, weight=weight, log=log
    )
    report["realworld_path"] = str(path) if path is not None else None
    return corrections, report
