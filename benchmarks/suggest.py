"""Suggestion time per key result, as ratios against baselines measured in the same run.

For each key result with findings (the examples below plus training rows),
three things are timed in turn, ``--repeat`` times each, and each one's
median kept:

* ``B``: bare spaCy on the text (the shipped model's tok2vec, tagger,
  attribute_ruler and lemmatizer, none of krquality's code): the in-run
  baseline, which says how fast the machine is right now;
* ``A``: ``analyze(text, suggestions=False)``;
* ``A + S``: ``analyze(text, suggestions=True)``; ``S`` is the difference,
  what asking for suggestions costs for that key result.

The shared machine's speed drifts 2-3x from run to run, so absolute
milliseconds do not compare across runs; ratios within a run do. The
target, "suggestions under 5 ms each", is read on a reference machine whose
bare-spaCy median is :data:`REFERENCE_BASELINE_MS`: there it is the ratio
``S / B <= 5 / REFERENCE_BASELINE_MS``, and a run reports how far it is
from that ratio (``(S / B) / (5 / REFERENCE_BASELINE_MS)``, under 1.00 meets
the target), which is the same as scaling the 5 ms by how much slower this
run's machine is than the reference. ``S`` is reported per key result (the
median over key results, what one request costs, and the mean: about half
the key results with findings get no draft and cost next to nothing, so the
median jumps with the mix of texts) and per suggestion returned (total
``S`` over the suggestions returned).
``analyze()`` without suggestions is also printed as a ratio to ``B``, and
the old with/without ratio, for continuity with earlier figures.

Timings alternate between the modes, so drift within the run hits all of
them alike, and they are the process's CPU time (``--clock cpu``, the
default): wall time (``--clock wall``) also counts the time other jobs on
the machine hold the cores. CPU time still drifts with load (shared caches),
less.

    .venv/bin/python benchmarks/suggest.py [--n 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import spacy

sys.path.insert(0, __import__("os").path.dirname(__file__))
from _common import sample_texts

from krquality import get_analyzer
from krquality.nlp.loader import CLASSIFY_DISABLED, EXCLUDED, resolve_spacy_model

EXAMPLES = ["Improve customer satisfaction", "Launch the mobile app", "Increase NPS to 48"]
TARGET_MS = 5.0
# Bare spaCy's median per key result (these texts, one at a time) on the reference machine:
# the project's 2-core machine, taken as the fastest of the medians of repeated runs,
# when it was least loaded (2026-12-07). The 5 ms target holds there.
REFERENCE_BASELINE_MS = 3.2


# The CPU time of this process by default: on a machine shared with other jobs, wall time
# also counts the time they hold the cores, which is most of the drift between runs.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def _time_ms(run: Callable[[], object], clock: Callable[[], float]) -> float:
    started = clock()
    run()
    return (clock() - started) * 1000


def _p90(values: list[float]) -> float:
    return sorted(values)[int(0.9 * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="key results with findings to time")
    parser.add_argument("--repeat", type=int, default=5, help="timings per key result and mode")
    parser.add_argument(
        "--reference-ms",
        type=float,
        default=REFERENCE_BASELINE_MS,
        help="bare spaCy's median on the reference machine",
    )
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu", help="what is timed")
    args = parser.parse_args()
    clock = CLOCKS[args.clock]

    analyzer = get_analyzer()
    bare = spacy.load(resolve_spacy_model(), exclude=list(EXCLUDED))
    for pipe in CLASSIFY_DISABLED:
        bare.disable_pipe(pipe)
    candidates = EXAMPLES + sample_texts(args.n * 3)
    texts = [t for t in candidates if analyzer.analyze(t, suggestions=False).findings][: args.n]
    for text in texts[:20]:  # warm up the parser and caches
        analyzer.analyze(text)
        bare(text)

    base_ms: list[float] = []
    without_ms: list[float] = []
    with_ms: list[float] = []
    n_suggestions = 0
    for text in texts:
        b, off, on = [], [], []
        for _ in range(args.repeat):
            b.append(_time_ms(lambda: bare(text), clock))  # noqa: B023 - called at once
            off.append(_time_ms(lambda: analyzer.analyze(text, suggestions=False), clock))  # noqa: B023
            on.append(_time_ms(lambda: analyzer.analyze(text, suggestions=True), clock))  # noqa: B023
        base_ms.append(statistics.median(b))
        without_ms.append(statistics.median(off))
        with_ms.append(statistics.median(on))
        n_suggestions += len(analyzer.analyze(text).suggestions)

    base = statistics.median(base_ms)
    without = statistics.median(without_ms)
    per_kr = [a - b for a, b in zip(with_ms, without_ms, strict=True)]
    suggest = statistics.median(per_kr)
    mean = statistics.fmean(per_kr)
    per_suggestion = sum(per_kr) / max(1, n_suggestions)
    target_ratio = TARGET_MS / args.reference_ms
    print(f"key results timed: {len(texts)} (all with findings), {args.repeat} runs each, {args.clock} time")
    print(f"suggestions returned: {n_suggestions} ({n_suggestions / max(1, len(texts)):.2f} per key result)")
    print(f"baseline B, bare spaCy:          median {base:.2f} ms (reference {args.reference_ms:.2f} ms)")
    print(f"analyze() without suggestions A: median {without:.2f} ms = {without / base:.2f} B")
    print(f"suggestions alone S:             median {suggest:.2f} ms a key result = {suggest / base:.2f} B "
          f"(mean {mean / base:.2f} B, p90 {_p90(per_kr) / base:.2f} B); "
          f"{per_suggestion / base:.2f} B a suggestion returned")
    print(f"target: S <= {target_ratio:.2f} B (5 ms on the reference machine)")
    print(f"S against the target: {suggest / base / target_ratio:.2f} a key result (median), "
          f"{mean / base / target_ratio:.2f} (mean), {per_suggestion / base / target_ratio:.2f} a suggestion "
          f"returned (under 1.00 meets it); S scaled to the reference machine: "
          f"{suggest * args.reference_ms / base:.2f} ms (median)")
    print(f"ratio with/without suggestions: {statistics.median(with_ms) / without:.2f}x")
    for text in EXAMPLES:
        result = analyzer.analyze(text)
        print(f"  {text!r} -> {[s.text for s in result.suggestions]}")


if __name__ == "__main__":
    main()
