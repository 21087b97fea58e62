"""``krquality evaluate`` and ``train`` refuse a missing real-text file before any work."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from krquality.cli.app import app


@pytest.mark.parametrize("command", ["evaluate", "train"])
def test_a_missing_real_text_file_is_a_usage_error(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    result = CliRunner().invoke(app, [command, "--real", str(missing), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no real-text file at" in result.output and "--no-real" in result.output


def test_the_real_text_file_defaults_to_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KRQ_REALWORLD_DEV", str(tmp_path / "absent.jsonl"))
    result = CliRunner().invoke(app, ["evaluate", "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2
    assert "absent.jsonl" in result.output
