"""``krquality outline FILE...``: what the document reader found (cycle, objectives, key results)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from krquality.cli.app import app


@app.command()
def outline(
    files: Annotated[
        list[str], typer.Argument(help="OKR files, directories or glob patterns; - reads stdin.")
    ],
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Glob pattern of files to leave out (repeatable).")
    ] = None,
) -> None:
    """Print the objectives and key results read from each file, with line numbers and the
    text that is analysed (markup and labels taken out). Exit 1 if a file could not be read."""
    from krquality.errors import KRQualityError
    from krquality.okrfile import document_outline, read_okr_source
    from krquality.okrfile.files import expand_paths

    if output_format not in ("text", "json"):
        typer.echo(f"error: unknown format {output_format!r}: use text or json", err=True)
        raise typer.Exit(2)
    entries = []
    failed = False
    for path in expand_paths(files, ignore=ignore or ()):
        try:
            entries.append(document_outline(read_okr_source(path)))
        except KRQualityError as e:
            failed = True
            entries.append({"path": path, "error": str(e)})
    if output_format == "json":
        typer.echo(json.dumps({"files": entries}, ensure_ascii=False, indent=2))
    else:
        typer.echo(_text(entries), nl=False)
    if failed:
        raise typer.Exit(1)


def _text(entries: list[dict[str, Any]]) -> str:
    lines = []
    for entry in entries:
        if "error" in entry:
            lines.append(f"{entry['path']}: error: {entry['error']}")
            continue
        cycle = f" (cycle: {entry['cycle']}, from the {entry['cycle_stated_in']})" if entry["cycle"] else ""
        lines.append(f"{entry['path']}{cycle}")
        objectives: list[dict[str, Any]] = entry["objectives"]
        for objective in objectives:
            lines.append(f"  {objective['line']:>4}  O  {objective['text']}")
            for kr in objective["key_results"]:
                note = f"  [not English: {kr['language']}]" if kr.get("language") else ""
                lines.append(f"  {kr['line']:>4}  KR   {kr['text']}{note}")
        if not objectives:
            lines.append("        no objectives or key results found")
        doubtful: list[int] = entry.get("doubtful_lines") or []
        if doubtful:
            lines.append(f"        not read as key results: lines {', '.join(map(str, doubtful))}")
    return "\n".join(lines) + "\n"
