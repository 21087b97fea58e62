"""The result cache: LRU bookkeeping, and an analyzer that uses it answers as one without."""

from __future__ import annotations

import threading
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import krquality
from krquality.cache import ResultCache, approximate_bytes
from krquality.engine import Analyzer
from krquality.result import Result


@cache
def base() -> Analyzer:
    return krquality.get_analyzer()


def cached_analyzer(size: int) -> Analyzer:
    """The loaded pipeline and model, with a cache of its own."""
    analyzer = base()
    return Analyzer(analyzer.nlp, analyzer.model, analyzer.config, cache_size=size)


@cache
def result(text: str) -> Result:
    return base().analyze(text, suggestions=False)


def test_the_least_recently_used_entry_goes_first() -> None:
    lru = ResultCache(2)
    lru.put(("a", False), result("Ship the app"))
    lru.put(("b", False), result("Grow revenue 10%"))
    assert lru.get(("a", False)) is not None  # "a" is now the most recent
    lru.put(("c", False), result("Hold reviews"))
    assert lru.get(("b", False)) is None
    assert lru.get(("a", False)) is not None and lru.get(("c", False)) is not None
    assert len(lru) == 2
    assert (lru.hits, lru.misses) == (3, 1)


def test_a_cache_needs_room_for_one() -> None:
    with pytest.raises(ValueError, match="at least one"):
        ResultCache(0)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdefg"), st.booleans()), max_size=60), st.integers(1, 5))
def test_it_behaves_as_a_bounded_lru(operations: list[tuple[str, bool]], size: int) -> None:
    """Against a plain list model of an LRU: the same hits, never more than ``size`` entries."""
    lru, model = ResultCache(size), []
    value = result("Ship the app")
    for key, is_put in operations:
        if is_put:
            lru.put((key, False), value)
            model = [k for k in model if k != key] + [key]
            model = model[-size:]
        else:
            found = lru.get((key, False)) is not None
            assert found == (key in model)
            if found:
                model = [k for k in model if k != key] + [key]
        assert len(lru) == len(model) <= size


def test_it_is_safe_to_share_between_threads() -> None:
    lru = ResultCache(50)
    value = result("Ship the app")

    def work(offset: int) -> None:
        for i in range(2000):
            key = (str((i * 7 + offset) % 120), False)
            if lru.get(key) is None:
                lru.put(key, value)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(lru) == 50
    assert lru.hits + lru.misses == 4 * 2000


TEXTS = [
    "Increase NPS to 48",
    "Launch the partner portal",
    "Improve onboarding",
    "Increase NPS to 48",  # a repeat within the batch
    "Hold weekly pipeline reviews",
]


def test_cached_results_are_the_uncached_ones() -> None:
    analyzer = cached_analyzer(100)
    plain = list(base().analyze_many(TEXTS))
    first = list(analyzer.analyze_many(TEXTS))
    again = list(analyzer.analyze_many(TEXTS))
    assert first == plain
    assert all(a is b for a, b in zip(first, again, strict=True))  # the second pass is all hits
    assert first[0] is first[3]  # the repeat was analysed once
    assert analyzer.cache is not None and len(analyzer.cache) == 4


def test_suggestions_are_part_of_the_key_and_drafts_stay_out() -> None:
    analyzer = cached_analyzer(100)
    with_suggestions = analyzer.analyze("Increase NPS to 48")
    without = analyzer.analyze("Increase NPS to 48", suggestions=False)
    assert with_suggestions.suggestions and not without.suggestions
    # Only the two lookups' texts are stored, not the drafts analysed to verify suggestions.
    assert analyzer.cache is not None and len(analyzer.cache) == 2
    assert analyzer.analyze("Increase NPS to 48") is with_suggestions


def test_analyze_many_can_bypass_the_cache() -> None:
    analyzer = cached_analyzer(100)
    list(analyzer.analyze_many(TEXTS, cached=False))
    assert analyzer.cache is not None and len(analyzer.cache) == 0


def test_a_full_cache_keeps_the_latest_texts_and_still_answers_right() -> None:
    analyzer = cached_analyzer(2)
    texts = [f"Grow weekly active teams from {i} to {i + 9}" for i in range(6)]
    results = list(analyzer.analyze_many(texts, suggestions=False, batch_size=4))
    assert [r.text for r in results] == texts
    assert analyzer.cache is not None and len(analyzer.cache) == 2
    assert analyzer.analyze(texts[-1], suggestions=False) is results[-1]


def test_without_a_size_there_is_no_cache() -> None:
    assert cached_analyzer(0).cache is None
    assert base().cache is None  # the library default: callers opt in


def _deep_size(obj: object, seen: set[int]) -> int:
    """Bytes ``obj`` holds, following containers and dataclass fields (shared objects once)."""
    import dataclasses
    import enum
    import sys

    if id(obj) in seen or isinstance(obj, enum.Enum | type | bool | None):
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, dict):
        size += sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in obj.items())
    elif isinstance(obj, list | tuple | set | frozenset):
        size += sum(_deep_size(v, seen) for v in obj)
    elif dataclasses.is_dataclass(obj):
        size += sum(_deep_size(getattr(obj, f.name), seen) for f in dataclasses.fields(obj))
    return size


@pytest.mark.parametrize(
    "text",
    [
        "Ship the app",
        "Increase weekly active teams from 1,200 to 2,000 by end of Q3",
        "Improve the reliability of the nightly build and the release train and the docs site " * 4,
        "Reduce " + ", ".join(f"queue {i} wait to {i} min" for i in range(40)),
    ],
)
@pytest.mark.parametrize("suggestions", [True, False])
def test_the_byte_estimate_is_within_a_factor_of_four(text: str, suggestions: bool) -> None:
    value = base().analyze(text[:1000], suggestions=suggestions)
    actual = _deep_size(value, {id(value.model_version)})
    estimate = approximate_bytes((value.text, suggestions), value)
    assert actual / 4 <= estimate <= actual * 4


def test_the_byte_bound_drops_the_oldest_entries() -> None:
    small, large = result("Ship the app"), result("Hold reviews " * 70)
    budget = approximate_bytes(("a", False), small) * 3
    lru = ResultCache(100, max_bytes=budget)
    for key in "abc":
        lru.put((key, False), small)
    assert len(lru) == 3 and lru.bytes <= budget
    lru.put(("d", False), small)  # over the bytes, though far under 100 entries
    assert lru.get(("a", False)) is None and len(lru) == 3
    lru.put(("e" * 900, False), large)  # alone over the bound: not stored, nothing dropped for it
    assert lru.get(("e" * 900, False)) is None and len(lru) == 3
    lru.put(("b", False), small)  # a replaced entry is not counted twice
    assert lru.bytes == 3 * approximate_bytes(("a", False), small)
    lru.clear()
    assert lru.bytes == 0


def test_a_long_text_flood_stays_within_the_byte_bound() -> None:
    analyzer = Analyzer(base().nlp, base().model, base().config, cache_size=10_000, cache_bytes=200_000)
    texts = [
        f"Migrate service {i} to the new cluster and retire the old " + "node pool " * 60 for i in range(40)
    ]
    list(analyzer.analyze_many(texts, suggestions=False))
    assert analyzer.cache is not None
    assert 0 < len(analyzer.cache) < 40 and analyzer.cache.bytes <= 200_000
