"""Analysis across processes, in input order, with bounded memory.

spaCy's own ``nlp.pipe(n_process=...)`` ships docs between processes with
msgpack, which cannot carry our ``doc._.krq_features`` objects; instead each
worker process loads its own :class:`~krquality.engine.Analyzer` once and
analyses whole chunks of texts, and only the picklable results travel back.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from krquality.config import Config
from krquality.result import Result

if TYPE_CHECKING:
    from krquality.engine import Analyzer


@dataclass(frozen=True, slots=True)
class WorkerSpec:
    """What a worker process needs to load the same analyzer as its parent."""

    model_path: Path
    spacy_model: str
    config: Config


_worker: Analyzer | None = None


def _init_worker(spec: WorkerSpec) -> None:
    global _worker
    from krquality.engine import Analyzer

    _worker = Analyzer.load(spec.model_path, spacy_model=spec.spacy_model, config=spec.config)


def _analyze_chunk(texts: list[str], suggestions: bool) -> list[Result]:
    if _worker is None:  # pragma: no cover - the initializer always ran
        raise RuntimeError("worker process was not initialised")
    return list(_worker.analyze_many(texts, suggestions=suggestions))


def analyze_parallel(
    spec: WorkerSpec,
    texts: Iterable[str],
    *,
    n_process: int,
    chunk_size: int,
    suggestions: bool,
) -> Iterator[Result]:
    """Analyse ``texts`` in ``n_process`` worker processes, yielding in input order.

    At most ``2 * n_process`` chunks are in flight, so memory stays flat
    however long ``texts`` is.
    """
    context = multiprocessing.get_context("spawn")  # fork would copy spaCy's threads' state
    iterator = iter(texts)
    with ProcessPoolExecutor(
        n_process, mp_context=context, initializer=_init_worker, initargs=(spec,)
    ) as pool:
        pending: deque[Future[list[Result]]] = deque()
        while True:
            while len(pending) < 2 * n_process:
                chunk = list(itertools.islice(iterator, chunk_size))
                if not chunk:
                    break
                pending.append(pool.submit(_analyze_chunk, chunk, suggestions))
            if not pending:
                return
            yield from pending.popleft().result()
