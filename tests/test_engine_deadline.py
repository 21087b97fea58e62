"""Analyzer.analyze_many and analyze_okrs with a deadline stop between chunks."""

from __future__ import annotations

import time

import pytest

import krquality
from krquality.engine import DEADLINE_CHUNK
from krquality.errors import AnalysisTimeoutError
from krquality.result import Objective

TEXTS = [f"Cut onboarding time for region {n} from 9 to {n % 5 + 2} days" for n in range(3 * DEADLINE_CHUNK)]


def test_a_deadline_in_the_past_stops_before_the_first_chunk() -> None:
    with pytest.raises(AnalysisTimeoutError, match="after 0 key results") as caught:
        list(krquality.get_analyzer().analyze_many(TEXTS, deadline=time.monotonic() - 1))
    assert caught.value.done == 0


def test_a_deadline_passing_mid_way_keeps_the_results_before_it() -> None:
    """The chunk under way when the deadline passes finishes; the next one does not start."""
    got: list[krquality.Result] = []
    late = krquality.get_analyzer().analyze_many(TEXTS, suggestions=False, deadline=time.monotonic() + 0.02)
    with pytest.raises(AnalysisTimeoutError) as caught:
        for result in late:
            got.append(result)
    assert caught.value.done == len(got) == DEADLINE_CHUNK  # a chunk of 32 takes well over 0.02 s
    assert [r.text for r in got] == TEXTS[:DEADLINE_CHUNK]


def test_a_generous_deadline_changes_nothing() -> None:
    analyzer = krquality.get_analyzer()
    plain = list(analyzer.analyze_many(TEXTS[:10], suggestions=False))
    timed = list(analyzer.analyze_many(TEXTS[:10], suggestions=False, deadline=time.monotonic() + 3600))
    assert timed == plain


def test_analyze_okrs_passes_the_deadline_on() -> None:
    objectives = [Objective("Faster onboarding", tuple(TEXTS[:5]))]
    with pytest.raises(AnalysisTimeoutError):
        krquality.get_analyzer().analyze_okrs(objectives, deadline=time.monotonic() - 1)
