"""``krquality feedback add|list|export|stats|delete``: the local (or configured) corrections store."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from krquality.cli.app import app
from krquality.errors import KRQualityError

feedback_app = typer.Typer(
    name="feedback",
    help="Correct labels the model got wrong, and see the corrections (nothing leaves this machine).",
    no_args_is_help=True,
)
app.add_typer(feedback_app)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLite file or postgresql:// URL (default: KRQ_FEEDBACK_DB or the local file)."
    ),
]
LABELS = ("metric", "milestone", "task", "not_kr")


def _location(db: str | None) -> str:
    from krquality.feedback import FeedbackSettings

    return db or FeedbackSettings().location


def _fail(error: KRQualityError) -> typer.Exit:
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(2)


@feedback_app.command("add")
def add(
    text: Annotated[str, typer.Argument(help="The key result, as written.")],
    label: Annotated[
        str, typer.Option("--label", "-l", help="The right label: metric, milestone, task or not_kr.")
    ],
    reason: Annotated[str | None, typer.Option(help="Why the model's label is wrong.")] = None,
    db: DbOption = None,
    model: Annotated[
        bool, typer.Option(help="Analyse the text to record the model's label with the correction.")
    ] = True,
) -> None:
    """Record that TEXT should be labelled LABEL; from now on krquality answers it so."""
    import krquality
    from krquality.feedback import CorrectedLabel, NewCorrection, Source, open_store
    from krquality.feedback.record import local_user

    if label not in LABELS:
        raise typer.BadParameter(f"must be one of {', '.join(LABELS)}", param_hint="--label")
    try:
        text = krquality.validate_text(text)
        model_label = probabilities = version = None
        if model:
            result = krquality.load_model().analyze(text, suggestions=False)
            probabilities = result.probabilities
            model_label = max(probabilities, key=lambda k: probabilities[k])
            version = result.model_version
        store = open_store(_location(db))
        try:
            stored = store.add(
                NewCorrection(
                    text=text,
                    label=CorrectedLabel(label),
                    user=local_user(),
                    source=Source.CLI,
                    model_label=model_label,
                    model_probabilities=probabilities,
                    model_version=version,
                    reason=reason,
                )
            )
        finally:
            store.close()
    except KRQualityError as e:
        raise _fail(e) from e
    was = f" (the model said {model_label})" if model_label else ""
    typer.echo(f"correction {stored.id}: {label}{was}")


@feedback_app.command("list")
def list_(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Most corrections to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Corrections to skip (newest first).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """Show corrections, newest first."""
    from krquality.feedback import open_store
    from krquality.feedback.exchange import write_jsonl

    try:
        store = open_store(_location(db), create=False)
        try:
            items, total = store.page(offset=offset, limit=limit)
        finally:
            store.close()
    except KRQualityError as e:
        raise _fail(e) from e
    if as_json:
        sys.stdout.writelines(write_jsonl(items))
        return
    table = Table(title=f"{len(items)} of {total} corrections")
    for column in ("id", "when", "text", "model", "label", "source"):
        table.add_column(column)
    for c in items:
        table.add_row(
            str(c.id),
            f"{c.created_at:%Y-%m-%d %H:%M}",
            escape(c.text),
            c.model_label or "",
            c.label.value,
            c.source.value,
        )
    Console().print(table)


@feedback_app.command("export")
def export(
    db: DbOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="JSONL file (default: stdout).")
    ] = None,
) -> None:
    """Write every correction as JSON lines (what `train --corrections` reads)."""
    from krquality.feedback.exchange import load_corrections, write_jsonl

    try:
        corrections = load_corrections(_location(db))
    except KRQualityError as e:
        raise _fail(e) from e
    if output is None:
        sys.stdout.writelines(write_jsonl(corrections))
        return
    with output.open("w", encoding="utf-8") as handle:
        handle.writelines(write_jsonl(corrections))
    typer.echo(f"wrote {len(corrections)} corrections to {output}", err=True)


@feedback_app.command("stats")
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """How many corrections, the label pairs confused most, the checks and suggestions rejected most."""
    import dataclasses

    from krquality.feedback import open_store

    try:
        store = open_store(_location(db), create=False)
        try:
            counted = store.stats()
        finally:
            store.close()
    except KRQualityError as e:
        raise _fail(e) from e
    if as_json:
        typer.echo(json.dumps(dataclasses.asdict(counted), indent=2, sort_keys=True))
        return
    typer.echo(
        f"{counted.corrections} corrections of {counted.texts} texts by {counted.users} users; "
        f"{counted.standing} standing, {counted.contested} contested (tied)"
    )
    if counted.confusions:
        typer.echo("confused most (model -> corrected):")
        for model_label, label, count in counted.confusions:
            typer.echo(f"  {model_label} -> {label}: {count}")
    if counted.rejected_checks:
        typer.echo("checks rejected most:")
        for code, count in counted.rejected_checks:
            typer.echo(f"  {code}: {count}")
    typer.echo(
        f"suggestions: {counted.accepted_suggestions} accepted, {counted.rejected_suggestions} rejected"
    )


@feedback_app.command("delete")
def delete(
    correction_id: Annotated[int, typer.Argument(help="The correction's id (see `feedback list`).")],
    db: DbOption = None,
) -> None:
    """Delete one correction for good."""
    from krquality.feedback import open_store

    try:
        store = open_store(_location(db), create=False)
        try:
            found = store.delete(correction_id)
        finally:
            store.close()
    except KRQualityError as e:
        raise _fail(e) from e
    if not found:
        typer.echo(f"error: no correction with id {correction_id}", err=True)
        raise typer.Exit(1)
    typer.echo(f"deleted correction {correction_id}")


def print_comparison(report: dict[str, Any]) -> None:
    """The before/after table of :func:`krquality.feedback.training.compare`."""
    table = Table(title=f"learning from corrections ({report['kind']}, weight {report['weight']})")
    for column in ("measured on", "n", "macro-F1 before", "after", "change"):
        table.add_column(column)
    names = {
        "corrections_aside": "corrections kept aside",
        "held_out": "training data held-out split",
        "realworld": f"real-world set ({report.get('realworld_path')})",
    }
    for key, name in names.items():
        part = report.get(key)
        if not part:
            table.add_row(escape(name), "0", "-", "-", "-")
            continue
        change = part["after"] - part["before"]
        table.add_row(
            escape(name), str(part["n"]), f"{part['before']:.3f}", f"{part['after']:.3f}", f"{change:+.3f}"
        )
    Console().print(table)
