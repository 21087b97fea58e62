"""``krquality train``: fit, evaluate and save the bundled model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from krquality.cli.app import app
from krquality.cli.evaluate import REAL_HELP, real_option


@app.command()
def train(
    data: Annotated[Path, typer.Option(help="Folder of labelled *.jsonl files.")] = Path("training_data"),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Model file to write (default: the bundled model).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="Force a candidate (logreg, svm) instead of the best.")
    ] = None,
    spacy_model: Annotated[str | None, typer.Option(help="spaCy model name.")] = None,
    jobs: Annotated[int, typer.Option(help="Parallel cross-validation jobs.")] = 1,
    real: Annotated[Path | None, typer.Option(help=REAL_HELP)] = None,
    no_real: Annotated[
        bool, typer.Option("--no-real", help="No real-text calibration: the model's own probabilities.")
    ] = False,
    corrections: Annotated[
        str | None,
        typer.Option(help="Also learn from users' corrections: a store (file or URL) or an export (.jsonl)."),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Write the model even if the corrections make it worse on real text.")
    ] = False,
) -> None:
    """Train on DATA, compare candidates, save the best with its manifest.

    With real key results (--real, by default the project's development set),
    only a post-hoc calibration and the abstain threshold are fitted on them.
    The classifier weighs its training labels to the label mix of real key
    results (three shares, fixed in krquality.model.prior).
    """
    # Imported here: every krquality command loads this module, and
    # scikit-learn (with scipy) costs about 1 s and 190 MB, which `serve`
    # should pay only once its model loads, and `lint --help` never.
    from krquality.model.estimator import KINDS
    from krquality.model.io import default_model_path
    from krquality.model.train import train as run_train
    from krquality.nlp import build_nlp

    if kind is not None and kind not in KINDS:
        raise typer.BadParameter(f"--kind must be one of {', '.join(KINDS)}", param_hint="--kind")
    real_path = real_option(real, no_real)
    output = output or default_model_path()
    nlp = build_nlp(spacy_model)
    extra: dict[str, object] = {}
    if corrections is not None:
        extra = _learn_corrections(
            corrections, nlp=nlp, data=data, kind=kind, realworld=real_path, force=force
        )
    manifest = run_train(
        data,
        output,
        nlp=nlp,
        kind=kind,
        n_jobs=jobs,
        log=typer.echo,
        real_path=real_path,
        **extra,  # type: ignore[arg-type]
    )
    held_out = manifest["metrics"]["held_out"]
    typer.echo(
        f"wrote {output} ({manifest['version']}); held-out macro-F1 {held_out['macro_f1']:.3f}; "
        f"abstain below p={manifest['abstain_threshold']}"
    )


def _learn_corrections(
    spec: str, *, nlp: object, data: Path, kind: str | None, realworld: Path | None, force: bool
) -> dict[str, object]:
    """Measure the corrections before and after; the keyword arguments that make ``train`` learn them."""
    from krquality.cli.feedback import print_comparison
    from krquality.errors import KRQualityError
    from krquality.feedback.training import measure_corrections, worse_on_realworld

    try:
        learnt, report = measure_corrections(
            spec, nlp=nlp, data_dir=data, kind=kind or "svm", realworld=realworld, log=typer.echo
        )
    except KRQualityError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    print_comparison(report)
    if worse_on_realworld(report) and not force:
        typer.echo(
            "the corrections make the model worse on the real-world set: not written (--force writes it)",
            err=True,
        )
        raise typer.Exit(1)
    return {
        "extra": learnt.train,
        "extra_weight": report["weight"],
        "manifest_extra": {"corrections": {**learnt.manifest(report["weight"]), "measured": report}},
    }
