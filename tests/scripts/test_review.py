"""scripts/review: a JSONL of key results to a review table, and a filled table to verdict counts."""
# ruff: noqa: E501  (the filled review table is one long line a row)

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "review"


def load() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("review_script", str(SCRIPT))
    spec = importlib.util.spec_from_loader("review_script", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["review_script"] = module
    loader.exec_module(module)
    return module


review = load()


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


@pytest.mark.slow
def test_the_table_has_a_row_per_key_result_and_empty_verdicts(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "krs.jsonl",
        [
            {"id": "a", "text": "Publish 12 blog posts | this quarter"},
            "not json",
            {"id": "b"},
            {"id": "c", "text": "Increase trial-to-paid conversion from 4% to 7% by Q3"},
        ],
    )
    out = tmp_path / "table.md"
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "table", str(source), "-o", str(out)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "krs.jsonl:2: not JSON" in run.stderr and "krs.jsonl:3: no 'text'" in run.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("| # | key result | label | findings | score |")
    assert len(lines) == 4
    first = review._split_row(lines[2])
    assert first[1] == "Publish 12 blog posts | this quarter"  # the pipe survives the round trip
    assert "KRQ104" in first[3]
    assert all(cell == "" for cell in first[6:])
    summary = review.read_summary(out.read_text(encoding="utf-8"))
    assert (summary.rows, summary.reviewed) == (2, 0)


def test_a_split_suggestion_keeps_its_key_results_on_separate_lines_of_the_cell() -> None:
    import krquality

    result = krquality.analyze("Sign 6 new sponsors and 2 new venues for the festival by October")
    assert result.suggestions and "\n" in result.suggestions[0].text, result.suggestions
    rendered = review._suggestion_cell(result)
    parts = rendered.split("<br>")
    assert len(parts) == len(result.suggestions[0].text.splitlines())
    assert parts[-1].endswith(f"[{result.suggestions[0].label.value}, {result.suggestions[0].score}]")

TABLE = """\
| # | key result | label | findings | score | first suggestion | false alarms | missed | output count | needs rewrite | suggestion | your score |
|---|---|---|---|---|---|---|---|---|---|---|---|
| 1 | Publish 12 posts | metric | KRQ104 x<br>KRQ105 y | 74 partial | Increase monthly readers ... [metric, 100] | - | - | y | y | good | 65 |
| 2 | Hold reviews | task | KRQ301 x<br>KRQ403 z | 39 activity | (none) no safe rewrite | KRQ403 | no measure; vague | n | y | - | 20 |
| 3 | 3 talks given | metric | KRQ105 y | 96 outcome | 3 talks given by [date] [metric, 100] | KRQ105 | output count | y | y | bad | 60 |
| 4 | Untouched | metric | - | 100 outcome | (none) |  |  |  |  |  |  |
"""


def test_a_filled_table_reads_back_into_verdict_counts() -> None:
    summary = review.read_summary(TABLE).as_dict()
    assert summary["rows"] == 4 and summary["reviewed"] == 3
    assert (summary["findings"], summary["false_alarms"]) == (5, 2)
    assert summary["false_alarms_by_code"] == {"KRQ403": 1, "KRQ105": 1}
    assert summary["missed"] == 3
    assert (summary["output_counts"], summary["output_counts_flagged"]) == (2, 1)
    assert summary["suggestions"] == {"good": 1, "acceptable": 0, "bad": 1}
    assert (summary["needs_rewrite"], summary["needs_rewrite_with_suggestion"]) == (3, 2)
    assert (summary["scored"], summary["scores_sensible"]) == (3, 2)  # 96 against 60 is out
    text = review.format_summary(review.read_summary(TABLE))
    assert "false alarms: 2 of 5 findings (40%)" in text


def test_a_verdict_on_a_missing_suggestion_is_not_counted() -> None:
    summary = review.read_summary(TABLE.replace("| - | 20 |", "| bad | 20 |")).as_dict()
    assert summary["suggestions"]["bad"] == 1


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("no table here", "no Markdown table"),
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", "no column '#'"),
        (TABLE.replace("| 65 |", "|"), "table line 3: 11 cells, expected 12"),
    ],
)
def test_a_bad_table_is_a_clear_error(markdown: str, message: str) -> None:
    with pytest.raises(review.ReviewError, match=message):
        review.read_summary(markdown)


def test_the_summary_command_reports_a_bad_file_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "t.md"
    bad.write_text("nothing", encoding="utf-8")
    assert review.main(["summary", str(bad)]) == 2
    assert review.main(["summary", str(tmp_path / "missing.md")]) == 2
    good = tmp_path / "good.md"
    good.write_text(TABLE, encoding="utf-8")
    assert review.main(["summary", str(good), "--json"]) == 0


def test_rows_take_a_slice_of_the_shuffled_file_so_samples_do_not_overlap(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "krs.jsonl", [{"id": str(i), "text": f"Key result {i}"} for i in range(30)])
    first = review.read_jsonl(source, limit=None, seed=3, rows=(0, 10))
    second = review.read_jsonl(source, limit=None, seed=3, rows=(10, 30))
    assert len(first) == 10 and len(second) == 20
    assert {r["id"] for r in first}.isdisjoint(r["id"] for r in second)
    assert first == review.read_jsonl(source, limit=None, seed=3, rows=(0, 10))  # reproducible
