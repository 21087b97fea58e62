"""Training data: loading, the fixed split, the duplicate checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.errors import InvalidInputError
from krquality.labels import Label
from krquality.model.data import Example, is_held_out, load_examples, normalize_for_split
from krquality.model.datacheck import check_examples

ROOT = Path(__file__).resolve().parents[2]


def test_a_malformed_line_is_reported_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text('{"text": "a", "label": "metric", "domain": "d"}\n{"text": "b"}\n')
    with pytest.raises(InvalidInputError, match=r"x\.jsonl:2"):
        load_examples(tmp_path)


def test_an_unknown_label_is_reported(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text('{"text": "a", "label": "goal", "domain": "d"}\n')
    with pytest.raises(InvalidInputError, match=r"x\.jsonl:1"):
        load_examples(tmp_path)


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126)))
def test_the_split_ignores_case_and_punctuation(text: str) -> None:
    assert normalize_for_split(text) == normalize_for_split(f"- {text.upper()}!")
    assert is_held_out(text) == is_held_out(f"- {text.upper()}!")


def test_the_committed_data_holds_out_about_a_fifth() -> None:
    examples = load_examples(ROOT / "training_data")
    share = sum(is_held_out(e.text) for e in examples) / len(examples)
    assert 0.15 < share < 0.25


def test_the_committed_data_meets_the_data_card() -> None:
    examples = load_examples(ROOT / "training_data")
    assert len(examples) >= 2000
    assert len({e.domain for e in examples}) >= 12
    report = check_examples(examples)
    assert report.exact_duplicates == []
    assert report.conflicts == []
    assert report.leakage == []


def test_the_checker_finds_near_duplicates_across_the_split() -> None:
    a = "Increase weekly active teams from 1,200 to 2,000 by the end of Q3"
    candidates = [a + suffix for suffix in (".", " ok", " !!", " (growth)", " - KR", " [draft]", "  ")]
    examples = [Example(t, Label.METRIC, "d", f"f:{i}") for i, t in enumerate(candidates)]
    report = check_examples(examples)
    assert report.near_duplicates
    sides = {is_held_out(e.text) for e in examples}
    assert (len(sides) == 2) == bool(report.leakage)


def test_contrast_pairs_are_not_errors() -> None:
    examples = [
        Example("Improve onboarding completion", Label.TASK, "d", "f:1"),
        Example("Improve onboarding completion by 15%", Label.METRIC, "d", "f:2"),
    ]
    report = check_examples(examples, threshold=0.5)
    assert report.contrast_pairs and report.ok
