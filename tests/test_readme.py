"""The README cannot drift from the code: its first commands and its command list."""

from __future__ import annotations

import re
from pathlib import Path

from krquality.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_the_two_fresh_machine_commands() -> None:
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["scripts/serve", "scripts/test"]
    for command in commands:
        assert (ROOT / command).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^exec scripts/test\b", ci, re.M)


def test_the_command_table_lists_every_command() -> None:
    listed = set(re.findall(r"^\| `krquality (\w+)` \|", README, re.M))
    registered = {
        command.name or (command.callback.__name__ if command.callback else "")
        for command in app.registered_commands
    }
    assert listed == registered


def test_every_benchmark_in_the_folder_is_documented() -> None:
    documented = set(re.findall(r"benchmarks/(\w+)\.py", README))
    present = {p.stem for p in (ROOT / "benchmarks").glob("*.py") if not p.stem.startswith("_")}
    assert documented == present
