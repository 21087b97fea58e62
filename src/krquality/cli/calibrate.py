"""``krquality calibrate``: refit a trained model's confidence on your own labelled key results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from krquality.cli.app import app


@app.command()
def calibrate(
    real: Annotated[
        list[Path],
        typer.Argument(
            help="Files of labelled key results (JSONL with text, label, source), pooled.",
            exists=True,
            dir_okay=False,
        ),
    ],
    model: Annotated[
        Path | None, typer.Option(help="Model file to recalibrate (default: the bundled model).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the recalibrated model here (default: in place)."),
    ] = None,
    spacy_model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
) -> None:
    """Refit the model's real-text calibration and abstain threshold on REAL files.

    Only the calibration's few numbers change, not the classifier. Figures are
    cross-validated by source repository, pooled and for each file.
    """
    from krquality.model.io import default_model_path
    from krquality.model.recalibrate import recalibrate
    from krquality.nlp import build_nlp

    model_path = model or default_model_path()
    manifest = recalibrate(model_path, real, nlp=build_nlp(spacy_model), output=output)
    figures = manifest["real_text_calibration"]["figures"]
    rows = [("all files", figures["grouped_cv"]), *figures["by_file"].items()]
    typer.echo("calibration by cross-validation grouped by source repository:")
    for name, s in rows:
        typer.echo(
            f"  {name}: {s['n']} key results, macro-F1 {s['macro_f1']:.3f}, ECE {s['ece']:.3f}, "
            f"confident {s['confident_share']:.0%} at {s['confident_accuracy']:.1%}"
        )
    typer.echo(
        f"wrote {output or model_path} ({manifest['version']}); "
        f"abstain below p={manifest['abstain_threshold']:.3f}"
    )
