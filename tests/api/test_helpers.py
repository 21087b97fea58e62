"""Analysis helper processes (krquality.api.helpers): same answers, other processes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import anyio
import httpx
import psutil
import pytest
from fastapi.testclient import TestClient

import krquality
from krquality.api import convert, schemas
from krquality.api.app import create_app
from krquality.api.batching import MicroBatcher
from krquality.api.deps import AnalysisRunner
from krquality.api.helpers import (
    IN_FLIGHT,
    HelperGone,
    HelperPool,
    Outcome,
    Rendered,
    analyze_items,
    analyze_rendered,
    helper_count,
)
from krquality.api.problems import invalid_input_problem
from krquality.api.routes.classify import CHUNK
from krquality.api.settings import Settings
from krquality.cache import ResultCache
from krquality.errors import InvalidInputError

from .server import krquality_command, start_server
from .stub import StubAnalyzer

TEXTS = [
    "Increase NPS to 48",
    "Launch the partner portal",
    "Hold weekly pipeline reviews",
    "Cut p95 checkout latency from 900 ms to 400 ms by Q3",
]


def test_the_batch_body_is_the_models_json(analyzer: krquality.Analyzer) -> None:
    rendered = analyze_rendered(analyzer, TEXTS, True)
    problem = invalid_input_problem(InvalidInputError("texts[1] is empty", field="texts[1]"))
    items: list[bytes | schemas.Problem] = [rendered[0].body, problem, rendered[1].body, rendered[3].body]
    model = schemas.BatchResponse(
        results=[
            schemas.BatchItem(index=i, result=convert.result_out(analyzer.analyze(TEXTS[j])))
            if isinstance(item, bytes)
            else schemas.BatchItem(index=i, error=item)
            for i, (item, j) in enumerate(zip(items, [0, -1, 1, 3], strict=True))
        ],
        n_ok=3,
        n_errors=1,
    )
    assert convert.batch_body(items, n_ok=3, n_errors=1) == model.model_dump_json(by_alias=True).encode()


def test_the_default_is_one_helper_for_a_lone_worker_with_cores_to_spare() -> None:
    cores = len(os.sched_getaffinity(0))
    assert helper_count(None, workers=1) == (1 if cores >= 2 else 0)
    assert helper_count(None, workers=2) == 0
    assert helper_count(2, workers=2) == 2


def test_off_linux_helpers_are_opt_in(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only Linux ties a helper to its worker (PR_SET_PDEATHSIG).
    monkeypatch.setattr(sys, "platform", "darwin")
    assert helper_count(None, workers=1) == 0
    assert helper_count(1, workers=1) == 1


def test_a_helper_answers_as_this_process_does_from_another_process(analyzer: krquality.Analyzer) -> None:
    before = {child.pid for child in psutil.Process().children()}
    pool = HelperPool(analyzer, 1)
    try:
        (pid,) = pool.pids
        assert pid != os.getpid() and pid not in before
        assert psutil.Process(pid).ppid() == os.getpid()
        remote = asyncio.run(pool.analyze(TEXTS, True))
        assert remote == analyze_rendered(analyzer, TEXTS, True)
        assert [json.loads(r.body)["text"] for r in remote] == TEXTS
    finally:
        pool.close()
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    with pytest.raises(HelperGone):  # a closed pool sends callers back to the worker, not to a 500
        asyncio.run(pool.analyze(TEXTS, True))


def test_the_worker_and_its_helper_share_the_cache_bounds(
    analyzer: krquality.Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analyzer, "cache", ResultCache(100, max_bytes=10_000_000))
    pool = HelperPool(analyzer, 1)
    try:
        # The helper was forked with the same halves: the two together hold the settings' bound.
        assert (analyzer.cache.size, analyzer.cache.max_bytes) == (50, 5_000_000)
        for i in range(80):
            analyzer.cache.put((f"Ship release {i}", False), krquality.analyze("Ship it", suggestions=False))
        assert len(analyzer.cache) == 50
    finally:
        pool.close()
    # Alone again, the worker takes its whole bound back.
    assert (analyzer.cache.size, analyzer.cache.max_bytes) == (100, 10_000_000)


def test_a_dead_helper_is_reported_and_the_batch_still_answers(analyzer: krquality.Analyzer) -> None:
    app = create_app(Settings(analysis_processes=1), analyzer=analyzer)
    texts = [f"Grow weekly active teams from {i} to {i + 40}" for i in range(3 * CHUNK)]
    with TestClient(app) as client:
        pool = app.state.helpers
        assert isinstance(pool, HelperPool)
        first = client.post("/v1/classify/batch", json={"texts": texts, "suggestions": False}).json()
        os.kill(pool.pids[0], signal.SIGKILL)
        time.sleep(0.2)
        second = client.post("/v1/classify/batch", json={"texts": texts, "suggestions": False}).json()
        assert pool.broken
        with pytest.raises(HelperGone):
            asyncio.run(pool.analyze(TEXTS, False))
    assert first == second
    assert [item["result"]["text"] for item in second["results"]] == texts


def test_a_given_analyzer_gets_no_helpers_unless_asked(analyzer: krquality.Analyzer) -> None:
    app = create_app(Settings(), analyzer=analyzer)
    with TestClient(app):
        assert app.state.helpers is None


@pytest.mark.slow
def test_the_served_worker_forks_a_helper_that_goes_with_it() -> None:
    server = start_server([*krquality_command(), "serve"], env={"KRQ_ANALYSIS_PROCESSES": "1"})
    worker = psutil.Process(server.process.pid)
    try:
        (helper,) = worker.children()
        texts = [f"Reduce churn from {i}% to {i / 2}% by Q4" for i in range(1, 4 * CHUNK)]
        before = helper.cpu_times().user
        body = httpx.post(f"{server.url}/v1/classify/batch", json={"texts": texts}, timeout=60).json()
        assert [item["result"]["text"] for item in body["results"]] == texts
        # It took at least one chunk: 64 key results with suggestions are some 70 ms of CPU.
        assert helper.cpu_times().user - before >= 0.03
    finally:
        server.stop()
    helper.wait(timeout=10)  # gone with the worker, not left behind


@pytest.mark.slow
def test_a_helper_dies_with_a_killed_worker() -> None:
    server = start_server([*krquality_command(), "serve"], env={"KRQ_ANALYSIS_PROCESSES": "1"})
    (helper,) = psutil.Process(server.process.pid).children()
    server.process.kill()
    server.process.wait(timeout=10)
    helper.wait(timeout=10)


def _assert_same_result(got: dict[str, object], want: dict[str, object]) -> None:
    # Probabilities from batches of different sizes may differ in the last bits
    # (the order of the floating-point sums); everything else is exact.
    assert got["probabilities"] == pytest.approx(want["probabilities"], rel=1e-9, abs=1e-15)
    assert {k: v for k, v in got.items() if k != "probabilities"} == {
        k: v for k, v in want.items() if k != "probabilities"
    }


class _FakePool:
    """A helper lane in this process, to watch how the micro-batcher shares out work."""

    processes = 1

    def __init__(self, analyzer: StubAnalyzer, *, gone: bool = False) -> None:
        self.analyzer = analyzer
        self.gone = gone
        self.broken = False
        self.batches: list[int] = []
        self.running = 0
        self.most_running = 0

    @property
    def lanes(self) -> int:
        return self.processes * IN_FLIGHT

    async def analyze_items(self, items: list[tuple[str, bool]]) -> list[Outcome]:
        if self.gone:
            self.broken = True
            raise HelperGone("killed")
        self.batches.append(len(items))
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            await asyncio.sleep(0.05)
        finally:
            self.running -= 1
        return analyze_items(self.analyzer, items)  # type: ignore[arg-type]


async def _singles(batcher: MicroBatcher, texts: list[str]) -> list[Rendered]:
    return list(await asyncio.gather(*(batcher.analyze(t, suggestions=True) for t in texts)))


async def test_queued_singles_are_shared_between_the_thread_and_a_helper() -> None:
    stub = StubAnalyzer(delay=0.05)
    pool = _FakePool(stub)
    runner = AnalysisRunner(anyio.CapacityLimiter(2))
    batcher = MicroBatcher(stub, runner, helpers=pool, max_batch=32)  # type: ignore[arg-type]
    texts = [f"Grow revenue {i}%" for i in range(32)]
    rendered = await _singles(batcher, texts)
    assert [json.loads(r.body)["text"] for r in rendered] == texts
    # 32 requests queued at once, three free lanes (the thread and the helper's
    # two): 11, 11 and 10, the helper's two at the same time.
    assert IN_FLIGHT == 2
    assert pool.batches == [11, 10] and stub.calls == 3
    assert pool.most_running == 2


async def test_each_helper_process_takes_its_own_lanes() -> None:
    stub = StubAnalyzer(delay=0.05)
    pool = _FakePool(stub)
    pool.processes = 2
    batcher = MicroBatcher(stub, AnalysisRunner(anyio.CapacityLimiter(2)), helpers=pool)  # type: ignore[arg-type]
    texts = [f"Grow revenue {i}%" for i in range(48)]
    rendered = await _singles(batcher, texts)
    assert [json.loads(r.body)["text"] for r in rendered] == texts
    # 48 queued, five free lanes (the thread and two for each helper): the queue
    # is shared as it goes, 10, 10, 10, then 9 and 9.
    assert pool.batches == [10, 10, 9, 9] and stub.calls == 5
    assert pool.most_running == 4


async def test_a_lone_request_stays_in_this_process() -> None:
    stub = StubAnalyzer(delay=0.01)
    pool = _FakePool(stub)
    batcher = MicroBatcher(stub, AnalysisRunner(anyio.CapacityLimiter(2)), helpers=pool)  # type: ignore[arg-type]
    for i in range(3):
        (one,) = await _singles(batcher, [f"Ship feature {i}"])
        assert json.loads(one.body)["text"] == f"Ship feature {i}"
    assert pool.batches == [] and stub.calls == 3


async def test_singles_meant_for_a_dead_helper_are_analysed_here() -> None:
    stub = StubAnalyzer(delay=0.05)
    pool = _FakePool(stub, gone=True)
    batcher = MicroBatcher(stub, AnalysisRunner(anyio.CapacityLimiter(2)), helpers=pool)  # type: ignore[arg-type]
    texts = [f"Hold review {i}" for i in range(10)]
    assert [json.loads(r.body)["text"] for r in await _singles(batcher, texts)] == texts
    # The thread's batch, and the helper's two batches analysed here instead.
    assert pool.broken and stub.calls == 1 + IN_FLIGHT
    texts = [f"Hold retro {i}" for i in range(10)]
    assert [json.loads(r.body)["text"] for r in await _singles(batcher, texts)] == texts
    assert stub.calls == 2 + IN_FLIGHT  # the broken helper is no lane any more: one batch


@pytest.mark.slow
async def test_concurrent_singles_on_a_served_worker_reach_its_helper(analyzer: krquality.Analyzer) -> None:
    server = start_server([*krquality_command(), "serve"], env={"KRQ_ANALYSIS_PROCESSES": "1"})
    try:
        (helper,) = psutil.Process(server.process.pid).children()
        texts = [f"Grow weekly active teams from {i} to {i + 40}" for i in range(64)]
        before = helper.cpu_times().user
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
            for _ in range(3):
                responses = await asyncio.gather(
                    *(client.post("/v1/classify", json={"text": t}) for t in texts)
                )
                for response, text in zip(responses, texts, strict=True):
                    _assert_same_result(
                        response.json(), json.loads(convert.result_json(analyzer.analyze(text)))
                    )
        assert helper.cpu_times().user - before >= 0.03
    finally:
        server.stop()


async def test_a_request_that_queues_while_the_thread_is_busy_goes_to_a_free_helper() -> None:
    stub = StubAnalyzer(delay=0.5)
    pool = _FakePool(StubAnalyzer(delay=0.0))  # answers in its own 0.05 s
    batcher = MicroBatcher(stub, AnalysisRunner(anyio.CapacityLimiter(2)), helpers=pool)  # type: ignore[arg-type]
    loop = asyncio.get_running_loop()
    started = loop.time()
    first = asyncio.create_task(batcher.analyze("Ship feature A", suggestions=True))
    await asyncio.sleep(0.05)  # the thread is on the first request now
    second = await batcher.analyze("Ship feature B", suggestions=True)
    waited = loop.time() - started
    assert json.loads(second.body)["text"] == "Ship feature B"
    assert pool.batches == [1] and not first.done()
    assert waited < 0.4, f"the second request waited {waited:.2f} s for the busy thread"
    assert json.loads((await first).body)["text"] == "Ship feature A"


def _sockets(pid: int) -> list[str]:
    fd_dir = f"/proc/{pid}/fd"
    links = []
    for name in os.listdir(fd_dir):
        with contextlib.suppress(OSError):
            links.append(os.readlink(f"{fd_dir}/{name}"))
    return [link for link in links if link.startswith("socket:")]


@pytest.mark.slow
def test_a_helper_holds_none_of_the_workers_sockets() -> None:
    # A copied listener or connection would keep a closed keep-alive connection
    # open for its client, and the port accepting after the worker stopped.
    server = start_server([*krquality_command(), "serve"], env={"KRQ_ANALYSIS_PROCESSES": "1"})
    try:
        (helper,) = psutil.Process(server.process.pid).children()
        with httpx.Client(base_url=server.url, timeout=30) as client:  # a keep-alive connection
            assert client.get("/healthz").status_code == 200
            assert _sockets(server.process.pid)  # the worker's listener and this connection
            assert _sockets(helper.pid) == []
    finally:
        server.stop()


PID_ONE = """
import asyncio, json, os, sys
sys.path.insert(0, sys.argv[1])
from api.stub import StubAnalyzer
from krquality.api.helpers import HelperPool
assert os.getpid() == 1, os.getpid()
pool = HelperPool(StubAnalyzer(), 1)
(one,) = asyncio.run(pool.analyze(["Ship offline mode"], True))
pool.close()
print(json.loads(one.body)["label"])
"""


@pytest.mark.slow
def test_helpers_start_in_a_worker_that_is_pid_1() -> None:
    # As in the Docker image, where `krquality serve` is the container's first process.
    probe = subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "true"], capture_output=True)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("no PID namespaces here (unshare --pid needs root)")
    run = subprocess.run(
        [
            "unshare",
            "--pid",
            "--fork",
            "--mount-proc",
            sys.executable,
            "-c",
            PID_ONE,
            str(Path(__file__).parents[1]),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "milestone"


def test_a_hung_helper_is_stopped_and_reported(analyzer: krquality.Analyzer) -> None:
    pool = HelperPool(analyzer, 1, task_timeout=0.5)
    (pid,) = pool.pids

    async def hang() -> None:
        await pool._submit(time.sleep, 30)  # a task that never finishes in time

    started = time.monotonic()
    with pytest.raises(HelperGone, match="hung"):
        asyncio.run(hang())
    assert time.monotonic() - started < 5
    assert pool.broken
    if psutil.pid_exists(pid):  # killed, not left running
        psutil.Process(pid).wait(timeout=10)
    with pytest.raises(HelperGone):
        asyncio.run(pool.analyze(TEXTS, False))


def _cpus(pid: int) -> set[int]:
    return set(os.sched_getaffinity(pid))


def _thread_cpus(pid: int) -> list[set[int]]:
    return [_cpus(int(tid)) for tid in os.listdir(f"/proc/{pid}/task")]


@pytest.mark.slow
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="pinning needs two CPUs")
def test_a_served_worker_and_its_helper_each_get_a_cpu() -> None:
    server = start_server([*krquality_command(), "serve"], env={"KRQ_ANALYSIS_PROCESSES": "1"})
    try:
        (helper,) = psutil.Process(server.process.pid).children()
        with httpx.Client(base_url=server.url, timeout=30) as client:  # threads started later inherit
            assert client.post("/v1/classify", json={"text": "Ship offline mode"}).status_code == 200
        worker_cpus = _thread_cpus(server.process.pid)
        assert len(worker_cpus) > 1 and all(len(c) == 1 and c == worker_cpus[0] for c in worker_cpus)
        assert len(_cpus(helper.pid)) == 1 and _cpus(helper.pid) != worker_cpus[0]
    finally:
        server.stop()


@pytest.mark.slow
def test_pinning_can_be_turned_off() -> None:
    everything = _cpus(0)
    server = start_server(
        [*krquality_command(), "serve"], env={"KRQ_ANALYSIS_PROCESSES": "1", "KRQ_PIN_CPUS": "false"}
    )
    try:
        (helper,) = psutil.Process(server.process.pid).children()
        assert all(c == everything for c in _thread_cpus(server.process.pid))
        assert _cpus(helper.pid) == everything
    finally:
        server.stop()


UNPIN = """
import asyncio, json, os, signal, sys
sys.path.insert(0, sys.argv[1])
from api.stub import StubAnalyzer
from krquality.api.helpers import HelperGone, HelperPool
everything = os.sched_getaffinity(0)
pool = HelperPool(StubAnalyzer(), 1, pin=True)
(helper,) = pool.pids
pinned = (os.sched_getaffinity(0), os.sched_getaffinity(helper))
os.kill(helper, signal.SIGKILL)
try:
    asyncio.run(pool.analyze(["Ship offline mode"], True))
except HelperGone:
    pass
print(json.dumps({"pinned": [sorted(c) for c in pinned], "after": sorted(os.sched_getaffinity(0)),
                  "everything": sorted(everything)}))
"""


@pytest.mark.slow
@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="pinning needs two CPUs")
def test_a_worker_whose_helper_died_gets_its_cpus_back() -> None:
    run = subprocess.run(
        [sys.executable, "-c", UNPIN, str(Path(__file__).parents[1])],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    worker, helper = seen["pinned"]
    assert len(worker) == 1 and len(helper) == 1 and worker != helper
    assert seen["after"] == seen["everything"]


def test_a_lost_helper_shows_on_readyz_and_metrics(analyzer: krquality.Analyzer) -> None:
    """Degraded mode is visible before any work reaches the dead helper, and stays visible."""
    app = create_app(Settings(analysis_processes=1), analyzer=analyzer)
    with TestClient(app) as client:
        assert client.get("/readyz").json()["degraded"] is False
        assert "krq_degraded 0.0" in client.get("/metrics").text
        os.kill(app.state.helpers.pids[0], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not client.get("/readyz").json()["degraded"] and time.monotonic() < deadline:
            time.sleep(0.05)
        ready = client.get("/readyz")
        assert ready.status_code == 200  # still serving, on fewer cores
        assert ready.json()["degraded"] is True and "helper" in ready.json()["detail"]
        assert "krq_degraded 1.0" in client.get("/metrics").text
        texts = [f"Grow weekly active teams from {i} to {i + 40}" for i in range(2 * CHUNK)]
        assert client.post("/v1/classify/batch", json={"texts": texts}).status_code == 200
        assert client.get("/readyz").json()["degraded"] is True
