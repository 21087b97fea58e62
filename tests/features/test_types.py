"""The feature types: frozen values and the markers_of helper."""

from __future__ import annotations

import dataclasses

import pytest

from krquality.features.types import Features, Form, Marker, SpanRef


def _features() -> Features:
    text = "Try to improve NPS"
    return Features(
        text=text,
        body=SpanRef(0, len(text), text),
        form=Form.IMPERATIVE,
        lead_verb=None,
        markers=(
            Marker(SpanRef(0, 6, "Try to"), "hedge", "try to"),
            Marker(SpanRef(7, 14, "improve"), "vague", "improve"),
            Marker(SpanRef(15, 18, "NPS"), "measure", "nps"),
        ),
    )


def test_markers_of_keeps_text_order_and_filters_by_kind() -> None:
    assert [m.span.text for m in _features().markers_of("vague")] == ["improve"]
    assert _features().markers_of("absolute") == ()


def test_features_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        _features().n_words = 3  # type: ignore[misc]


def test_equal_features_compare_equal() -> None:
    assert _features() == _features()
