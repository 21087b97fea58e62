"""Shared helpers for the benchmarks: sample texts, medians, peak memory."""

from __future__ import annotations

import contextlib
import json
import resource
import statistics
import threading
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


def tree_memory_mb(pid: int, *, pss: bool = False) -> tuple[float, float, int]:
    """Memory of process ``pid`` and its children in MB: the sum of their RSS (pages they
    share counted in each), the sum of their PSS (a shared page split between its
    sharers; 0 unless ``pss``, which reads each process's smaps and costs more), and
    how many children there are.
    """
    import psutil

    process = psutil.Process(pid)
    members = [process, *process.children(recursive=True)]
    rss = proportional = 0
    for member in members:
        with contextlib.suppress(psutil.Error):  # a child that just exited
            if pss:
                info = member.memory_full_info()
                rss += info.rss
                proportional += getattr(info, "pss", info.rss)
            else:
                rss += member.memory_info().rss
    return rss / 2**20, proportional / 2**20, len(members) - 1


class TreeMemory:
    """Samples :func:`tree_memory_mb` every ``interval`` seconds in a thread; keeps the peaks (MB)."""

    def __init__(self, pid: int, *, interval: float = 0.1, pss: bool = False) -> None:
        self.pid = pid
        self.interval = interval
        self.pss = pss
        self.peak_rss = 0.0
        self.peak_pss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                rss, pss, _ = tree_memory_mb(self.pid, pss=self.pss)
            except psutil.Error:  # the process is gone
                return
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
