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
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from krquality.api.helpers import HelperGone, HelperPool, Outcome, Rendered, analyze_items

if TYPE_CHECKING:
    from krquality.api.deps import AnalysisRunner
    from krquality.engine import Analyzer

Items = list[tuple[str, bool]]
Lane = Callable[[Items], Awaitable[list[Outcome]]]


@dataclass
class _Pending:
    text: str
    suggestions: bool
    future: asyncio.Future[Rendered] = field(repr=False)


class _HelperLane:
    """One of the helpers' lanes: the pool takes
    :data:`~krquality.api.helpers.IN_FLIGHT` batches per process at once, so
    each helper has its next batch queued while it analyses one."""

    def __init__(self, batcher: MicroBatcher) -> None:
        self.batcher = batcher

    async def __call__(self, items: Items) -> list[Outcome]:
        return await self.batcher._in_helper(items)


class MicroBatcher:
    """Queue single analyses and run them in batches of up to ``max_batch``.

    A batch runs in a worker thread, rendered there
    (:func:`~krquality.api.helpers.analyze_items`) so the event loop only
    moves bytes. With ``helpers``, a batch that queues while the thread is
    busy goes to a helper lane instead (:attr:`HelperPool.lanes
    <krquality.api.helpers.HelperPool.lanes>`), and they run side by side on
    their own cores; the thread is tried first, so at low load nothing
    crosses a process boundary.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        runner: AnalysisRunner,
        *,
        helpers: HelperPool | None = None,
        max_batch: int = 32,
    ) -> None:
        self.analyzer = analyzer
        self.runner = runner
        self.helpers = helpers
        self.max_batch = max_batch
        self._helper_lanes = [_HelperLane(self) for _ in range(helpers.lanes if helpers else 0)]
        self._queue: list[_Pending] = []
        self._draining = False
        self._arrived: asyncio.Event | None = None

    async def analyze(self, text: str, *, suggestions: bool) -> Rendered:
        """The rendered result of ``analyzer.analyze(text)``, possibly computed in a batch with others."""
        future: asyncio.Future[Rendered] = asyncio.get_running_loop().create_future()
        self._queue.append(_Pending(text, suggestions, future))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        elif self._arrived is not None:
            self._arrived.set()
        return await future

    async def _in_thread(self, items: Items) -> list[Outcome]:
        return await self.runner(analyze_items, self.analyzer, items)

    async def _in_helper(self, items: Items) -> list[Outcome]:
        if self.helpers is None:  # pragma: no cover - the lane exists only with helpers
            return await self._in_thread(items)
        try:
            return await self.helpers.analyze_items(items)
        except HelperGone:
            return await self._in_thread(items)

    def _lanes(self) -> list[Lane]:
        lanes: list[Lane] = [self._in_thread]
        if self.helpers is not None and not self.helpers.broken:
            lanes += self._helper_lanes
        return lanes

    def _next_batch(self, lanes: int) -> list[_Pending]:
        # Shared between the free lanes: 32 waiting requests and two free lanes
        # make two batches of 16 on two cores, not one of 32 on one.
        size = min(self.max_batch, -(-len(self._queue) // max(1, lanes)))
        while self._queue:
            batch, self._queue = self._queue[:size], self._queue[size:]
            live = [item for item in batch if not item.future.done()]  # skip cancelled requests
            if live:
                return live
        return []

    async def _drain(self) -> None:
        try:
            free = self._lanes()
            running: dict[asyncio.Task[None], Lane] = {}
            while self._queue or running:
                while self._queue and free:
                    batch = self._next_batch(len(free))
                    if not batch:
                        break
                    lane = free.pop(0)
                    running[asyncio.create_task(self._run(lane, batch))] = lane
                if not running:
                    break
                waiter: asyncio.Task[bool] | None = None
                if free:
                    # A lane is free: wake for a new request too, not only for a finished batch.
                    self._arrived = asyncio.Event()
                    waiter = asyncio.create_task(self._arrived.wait())
                done, _ = await asyncio.wait(
                    [*running, *([waiter] if waiter else [])], return_when=asyncio.FIRST_COMPLETED
                )
                self._arrived = None
                if waiter is not None and waiter not in done:
                    waiter.cancel()
                for task in done:
                    if task is not waiter:
                        free.append(running.pop(task))  # type: ignore[arg-type]
                # In lane order again (the thread first: it answers a lone request
                # soonest), without a helper lane that has broken meanwhile.
                free = [lane for lane in self._lanes() if lane in free]
        finally:
            self._draining = False

    async def _run(self, lane: Lane, batch: Sequence[_Pending]) -> None:
        try:
            outcomes = await lane([(i.text, i.suggestions) for i in batch])
            for item, outcome in zip(batch, outcomes, strict=True):
                if item.future.done():
                    continue
                if isinstance(outcome, BaseException):
                    item.future.set_exception(outcome)
                else:
                    item.future.set_result(outcome)
        except Exception as e:
            for item in batch:
                if not item.future.done():
                    item.future.set_exception(e)
        finally:
            # Whatever stopped the batch (a cancelled task included), no request waits forever.
            for item in batch:
                if not item.future.done():
                    item.future.set_exception(RuntimeError("the analysis of this request was stopped"))
