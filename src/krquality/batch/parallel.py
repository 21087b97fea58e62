"""Analysing chunks of key results in worker processes, one model load per process.

spaCy's ``nlp.pipe(n_process=...)`` ships docs back through msgpack, which
cannot carry krquality's ``doc._.krq_*`` extension objects, so parallelism is
a process pool of our own (:func:`krquality.parallel.process_pool`): each
worker loads the :class:`Analyzer` once (the pool's initializer, or the first
chunk it sees on a Dask worker) and turns a chunk of texts into flat result
rows (:func:`analyze_chunk`), which are small and cheap to send back. The
runner keeps a bounded number of chunks in flight and writes them in input
order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from krquality.batch.rows import FlatValue, result_to_row
from krquality.parallel import AnalyzerSpec, cached_analyzer, init_worker, process_pool

__all__ = [
    "AnalyzerSpec",
    "ChunkOutcome",
    "InlineExecutor",
    "analyze_chunk",
    "cached_analyzer",
    "init_worker",
    "make_executor",
    "process_pool",
]

P = ParamSpec("P")
T = TypeVar("T")

ChunkOutcome = dict[str, FlatValue] | str
"""A result row, or the reason the text could not be analysed."""


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
        results = list(
            analyzer.analyze_many(texts, batch_size=max(1, len(texts)), suggestions=spec.suggestions)
        )
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
def make_executor(
    spec: AnalyzerSpec, *, jobs: int = 1, dask_scheduler: str | None = None
) -> Iterator[tuple[Executor, int]]:
    """The executor for a run and how many chunks it works on at once.

    ``jobs=1``: this process; ``jobs>1``: a process pool, which an
    interrupted run does not wait for (the rows of its chunks are after the
    last checkpoint, and a ``--resume`` run redoes them); ``dask_scheduler``:
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
