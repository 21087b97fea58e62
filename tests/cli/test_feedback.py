"""``krquality feedback`` and ``train/evaluate --corrections``, through the real commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from krquality.cli.app import app
from krquality.feedback import open_store

runner = CliRunner()
TEXT = "Replace the badge readers at both warehouse gates"


def test_add_list_stats_export_delete(tmp_path: Path) -> None:
    db = str(tmp_path / "fb.sqlite3")
    added = runner.invoke(
        app, ["feedback", "add", TEXT, "--label", "task", "--reason", "routine", "--db", db]
    )
    assert added.exit_code == 0, added.output
    assert added.output.startswith("correction 1: task (the model said ")
    again = runner.invoke(app, ["feedback", "add", TEXT.lower(), "-l", "not_kr", "--no-model", "--db", db])
    assert again.exit_code == 0 and again.output == "correction 2: not_kr\n"

    listed = runner.invoke(app, ["feedback", "list", "--json", "--db", db])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [(r["id"], r["label"], r["source"]) for r in rows] == [(2, "not_kr", "cli"), (1, "task", "cli")]
    assert rows[1]["model_label"] in {"metric", "milestone", "task"} and rows[0]["model_label"] is None
    assert rows[0]["user"] == rows[1]["user"] and rows[0]["user"].startswith("local-")

    stats = json.loads(runner.invoke(app, ["feedback", "stats", "--json", "--db", db]).output)
    # One user: the latest word (not_kr) stands.
    assert (stats["corrections"], stats["texts"], stats["users"], stats["standing"]) == (2, 1, 1, 1)

    out = tmp_path / "export.jsonl"
    exported = runner.invoke(app, ["feedback", "export", "--db", db, "-o", str(out)])
    assert exported.exit_code == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [1, 2]

    assert runner.invoke(app, ["feedback", "delete", "1", "--db", db]).exit_code == 0
    missing = runner.invoke(app, ["feedback", "delete", "1", "--db", db])
    assert missing.exit_code == 1 and "no correction with id 1" in missing.output


def test_a_bad_label_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["feedback", "add", TEXT, "--label", "goal", "--db", str(tmp_path / "x.sqlite3")]
    )
    assert result.exit_code == 2
    assert "must be one of metric, milestone, task, not_kr" in result.output


def test_a_broken_store_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "fb.sqlite3"
    path.write_bytes(b"certainly not sqlite" * 100)
    result = runner.invoke(app, ["feedback", "stats", "--db", str(path)])
    assert result.exit_code == 2
    assert "file is not a database" in result.output


def test_listing_a_store_that_does_not_exist_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["feedback", "list", "--db", str(tmp_path / "none.sqlite3")])
    assert result.exit_code == 2 and "no corrections store at" in result.output
    assert not (tmp_path / "none.sqlite3").exists()


@pytest.mark.slow
def test_classify_answers_a_corrected_text_with_the_correction(tmp_path: Path) -> None:
    db = str(tmp_path / "fb.sqlite3")
    script = Path(sys.executable).with_name("krquality")
    env = {"KRQ_FEEDBACK_DB": db, "PATH": str(script.parent)}

    def classify() -> dict[str, Any]:
        done = subprocess.run(
            [str(script), "classify", "-f", "json", "--no-suggestions", TEXT],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        (item,) = json.loads(done.stdout)
        return dict(item)

    before = classify()
    wanted = "metric" if before["label"] != "metric" else "task"
    store = open_store(db)
    from krquality.feedback import CorrectedLabel, NewCorrection, Source

    store.add(NewCorrection(TEXT, CorrectedLabel(wanted), "u1", Source.CLI))
    store.close()
    after = classify()
    assert after["label"] == wanted and after["confident"] is True
    assert after["evidence"][0]["reason"] == f"corrected by 1 user to {wanted} (1 correction in all)"


def _worse_report(*_: Any, **__: Any) -> tuple[Any, dict[str, Any]]:
    from krquality.feedback.training import CorrectionSet

    learnt = CorrectionSet(train=(), aside=(), n_corrections=3, sha256="0" * 64)
    report = {
        "kind": "svm",
        "weight": 3.0,
        "corrections_aside": None,
        "held_out": {"n": 10, "before": 0.9, "after": 0.91},
        "realworld": {"n": 10, "before": 0.8, "after": 0.7},
        "realworld_path": "real.jsonl",
    }
    return learnt, report


def test_train_refuses_a_model_worse_on_real_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import krquality.feedback.training as training

    monkeypatch.setattr(training, "measure_corrections", _worse_report)
    output = tmp_path / "model.joblib"
    result = runner.invoke(app, ["train", "--corrections", "x.jsonl", "-o", str(output)])
    assert result.exit_code == 1
    assert "worse on the real-world set: not written" in result.output
    assert not output.exists()
