"""Analysis runs in worker threads: the event loop keeps answering meanwhile."""

from __future__ import annotations

import asyncio
import time

import httpx

from krquality.api import Settings, create_app
from krquality.api.routes.classify import CHUNK

from .stub import StubAnalyzer


async def test_a_slow_analysis_does_not_block_other_requests() -> None:
    # Blocks its thread like a CPU-bound analysis would; long enough that a blocked event loop
    # (about 0.95 s of waiting) stands well apart from a busy shared machine's scheduling delay.
    stub = StubAnalyzer(delay=1.0)
    app = create_app(Settings(), analyzer=stub)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        slow = asyncio.create_task(client.post("/v1/classify", json={"text": "Hold reviews"}))
        await asyncio.sleep(0.05)  # the slow request is now inside the analyzer
        started = time.perf_counter()
        health = await client.get("/healthz")
        waited = time.perf_counter() - started
        assert health.status_code == 200
        assert waited < 0.5, f"/healthz waited {waited:.3f} s behind a running analysis"
        assert not slow.done()
        assert (await slow).json()["label"] == "task"


async def test_concurrent_requests_each_get_their_own_result() -> None:
    stub = StubAnalyzer(delay=0.05)
    app = create_app(Settings(analysis_threads=4), analyzer=stub)
    transport = httpx.ASGITransport(app=app)
    texts = [f"Grow revenue {i}%" if i % 2 else f"Hold review {'x' * (i + 1)}" for i in range(24)]
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        started = time.perf_counter()
        responses = await asyncio.gather(*(client.post("/v1/classify", json={"text": t}) for t in texts))
        elapsed = time.perf_counter() - started
    assert [r.json()["text"] for r in responses] == texts
    assert [r.json()["label"] for r in responses] == ["task" if i % 2 == 0 else "metric" for i in range(24)]
    assert stub.calls < len(texts)  # concurrent singles were analysed together
    assert elapsed < 24 * 0.05  # not one after the other


async def test_concurrent_batches_run_in_parallel_threads_bounded_by_the_setting() -> None:
    stub = StubAnalyzer(delay=0.1)
    app = create_app(Settings(analysis_threads=3), analyzer=stub)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        await asyncio.gather(
            *(client.post("/v1/classify/batch", json={"texts": ["Ship it"]}) for _ in range(9))
        )
    assert stub.max_concurrent == 3


async def test_a_large_batch_uses_every_analysis_thread() -> None:
    stub = StubAnalyzer(delay=0.1)
    app = create_app(Settings(analysis_threads=2), analyzer=stub)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        body = (await client.post("/v1/classify/batch", json={"texts": ["Ship it"] * (4 * CHUNK)})).json()
    assert body["n_ok"] == 4 * CHUNK
    assert (stub.calls, stub.max_concurrent) == (4, 2)


async def test_a_single_request_is_answered_between_the_chunks_of_a_batch() -> None:
    stub = StubAnalyzer(delay=0.2)
    app = create_app(Settings(analysis_threads=2), analyzer=stub)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        batch = asyncio.create_task(
            client.post("/v1/classify/batch", json={"texts": ["Ship it"] * (7 * CHUNK)})
        )
        await asyncio.sleep(0.05)  # both threads are on the batch's first chunks
        # Between chunks it waits at most one chunk (0.2 s) plus its own call; behind
        # the whole batch (7 chunks in 2 lanes) it would wait about 0.9 s.
        started = time.perf_counter()
        single = await client.post("/v1/classify", json={"text": "Hold reviews"})
        waited = time.perf_counter() - started
        assert single.json()["label"] == "task"
        assert not batch.done()
        assert waited < 0.6, f"the single request waited {waited:.2f} s, as if behind the whole batch"
        assert (await batch).json()["n_ok"] == 7 * CHUNK


async def test_without_micro_batching_each_single_is_its_own_call() -> None:
    stub = StubAnalyzer(delay=0.01)
    app = create_app(Settings(micro_batch=1), analyzer=stub)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        await asyncio.gather(*(client.post("/v1/classify", json={"text": f"Ship {i}"}) for i in range(5)))
    assert stub.calls == 5


async def test_a_failing_item_in_a_micro_batch_fails_alone() -> None:
    class Picky(StubAnalyzer):
        def _one(self, index: int, text: str, suggestions: bool):  # type: ignore[no-untyped-def]
            if "boom" in text:
                raise RuntimeError("boom")
            return super()._one(index, text, suggestions)

    stub = Picky(delay=0.02)
    app = create_app(Settings(), analyzer=stub)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        texts = ["Ship a", "boom now", "Ship b", "Ship c"]
        responses = await asyncio.gather(*(client.post("/v1/classify", json={"text": t}) for t in texts))
    assert [r.status_code for r in responses] == [200, 500, 200, 200]
