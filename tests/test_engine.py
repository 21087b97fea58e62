"""The analyser's verdict on text that is not a key result is not confident."""

from __future__ import annotations

import pytest

from krquality.engine import Analyzer


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.load()


@pytest.mark.parametrize("text", ["😀" * 1000, "9" * 1000, "Key result 2 goes here", "INSERT METRIC HERE"])
def test_text_that_is_not_a_key_result_is_not_confident(analyzer: Analyzer, text: str) -> None:
    result = analyzer.analyze(text, suggestions=False)
    assert not result.confident
    assert max(result.probabilities.values()) < 0.7
    assert "KRQ601" in [finding.code for finding in result.findings]


def test_a_key_result_is_unaffected(analyzer: Analyzer) -> None:
    result = analyzer.analyze("Grow weekly active teams from 1,200 to 2,000 by June", suggestions=False)
    assert result.confident and result.label.value == "metric"
    assert "KRQ601" not in [finding.code for finding in result.findings]
