"""Milliseconds per key result for rewrite suggestions, against analyze() without them, same run.

For each key result (the issue's examples plus training rows that have
findings), ``analyze(text, suggestions=True)`` and ``analyze(text,
suggestions=False)`` are timed alternately; the suggestion cost is the
difference of the medians. Target: < 5 ms per key result.

    .venv/bin/python benchmarks/suggest.py [--n 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

sys.path.insert(0, __import__("os").path.dirname(__file__))
from _common import sample_texts

from krquality import get_analyzer

EXAMPLES = ["Improve customer satisfaction", "Launch the mobile app", "Increase NPS to 48"]


def _time_ms(run: object, text: str, *, suggestions: bool) -> float:
    started = time.perf_counter()
    run(text, suggestions=suggestions)  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200, help="key results with findings to time")
    parser.add_argument("--repeat", type=int, default=5, help="timings per key result and mode")
    args = parser.parse_args()

    analyzer = get_analyzer()
    candidates = EXAMPLES + sample_texts(args.n * 3)
    texts = [t for t in candidates if analyzer.analyze(t, suggestions=False).findings][: args.n]
    for text in texts[:20]:  # warm up the parser and caches
        analyzer.analyze(text)

    with_ms: list[float] = []
    without_ms: list[float] = []
    n_suggestions = 0
    for text in texts:
        on, off = [], []
        for _ in range(args.repeat):
            off.append(_time_ms(analyzer.analyze, text, suggestions=False))
            on.append(_time_ms(analyzer.analyze, text, suggestions=True))
        with_ms.append(statistics.median(on))
        without_ms.append(statistics.median(off))
        n_suggestions += len(analyzer.analyze(text).suggestions)

    med_with = statistics.median(with_ms)
    med_without = statistics.median(without_ms)
    per_kr = [a - b for a, b in zip(with_ms, without_ms, strict=True)]
    print(f"key results timed: {len(texts)} (all with findings), {args.repeat} runs each")
    print(f"suggestions returned: {n_suggestions} ({n_suggestions / max(1, len(texts)):.2f} per key result)")
    print(f"analyze() without suggestions: median {med_without:.2f} ms")
    print(f"analyze() with suggestions:    median {med_with:.2f} ms")
    print(f"suggestions alone:             median {statistics.median(per_kr):.2f} ms per key result "
          f"(p90 {sorted(per_kr)[int(0.9 * (len(per_kr) - 1))]:.2f} ms; target < 5 ms)")
    print(f"ratio with/without suggestions: {med_with / med_without:.2f}x")
    for text in EXAMPLES:
        result = analyzer.analyze(text)
        print(f"  {text!r} -> {[s.text for s in result.suggestions]}")


if __name__ == "__main__":
    main()
