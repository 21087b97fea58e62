"""The HTML report: totals, self-containment, and a real browser rendering it."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from krquality.batch.report import collect, write_report
from krquality.errors import InvalidInputError

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

RESULTS = [
    # row, team, quarter, text, label, score, findings, suggestion
    (1, "Sales", "Q1", "Increase NPS to 48", "metric", 72, "KRQ101", "Increase NPS from [baseline] to 48"),
    (2, "Sales", "Q2", "Help the sales team with demos", "task", 20, "KRQ301 KRQ302", "Close 12 demos"),
    (3, "Eng", "Q1", "Launch the partner portal by May 15", "milestone", 90, "", ""),
    (4, "Eng", "Q1", "Improve onboarding <fast>", "task", 15, "KRQ301", "Cut onboarding time to 2 days"),
    (5, "Ops", "Q2", "Double weekly active teams", "metric", 100, "", ""),
]


@pytest.fixture
def results_csv(tmp_path: Path) -> Path:
    path = tmp_path / "results.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "row",
                "id",
                "team",
                "quarter",
                "text",
                "label",
                "confident",
                "p_metric",
                "p_milestone",
                "p_task",
                "score",
                "grade",
                "findings",
                "suggestion",
            ]
        )
        for row, team, quarter, text, label, score, findings, suggestion in RESULTS:
            writer.writerow(
                [
                    row,
                    f"id{row}",
                    team,
                    quarter,
                    text,
                    label,
                    "true",
                    0.3,
                    0.3,
                    0.4,
                    score,
                    "B",
                    findings,
                    suggestion,
                ]
            )
    return path


def test_collect_counts_labels_scores_findings_and_weakest(results_csv: Path) -> None:
    data = collect(results_csv, top=2)
    assert data.overall.rows == 5
    assert dict(data.overall.labels) == {"metric": 2, "task": 2, "milestone": 1}
    assert data.overall.findings.most_common(1) == [("KRQ301", 2)]
    assert [kr.row for kr in data.overall.weakest] == [4, 2]
    assert sum(data.overall.histogram) == 5 and data.overall.histogram[9] == 2  # 90 and 100


def test_collect_per_group(results_csv: Path) -> None:
    data = collect(results_csv, group_by="team")
    assert {name: t.rows for name, t in data.groups.items()} == {"Sales": 2, "Eng": 2, "Ops": 1}
    assert data.groups["Eng"].mean_score == pytest.approx(52.5)


def test_unknown_group_column_is_refused(results_csv: Path) -> None:
    with pytest.raises(InvalidInputError, match="no column 'squad'"):
        collect(results_csv, group_by="squad")


def test_page_is_self_contained_and_escaped(results_csv: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    write_report(results_csv, page, group_by="quarter")
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html
    assert re.findall(r"(?:src|href)=", html) == []  # nothing loaded from anywhere
    assert "Improve onboarding &lt;fast&gt;" in html
    assert 'id="groups"' in html


def test_cli_report(results_csv: Path, tmp_path: Path) -> None:
    from krquality.cli.app import app

    page = tmp_path / "out.html"
    result = CliRunner().invoke(app, ["report", str(results_csv), "-o", str(page), "--group-by", "team"])
    assert result.exit_code == 0, result.output
    assert "5 key results" in result.output and page.exists()


def test_cli_report_bad_group_exits_2(results_csv: Path) -> None:
    from krquality.cli.app import app

    result = CliRunner().invoke(app, ["report", str(results_csv), "--group-by", "squad"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_report_renders_in_headless_chromium(results_csv: Path, tmp_path: Path) -> None:
    if shutil.which("chromium") is None and not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: apt-get install -y chromium (scripts/test does it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    page_path = tmp_path / "report.html"
    write_report(results_csv, page_path, group_by="team")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "batch-report.png"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_path.as_uri())
            assert page.locator("#total-rows").inner_text() == "5"
            assert page.locator("#labels svg rect.bar").count() == 3
            assert page.locator("#scores svg rect.bar").count() == 10
            assert page.locator("table.weakest tbody tr").count() == 5
            assert page.locator("section.group").count() == 3
            box = page.locator("#scores svg").bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert requests == [page_path.as_uri()]  # the page fetched nothing else
    assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_the_report_reads_results_whose_key_result_column_kept_its_name(tmp_path: Path, suffix: str) -> None:
    from krquality.batch import classify_file

    source = tmp_path / "in.csv"
    source.write_text("team,Key result\nA,Hire a head of data\nB,Double weekly active teams\n",
                      encoding="utf-8")
    results = tmp_path / f"results{suffix}"
    classify_file(source, results, column="Key result", suggestions=False)
    data = collect(results, group_by="team")
    texts = sorted(kr.text for kr in data.overall.weakest)
    assert texts == ["Double weekly active teams", "Hire a head of data"]
