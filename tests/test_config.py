"""Configuration: reading, validation, and errors that name the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from krquality.config import Config, config_from_mapping, load_config
from krquality.errors import ConfigError
from krquality.result import Severity


def test_kebab_and_snake_keys_are_both_accepted() -> None:
    config = config_from_mapping({"max-key-results": 5, "min_words": 2, "vague-words": ["synergy"]})
    assert (config.max_key_results, config.min_words, config.vague_words) == (5, 2, ("synergy",))


def test_an_unknown_key_is_an_error_naming_it() -> None:
    with pytest.raises(ConfigError, match="unknown key 'max-krs'"):
        config_from_mapping({"max-krs": 3})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"disable": ["KRQ999"]}, "disable: unknown check 'KRQ999'"),
        ({"enable": ["metrics."]}, "enable: unknown check 'metrics.'"),
        ({"severity": {"wording.vage": "info"}}, "severity: unknown check 'wording.vage'"),
        ({"severity": {"KRQ101": "fatal"}}, "'fatal' is not one of error, warning, info"),
        ({"severity": "error"}, "must be a table"),
        ({"disable": "KRQ101"}, "must be a list of strings"),
        ({"max-words": -1}, "must be a non-negative integer"),
        ({"max-words": True}, "must be a non-negative integer"),
        ({"min-key-results": 5}, r"min-key-results \(5\) is above max-key-results \(4\)"),
        ({"min-words": 30}, r"min-words \(30\) is above max-words \(25\)"),
    ],
)
def test_invalid_settings_are_errors_naming_the_setting(data, message) -> None:
    with pytest.raises(ConfigError, match=message):
        config_from_mapping(data, source="krquality.toml")


def test_errors_name_the_source() -> None:
    with pytest.raises(ConfigError, match=r"^krquality.toml: disable: unknown check"):
        config_from_mapping({"disable": ["nope"]}, source="krquality.toml")


def test_valid_check_patterns_are_kept() -> None:
    config = config_from_mapping(
        {
            "disable": ["wording.", "KRQ1", "*"],
            "enable": ["metric-without-baseline"],
            "severity": {"KRQ105": "warning"},
        }
    )
    assert config.severity == {"KRQ105": Severity.WARNING}
    assert config.disable == ("wording.", "KRQ1", "*")


def test_a_config_built_in_code_is_validated_too() -> None:
    with pytest.raises(ConfigError, match="unknown check 'KRQ000'"):
        Config(disable=("KRQ000",))
    assert Config(severity={"KRQ101": "info"}).severity["KRQ101"] is Severity.INFO  # type: ignore[dict-item]


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.krquality]\ndisable = ["KRQ105"]\n[tool.krquality.severity]\n"wording.vague" = "error"\n'
    )
    config = load_config(start=tmp_path)
    assert config.disable == ("KRQ105",)
    assert config.severity == {"wording.vague": Severity.ERROR}


def test_krquality_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.krquality]\nmax-words = 40\n")
    (tmp_path / "krquality.toml").write_text("max-words = 30\n")
    assert load_config(start=tmp_path).max_words == 30


def test_a_pyproject_without_the_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "krquality.toml").write_text("max-objectives = 3\n")
    inner = tmp_path / "team"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load_config(start=inner).max_objectives == 3


def test_a_broken_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "krquality.toml"
    path.write_text("max-words = [\n")
    with pytest.raises(ConfigError, match=r"krquality\.toml: cannot read configuration"):
        load_config(path)


def test_an_unknown_key_in_a_file_names_the_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.krquality]\nvague_wrds = ['x']\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.krquality\]: unknown key 'vague_wrds'"):
        load_config(path)
