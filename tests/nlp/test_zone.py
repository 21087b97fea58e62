"""Analyses run in spaCy memory zones: new words do not stay in the vocabulary."""

from __future__ import annotations

import random
import string
import threading
from functools import cache

import pytest

import krquality
from krquality.engine import Analyzer
from krquality.nlp.zone import SharedZone, memory_zone


@cache
def base() -> Analyzer:
    return krquality.get_analyzer()


def fresh_texts(count: int, seed: int) -> list[str]:
    """Key results full of words no vocabulary has."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 11)))

    return [f"Increase {word()} {word()} usage from {i}% to {i + 20}% by Q{i % 4 + 1}" for i in range(count)]


def test_analyze_many_leaves_no_new_strings() -> None:
    analyzer = base()
    list(analyzer.analyze_many(fresh_texts(5, seed=0)))  # first-use caches, before counting
    before = len(analyzer.nlp.vocab.strings)
    results = list(analyzer.analyze_many(fresh_texts(150, seed=1)))
    assert len(analyzer.nlp.vocab.strings) == before
    assert all(r.label.value == "metric" for r in results)


def test_analyze_leaves_no_new_strings() -> None:
    analyzer = base()
    before = len(analyzer.nlp.vocab.strings)
    for text in fresh_texts(20, seed=2):
        analyzer.analyze(text)
    assert len(analyzer.nlp.vocab.strings) == before


def test_results_outlive_the_zone_unchanged() -> None:
    """A result built in a zone equals one built outside any zone, after the zone freed its strings."""
    analyzer = base()
    texts = fresh_texts(10, seed=3)
    zoned = list(analyzer.analyze_many(texts))
    # Outside any zone: the same pipeline, zone bypassed.
    unzoned = Analyzer(analyzer.nlp, analyzer.model, analyzer.config)
    unzoned.zone = _NoZone()  # type: ignore[assignment]
    assert zoned == list(unzoned.analyze_many(texts))
    assert zoned[0].structured.metric and zoned[0].structured.metric.split()[0] in texts[0]


class _NoZone:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_one_zone_per_pipeline() -> None:
    analyzer = base()
    other = Analyzer(analyzer.nlp, analyzer.model, analyzer.config)
    assert other.zone is analyzer.zone is memory_zone(analyzer.nlp)


def test_threads_share_a_zone_and_it_drains() -> None:
    """Four threads analysing at once: same results as one at a time, no strings left, and the
    zone closes now and then even though some thread is always inside."""
    analyzer = base()
    zone: SharedZone = analyzer.zone
    texts = [fresh_texts(12, seed=10 + n) for n in range(4)]
    expected = [[r.label for r in analyzer.analyze_many(chunk, suggestions=False)] for chunk in texts]
    before, closed = len(analyzer.nlp.vocab.strings), zone.zones_closed
    got: list[list[krquality.Label]] = [[] for _ in texts]
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for _ in range(3):
                got[n] = [analyzer.analyze(t, suggestions=False).label for t in texts[n]]
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert got == expected
    assert len(analyzer.nlp.vocab.strings) == before
    assert zone.zones_closed > closed


def test_a_thread_may_enter_its_zone_again() -> None:
    zone = memory_zone(base().nlp)
    with zone, zone:
        assert base().nlp.vocab.in_memory_zone
    assert not base().nlp.vocab.in_memory_zone


@pytest.mark.parametrize("max_entries", [1, 3])
def test_a_draining_zone_closes_before_new_entries(max_entries: int) -> None:
    zone = SharedZone(base().nlp, max_entries=max_entries)
    closed = zone.zones_closed
    for _ in range(max_entries * 2):
        with zone:
            pass
    assert zone.zones_closed == closed + max_entries * 2  # alone, each entry closes its own zone
