"""Adding a check to ``disable`` keeps the rest of the configuration file as it was."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from krquality.config import load_config
from krquality.lsp.tomledit import PYPROJECT_TABLE, TomlEditError, add_disabled_check, disable_in_workspace


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", 'disable = ["KRQ101"]\n'),
        ("max-words = 30", 'max-words = 30\ndisable = ["KRQ101"]\n'),
        ("disable = []\n", 'disable = ["KRQ101"]\n'),
        ('disable = ["KRQ102"]  # agreed\n', 'disable = ["KRQ102", "KRQ101"]  # agreed\n'),
        ('disable = [\n  "KRQ102",\n]\n', 'disable = [\n  "KRQ102", "KRQ101"\n]\n'),
        ('disable = ["KRQ101"]\n', 'disable = ["KRQ101"]\n'),
        (
            '# team settings\nmax-words = 30\n\n[severity]\nKRQ102 = "info"\n',
            '# team settings\nmax-words = 30\n\ndisable = ["KRQ101"]\n[severity]\nKRQ102 = "info"\n',
        ),
    ],
)
def test_krquality_toml(before: str, after: str) -> None:
    assert add_disabled_check(before, "KRQ101") == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            '[project]\nname = "x"\n',
            '[project]\nname = "x"\n\n[tool.krquality]\ndisable = ["KRQ101"]\n',
        ),
        (
            "[tool.krquality]\nmax-words = 30\n\n[tool.ruff]\nline-length = 99\n",
            '[tool.krquality]\ndisable = ["KRQ101"]\nmax-words = 30\n\n[tool.ruff]\nline-length = 99\n',
        ),
        (
            '[tool.krquality]\ndisable = ["wording."]\n[tool.ruff]\ndisable = ["E"]\n',
            '[tool.krquality]\ndisable = ["wording.", "KRQ101"]\n[tool.ruff]\ndisable = ["E"]\n',
        ),
    ],
)
def test_pyproject_table(before: str, after: str) -> None:
    assert add_disabled_check(before, "KRQ101", table=PYPROJECT_TABLE) == after


def test_invalid_toml_is_refused() -> None:
    with pytest.raises(TomlEditError, match="not valid TOML"):
        add_disabled_check("disable = [", "KRQ101")


def test_creates_krquality_toml_at_the_root(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    written = disable_in_workspace("KRQ101", start=tmp_path / "team", root=tmp_path)
    assert written == tmp_path / "krquality.toml"
    assert load_config(start=tmp_path / "team").disable == ("KRQ101",)


def test_edits_the_pyproject_that_applies(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.krquality]\nmax-words = 30\n')
    written = disable_in_workspace("KRQ402", start=tmp_path, root=tmp_path)
    assert written == tmp_path / "pyproject.toml"
    data = tomllib.loads(written.read_text())
    assert data["tool"]["krquality"] == {"disable": ["KRQ402"], "max-words": 30}
    assert load_config(start=tmp_path).disable == ("KRQ402",)
