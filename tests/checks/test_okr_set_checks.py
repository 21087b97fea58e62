"""Set checks on hand-built results."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from krquality.checks import run_set_checks
from krquality.checks.okr_set import _WORD, _first_similar, _Words
from krquality.config import Config
from krquality.features.types import Features, Form, SpanRef
from krquality.labels import Label
from krquality.result import Objective, Result, StructuredKR

M, MS, T = Label.METRIC, Label.MILESTONE, Label.TASK


def result(text: str, label: Label) -> Result:
    features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)
    return Result(text, label, {label.value: 1.0}, True, (), StructuredKR(), features)


def objective(title: str, *krs: tuple[str, Label]) -> tuple[Objective, tuple[Result, ...]]:
    return Objective(title, tuple(t for t, _ in krs)), tuple(result(t, label) for t, label in krs)


GOOD = objective(
    "Win mid-market customers", ("Grow ARR from $1M to $2M", M), ("Launch self-serve by July", MS)
)


def codes(findings) -> list[str]:
    return sorted(f.code for f in findings)


def test_a_balanced_objective_has_no_findings() -> None:
    assert run_set_checks([GOOD], config=Config()) == ({}, ())


def test_key_result_bounds_come_from_the_config() -> None:
    one = objective("Delight customers", ("Raise CSAT from 4.1 to 4.5", M))
    per_objective, _ = run_set_checks([one], config=Config())
    assert codes(per_objective[0]) == ["KRQ501"]
    assert run_set_checks([one], config=Config(min_key_results=1)) == ({}, ())
    per_objective, _ = run_set_checks([GOOD], config=Config(min_key_results=1, max_key_results=1))
    assert codes(per_objective[0]) == ["KRQ502"]


def test_objective_findings_span_the_title() -> None:
    per_objective, _ = run_set_checks(
        [GOOD, objective("Be fast", ("Hold reviews", T), ("Research tools", T))], config=Config()
    )
    (finding,) = per_objective[1]
    assert (finding.code, finding.start, finding.end) == ("KRQ504", 0, len("Be fast"))


def test_too_many_objectives_is_a_set_finding() -> None:
    _, whole = run_set_checks([GOOD] * 3, config=Config(max_objectives=2))
    assert "KRQ503" in codes(whole)
    assert all((f.start, f.end) == (0, 0) for f in whole)


def test_milestones_alone_ask_for_a_metric() -> None:
    only = objective("Ship", ("Launch the portal by July", MS), ("Publish the guide by June", MS))
    per_objective, _ = run_set_checks([only], config=Config())
    (finding,) = per_objective[0]
    assert finding.code == "KRQ505" and "'Launch the portal by July'" in finding.message


def test_a_near_duplicate_on_the_same_objective_is_an_objective_finding() -> None:
    dup = objective("Delight", ("Increase NPS from 41 to 48", M), ("Increase NPS from 41 to 50", M))
    per_objective, whole = run_set_checks([dup], config=Config())
    assert codes(per_objective[0]) == ["KRQ506"] and whole == ()


def test_a_duplicate_across_objectives_is_a_set_finding() -> None:
    a = objective("Delight", ("Increase NPS from 41 to 48", M), ("Cut response time to 4 hours", M))
    b = objective("Retain", ("increase NPS from 41 to 48.", M), ("Cut churn from 3% to 2%", M))
    per_objective, whole = run_set_checks([a, b], config=Config())
    assert per_objective == {}
    assert codes(whole) == ["KRQ506"] and "on objective 'Delight'" in whole[0].message


def test_reordered_words_are_a_duplicate_but_different_metrics_are_not() -> None:
    same = objective("X", ("Launch the portal in Q3", MS), ("In Q3 launch the portal", MS))
    assert "KRQ506" in codes(run_set_checks([same], config=Config())[0][0])
    different = objective("X", ("Increase NPS from 41 to 48", M), ("Reduce churn from 3% to 2%", M))
    assert run_set_checks([different], config=Config()) == ({}, ())


def test_a_number_target_in_the_title_is_flagged_at_the_number() -> None:
    title = "Grow ARR to $2M"
    per_objective, _ = run_set_checks(
        [objective(title, *[(k.text, k.label) for k in GOOD[1]])], config=Config()
    )
    (finding,) = per_objective[0]
    assert finding.code == "KRQ507" and title[finding.start : finding.end] == "$2M"


def test_versions_years_quarters_and_ranks_are_not_targets() -> None:
    titles = [
        "Ship v2 in 2026",
        "Win Q3",
        "Be the #1 CRM for 3rd-party agencies",
        "Double down on enterprise",
    ]
    results = GOOD[1]
    pairs = [(Objective(t, tuple(r.text for r in results)), results) for t in titles]
    per_objective, _ = run_set_checks(pairs, config=Config())
    assert [f for findings in per_objective.values() for f in findings if f.code == "KRQ507"] == []


def _similar_by_definition(a: _Words, b: _Words) -> bool:
    """KRQ506's definition, pair by pair (what the check computed before it used arrays)."""
    if not a.words or not b.words:
        return False
    if len(a.words & b.words) / len(a.words | b.words) >= 0.8:
        return True
    return SequenceMatcher(None, a.joined, b.joined).ratio() >= 0.9


def _first_similar_by_definition(prepared: list[_Words]) -> list[int | None]:
    return [
        next((j for j in range(i) if _similar_by_definition(prepared[i], prepared[j])), None)
        for i in range(len(prepared))
    ]


_WORDS = [
    "increase",
    "nps",
    "from",
    "41",
    "to",
    "48",
    "50",
    "launch",
    "the",
    "portal",
    "by",
    "q3",
    "churn",
    "2%",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=9), max_size=14))
def test_array_duplicate_search_equals_the_pairwise_definition(sentences: list[list[str]]) -> None:
    prepared = [_Words.of(tuple(words)) for words in sentences]
    assert _first_similar(prepared) == _first_similar_by_definition(prepared)


def test_array_duplicate_search_equals_the_pairwise_definition_on_the_training_data() -> None:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "training_data"
    lines = [line for path in sorted(root.glob("*.jsonl")) for line in path.read_text().splitlines() if line]
    texts = [json.loads(line)["text"] for line in lines[::20]]
    prepared = [_Words.of(tuple(_WORD.findall(t.lower()))) for t in texts]
    prepared += prepared[:40]  # exact repeats must be found too
    expected = _first_similar_by_definition(prepared)
    assert _first_similar(prepared) == expected
    assert sum(e is not None for e in expected) >= 40
