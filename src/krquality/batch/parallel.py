"""Analysing chunks of key results in worker processes, one model load per process.

spaCy's ``nlp.pipe(n_process=...)`` ships docs back through msgpack, which
cannot carry krquality's ``doc._.krq_*`` extension objects, so parallelism is
a process pool of our own: each worker loads the :class:`Analyzer` once (the
pool's initializer, or the first chunk it sees on a Dask worker) and turns a
chunk of texts into flat result rows (:func:`analyze_chunk`), which are small
and cheap to send back. The runner keeps a bounded number of chunks in
flight and writes them in input order.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from krquality.batch.rows import FlatValue, result_to_row

if TYPE_CHECKING:
    from krquality.engine import Analyzer

P = ParamSpec("P")
T = TypeVar("T")

ChunkOutcome = dict[str, FlatValue] | str
"""A result row, or the reason the text could not be analysed."""


@dataclass(frozen=True, slots=True)
class AnalyzerSpec:
    """How a worker process gets its analyzer; picklable, so it can travel to workers.

    With neither ``model_path`` nor ``factory`` the process-wide default
    (:func:`krquality.get_analyzer`) is used. ``factory`` is a zero-argument
    callable defined at module level (so it pickles), for embedding or tests.
    """

    model_path: str | None = None
    spacy_model: str | None = None
    factory: Callable[[], Analyzer] | None = None
    suggestions: bool = True

    def load(self) -> Analyzer:
        if self.factory is not None:
            return self.factory()
        if self.model_path is None and self.spacy_model is None:
            from krquality import get_analyzer

            return get_analyzer()
        from krquality.engine import Analyzer

        return Analyzer.load(self.model_path, spacy_model=self.spacy_model)


_analyzers: dict[tuple[str | None, str | None, Any], Analyzer] = {}
_analyzers_lock = threading.Lock()


def cached_analyzer(spec: AnalyzerSpec) -> Analyzer:
    """The analyzer for ``spec`` in this process, loaded on first use only."""
    key = (spec.model_path, spec.spacy_model, spec.factory)
    analyzer = _analyzers.get(key)
    if analyzer is None:
        with _analyzers_lock:
            analyzer = _analyzers.get(key)
            if analyzer is None:
                analyzer = _analyzers[key] = spec.load()
    return analyzer


def init_worker(spec: AnalyzerSpec) -> None:
    """Process-pool initializer: load the model once; leave Ctrl-C to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    cached_analyzer(spec)


def analyze_chunk(spec: AnalyzerSpec, texts: list[str]) -> list[ChunkOutcome]:
    """Analyse ``texts`` (already validated) into flat result rows, in order.

    If the batch fails as a whole, each text is retried alone so that one
    text the engine cannot handle costs only its own row, reported as
    ``"analysis failed: ..."``.

    >>> analyze_chunk(AnalyzerSpec(suggestions=False), ["Double weekly active teams"])[0]["label"]
    'metric'
    """
    analyzer = cached_analyzer(spec)
    try:
        results = list(analyzer.analyze_many(texts, batch_size=max(1, len(texts)),
                                             suggestions=spec.suggestions))
        return [result_to_row(result) for result in results]
    except Exception:  # isolate the culprit below; the chunk as a whole must not fail
        pass
    outcomes: list[ChunkOutcome] = []
    for text in texts:
        try:
            outcomes.append(result_to_row(analyzer.analyze(text, suggestions=spec.suggestions)))
        except Exception as e:  # one row's failure is reported in the errors file
            outcomes.append(f"analysis failed: {type(e).__name__}: {e}")
    return outcomes


class InlineExecutor(Executor):
    """Runs each call at once in this process; for ``jobs=1``, same code path as a pool."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as e:
            if not isinstance(e, Exception):
                raise
            future.set_exception(e)
        return future


@contextmanager
def process_pool(spec: AnalyzerSpec, *, jobs: int) -> Iterator[Executor]:
    """A pool of ``jobs`` spawned processes, each with its analyzer loaded.

    Spawned rather than forked: the parent may run threads (the progress
    bar), and forking a process with threads can deadlock.
    """
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(spec,),
    )
    try:
        yield pool
    except BaseException:
        # Interrupted: do not wait for chunks being analysed; their rows are
        # after the last checkpoint and a --resume run redoes them.
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    else:
        pool.shutdown(wait=True)


@contextmanager
def make_executor(
    spec: AnalyzerSpec, *, jobs: int = 1, dask_scheduler: str | None = None
) -> Iterator[tuple[Executor, int]]:
    """The executor for a run and how many chunks it works on at once.

    ``jobs=1``: this process; ``jobs>1``: a process pool; ``dask_scheduler``:
    the workers of a Dask cluster (see :mod:`krquality.dask`).
    """
    if dask_scheduler is not None:
        from krquality.dask import cluster_executor

        with cluster_executor(dask_scheduler, spec) as (executor, workers):
            yield executor, workers
    elif jobs > 1:
        with process_pool(spec, jobs=jobs) as pool:
            yield pool, jobs
    else:
        yield InlineExecutor(), 1
