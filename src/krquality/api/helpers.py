"""Analysis helper processes: a worker's other cores, for big batches.

Analysis holds the GIL for most of its time, so a worker's threads share
one core: two threads analyse a batch in about 0.8x the time of one. A
helper is a process forked from the worker once its model is loaded, so it
starts at once and shares the model's memory pages with the worker until
either writes to them. The batch route hands chunks to the worker's
threads and to its helpers alike (:func:`krquality.api.routes.classify`),
and each chunk comes back as :class:`Rendered` results: the JSON body the
worker sends and the little its metrics count, so nothing big is pickled.
The micro-batcher of single requests (:mod:`krquality.api.batching`) uses
a helper the same way, for a batch that queues while its thread is busy.

Helpers are for a worker that has the machine's cores to itself:
:func:`helper_count` gives one helper to a lone worker on a machine with
two or more cores, and none where there are several workers (they take the
cores already) or where ``fork`` is not available. The result cache is per
process: a helper's answers do not warm the worker's. The worker's cache
bounds (``KRQ_CACHE_SIZE``, ``KRQ_CACHE_BYTES``) are shared out between the
worker and its helpers (:func:`share_cache`), so together they hold what
the settings say, and the worker takes its whole share back if they go.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import stat
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from krquality.api import convert
from krquality.feedback.overlay import CorrectionIndex

if TYPE_CHECKING:
    from krquality.cache import ResultCache
    from krquality.engine import Analyzer
    from krquality.feedback.types import Override
    from krquality.result import Result

T = TypeVar("T")

logger = logging.getLogger("krquality.api")
# Seconds a new helper gets to answer its first task before it is killed.
START_TIMEOUT = 30.0
# Seconds a helper gets for one chunk or micro-batch (some 0.1 s of work)
# before it counts as hung: it is killed and the worker does the work.
TASK_TIMEOUT = 60.0

# Single-request batches each helper holds at once: one it analyses and one
# queued behind it, so it never waits for the worker to hand it the next. With
# one, a helper sat idle a third to a half of the time while its results
# crossed back and the worker's event loop waited for the GIL to send more
# (with wrk at 32 clients without suggestions: 0.53 of a core busy, 0.80
# with two and 0.91 with three, at the same throughput for two and three).
# A large batch's chunks keep one lane per helper: they are long enough that
# the wait does not show, and a second lane would take a thread's chunk.
IN_FLIGHT = 2

# Set in each helper by _adopt, at fork: the worker's analyzer, shared copy-on-write.
_ANALYZER: Analyzer | None = None
# A helper's standing corrections: the worker sends those of each task's texts
# with the task (a correction made after the fork reaches the helper so).
_CORRECTIONS = CorrectionIndex()


@dataclass(frozen=True, slots=True)
class Rendered:
    """One analysed key result as the service sends and counts it."""

    label: str
    codes: tuple[str, ...]
    body: bytes


def render(result: Result) -> Rendered:
    """``result`` as its JSON body (:func:`~krquality.api.convert.result_json`), label and finding codes."""
    return Rendered(result.label.value, tuple(f.code for f in result.findings), convert.result_json(result))


def analyze_rendered(analyzer: Analyzer, texts: Sequence[str], suggestions: bool) -> list[Rendered]:
    """``analyzer.analyze_many(texts)``, rendered; runs in a worker thread or a helper alike."""
    return [render(r) for r in analyzer.analyze_many(texts, suggestions=suggestions)]


Outcome = Rendered | Exception


def analyze_items(analyzer: Analyzer, items: Sequence[tuple[str, bool]]) -> list[Outcome]:
    """Analyse ``(text, suggestions)`` pairs, rendered, in order; on a failure item by item,
    so one bad text fails alone (its outcome is the exception)."""
    outcomes: list[Outcome] = [ValueError("not analysed")] * len(items)
    for flag in (True, False):
        indices = [i for i, (_, suggestions) in enumerate(items) if suggestions is flag]
        if not indices:
            continue
        try:
            rendered = analyze_rendered(analyzer, [items[i][0] for i in indices], flag)
            for i, one in zip(indices, rendered, strict=True):
                outcomes[i] = one
        except Exception:
            for i in indices:
                try:
                    outcomes[i] = render(analyzer.analyze(items[i][0], suggestions=flag))
                except Exception as e:
                    outcomes[i] = e
    return outcomes


def helper_count(requested: int | None, *, workers: int) -> int:
    """How many helpers a worker starts: ``requested``, or by default one for a lone worker
    on a Linux machine with two or more cores; none without ``fork``.

    >>> helper_count(None, workers=4)
    0
    >>> helper_count(0, workers=1)
    0
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    if requested is not None:
        return requested
    if sys.platform != "linux":
        # Only Linux ties a helper's life to its worker (PR_SET_PDEATHSIG), and
        # macOS's system libraries are not safe to use after a fork: opt in there.
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 1 if workers == 1 and cores >= 2 else 0


# From linux/prctl.h: deliver a signal to this process when its parent dies.
_PR_SET_PDEATHSIG = 1


def _adopt(analyzer: Analyzer, worker: int) -> None:
    """Set up a freshly forked helper of the worker process ``worker``."""
    global _ANALYZER
    _ANALYZER = analyzer
    analyzer.corrections = _CORRECTIONS
    # The fork copied the worker's signal set-up, in which asyncio turns
    # SIGTERM and SIGINT into bytes on a pipe only the worker reads. A helper
    # ignores Ctrl-C (the worker shuts it down once in-flight requests are
    # done), dies on SIGTERM, and gets SIGTERM if the worker is killed
    # outright, so it is never left behind.
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _close_sockets()
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != worker:  # the worker died before the line above
            os._exit(1)


def _close_sockets() -> None:
    """Close the sockets the fork copied: the listener and any open connection.

    A copy held here keeps a connection open after the worker closes it (a
    keep-alive client would wait for an answer that never comes) and keeps
    the port accepting after the worker stops listening. The helper talks to
    the worker over pipes only.
    """
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc: nothing to go by
        return
    for fd in fds:
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:  # the listing's own descriptor, already closed
            continue


def _own_analyzer() -> Analyzer:
    if _ANALYZER is None:  # pragma: no cover - only if a helper was started another way
        raise RuntimeError("this helper has no analyzer")
    return _ANALYZER


def _in_helper(texts: Sequence[str], suggestions: bool, overrides: dict[str, Override]) -> list[Rendered]:
    _CORRECTIONS.replace(overrides)
    return analyze_rendered(_own_analyzer(), texts, suggestions)


def _items_in_helper(items: Sequence[tuple[str, bool]], overrides: dict[str, Override]) -> list[Outcome]:
    _CORRECTIONS.replace(overrides)
    return analyze_items(_own_analyzer(), items)


def _ready() -> None:
    """A first task: with the fork context, the executor starts its processes on the first submit."""


def pin_cpus(helper_pids: Sequence[int], cpus: Sequence[int]) -> bool:
    """Pin this worker (every thread of it) and each helper to a CPU of their own, from ``cpus``.

    Measured with one helper on two cores, in alternating runs of the same
    server: 642-679 req/s with suggestions at 32 clients pinned, 565-620
    free, p99 77-85 ms against 86-99. Free, the scheduler moves the worker's
    threads and the helper between the cores, and each move leaves the
    model's weights in the other core's cache. ``cpus`` is this process's
    affinity set (a container's cpuset is respected); with fewer than one
    per process, or off Linux, nothing is pinned and False is returned.
    """
    if not hasattr(os, "sched_setaffinity") or not helper_pids or len(cpus) < 1 + len(helper_pids):
        return False
    for tid in _threads():
        with contextlib.suppress(OSError):  # a thread that ended meanwhile
            os.sched_setaffinity(tid, {cpus[0]})
    for pid, cpu in zip(helper_pids, cpus[1:], strict=False):
        with contextlib.suppress(OSError):  # a helper that died meanwhile
            os.sched_setaffinity(pid, {cpu})
    return True


def unpin_cpus(cpus: Sequence[int]) -> None:
    """Let every thread of this worker run on ``cpus`` again (once its helpers are gone)."""
    for tid in _threads():
        with contextlib.suppress(OSError):
            os.sched_setaffinity(tid, set(cpus))


def _threads() -> list[int]:
    """This process's thread ids (threads started later inherit their creator's CPUs)."""
    try:
        return [int(name) for name in os.listdir("/proc/self/task")]
    except OSError:
        return [0]


class HelperGone(RuntimeError):
    """A helper process died (killed, out of memory); the pool takes no more work."""


def share_cache(cache: ResultCache | None, parts: int) -> tuple[int, int | None] | None:
    """Bound ``cache`` to one of ``parts`` equal shares of its entries and bytes; return its
    bounds before, to give back with :func:`restore_cache` (None without a cache).

    A helper forked from the worker starts with a copy of the worker's cache
    and fills it on its own: each with the whole bound, a worker with one
    helper held twice what ``KRQ_CACHE_SIZE`` and ``KRQ_CACHE_BYTES`` allow,
    and its memory grew until both were full, at twice as many requests.

    >>> from krquality.cache import ResultCache
    >>> cache = ResultCache(2048, max_bytes=8_000_000)
    >>> share_cache(cache, 2), (cache.size, cache.max_bytes)
    ((2048, 8000000), (1024, 4000000))
    """
    if cache is None:
        return None
    before = (cache.size, cache.max_bytes)
    cache.size = max(cache.size // parts, 1)
    if cache.max_bytes is not None:
        cache.max_bytes = max(cache.max_bytes // parts, 1)
    return before


def restore_cache(cache: ResultCache | None, bounds: tuple[int, int | None] | None) -> None:
    """Give ``cache`` back the bounds :func:`share_cache` returned (a worker whose helpers are gone)."""
    if cache is not None and bounds is not None:
        cache.size, cache.max_bytes = bounds


class HelperPool:
    """``processes`` helpers forked from this process, sharing ``analyzer``.

    Forked at construction, from the calling thread: call it from the event
    loop's thread, which lives as long as the worker (a helper's death
    signal is tied to the thread that forked it, see :func:`_adopt`).
    :meth:`analyze` is awaited from the event loop; :meth:`close` lets
    running chunks finish.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        processes: int,
        *,
        start_timeout: float = START_TIMEOUT,
        task_timeout: float = TASK_TIMEOUT,
        pin: bool = False,
    ) -> None:
        if processes < 1:
            raise ValueError("a helper pool needs at least one process")
        self.processes = processes
        self.analyzer = analyzer
        self.task_timeout = task_timeout
        self.broken = False
        # The CPUs this worker may use, given back to its threads when the helpers go.
        self._cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        self.pinned = False
        # Before the fork, so each helper starts with its share too.
        self._cache_bounds = share_cache(getattr(analyzer, "cache", None), processes + 1)
        self._executor = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_adopt,
            initargs=(analyzer, os.getpid()),
        )
        with warnings.catch_warnings():
            # Python 3.12+ warns on fork from a process with threads. The
            # helpers only run _in_helper, which takes no lock another
            # thread of the worker could have held at the fork.
            warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork.*")
            try:
                self._executor.submit(_ready).result(timeout=start_timeout)
            except BaseException:
                self._stop()
                raise
        if pin:
            # The fork context starts every helper on the first task: all are there now.
            self.pinned = pin_cpus(self.pids, self._cpus)

    def _processes(self) -> dict[int, multiprocessing.Process]:
        # ProcessPoolExecutor keeps its processes in a private dict, by pid.
        processes: dict[int, multiprocessing.Process] = getattr(self._executor, "_processes", None) or {}
        return processes

    @property
    def lanes(self) -> int:
        """How many micro-batches the pool takes at once: :data:`IN_FLIGHT` per helper."""
        return self.processes * IN_FLIGHT

    @property
    def healthy(self) -> bool:
        """Every helper is alive and taking work (False once one died, hung or was stopped).

        A helper killed while idle shows here at once, before any work is sent its way.
        """
        if self.broken or getattr(self._executor, "_broken", False):
            return False
        processes = self._processes()
        return len(processes) == self.processes and all(p.is_alive() for p in processes.values())

    @property
    def pids(self) -> list[int]:
        """The helpers' process ids."""
        return sorted(self._processes())

    async def analyze(self, texts: Sequence[str], suggestions: bool) -> list[Rendered]:
        """:func:`analyze_rendered` in a helper, without blocking the event loop.

        Raises :class:`HelperGone` if a helper died; the caller analyses the
        chunk itself, and this pool stays out of the way from then on.
        """
        return await self._submit(_in_helper, list(texts), suggestions, self._overrides(texts))

    async def analyze_items(self, items: Sequence[tuple[str, bool]]) -> list[Outcome]:
        """:func:`analyze_items` in a helper (the micro-batcher's lane); :class:`HelperGone` as above."""
        return await self._submit(_items_in_helper, list(items), self._overrides(t for t, _ in items))

    def _overrides(self, texts: Iterable[str]) -> dict[str, Override]:
        """The worker's standing corrections of ``texts``, for the helper that analyses them."""
        corrections: CorrectionIndex | None = getattr(self.analyzer, "corrections", None)
        return corrections.subset(texts) if corrections else {}

    async def _submit(self, func: Callable[..., T], *args: object) -> T:
        if self.broken:
            raise HelperGone("the helper processes are gone")
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._executor, func, *args)
        except RuntimeError as e:  # "cannot schedule new futures after shutdown"
            self._broke()
            raise HelperGone(f"the helper processes are stopped: {e}") from e
        try:
            return await asyncio.wait_for(future, self.task_timeout)
        except TimeoutError as e:
            if not self.broken:
                logger.warning(
                    "a helper took over %.0f s on one task and was stopped; this worker analyses alone",
                    self.task_timeout,
                )
                self._stop()
            raise HelperGone("a helper process hung") from e
        except BrokenProcessPool as e:
            if not self.broken:
                self._broke()
                logger.warning("a helper process died (%s); this worker analyses everything itself", e)
            raise HelperGone(f"a helper process died: {e}") from e
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if (task is not None and task.cancelling()) or not self.broken:
                raise  # the caller itself is being cancelled
            # close() cancelled the chunk before a helper took it.
            raise HelperGone("the helper processes are stopped") from None

    def close(self) -> None:
        """Stop the helpers once the chunks they run are done; later calls raise :class:`HelperGone`."""
        self._broke()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def _broke(self) -> None:
        """Take no more work; a worker pinned to one CPU gets all of its CPUs back."""
        self.broken = True
        restore_cache(getattr(self.analyzer, "cache", None), self._cache_bounds)
        self._cache_bounds = None
        if self.pinned:
            self.pinned = False
            unpin_cpus(self._cpus)

    def _stop(self) -> None:
        """Stop at once: a helper that did not start in time is killed, not waited for."""
        self._broke()
        for process in list(self._processes().values()):
            process.kill()
        self._executor.shutdown(wait=False, cancel_futures=True)
