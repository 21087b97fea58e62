"""The reader on real OKR documents (../shared/realworld/docs, beside the clone), against their
ground truth: the figures the documentation quotes. Skipped when the folder is absent."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from krquality.cli.app import app
from krquality.okrfile.scoring import score_document, totals

DOCS = Path(__file__).resolve().parents[2].parent / "shared" / "realworld" / "docs"
SCHEMA = Path(__file__).parents[1] / "lintformat" / "sarif-2.1.0-subset.schema.json"

pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason=f"no real documents at {DOCS}")
runner = CliRunner()


def _documents() -> list[Path]:
    return sorted(p.with_name(p.name.removesuffix(".truth.json")) for p in DOCS.glob("*.truth.json"))


def test_outline_finds_the_key_results_objectives_and_cycles_of_real_documents() -> None:
    documents = _documents()
    result = runner.invoke(app, ["outline", "--format", "json", *map(str, documents)])
    assert result.exit_code == 0, result.output
    entries = {entry["path"]: entry for entry in json.loads(result.stdout)["files"]}
    scores = []
    for document in documents:
        truth = json.loads(document.with_name(document.name + ".truth.json").read_text(encoding="utf-8"))
        scores.append(score_document(entries.get(str(document)), truth, str(document)))
    figures = totals(scores)
    assert figures.unreadable == 0
    assert figures.key_results_found >= 0.95
    assert figures.wrongly_read <= 0.03
    assert figures.objectives_found >= 0.95
    assert figures.cycle_recognised >= 0.90
    assert figures.cycle_invented == 0


@pytest.mark.slow
def test_lint_over_all_real_documents_writes_valid_sarif_with_an_unreadable_file(tmp_path: Path) -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    for document in _documents():
        shutil.copy(document, tmp_path / document.name)
    (tmp_path / "unreadable.md").write_bytes(b"# Plan\n- \xff\xfe broken\n")
    result = runner.invoke(app, ["lint", "-f", "sarif", "--no-suggestions", str(tmp_path)])
    assert result.exit_code == 1  # the unreadable file is an error
    log = json.loads(result.stdout)
    jsonschema_rs.validate(json.loads(SCHEMA.read_text(encoding="utf-8")), log)
    run = log["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
        for r in run["results"]
    }
    assert "unreadable.md" in uris and len(uris) > 10
    # Where a document states its cycle, no key result is told it has no date.
    stated = {
        d.name
        for d in _documents()
        if json.loads(d.with_name(d.name + ".truth.json").read_text(encoding="utf-8"))["cycle"]
    }
    for item in run["results"]:
        uri = item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
        if uri in stated:
            assert item["ruleId"] not in ("KRQ201", "KRQ105", "KRQ302"), (uri, item)
