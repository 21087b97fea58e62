"""run_checks under a configuration: enabling, severities, order, spans, speed."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krquality.checks import get_check, is_enabled, run_checks, severity_of
from krquality.config import Config
from krquality.features.types import Direction as D
from krquality.features.types import QuantityKind as Q
from krquality.features.types import VerbClass as V
from krquality.labels import Label
from krquality.result import Severity

TEXT = "Try to increase NPS significantly to 48"
PARTS = {
    "lead": ("try", V.OTHER),
    "quantities": [("48", Q.NUMBER, 48.0)],
    "changes": [("to 48", D.INCREASE, None, "48")],
    "markers": [("Try to", "hedge", "try to"), ("significantly", "vague", "significantly")],
}


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_findings_are_sorted_by_start(kr) -> None:
    findings = run_checks(kr(TEXT, Label.METRIC, **PARTS))
    assert codes(findings) == ["KRQ402", "KRQ105", "KRQ401", "KRQ101"]
    assert [f.start for f in findings] == sorted(f.start for f in findings)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (Config(disable=("wording",)), ["KRQ105", "KRQ101"]),
        (Config(disable=("KRQ105", "hedge")), ["KRQ401", "KRQ101"]),
        (Config(disable=("*",), enable=("KRQ101",)), ["KRQ101"]),
        (Config(disable=("wording.",), enable=("wording.hedge",)), ["KRQ402", "KRQ105", "KRQ101"]),
        (Config(disable=("KRQ401",), enable=("KRQ401",)), ["KRQ402", "KRQ105", "KRQ101"]),
    ],
)
def test_the_most_specific_pattern_wins_and_disable_wins_ties(kr, config, expected) -> None:
    assert codes(run_checks(kr(TEXT, Label.METRIC, config=config, **PARTS))) == expected


def test_severity_overrides_apply_most_specific_first(kr) -> None:
    config = Config(severity={"wording": "info", "KRQ402": "error"})
    by_code = {f.code: f.severity for f in run_checks(kr(TEXT, Label.METRIC, config=config, **PARTS))}
    assert by_code["KRQ401"] is Severity.INFO
    assert by_code["KRQ402"] is Severity.ERROR
    assert by_code["KRQ101"] is Severity.WARNING


def test_a_check_off_by_default_runs_only_when_enabled() -> None:
    check = get_check("KRQ101")
    assert is_enabled(check, Config())
    assert not is_enabled(check, Config(disable=("metric.no_baseline",)))
    assert severity_of(check, Config()) is Severity.WARNING


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("abcXT?[]<> 0123456789%$&,.")), min_size=1, max_size=60))
def test_spans_and_fixes_stay_inside_the_text(tagger, text) -> None:
    from krquality.checks import CheckContext
    from krquality.features.types import Features, Form, SpanRef

    features = Features(text, SpanRef(0, len(text), text), Form.OTHER, None)
    for label in Label:
        context = CheckContext(text, tagger(text), features, label, {}, Config())
        for finding in run_checks(context):
            assert 0 <= finding.start <= finding.end <= len(text)
            if finding.fix is not None:
                assert 0 <= finding.fix.start <= finding.fix.end <= len(text)


def test_one_run_costs_a_small_part_of_tagging_the_text(kr, tagger) -> None:
    # A ratio to spaCy's tagging of the same text, timed alternately in the same run:
    # the shared machine's speed drifts 2-3x between hours, so an absolute bound
    # (under a millisecond, about a twentieth of tagging here) fails on a busy hour.
    context = kr(TEXT, Label.METRIC, **PARTS)
    run_checks(context)  # warm the plan cache and the word lists
    tagger(TEXT)

    def per_run(run: Callable[[], object], n: int = 50) -> float:
        started = time.perf_counter()
        for _ in range(n):
            run()
        return (time.perf_counter() - started) / n

    checks, tagging = [], []
    for _ in range(7):
        checks.append(per_run(lambda: run_checks(context)))
        tagging.append(per_run(lambda: tagger(TEXT)))
    assert statistics.median(checks) < 0.3 * statistics.median(tagging)
