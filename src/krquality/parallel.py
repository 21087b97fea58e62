"""Analysis across processes, in input order, with bounded memory.

spaCy's own ``nlp.pipe(n_process=...)`` ships docs between processes with
msgpack, which cannot carry our ``doc._.krq_features`` objects; instead each
worker process loads its own :class:`~krquality.engine.Analyzer` once and
analyses whole chunks of texts, and only the picklable results travel back.

The pieces every pool needs live here: :class:`AnalyzerSpec` (how a worker
loads its analyzer), :func:`cached_analyzer` (one analyzer per process),
:func:`init_worker` and :func:`process_pool`. :func:`analyze_parallel` uses
them for ``Analyzer.analyze_many(n_process=...)``, and the batch runner
(:mod:`krquality.batch.parallel`) builds on them.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from krquality.config import Config
from krquality.result import Result

if TYPE_CHECKING:
    from krquality.engine import Analyzer


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    """How a worker process gets its analyzer; picklable, so it can travel to workers.

    ``factory``, a zero-argument callable defined at module level (so it
    pickles), wins over the rest, for embedding or tests. Otherwise the
    analyzer is ``Analyzer.load(model_path, spacy_model=..., config=...)``
    (``config=None``: :func:`~krquality.config.load_config`), and with none
    of the three set, the process-wide default (:func:`krquality.get_analyzer`).
    ``suggestions`` is whether the chunks analysed with it ask for rewrites.

    >>> AnalyzerSpec(suggestions=False).load() is AnalyzerSpec().load()
    True
    """

    model_path: str | Path | None = None
    spacy_model: str | None = None
    factory: Callable[[], Analyzer] | None = None
    suggestions: bool = True
    config: Config | None = None
    cycle: str | None = None  # the OKR cycle of the texts analysed with it

    def load(self) -> Analyzer:
        if self.factory is not None:
            return self.factory()
        if self.model_path is None and self.spacy_model is None and self.config is None:
            from krquality import get_analyzer

            return get_analyzer()
        from krquality.engine import Analyzer

        return Analyzer.load(self.model_path, spacy_model=self.spacy_model, config=self.config)

    def check(self) -> None:
        """Raise now what :meth:`load` would raise in a worker, without loading spaCy.

        The model file is verified and its compiled form loaded (about a
        megabyte), the spaCy model is looked up and the configuration read:
        a bad model is then one clear error before any output exists,
        not a worker that dies in the middle of a run. A ``factory`` is
        trusted as it is.
        """
        if self.factory is not None:
            return
        from krquality.config import load_config
        from krquality.model.io import load_model
        from krquality.nlp.loader import resolve_spacy_model

        load_model(self.model_path)
        resolve_spacy_model(self.spacy_model)
        if self.config is None:
            load_config()


_analyzers: dict[tuple[str | Path | None, str | None, Any, str], Analyzer] = {}
_analyzers_lock = threading.Lock()


def cached_analyzer(spec: AnalyzerSpec) -> Analyzer:
    """The analyzer for ``spec`` in this process, loaded on first use only.

    >>> cached_analyzer(AnalyzerSpec()) is cached_analyzer(AnalyzerSpec(suggestions=False))
    True
    """
    # Config holds a dict, so it cannot be hashed; its repr stands in for it.
    key = (spec.model_path, spec.spacy_model, spec.factory, repr(spec.config))
    analyzer = _analyzers.get(key)
    if analyzer is None:
        with _analyzers_lock:
            analyzer = _analyzers.get(key)
            if analyzer is None:
                analyzer = _analyzers[key] = spec.load()
    return analyzer


PARENT_CHECK_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# Not SIGKILL: the kernel sends the death signal when the *thread* that started the worker ends,
# which a caller's short-lived thread may do while the parent lives on. The handler tells the two
# apart by asking who the parent is now.
_DEATH_SIGNAL = signal.SIGUSR1


def _exit_if_orphaned(parent_pid: int) -> None:
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent is gone (kill -9, a crash): nobody will read our results


def die_with_parent(parent_pid: int) -> None:
    """Make this worker process end when ``parent_pid`` does, however it ends.

    A worker blocked on its task queue would otherwise outlive a parent
    killed with SIGKILL, holding its memory (a model and a spaCy pipeline)
    forever. On Linux the kernel signals the worker at once
    (``prctl(PR_SET_PDEATHSIG)`` through ctypes); everywhere a daemon thread
    also checks the parent's pid every :data:`PARENT_CHECK_SECONDS`.

    >>> die_with_parent(os.getppid())  # doctest: +SKIP
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            signal.signal(_DEATH_SIGNAL, lambda signum, frame: _exit_if_orphaned(parent_pid))
            libc.prctl(_PR_SET_PDEATHSIG, int(_DEATH_SIGNAL), 0, 0, 0)

    def watch() -> None:
        while True:
            _exit_if_orphaned(parent_pid)
            time.sleep(PARENT_CHECK_SECONDS)

    _exit_if_orphaned(parent_pid)  # the parent may have died before the death signal was set up
    threading.Thread(target=watch, name="krq-parent-watch", daemon=True).start()


def init_worker(spec: AnalyzerSpec, parent_pid: int | None = None) -> None:
    """Process-pool initializer: die with the parent, leave Ctrl-C to it, load the model once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent_pid is not None:
        die_with_parent(parent_pid)
    cached_analyzer(spec)


@contextmanager
def process_pool(spec: AnalyzerSpec, *, jobs: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` spawned processes, each with its analyzer loaded.

    Spawned rather than forked: the parent may run threads (a progress bar,
    spaCy's), and forking a process with threads can deadlock. Each worker
    dies with the parent (:func:`die_with_parent`), even one killed with
    SIGKILL. Interrupted
    (Ctrl-C, an error, a consumer that stops early), it does not wait for
    the chunks being analysed: the workers are terminated.

    >>> with process_pool(AnalyzerSpec(), jobs=2) as pool:  # doctest: +SKIP
    ...     pool.submit(len, "abc").result()
    3
    """
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(spec, os.getpid()),
    )
    try:
        yield pool
    except BaseException:
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    else:
        pool.shutdown(wait=True)


def _analyze_chunk(spec: AnalyzerSpec, texts: list[str]) -> list[Result]:
    return list(cached_analyzer(spec).analyze_many(texts, suggestions=spec.suggestions, cycle=spec.cycle))


def analyze_parallel(
    spec: AnalyzerSpec,
    texts: Iterable[str],
    *,
    n_process: int,
    chunk_size: int,
) -> Iterator[Result]:
    """Analyse ``texts`` in ``n_process`` worker processes, yielding in input order.

    At most ``2 * n_process`` chunks are in flight, so memory stays flat
    however long ``texts`` is.

    >>> [r.label for r in analyze_parallel(AnalyzerSpec(), ["Double weekly active teams"],
    ...                                    n_process=2, chunk_size=8)]  # doctest: +SKIP
    [<Label.METRIC: 'metric'>]
    """
    iterator = iter(texts)
    with process_pool(spec, jobs=n_process) as pool:
        pending: deque[Future[list[Result]]] = deque()
        while True:
            while len(pending) < 2 * n_process:
                chunk = list(itertools.islice(iterator, chunk_size))
                if not chunk:
                    break
                pending.append(pool.submit(_analyze_chunk, spec, chunk))
            if not pending:
                return
            yield from pending.popleft().result()
