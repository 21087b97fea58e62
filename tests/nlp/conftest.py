"""Fixtures for the nlp tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from krquality.features.types import Features


@pytest.fixture(scope="session")
def extract(nlp: Language) -> Callable[[str], Features]:
    """Run the pipeline on a text and return ``doc._.krq_features``."""

    def run(text: str) -> Features:
        features: Features = nlp(text)._.krq_features
        return features

    return run
