"""Corrections as training data: resolution, the part kept aside, the digest, and a real before/after fit."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from spacy.language import Language

from krquality.errors import InvalidInputError
from krquality.feedback import CorrectedLabel, Correction, Source
from krquality.feedback.training import compare, correction_examples, read_realworld, worse_on_realworld
from krquality.labels import Label
from krquality.model.data import Example, is_held_out

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _c(i: int, text: str, label: str, user: str = "u") -> Correction:
    return Correction(text, CorrectedLabel(label), user, Source.SERVICE, id=i, created_at=NOW)


TEXTS = [f"Renew the cold-room compressor contract for site {n}" for n in range(40)]


def test_standing_corrections_become_examples_and_one_in_five_is_aside() -> None:
    corrections = [_c(i, t, "milestone") for i, t in enumerate(TEXTS)]
    corrections += [_c(100, TEXTS[0], "task", user="v")]  # a tie: left out
    corrections += [_c(101, "Not a goal, just a note", "not_kr")]  # no class to learn
    learnt = correction_examples(corrections)
    texts = {e.text for e in (*learnt.train, *learnt.aside)}
    assert texts == set(TEXTS[1:])
    assert all(is_held_out(e.text) for e in learnt.aside)
    assert not any(is_held_out(e.text) for e in learnt.train)
    assert learnt.n_corrections == 42
    assert all(e.label is Label.MILESTONE for e in learnt.train)


def test_the_digest_names_what_went_in_not_how_it_was_typed() -> None:
    a = correction_examples([_c(1, "Open the Oslo hub", "milestone")])
    b = correction_examples([_c(9, "open the Oslo hub.", "milestone", user="w")])
    c = correction_examples([_c(1, "Open the Oslo hub", "task")])
    assert a.sha256 == b.sha256 != c.sha256


def test_read_realworld_leaves_out_lines_that_are_not_key_results(tmp_path: Path) -> None:
    path = tmp_path / "real.jsonl"
    rows = [
        {"text": "Cut invoice errors to 1%", "label": "metric", "source": "org/repo:a.md"},
        {"text": "Misc notes", "label": "task", "not_a_kr": True, "source": "org/repo:a.md"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [e.text for e in read_realworld(path)] == ["Cut invoice errors to 1%"]
    path.write_text('{"text": "x", "label": "goal"}\n', encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"real\.jsonl:1: not a labelled key result"):
        read_realworld(path)


@pytest.mark.parametrize(
    ("report", "worse"),
    [
        ({"realworld": {"n": 5, "before": 0.7, "after": 0.69}}, True),
        ({"realworld": {"n": 5, "before": 0.7, "after": 0.7}}, False),
        ({"realworld": None}, False),
    ],
)
def test_worse_on_realworld(report: dict[str, object], worse: bool) -> None:
    assert worse_on_realworld(report) is worse


def test_compare_fits_before_and_after_and_measures_three_parts(nlp: Language) -> None:
    examples = []
    for n in range(30):
        examples.append(Example(f"Grow weekly orders from {n}00 to {n + 3}00", Label.METRIC, "t", "t"))
        examples.append(Example(f"Launch the loyalty app in region {n}", Label.MILESTONE, "t", "t"))
        examples.append(Example(f"Hold a weekly stand-up with team {n}", Label.TASK, "t", "t"))
    corrections = [_c(i, f"Publish the route map for depot {i}", "milestone") for i in range(25)]
    real = [Example("Raise repeat orders from 10% to 15%", Label.METRIC, "realworld", "o/r")]
    report = compare(nlp, examples, correction_examples(corrections), kind="logreg", realworld=real)
    assert report["corrections"]["n_corrections"] == 25
    assert report["realworld"]["n"] == 1 and report["held_out"]["n"] > 0
    for part in ("held_out", "realworld", "corrections_aside"):
        if report[part] is not None:
            assert 0.0 <= report[part]["before"] <= 1.0 and 0.0 <= report[part]["after"] <= 1.0
    assert report["realworld_excluded_as_corrected"] == 0
