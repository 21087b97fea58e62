"""Counts written with a thousands suffix are quantities, whatever their digit count."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Grow the newsletter to 8k subscribers", 8000.0),
        ("Reach 4k paying teams", 4000.0),
        ("Reach 12k paying teams", 12000.0),
    ],
)
def test_a_single_digit_with_k_is_a_count(nlp: Language, text: str, value: float) -> None:
    quantities = nlp(text)._.krq_features.quantities
    assert [q.value for q in quantities] == [value]
