"""Simulated use: corrections of the model's errors on half of the real-world set, through the
service, then retraining, measured on the other half.

The real-world set (``../shared/realworld/dev.jsonl``, read at run time) is
split by source repository into two random halves, A and B. The bundled
model labels every line; for each line of A it got wrong, a user posts the
right label to a real ``krquality serve`` (``POST /v1/feedback``) whose store
is a SQLite file in a temporary folder, deleted at the end: the set's text is
never written anywhere else. The corrections are read back from the store,
resolved and learnt (``krquality.feedback.training``, weight
``CORRECTION_WEIGHT``), and macro-F1 on B is compared between a model fitted
on the training data alone and one fitted on it plus the corrections, the
same estimator and seed. Every split is also run the other way round (B
corrected, A measured). B shares no repository with A, so what it shows is
learning that carries over to other writers, not memorised lines.

    .venv/bin/python scripts/feedback_simulation.py [--splits 5] [--realworld PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "benchmarks"))
from load import free_port, start_server, stop_server

from krquality import load_model
from krquality.feedback.exchange import load_corrections
from krquality.feedback.training import CORRECTION_WEIGHT, correction_examples, read_realworld
from krquality.model.data import Example, load_examples
from krquality.model.estimator import build_pipeline
from krquality.model.evaluate import featurize, scores

ROOT = Path(__file__).resolve().parents[1]


def repository(example: Example) -> str:
    return example.source.split(":", 1)[0]


def post_corrections(base: str, errors: list[tuple[Example, str]], user: str) -> int:
    """POST one correction per error; returns how many the service stored."""
    stored = 0
    with httpx.Client(base_url=base, timeout=60) as client:
        for example, predicted in errors:
            body = {
                "text": example.text,
                "label": example.label.value,
                "model_label": predicted,
                "user": user,
            }
            response = client.post("/v1/feedback", json=body)
            response.raise_for_status()
            stored += 1
    return stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realworld", type=Path, default=ROOT.parent / "shared" / "realworld" / "dev.jsonl")
    parser.add_argument(
        "--splits", type=int, default=5, help="Random repository splits (each run both ways)."
    )
    parser.add_argument(
        "--weights",
        default=str(CORRECTION_WEIGHT),
        help="Comma-separated weights to compare on the same corrections (the first is the default's).",
    )
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()
    if not args.realworld.exists():
        raise SystemExit(f"no real-world set at {args.realworld}")

    real = read_realworld(args.realworld)
    analyzer = load_model()
    predicted = [r.label.value for r in analyzer.analyze_many([e.text for e in real], suggestions=False)]
    kind = str(analyzer.model.manifest.get("kind", "svm"))
    training = load_examples(ROOT / "training_data")
    wrong = sum(p != e.label.value for e, p in zip(real, predicted, strict=True))
    print(
        f"{len(real)} real key results from {len({repository(e) for e in real})} repositories; "
        f"the bundled model gets {wrong} wrong"
    )
    nlp = analyzer.nlp
    train_x = featurize(nlp, [e.text for e in training])
    train_y = [e.label.value for e in training]
    real_x = featurize(nlp, [e.text for e in real])
    before = build_pipeline(kind).fit(train_x, train_y)
    before_pred = list(before.predict(real_x))

    folder = Path(tempfile.mkdtemp(prefix="krq-feedback-sim-"))
    db = str(folder / "feedback.sqlite3")
    os.environ["KRQ_FEEDBACK_DB"] = db
    os.environ["KRQ_ACCESS_LOG"] = "false"
    port = free_port()
    process, _, _ = start_server(port, Path(sys.executable).parent / "krquality")
    rng = random.Random(args.seed)
    repos = sorted({repository(e) for e in real})
    weights_tried = [float(w) for w in args.weights.split(",")]
    rows: list[tuple[str, float, int, int, float, float]] = []
    try:
        for split in range(args.splits):
            shuffled = repos[:]
            rng.shuffle(shuffled)
            half = set(shuffled[: len(shuffled) // 2])
            for direction, corrected_half in (("A", half), ("B", set(repos) - half)):
                name = f"split{split}{direction}"
                errors = [
                    (e, p)
                    for e, p in zip(real, predicted, strict=True)
                    if repository(e) in corrected_half and p != e.label.value
                ]
                post_corrections(f"http://127.0.0.1:{port}", errors, user=name)
                mine = [c for c in load_corrections(db) if c.user == name]
                learnt = correction_examples(mine)
                extra = [*learnt.train, *learnt.aside]
                extra_x = featurize(nlp, [e.text for e in extra])
                measured = [i for i, e in enumerate(real) if repository(e) not in corrected_half]
                truth = [real[i].label.value for i in measured]
                f1_before = scores(truth, [before_pred[i] for i in measured])["macro_f1"]
                for weight in weights_tried:
                    weights = [1.0] * len(training) + [weight] * len(extra)
                    after = build_pipeline(kind).fit(
                        train_x + extra_x,
                        train_y + [e.label.value for e in extra],
                        clf__sample_weight=weights,
                    )
                    f1_after = scores(truth, list(after.predict([real_x[i] for i in measured])))["macro_f1"]
                    rows.append((name, weight, len(mine), len(measured), f1_before, f1_after))
                    print(
                        f"{name} weight {weight:g}: {len(mine)} corrections; other half n={len(measured)} "
                        f"macro-F1 {f1_before:.3f} -> {f1_after:.3f} ({f1_after - f1_before:+.3f})",
                        flush=True,
                    )
    finally:
        stop_server(process)
        shutil.rmtree(folder, ignore_errors=True)  # the set's text leaves no copy behind
    for weight in weights_tried:
        deltas = [after - before for _, w, _, _, before, after in rows if w == weight]
        print(
            f"weight {weight:g}: mean change in macro-F1 on the uncorrected half over {len(deltas)} runs "
            f"{statistics.mean(deltas):+.4f} (sd {statistics.stdev(deltas):.4f}; "
            f"rose in {sum(d > 0 for d in deltas)}, fell in {sum(d < 0 for d in deltas)})"
        )


if __name__ == "__main__":
    main()
