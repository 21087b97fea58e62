"""The pre-commit hook, run by the real ``pre-commit`` on a throwaway git repository.

pre-commit installs a hook repository with ``pip install .`` into a new
virtualenv. Here the hook repository is this checkout (``try-repo`` takes
uncommitted changes too); pip builds krquality from it without build
isolation and finds every dependency already installed through PYTHONPATH
(this test environment's packages, krquality left out), with no index: the
test is offline and takes seconds rather than a full install of spaCy.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import InstalledTool

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
# Objective: Shorten the wait for a GP appointment

- Cut the median wait for a routine appointment from 9 days to 4 by March
- Open online booking for all three surgeries by 31 January
"""

BAD = """\
objectives:
  - objective: Grow the allotment society
    key_results:
      - Raise paying members from 140 to 200 by the spring show
      - Grow seed swap visitors to TBD by the autumn show
"""

# Not an OKR file: read as one it would be a usage error (a bullet before any objective).
NOTES = "- remember to book the hall\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def _pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "krquality-lint", *args]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_the_hook_passes_a_good_file_and_fails_a_bad_one(
    installed_tool: InstalledTool, tmp_path: Path
) -> None:
    repo = tmp_path / "plans"
    (repo / "okrs").mkdir(parents=True)
    (repo / "okrs" / "surgery-okrs.md").write_text(GOOD, encoding="utf-8")
    (repo / "okrs" / "society-okrs.yaml").write_text(BAD, encoding="utf-8")
    (repo / "notes.md").write_text(NOTES, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("KRQ_", "PIP_", "VIRTUAL_ENV"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
        PYTHONPATH=str(installed_tool.dependencies),
        PIP_NO_INDEX="1",
        PIP_NO_BUILD_ISOLATION="0",  # pip reads this variable inverted: "0" turns isolation off
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
    )

    everything = _pre_commit(repo, env, "--all-files")
    output = everything.stdout + everything.stderr
    assert everything.returncode == 1, output
    assert "okrs/society-okrs.yaml:5:" in output and "KRQ406" in output  # a placeholder target
    assert "notes.md" not in output  # not an OKR file by name: the hook never saw it
    assert "okrs/surgery-okrs.md:" not in output  # nothing to say about the good file

    good_only = _pre_commit(repo, env, "--files", "okrs/surgery-okrs.md")
    assert good_only.returncode == 0, good_only.stdout + good_only.stderr
    assert "krquality lint" in good_only.stdout and "Passed" in good_only.stdout
