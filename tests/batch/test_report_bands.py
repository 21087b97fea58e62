"""The HTML report shows bands in words, and ranks teams on the score scale."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import krquality
from krquality.batch.report import collect, render_html

TASKS_TEAM = [
    "Help the volunteers with the rota",
    "Work on the donor newsletter",
    "Be the best food bank in the region",
    "Open the second pantry by 30 April",
]
MILESTONES_TEAM = [
    "Open the winter shelter by 1 November",
    "Sign the lease for the new warehouse by the end of Q2",
    "Publish the allergen guide for volunteers by June",
    "Help the drivers with route planning",
]


@pytest.mark.slow
def test_a_team_of_mostly_tasks_ranks_below_a_team_of_milestones(tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "text", "label", "score", "grade", "findings", "team"])
        row = 0
        for team, texts in (("pantry", TASKS_TEAM), ("shelter", MILESTONES_TEAM)):
            for text in texts:
                result = krquality.analyze(text, suggestions=False)
                codes = " ".join(f.code for f in result.findings)
                writer.writerow([row, text, result.label.value, result.score, result.grade, codes, team])
                row += 1
    data = collect(path, group_by="team")
    assert data.groups["shelter"].mean_score > data.groups["pantry"].mean_score
    page = render_html(data)
    groups = page[page.index('<table class="groups">') :]
    assert groups.index(">shelter<") < groups.index(">pantry<")  # best first
    assert 'id="bands"' in page and "activity" in page and "checkable" in page
    # each weakest key result carries its band in words
    assert re.search(r"<td class=num>\d+ <span class=band>(activity|unclear|partial)</span>", page)
