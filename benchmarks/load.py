"""Load on the HTTP service, over loopback only: latency percentiles and throughput.

Starts ``krquality serve`` (one worker) on a free 127.0.0.1 port, or uses
``--url`` (which must be a loopback address), then drives it at 1, 8 and 32
concurrent clients, single key results and batches. Every loop is bounded
in requests and in seconds. Prints the figures and the targets side by side:

* one key result, p99 <= 25 ms at 32 clients with one worker;
* a batch of 1,000 key results in <= 1 s;
* service memory <= 300 MB: the PSS of the worker and its helper
  processes, after the load and at its peak (sampled five times a second),
  since the RSS summed over processes counts their shared pages twice;
* cold start (process start to /readyz 200) <= 2 s, the median of
  ``--cold-starts`` starts.

Memory is read after the server is ready, after the single-key-result
levels and after the batches, so a miss shows which stage grew it.
``--helpers N`` sets the worker's analysis helper processes
(``KRQ_ANALYSIS_PROCESSES``; ``--helpers 0`` for a worker on its own).

The default client (``--client raw``) is a lean one on asyncio streams:
one keep-alive connection per simulated client, request bytes encoded
before the clock starts. The load generator shares the cores with the
server, so its own CPU time is taken from the service. httpx costs about
1 ms of CPU per request here. At 32 clients it capped ``GET /healthz`` at
about 600 req/s, where the raw client reaches over 6,000: with httpx the
figures mostly measured httpx. ``--client httpx`` is kept to show the
difference.

The server it starts runs without its result cache (``KRQ_CACHE_SIZE=0``):
the levels send the same texts again, and the figures are for analysing
them, not for looking them up.

    .venv/bin/python benchmarks/load.py [--requests 400] [--seconds 20] [--cold-starts 3]
    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8000 [--client httpx]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from _common import TreeMemory, sample_texts, tree_memory_mb

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CLIENTS = (1, 8, 32)
TARGET_P99_MS = 25.0
TARGET_BATCH_S = 1.0
TARGET_RSS_MB = 300.0
TARGET_COLD_S = 2.0
# Seconds one request may take, connecting included; as long as httpx's timeout here.
REQUEST_TIMEOUT = 60.0
CLIENT_NAMES = {"raw": "raw (asyncio streams, keep-alive)", "httpx": f"httpx {httpx.__version__}"}


@dataclass
class Run:
    """One scenario at one concurrency: latencies of every request, wall time."""

    scenario: str
    clients: int
    items: int
    latencies: list[float]
    wall: float
    errors: int

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]

    def row(self) -> str:
        n = len(self.latencies)
        rps = n / self.wall if self.wall else 0.0
        return (
            f"{self.scenario:<22}{self.clients:>8}{n:>10}{self.items:>8}"
            f"{self.percentile(50) * 1000:>9.1f}{self.percentile(95) * 1000:>9.1f}"
            f"{self.percentile(99) * 1000:>9.1f}{rps:>9.1f}{rps * self.items:>10.0f}{self.errors:>8}"
        )


HEADER = (
    f"{'scenario':<22}{'clients':>8}{'requests':>10}{'KR/req':>8}{'p50 ms':>9}{'p95 ms':>9}"
    f"{'p99 ms':>9}{'req/s':>9}{'KR/s':>10}{'errors':>8}"
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    port: int, script: Path, helpers: int | None = None
) -> tuple[subprocess.Popen[bytes], float, Path]:
    """``krquality serve`` with one worker; returns the process and its cold start in seconds."""
    env = {
        **os.environ,
        **({"KRQ_ANALYSIS_PROCESSES": str(helpers)} if helpers is not None else {}),
        "KRQ_HOST": "127.0.0.1",
        "KRQ_PORT": str(port),
        "KRQ_WORKERS": "1",
        "KRQ_LOG_LEVEL": "warning",
        # The levels send the same texts again; a result cache would answer them
        # from memory, and the figures are meant for analysis, not for lookups.
        "KRQ_CACHE_SIZE": "0",
    }
    log = Path(tempfile.mkstemp(prefix="krq-load-", suffix=".log")[1])
    started = time.perf_counter()
    with log.open("wb") as handle:
        process = subprocess.Popen([str(script), "serve"], env=env, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/readyz"
    with httpx.Client(timeout=1.0) as client:
        while time.perf_counter() - started < 60:
            if process.poll() is not None:
                raise SystemExit(f"the server exited:\n{log.read_text()}")
            try:
                if client.get(url).status_code == 200:
                    return process, time.perf_counter() - started, log
            except httpx.TransportError:
                pass
            time.sleep(0.01)
    process.kill()
    raise SystemExit(f"the server was not ready in 60 s:\n{log.read_text()}")


def memory_mb(pid: int) -> tuple[float, float, int]:
    """The server's memory over the worker and its helper processes (see :func:`tree_memory_mb`)."""
    return tree_memory_mb(pid, pss=True)


async def drive_httpx(
    client: httpx.AsyncClient,
    scenario: str,
    path: str,
    payloads: list[dict[str, Any]] | None,
    *,
    clients: int,
    requests: int,
    seconds: float,
    items: int,
) -> Run:
    """``clients`` workers send up to ``requests`` requests in total, for at most ``seconds``
    (POST each payload in turn; GET when ``payloads`` is None)."""
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal sent, errors
        while sent < requests and time.perf_counter() < deadline:
            payload = payloads[sent % len(payloads)] if payloads else None
            sent += 1
            started = time.perf_counter()
            response = await (client.get(path) if payload is None else client.post(path, json=payload))
            latencies.append(time.perf_counter() - started)
            if not 200 <= response.status_code < 300:
                errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    return Run(scenario, clients, items, latencies, time.perf_counter() - started, errors)


class Malformed(ValueError):
    """A response that is not well-formed HTTP/1.1."""


_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")


class RawConnection:
    """One keep-alive HTTP/1.1 connection: writes pre-encoded requests, reads whole responses."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.closed = False

    def close(self) -> None:
        self.closed = True
        self.writer.close()

    async def exchange(self, request: bytes) -> int:
        """Send ``request`` and read its response through to the end of the body; returns the status.

        Raises Malformed, OSError or asyncio.IncompleteReadError on a bad or cut response.
        Closes the connection when the server says it will (``Connection: close``)."""
        reader = self.reader
        self.writer.write(request)
        await self.writer.drain()
        # Interim 1xx responses precede the real one; we send no Expect, so there are rarely any.
        for _ in range(8):
            status, version, headers = _parse_head(await reader.readuntil(b"\r\n\r\n"))
            if not 100 <= status < 200:
                break
        else:
            raise Malformed("too many interim responses")
        until_close = False
        if status in (204, 304):
            pass
        elif (coding := headers.get(b"transfer-encoding")) is not None:
            # Chunked wins over Content-Length; any other last coding runs to the close.
            if coding.rpartition(b",")[2].strip().lower() == b"chunked":
                await _read_chunked(reader)
            else:
                until_close = True
        elif (length := headers.get(b"content-length")) is not None:
            values = {value.strip() for value in length.split(b",")}
            size = values.pop() if len(values) == 1 else b""
            if not size.isdigit():
                raise Malformed(f"bad Content-Length {length!r}")
            await reader.readexactly(int(size))
        else:
            until_close = True
        if until_close:
            await reader.read()
        tokens = {t.strip().lower() for t in headers.get(b"connection", b"").split(b",")}
        if until_close or b"close" in tokens or (version == b"1.0" and b"keep-alive" not in tokens):
            self.close()
        return status


def _parse_head(head: bytes) -> tuple[int, bytes, dict[bytes, bytes]]:
    """Status, HTTP version (b"1.1") and headers (lower-case names) of a response head."""
    lines = head[:-4].split(b"\r\n")
    line = lines[0]
    code = line[9:12]
    if not (line.startswith(b"HTTP/1.") and line[8:9] == b" " and code.isdigit() and line[12:13] in b" "):
        raise Malformed(f"bad status line {line[:80]!r}")
    headers: dict[bytes, bytes] = {}
    for field in lines[1:]:
        name, colon, value = field.partition(b":")
        if not colon or not name or name[:1] in b" \t" or name[-1:] in b" \t":
            raise Malformed(f"bad header line {field[:80]!r}")
        name = name.lower()
        value = value.strip()
        headers[name] = headers[name] + b"," + value if name in headers else value
    return int(code), line[5:8], headers


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    """A chunked body, trailers read and dropped."""
    parts = []
    while True:
        size_line = (await reader.readuntil(b"\r\n"))[:-2].partition(b";")[0].strip()
        if not _CHUNK_SIZE.fullmatch(size_line):
            raise Malformed(f"bad chunk size {size_line[:80]!r}")
        size = int(size_line, 16)
        if size == 0:
            break
        parts.append(await reader.readexactly(size))
        if await reader.readexactly(2) != b"\r\n":
            raise Malformed("chunk not followed by CRLF")
    while await reader.readuntil(b"\r\n") != b"\r\n":
        pass
    return b"".join(parts)


class RawClient:
    """Encodes requests for one loopback service and opens connections to it."""

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.authority = parts.netloc.rpartition("@")[2]

    def get(self, path: str) -> bytes:
        return f"GET {self.prefix}{path} HTTP/1.1\r\nHost: {self.authority}\r\n\r\n".encode("ascii")

    def post_json(self, path: str, payload: dict[str, Any]) -> bytes:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        head = (
            f"POST {self.prefix}{path} HTTP/1.1\r\nHost: {self.authority}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        return head.encode("ascii") + body

    async def connect(self) -> RawConnection:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        return RawConnection(reader, writer)


async def drive_raw(
    raw: RawClient,
    scenario: str,
    encoded: list[bytes],
    *,
    clients: int,
    requests: int,
    seconds: float,
    items: int,
) -> Run:
    """``clients`` workers, one connection each, send up to ``requests`` of the pre-encoded
    requests in turn, for at most ``seconds``. A cut or malformed response is an error and
    costs a reconnect; so does a server that closes the connection, without the error."""
    latencies: list[float] = []
    errors = 0
    sent = 0
    perf = time.perf_counter
    # Connect before the clock starts: the steady state of keep-alive clients is what is measured.
    connections: list[RawConnection | None] = list(
        await asyncio.gather(*(raw.connect() for _ in range(clients)))
    )
    started = perf()
    deadline = started + seconds

    async def worker(index: int) -> None:
        nonlocal sent, errors
        connection = connections[index]
        while sent < requests and perf() < deadline:
            request = encoded[sent % len(encoded)]
            sent += 1
            started = perf()
            try:
                async with asyncio.timeout(REQUEST_TIMEOUT):
                    if connection is None or connection.closed:
                        connection = connections[index] = await raw.connect()
                    status = await connection.exchange(request)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                # OSError covers refused and reset connections and the timeout; ValueError, Malformed.
                errors += 1
                if connection is not None:
                    connection.close()
                connection = None
                continue
            latencies.append(perf() - started)
            if not 200 <= status < 300:
                errors += 1

    try:
        await asyncio.gather(*(worker(i) for i in range(clients)))
    finally:
        wall = perf() - started
        for connection in connections:
            if connection is not None and not connection.closed:
                connection.close()
    return Run(scenario, clients, items, latencies, wall, errors)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def measure(
    base: str, args: argparse.Namespace, pid: int | None
) -> tuple[list[Run], list[float], dict[str, tuple[float, float, int]]]:
    texts = sample_texts(5_000)
    singles = [{"text": t, "suggestions": args.suggestions} for t in texts]
    no_suggestions = [{"text": t, "suggestions": False} for t in texts]
    batches = [
        {"texts": texts[i : i + args.batch], "suggestions": args.suggestions}
        for i in range(0, len(texts) - args.batch + 1, args.batch)
    ]
    big = [{"texts": texts[i : i + 1000], "suggestions": args.suggestions} for i in range(0, 4000, 1000)]
    big_plain = [{"texts": texts[i : i + 1000], "suggestions": False} for i in range(0, 4000, 1000)]
    raw = RawClient(base)
    # Every request's bytes are built here, once, so no encoding runs inside a timed loop.
    encoded: dict[int, list[bytes]] = {}
    if args.client == "raw":
        encoded[id(None)] = [raw.get("/healthz")]
        levels = [("/v1/classify", singles), ("/v1/classify/batch", batches), ("/v1/classify/batch", big)]
        if args.suggestions:
            levels += [("/v1/classify", no_suggestions), ("/v1/classify/batch", big_plain)]
        for path, payloads in levels:
            encoded[id(payloads)] = [raw.post_json(path, payload) for payload in payloads]
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    runs: list[Run] = []
    rss: dict[str, tuple[float, float, int]] = {}
    if pid is not None:
        rss["ready"] = memory_mb(pid)
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT, limits=limits) as client:

        async def drive(
            scenario: str,
            path: str,
            payloads: list[dict[str, Any]] | None,
            *,
            clients: int,
            requests: int,
            seconds: float,
            items: int,
        ) -> Run:
            bounds = {"clients": clients, "requests": requests, "seconds": seconds, "items": items}
            if args.client == "raw":
                return await drive_raw(raw, scenario, encoded[id(payloads)], **bounds)
            return await drive_httpx(client, scenario, path, payloads, **bounds)

        await drive("warm-up", "/v1/classify", singles, clients=8, requests=100, seconds=10, items=1)
        # The HTTP round trip alone (client and server on the same cores), for scale.
        for clients in (1, 32):
            runs.append(
                await drive(
                    "GET /healthz",
                    "/healthz",
                    None,
                    clients=clients,
                    requests=args.requests,
                    seconds=args.seconds,
                    items=1,
                )
            )
        for clients in CLIENTS:
            runs.append(
                await drive(
                    "single",
                    "/v1/classify",
                    singles,
                    clients=clients,
                    requests=args.requests,
                    seconds=args.seconds,
                    items=1,
                )
            )
        if args.suggestions:
            runs.append(
                await drive(
                    "single, no suggestions",
                    "/v1/classify",
                    no_suggestions,
                    clients=32,
                    requests=args.requests,
                    seconds=args.seconds,
                    items=1,
                )
            )
        if pid is not None:
            rss["after single KRs"] = memory_mb(pid)
        if args.skip_batches:
            return runs, [], rss
        for clients in CLIENTS:
            runs.append(
                await drive(
                    f"batch of {args.batch}",
                    "/v1/classify/batch",
                    batches,
                    clients=clients,
                    requests=max(10, 2 * clients),
                    seconds=args.seconds,
                    items=args.batch,
                )
            )
        big_run = await drive(
            "batch of 1000",
            "/v1/classify/batch",
            big,
            clients=1,
            requests=5,
            seconds=args.seconds,
            items=1000,
        )
        runs.append(big_run)
        if args.suggestions:
            runs.append(
                await drive(
                    "batch 1000, no sugg.",
                    "/v1/classify/batch",
                    big_plain,
                    clients=1,
                    requests=5,
                    seconds=args.seconds,
                    items=1000,
                )
            )
    if pid is not None:
        rss["after batches"] = memory_mb(pid)
    return runs, big_run.latencies, rss


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running service on loopback (default: start one)")
    parser.add_argument("--requests", type=int, default=400, help="requests per single-KR level (bound)")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds per level (bound)")
    parser.add_argument("--batch", type=int, default=100, help="key results per request in the batch sweep")
    parser.add_argument(
        "--no-suggestions",
        dest="suggestions",
        action="store_false",
        help="ask for no rewrite suggestions (default: the API default, with)",
    )
    parser.add_argument(
        "--krquality",
        type=Path,
        default=Path(sys.executable).with_name("krquality"),
        help="the krquality script to start, e.g. another install's (default: this environment's)",
    )
    parser.add_argument(
        "--skip-batches", action="store_true", help="single key results only (a quicker look at latency)"
    )
    parser.add_argument(
        "--cold-starts", type=int, default=3, help="server starts to take the cold-start median of"
    )
    parser.add_argument(
        "--helpers",
        type=int,
        default=None,
        help="analysis helper processes of the worker it starts (default: the service's own choice)",
    )
    parser.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="load client: raw asyncio streams (default, lean) or httpx (to show its own cost)",
    )
    args = parser.parse_args()

    process: subprocess.Popen[bytes] | None = None
    colds: list[float] = []
    if args.url:
        host = urlsplit(args.url).hostname or ""
        if host not in LOOPBACK:
            raise SystemExit(f"--url must be a loopback address (127.0.0.1), not {host!r}")
        base = args.url.rstrip("/")
    else:
        for _ in range(max(0, args.cold_starts - 1)):
            extra, seconds, _ = start_server(free_port(), args.krquality, args.helpers)
            stop_server(extra)
            colds.append(seconds)
        port = free_port()
        process, seconds, _ = start_server(port, args.krquality, args.helpers)
        colds.append(seconds)
        base = f"http://127.0.0.1:{port}"
    peak_pss: float | None = None
    try:
        if process is not None:
            with TreeMemory(process.pid, interval=0.2, pss=True) as sampler:
                runs, big, rss_stages = asyncio.run(measure(base, args, process.pid))
            peak_pss = sampler.peak_pss
        else:
            runs, big, rss_stages = asyncio.run(measure(base, args, None))
    finally:
        if process is not None:
            stop_server(process)

    helpers = rss_stages["ready"][2] if "ready" in rss_stages else None
    print(
        f"service {base} ({args.krquality if process else 'given'}), one worker"
        f"{'' if helpers is None else f' with {helpers} analysis helper process(es)'}; "
        f"client {CLIENT_NAMES[args.client]}; suggestions {'on' if args.suggestions else 'off'}; "
        f"result cache {'off' if process else 'as the server is configured'}; "
        f"bounds: {args.requests} requests / {args.seconds:.0f} s per level"
    )
    print(HEADER)
    for run in runs:
        print(run.row())
    single_32 = next(r for r in runs if r.scenario == "single" and r.clients == 32)
    p99_32 = single_32.percentile(99) * 1000
    print()
    print(f"{'target':<44}{'measured':>12}{'target':>12}  verdict")
    print(
        f"{'single KR p99 at 32 clients, 1 worker':<44}{p99_32:>9.1f} ms{TARGET_P99_MS:>9.0f} ms  "
        f"{verdict(p99_32 <= TARGET_P99_MS)}"
    )
    # The same targets for requests that turn suggestions off, for a caller who can do without.
    plain_32 = next((r for r in runs if r.scenario == "single, no suggestions"), None)
    if plain_32 is not None:
        p99 = plain_32.percentile(99) * 1000
        print(
            f"{'  the same, no suggestions':<44}{p99:>9.1f} ms{TARGET_P99_MS:>9.0f} ms  "
            f"{verdict(p99 <= TARGET_P99_MS)}"
        )
    if big:
        big_median = statistics.median(big)
        print(
            f"{'batch of 1,000 KRs (median of 5)':<44}{big_median:>10.2f} s{TARGET_BATCH_S:>10.0f} s  "
            f"{verdict(big_median <= TARGET_BATCH_S)}"
        )
    plain_big = next((r for r in runs if r.scenario == "batch 1000, no sugg."), None)
    if plain_big is not None and plain_big.latencies:
        median = statistics.median(plain_big.latencies)
        print(
            f"{'  the same, no suggestions':<44}{median:>10.2f} s{TARGET_BATCH_S:>10.0f} s  "
            f"{verdict(median <= TARGET_BATCH_S)}"
        )
    # Verdicts on PSS: with a helper, the RSS sum counts every shared page twice.
    if "after batches" in rss_stages:
        pss = rss_stages["after batches"][1]
        print(
            f"{'service memory (PSS) after the load':<44}{pss:>9.0f} MB{TARGET_RSS_MB:>9.0f} MB  "
            f"{verdict(pss <= TARGET_RSS_MB)}"
        )
    if peak_pss is not None:
        print(
            f"{'service peak memory (PSS, sampled 5/s)':<44}{peak_pss:>9.0f} MB{TARGET_RSS_MB:>9.0f} MB  "
            f"{verdict(peak_pss <= TARGET_RSS_MB)}"
        )
    if colds:
        cold = statistics.median(colds)
        label = f"cold start to /readyz 200 (median of {len(colds)})"
        print(f"{label:<44}{cold:>10.2f} s{TARGET_COLD_S:>10.0f} s  {verdict(cold <= TARGET_COLD_S)}")
    rps_32 = len(single_32.latencies) / single_32.wall if single_32.wall else float("nan")
    print()
    # Little's law: 32 clients that each wait for their answer keep 32 requests in flight.
    print(
        f"32 clients at {rps_32:.0f} req/s wait {32 / rps_32 * 1000:.0f} ms per request on average; "
        f"a p99 of {TARGET_P99_MS:.0f} ms needs at least {32 / (TARGET_P99_MS / 1000):.0f} req/s"
    )
    if rss_stages:
        print(
            "service memory by stage, PSS (RSS summed over its processes): "
            + ", ".join(f"{k} {pss:.0f} MB ({rss:.0f} MB)" for k, (rss, pss, _) in rss_stages.items())
        )
    if colds:
        print("cold starts: " + ", ".join(f"{c:.2f} s" for c in colds))


if __name__ == "__main__":
    main()
