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
) -> None:
    """Train on DATA, compare candidates, save the best with its manifest.

    With real key results (--real, by default the project's development set),
    only a post-hoc calibration and the abstain threshold are fitted on them.
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
    manifest = run_train(
        data,
        output,
        nlp=build_nlp(spacy_model),
        kind=kind,
        n_jobs=jobs,
        log=typer.echo,
        real_path=real_path,
    )
    held_out = manifest["metrics"]["held_out"]
    typer.echo(
        f"wrote {output} ({manifest['version']}); held-out macro-F1 {held_out['macro_f1']:.3f}; "
        f"abstain below p={manifest['abstain_threshold']}"
    )
