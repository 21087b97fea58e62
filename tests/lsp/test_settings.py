"""Editor settings: lenient parsing, layering over krquality.toml, plain-text globs."""

from __future__ import annotations

import pytest

from krquality.config import Config
from krquality.lsp.settings import LspSettings, effective_config, is_plain_text, settings_from_client
from krquality.result import Severity


def test_camel_and_snake_case_keys_are_read() -> None:
    settings, warnings = settings_from_client(
        {
            "enable": ["KRQ105"],
            "disable": "KRQ101, wording.",
            "severity": {"KRQ102": "info"},
            "plain_text_files": ["*.txt"],
            "remoteUrl": " http://svc:8000 ",
            "remoteTimeout": 2,
            "debounceMs": 50,
            "suggestions": False,
            "maxKeyResults": 10,
            "trace": {"server": "off"},
        }
    )
    assert warnings == []
    assert settings == LspSettings(
        enable=("KRQ105",),
        disable=("KRQ101", "wording."),
        severity={"KRQ102": Severity.INFO},
        plain_text_files=("*.txt",),
        remote_url="http://svc:8000",
        remote_timeout=2.0,
        debounce_ms=50,
        suggestions=False,
        max_key_results=10,
    )


@pytest.mark.parametrize(
    ("data", "warning"),
    [
        ({"disable": ["KRQ999"]}, "krquality.disable: unknown check 'KRQ999'"),
        ({"disable": 3}, "krquality.disable: expected a list of check codes, got 3"),
        (
            {"severity": {"KRQ101": "fatal"}},
            "krquality.severity: 'KRQ101': 'fatal' is not error, warning or info",
        ),
        ({"severity": []}, "krquality.severity: expected an object of check -> severity, got []"),
        ({"remoteUrl": 1}, "krquality.remoteUrl: expected a string, got 1"),
        ({"debounceMs": -1}, "krquality.debounceMs: expected a non-negative number, got -1"),
        ({"suggestions": "yes"}, "krquality.suggestions: expected true or false, got 'yes'"),
        ("nonsense", "krquality settings: expected an object, got str"),
    ],
)
def test_bad_values_are_dropped_with_a_warning(data: object, warning: str) -> None:
    settings, warnings = settings_from_client(data)
    assert warnings == [warning]
    assert settings.disable == () and settings.remote_url == ""


def test_none_means_defaults() -> None:
    assert settings_from_client(None) == (LspSettings(), [])


def test_editor_settings_layer_over_the_file() -> None:
    base = Config(disable=("KRQ101",), severity={"KRQ102": "warning"})
    config = effective_config(
        base, LspSettings(disable=("KRQ101", "KRQ402"), severity={"KRQ102": Severity.INFO})
    )
    assert config.disable == ("KRQ101", "KRQ402")
    assert config.severity == {"KRQ102": Severity.INFO}
    assert effective_config(base, LspSettings()) is base


@pytest.mark.parametrize(
    ("path", "globs", "expected"),
    [
        ("/w/q3.okr", ("*.okr",), True),
        ("/w/notes.txt", ("*.okr",), False),
        ("/w/notes.txt", ("*.okr", "*.txt"), True),
        ("/w/okrs/q3.txt", ("**/okrs/*.txt",), True),
        ("/w/other/q3.txt", ("**/okrs/*.txt",), False),
    ],
)
def test_plain_text_globs(path: str, globs: tuple[str, ...], expected: bool) -> None:
    assert is_plain_text(path, LspSettings(plain_text_files=globs)) is expected
