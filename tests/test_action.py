"""The composite GitHub Action (action.yml): its shape, and its lint step run by bash as a runner would.

The lint step's script reads its inputs from environment variables, so it
runs here unchanged, with ``bash -e -o pipefail`` like GitHub's runners and the
tool installed from its wheel on PATH.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import InstalledTool

ROOT = Path(__file__).resolve().parents[1]
ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW: dict[str, Any] = yaml.safe_load(
    (ROOT / "examples" / "github-workflow.yml").read_text(encoding="utf-8")
)


def _step(step_id: str) -> dict[str, Any]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("id") == step_id)


def test_the_action_is_composite_and_uses_only_inputs_it_declares() -> None:
    assert ACTION["runs"]["using"] == "composite"
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == set(ACTION["inputs"])
    uses = [s["uses"].split("@")[0] for s in ACTION["runs"]["steps"] if "uses" in s]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    assert all(s.get("shell") == "bash" for s in ACTION["runs"]["steps"] if "run" in s)


def test_the_example_workflow_uses_this_action_with_the_permission_to_upload() -> None:
    assert WORKFLOW["permissions"]["security-events"] == "write"
    steps = WORKFLOW["jobs"]["krquality"]["steps"]
    assert steps[-1]["uses"].startswith("krquality/krquality@")
    assert set(steps[-1]["with"]) <= set(ACTION["inputs"])


def _lint_step(tool: InstalledTool, repo: Path, files: str) -> tuple[subprocess.CompletedProcess[str], str]:
    output = repo / "github-output"
    output.write_text("", encoding="utf-8")
    env = tool.env() | {"FILES": files, "SARIF_FILE": "krquality.sarif", "GITHUB_OUTPUT": str(output)}
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", _step("lint")["run"]],
        cwd=repo, env=env, capture_output=True, text=True, timeout=300,
    )
    return done, output.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_lint_step_writes_sarif_and_reports_the_exit_code(
    installed_tool: InstalledTool, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    (repo / "okrs" / "team").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "okrs.yaml", repo / "okrs" / "team" / "Library-OKRs.yaml")
    (repo / "okrs" / "ops-okrs.md").write_text(
        "# Objective: Calmer on-call\n\n"
        "- Cut pages per week from 30 to 12 by June\n- Cut escalations per week from 9 to ??? by June\n",
        encoding="utf-8",
    )
    (repo / "notes.md").write_text("- not an OKR file\n", encoding="utf-8")

    default = ACTION["inputs"]["files"]["default"]
    done, outputs = _lint_step(installed_tool, repo, default)
    assert done.returncode == 0, done.stderr  # the step records the result; a later step fails the job
    assert "exit-code=1" in outputs  # the escalations target is a placeholder: an error
    sarif = json.loads((repo / "krquality.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"okrs/ops-okrs.md", "okrs/team/Library-OKRs.yaml"}
    # the readable copy in the job's log
    assert re.search(r"okrs/ops-okrs\.md:4:\d+: error KRQ406", done.stdout), done.stdout

    nothing, outputs = _lint_step(installed_tool, repo, "plans/*.md")
    assert nothing.returncode == 0 and "exit-code=0" in outputs
    assert "::warning::" in nothing.stdout
    assert json.loads((repo / "krquality.sarif").read_text(encoding="utf-8"))["runs"] == []
