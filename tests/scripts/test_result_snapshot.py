"""scripts/result_snapshot.py: every result written out, and two such files compared field by field."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "result_snapshot.py"


def _load():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("result_snapshot", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["result_snapshot"] = module
    spec.loader.exec_module(module)
    return module


snapshot = _load()


def test_a_dump_compares_equal_to_itself_and_a_changed_field_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = tmp_path / "texts.jsonl"
    rows = ["Launch the ferry timetable app", "Cut missed bin collections to 2 a week", "", "TBD"]
    texts.write_text("".join(json.dumps({"text": t}) + "\n" for t in rows), encoding="utf-8")
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    assert snapshot.dump(before, [texts]) == 0
    assert snapshot.dump(after, [texts]) == 0
    assert snapshot.compare(before, after) == 0
    written = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    assert [w["text"] for w in written] == [t for t in rows if t]  # the empty row is skipped
    assert all(w["alone"] == w["batch"] for w in written)
    first = written[0]
    assert first["alone"]["suggestions"]  # suggestions are part of what is compared

    first["batch"]["score"] += 1
    lines = before.read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps(first, sort_keys=True)
    before.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert snapshot.compare(before, after) == 1
    out = capsys.readouterr().out
    assert "batch.score" in out
    assert "1 differ" in out
