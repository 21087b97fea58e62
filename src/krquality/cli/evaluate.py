"""``krquality evaluate``: candidates and baselines side by side, on our split and on real text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from krquality.cli.app import app

REAL_HELP = (
    "Real labelled key results (JSONL with text, label, source); default $KRQ_REALWORLD_DEV "
    "or ../shared/realworld/dev.jsonl beside the repository."
)


def real_option(real: Path | None, no_real: bool) -> Path | None:
    """The real-text file to read, or None with ``--no-real``; a usage error when it is missing."""
    from krquality.model.realtext import REALWORLD_ENV, default_real_path

    if no_real:
        return None
    path = real or default_real_path()
    if not path.is_file():
        raise typer.BadParameter(
            f"no real-text file at {path}; pass --real PATH, set ${REALWORLD_ENV}, or --no-real",
            param_hint="--real",
        )
    return path


@app.command()
def evaluate(
    data: Annotated[Path, typer.Option(help="Folder of labelled *.jsonl files.")] = Path("training_data"),
    output: Annotated[Path, typer.Option("--output", "-o", help="JSON report to write.")] = Path(
        "evaluation.json"
    ),
    spacy_model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
    folds: Annotated[int, typer.Option(min=2, help="Cross-validation folds.")] = 5,
    jobs: Annotated[int, typer.Option(help="Parallel cross-validation jobs.")] = 1,
    real: Annotated[Path | None, typer.Option(help=REAL_HELP)] = None,
    no_real: Annotated[bool, typer.Option("--no-real", help="Skip the real-text figures.")] = False,
    corrections: Annotated[
        str | None,
        typer.Option(help="Only show macro-F1 before and after learning these corrections (store, .jsonl)."),
    ] = None,
) -> None:
    """Print and write per-class P/R/F1, macro-F1 and confusion matrices, CV, held-out and real text."""
    if corrections is not None:
        _evaluate_corrections(
            corrections,
            data=data,
            output=output,
            spacy_model=spacy_model,
            realworld=real_option(real, no_real),
        )
        return
    from krquality.model.data import load_examples
    from krquality.model.evaluate import evaluate as run_evaluate
    from krquality.model.evaluate import featurize, featurize_examples
    from krquality.model.realtext import load_real
    from krquality.nlp import build_nlp

    real_path = real_option(real, no_real)
    nlp = build_nlp(spacy_model)
    featurized = featurize_examples(nlp, load_examples(data))
    real_data = None
    if real_path is not None:
        items = load_real(real_path)
        real_data = (items, featurize(nlp, [item.text for item in items]))
    report = run_evaluate(featurized, folds=folds, n_jobs=jobs, real=real_data)
    output.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    console = Console()
    table = Table(title=f"{report['n_train']} train / {report['n_test']} held-out, {folds}-fold CV")
    columns = ["estimator", "CV macro-F1", "held-out macro-F1", "metric F1", "milestone F1", "task F1"]
    if real_data is not None:
        columns.append("real macro-F1")
    for column in columns:
        table.add_column(column)
    for name, entry in report["estimators"].items():
        per_class = entry["held_out"]["per_class"]
        marker = " (chosen)" if name == report["chosen"] else ""
        row = [
            name + marker,
            f"{entry['cv_macro_f1_mean']:.3f} ± {entry['cv_macro_f1_std']:.3f}",
            f"{entry['held_out']['macro_f1']:.3f}",
            *(f"{per_class[label]['f1']:.3f}" for label in ("metric", "milestone", "task")),
        ]
        if real_data is not None:
            row.append(f"{entry['real']['macro_f1']:.3f}")
        table.add_row(*row)
    console.print(table)
    chosen = report["estimators"][report["chosen"]]["held_out"]
    _print_matrix(console, f"held-out confusion matrix of {report['chosen']}", chosen["confusion_matrix"])
    abstain = report["abstain"]
    console.print(
        f"abstain band: p < {abstain['threshold']} → not confident "
        f"(coverage {abstain['coverage']:.1%}, confident accuracy {abstain['confident_accuracy']:.1%})"
    )
    if "real_text" in report:
        _print_real(console, report["real_text"], real_path)
    console.print(f"wrote {output}")


def _print_matrix(console: Console, title: str, matrix: dict[str, Any]) -> None:
    console.print(f"{title} (rows true, columns predicted: {', '.join(matrix['labels'])}):")
    for label, row in zip(matrix["labels"], matrix["rows_true_cols_pred"], strict=True):
        console.print(f"  {label:10s} {row}")


def _print_real(console: Console, real_text: dict[str, Any], path: Path | None) -> None:
    report, calibration = real_text["report"], real_text["calibration"]
    table = Table(title=f"real key results ({report['n']}, {path})")
    for column in (
        "figures",
        "macro-F1",
        "unambiguous",
        "metric F1",
        "milestone F1",
        "task F1",
        "ECE",
        "confident",
        "confident right",
    ):
        table.add_column(column)
    rows = [
        ("uncalibrated", calibration["uncalibrated"]),
        ("calibrated, grouped CV", calibration["grouped_cv"]),
        ("calibrated, in sample", calibration["in_sample"]),
    ]
    if "label_share_grouped_cv" in real_text:
        rows.append(("label mix and calibration, grouped CV", real_text["label_share_grouped_cv"]))
    for name, figures in rows:
        right = figures["confident_accuracy"]
        table.add_row(
            name,
            f"{figures['macro_f1']:.3f}",
            f"{figures['macro_f1_unambiguous']:.3f}",
            *(f"{figures['f1'][label]:.3f}" for label in ("metric", "milestone", "task")),
            f"{figures['ece']:.3f}",
            f"{figures['confident_share']:.1%}",
            "-" if right is None else f"{right:.1%}",
        )
    console.print(table)
    _print_matrix(console, "real-text confusion matrix", report["confusion_matrix"])
    console.print("calibration (uncalibrated; bin: count, mean confidence, accuracy):")
    for row in report["calibration"]:
        console.print(
            f"  {row['bin']}: {row['count']:4d}  {row['mean_confidence']:.3f}  {row['accuracy']:.3f}"
        )
    console.print("per source repository (items, accuracy, confident share):")
    for source, entry in report["per_source"].items():
        console.print(
            f"  {source:50s} {entry['n']:4d}  {entry['accuracy']:.3f}  {entry['confident_share']:.1%}"
        )


def _evaluate_corrections(
    spec: str, *, data: Path, output: Path, spacy_model: str | None, realworld: Path | None
) -> None:
    from krquality.cli.feedback import print_comparison
    from krquality.errors import KRQualityError
    from krquality.feedback.training import measure_corrections
    from krquality.nlp import build_nlp

    try:
        _, report = measure_corrections(
            spec, nlp=build_nlp(spacy_model), data_dir=data, kind="svm", realworld=realworld, log=typer.echo
        )
    except KRQualityError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    print_comparison(report)
    output.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    typer.echo(f"wrote {output}")
