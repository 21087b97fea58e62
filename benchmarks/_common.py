"""Shared helpers for the benchmarks: sample texts, medians, peak memory."""

from __future__ import annotations

import json
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sample_texts(n: int) -> list[str]:
    """``n`` key results cycled from the training data, varied by a suffix so
    no cache can help."""
    rows = []
    for path in sorted((ROOT / "training_data").glob("*.jsonl")):
        rows += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    suffixes = ["", " by Q3", " (team A)", " in 2027", " — draft"]
    return [rows[i % len(rows)] + suffixes[(i // len(rows)) % len(suffixes)] for i in range(n)]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_seconds(run: Callable[[], object], *, repeat: int) -> float:
    """Median wall time of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
