"""``krquality evaluate``: candidates and baselines side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from krquality.cli.app import app


@app.command()
def evaluate(
    data: Annotated[Path, typer.Option(help="Folder of labelled *.jsonl files.")] = Path("training_data"),
    output: Annotated[Path, typer.Option("--output", "-o", help="JSON report to write.")] = Path(
        "evaluation.json"
    ),
    spacy_model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
    folds: Annotated[int, typer.Option(min=2, help="Cross-validation folds.")] = 5,
    jobs: Annotated[int, typer.Option(help="Parallel cross-validation jobs.")] = 1,
    corrections: Annotated[
        str | None,
        typer.Option(help="Only show macro-F1 before and after learning these corrections (store, .jsonl)."),
    ] = None,
    realworld: Annotated[
        Path | None,
        typer.Option(help="Real key results to measure on (default ../shared/realworld/dev.jsonl)."),
    ] = None,
) -> None:
    """Print and write per-class P/R/F1, macro-F1 and confusion matrices, CV and held-out."""
    if corrections is not None:
        _evaluate_corrections(
            corrections, data=data, output=output, spacy_model=spacy_model, realworld=realworld
        )
        return
    from krquality.model.data import load_examples
    from krquality.model.evaluate import evaluate as run_evaluate
    from krquality.model.evaluate import featurize_examples
    from krquality.nlp import build_nlp

    featurized = featurize_examples(build_nlp(spacy_model), load_examples(data))
    report = run_evaluate(featurized, folds=folds, n_jobs=jobs)
    output.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    console = Console()
    table = Table(title=f"{report['n_train']} train / {report['n_test']} held-out, {folds}-fold CV")
    for column in ("estimator", "CV macro-F1", "held-out macro-F1", "metric F1", "milestone F1", "task F1"):
        table.add_column(column)
    for name, entry in report["estimators"].items():
        per_class = entry["held_out"]["per_class"]
        marker = " (chosen)" if name == report["chosen"] else ""
        table.add_row(
            name + marker,
            f"{entry['cv_macro_f1_mean']:.3f} ± {entry['cv_macro_f1_std']:.3f}",
            f"{entry['held_out']['macro_f1']:.3f}",
            *(f"{per_class[label]['f1']:.3f}" for label in ("metric", "milestone", "task")),
        )
    console.print(table)
    chosen = report["estimators"][report["chosen"]]["held_out"]
    matrix = chosen["confusion_matrix"]
    console.print(
        f"confusion matrix of {report['chosen']} (rows true, columns predicted: "
        f"{', '.join(matrix['labels'])}):"
    )
    for label, row in zip(matrix["labels"], matrix["rows_true_cols_pred"], strict=True):
        console.print(f"  {label:10s} {row}")
    abstain = report["abstain"]
    console.print(
        f"abstain band: p < {abstain['threshold']} → not confident "
        f"(coverage {abstain['coverage']:.1%}, confident accuracy {abstain['confident_accuracy']:.1%})"
    )
    console.print(f"wrote {output}")


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
