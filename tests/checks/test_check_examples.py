"""Every check's examples: each ``bad`` one must flag, each ``good`` one must pass.

Key-result examples run through the real spaCy features with the label the
example carries (until the trained model labels them; an integration test
then runs them through the full Analyzer). Set examples need only labels
and texts, so they run on minimal features.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from spacy.language import Language

from krquality.checks import Check, CheckContext, Example, SetContext, SetExample, list_checks, run_checks
from krquality.config import Config
from krquality.features.types import Features, Form, SpanRef
from krquality.result import Result, StructuredKR


def _example_cases(checks: Iterable[Check]) -> list[object]:
    """One case per example of each check, with ids like ``KRQ101-bad-0``."""
    return [
        pytest.param(check, example, kind, id=f"{check.code}-{kind}-{i}")
        for check in checks
        for kind, examples in (("bad", check.bad), ("good", check.good))
        for i, example in enumerate(examples)
    ]


KR_CASES = _example_cases(check for check in list_checks() if check.detect is not None)
SET_CASES = _example_cases(check for check in list_checks() if check.detect_set is not None)


def test_every_check_has_examples_of_its_scope() -> None:
    for check in list_checks():
        wanted = Example if check.detect is not None else SetExample
        assert check.bad and check.good, check.code
        assert all(isinstance(e, wanted) for e in (*check.bad, *check.good)), check.code


@pytest.mark.parametrize(("check", "example", "kind"), KR_CASES)
def test_key_result_example(feature_nlp: Language, check: Check, example: Example, kind: str) -> None:
    doc = feature_nlp(example.text)
    context = CheckContext(example.text, doc, doc._.krq_features, example.label, {}, Config())
    assert check.detect is not None
    findings = list(check.detect(context))
    if kind == "bad":
        assert findings, f"{check.code} should flag {example.text!r}"
    else:
        assert not findings, f"{check.code} should pass {example.text!r}: {findings}"
    for finding in run_checks(context):  # the whole run works on it, spans inside the text
        assert 0 <= finding.start <= finding.end <= len(example.text)


def _result(example: Example) -> Result:
    text = example.text
    features = Features(text, SpanRef(0, len(text), text), Form.OTHER, None)
    return Result(text, example.label, {example.label.value: 1.0}, True, (), StructuredKR(), features)


@pytest.mark.parametrize(("check", "example", "kind"), SET_CASES)
def test_set_example(check: Check, example: SetExample, kind: str) -> None:
    objectives = tuple(
        (objective, tuple(_result(kr) for kr in source.key_results))
        for objective, source in zip(example.to_objectives(), example.objectives, strict=True)
    )
    assert check.detect_set is not None
    placed = list(check.detect_set(SetContext(objectives, Config())))
    if kind == "bad":
        assert placed, f"{check.code} should flag {example.markdown()}"
    else:
        assert not placed, f"{check.code} should pass {example.markdown()}: {placed}"
