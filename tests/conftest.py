"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The classification pipeline, as ``krquality.nlp.build_nlp()`` builds it."""
    from krquality.nlp import build_nlp

    return build_nlp()
