"""Settings come from KRQ_* variables; explicit values win."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from krquality.api import Settings


def test_defaults_bind_loopback_port_8000_with_the_issue_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KRQ_HOST", "KRQ_PORT", "KRQ_MAX_CHARS", "KRQ_MAX_BATCH", "KRQ_API_KEY", "KRQ_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8000, 1)
    assert (settings.max_chars, settings.max_batch) == (1000, 1000)
    assert settings.api_key is None and settings.cors_origins == []


def test_environment_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRQ_PORT", "9001")
    monkeypatch.setenv("KRQ_MAX_BATCH", "50")
    monkeypatch.setenv("KRQ_API_KEY", "tops3cret")
    settings = Settings()
    assert (settings.port, settings.max_batch) == (9001, 50)
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "tops3cret"
    assert "tops3cret" not in repr(settings)  # the key never shows in logs


def test_explicit_values_beat_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KRQ_PORT", "9001")
    assert Settings(port=9002).port == 9002


@pytest.mark.parametrize(
    ("value", "origins"),
    [
        ("https://a.example, https://b.example", ["https://a.example", "https://b.example"]),
        ('["https://a.example"]', ["https://a.example"]),
        ("", []),
    ],
)
def test_cors_origins_accept_a_list_or_commas(
    monkeypatch: pytest.MonkeyPatch, value: str, origins: list[str]
) -> None:
    monkeypatch.setenv("KRQ_CORS_ORIGINS", value)
    assert Settings().cors_origins == origins


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_api_key_in_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch, blank: str) -> None:
    # It used to turn authentication off without a word.
    monkeypatch.setenv("KRQ_API_KEY", blank)
    with pytest.raises(ValidationError, match="unset KRQ_API_KEY"):
        Settings()


@pytest.mark.parametrize(("field", "value"), [("port", 70000), ("max_chars", 0), ("workers", 0)])
def test_out_of_range_values_are_refused_naming_the_field(field: str, value: int) -> None:
    with pytest.raises(ValidationError, match=field):
        Settings(**{field: value})


def test_the_model_file_is_krq_model_as_everywhere_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KRQ_MODEL_PATH", raising=False)
    monkeypatch.setenv("KRQ_MODEL", "/models/a.joblib")
    assert Settings().model_path == "/models/a.joblib"
    assert Settings(model_path="/models/b.joblib").model_path == "/models/b.joblib"
    monkeypatch.delenv("KRQ_MODEL")
    monkeypatch.setenv("KRQ_MODEL_PATH", "/models/old.joblib")  # the older name still works
    assert Settings().model_path == "/models/old.joblib"


def test_serve_documents_and_sets_krq_model() -> None:
    from krquality.cli.serve import _overrides

    assert _overrides(model="/m.joblib") == {"KRQ_MODEL": "/m.joblib"}
    assert "KRQ_MODEL_PATH" not in Settings.model_fields["model_path"].description


def test_every_setting_is_documented_in_the_service_readme() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "service" / "README.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`KRQ_{name.upper()}`" not in readme]
    assert missing == []
