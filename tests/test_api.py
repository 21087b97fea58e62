"""The public Python API: analyze, analyze_many, analyze_okrs, load_model."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import krquality
from krquality import InvalidInputError, Label, Objective


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Increase trial-to-paid conversion from 4% to 7%", Label.METRIC),
        ("Cut median support response time below 2 hours", Label.METRIC),
        ("Double weekly active teams", Label.METRIC),
        ("Sign 12 new reseller partners", Label.METRIC),
        ("Launch the partner portal", Label.MILESTONE),
        ("SSO is available to all enterprise customers", Label.MILESTONE),
        ("Obtain ISO 27001 certification", Label.MILESTONE),
        ("Hire a head of data", Label.MILESTONE),
        ("Hold weekly pipeline reviews", Label.TASK),
        ("Improve the onboarding experience", Label.TASK),
        ("Research competitor pricing", Label.TASK),
        ("Keep working on the billing migration", Label.TASK),
    ],
)
def test_the_labelling_guide_examples_get_their_labels(text: str, label: Label) -> None:
    assert krquality.analyze(text, suggestions=False).label is label


def test_a_result_carries_probabilities_evidence_and_structure() -> None:
    result = krquality.analyze("Increase NPS from 40 to 55 by Q3")
    assert set(result.probabilities) == {"metric", "milestone", "task"}
    assert sum(result.probabilities.values()) == pytest.approx(1.0)
    assert result.structured.baseline == 40 and result.structured.target == 55
    assert result.structured.deadline is not None
    assert any(result.text[e.span.start : e.span.end] == e.span.text for e in result.evidence)
    assert result.model_version.startswith("krq-")


@pytest.mark.parametrize("text", ["", "   ", "x" * 1001])
def test_bad_text_is_refused_with_the_field_named(text: str) -> None:
    with pytest.raises(InvalidInputError, match="text"):
        krquality.analyze(text)


def test_analyze_many_is_lazy_and_keeps_input_order() -> None:
    texts = ["Launch the partner portal", "Double weekly active teams", "Hold weekly pipeline reviews"] * 5
    results = krquality.analyze_many(iter(texts), batch_size=4, suggestions=False)
    assert not isinstance(results, list)
    assert [r.text for r in results] == texts


def test_analyze_many_names_the_bad_item() -> None:
    with pytest.raises(InvalidInputError, match=r"texts\[1\]"):
        list(krquality.analyze_many(["Ship it by May", " "]))


def test_many_processes_give_the_same_results_as_one() -> None:
    texts = ["Launch the partner portal", "Double weekly active teams", "Hold weekly pipeline reviews"] * 3
    one = list(krquality.analyze_many(texts, suggestions=False))
    two = list(krquality.analyze_many(texts, n_process=2, batch_size=2, suggestions=False))
    assert [dataclasses.asdict(r) for r in one] == [dataclasses.asdict(r) for r in two]


def test_threads_share_one_analyzer_safely() -> None:
    texts = ["Launch the partner portal", "Double weekly active teams", "Improve onboarding"] * 20
    expected = [krquality.analyze(t).label for t in texts]
    with ThreadPoolExecutor(8) as pool:
        labels = list(pool.map(lambda t: krquality.analyze(t).label, texts))
    assert labels == expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_analysis_is_deterministic_and_spans_lie_inside_the_text(text: str) -> None:
    first = krquality.analyze(text)
    assert dataclasses.asdict(first) == dataclasses.asdict(krquality.analyze(text))
    for finding in first.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    for evidence in first.evidence:
        assert text[evidence.span.start : evidence.span.end] == evidence.span.text


def test_analyze_okrs_reports_set_level_findings() -> None:
    result = krquality.analyze_okrs([Objective("Delight customers", ("Improve support",))])
    assert len(result.objectives[0].results) == 1
    assert result.objectives[0].findings, "one key result on an objective is too few"


def test_a_lone_surrogate_is_refused_not_crashed_on() -> None:
    with pytest.raises(InvalidInputError, match="not valid Unicode"):
        krquality.analyze("Ship \ud800 offline mode")
