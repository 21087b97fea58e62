"""Micro-batching of concurrent single-key-result requests.

Analysing one key result at a time pays the pipeline's and the
classifier's per-call overhead every time; ``analyze_many`` pays it once
per batch. Requests that arrive while a batch is being analysed wait in a
queue and go together in the next ``analyze_many`` call, so under load the
service batches by itself, and at low load nothing waits (the first request
starts at once). Only scheduling lives here: the analysis is the library's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from krquality.result import Result

if TYPE_CHECKING:
    from krquality.api.deps import AnalysisRunner
    from krquality.engine import Analyzer

T = TypeVar("T")


@dataclass
class _Pending(Generic[T]):
    text: str
    suggestions: bool
    future: asyncio.Future[tuple[Result, T]] = field(repr=False)


class MicroBatcher(Generic[T]):
    """Queue single analyses and run them in batches of up to ``max_batch``.

    ``convert`` maps each :class:`~krquality.Result` to its response model
    in the worker thread too, so the event loop only moves bytes.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        runner: AnalysisRunner,
        *,
        convert: Callable[[Result], T],
        max_batch: int = 32,
    ) -> None:
        self.analyzer = analyzer
        self.runner = runner
        self.convert = convert
        self.max_batch = max_batch
        self._queue: list[_Pending[T]] = []
        self._draining = False

    async def analyze(self, text: str, *, suggestions: bool) -> tuple[Result, T]:
        """The result of ``analyzer.analyze(text)``, possibly computed in a batch with others."""
        future: asyncio.Future[tuple[Result, T]] = asyncio.get_running_loop().create_future()
        self._queue.append(_Pending(text, suggestions, future))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch :]
                live = [item for item in batch if not item.future.done()]  # skip cancelled requests
                if not live:
                    continue
                try:
                    outcomes = await self.runner(self._analyze, [(i.text, i.suggestions) for i in live])
                except Exception as e:
                    for item in live:
                        if not item.future.done():
                            item.future.set_exception(e)
                    continue
                for item, outcome in zip(live, outcomes, strict=True):
                    if item.future.done():
                        continue
                    if isinstance(outcome, BaseException):
                        item.future.set_exception(outcome)
                    else:
                        item.future.set_result(outcome)
        finally:
            self._draining = False

    def _analyze(self, items: list[tuple[str, bool]]) -> list[tuple[Result, T] | Exception]:
        """Analyse a batch in the worker thread; on a failure, item by item so one bad text fails alone."""
        outcomes: list[tuple[Result, T] | Exception] = [ValueError("not analysed")] * len(items)
        for flag in (True, False):
            indices = [i for i, (_, suggestions) in enumerate(items) if suggestions is flag]
            if not indices:
                continue
            texts = [items[i][0] for i in indices]
            try:
                results = list(self.analyzer.analyze_many(texts, suggestions=flag))
                for i, result in zip(indices, results, strict=True):
                    outcomes[i] = (result, self.convert(result))
            except Exception:
                for i in indices:
                    try:
                        result = self.analyzer.analyze(items[i][0], suggestions=flag)
                        outcomes[i] = (result, self.convert(result))
                    except Exception as e:
                        outcomes[i] = e
        return outcomes
