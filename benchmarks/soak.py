"""Soak benchmark: does a worker's memory stay flat over many distinct requests?

spaCy keeps every new word in its vocabulary unless the analysis runs in a
memory zone (:mod:`krquality.nlp.zone`), and a result cache bounded only in
entries grows with long texts (:mod:`krquality.cache`). This starts its own
one-worker server (default settings, so with its helper process and result
cache), sends ``--requests`` distinct single key results from ``--clients``
concurrent clients, half of them made of random words, and samples the PSS of
the worker and its helper. It prints the PSS after the first ``--warm``
requests and at the end, and their ratio (target: at most 1.1).

    .venv/bin/python benchmarks/soak.py                  # 40,000 requests (slow: several minutes)
    .venv/bin/python benchmarks/soak.py --requests 4000  # a quick look
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import string
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from _common import tree_memory_mb

TARGET_RATIO = 1.1
VERBS = ("Increase", "Reduce", "Launch", "Ship", "Grow", "Cut", "Publish", "Migrate", "Hold", "Improve")
THINGS = (
    "weekly active teams",
    "checkout conversion",
    "support backlog",
    "onboarding time",
    "partner portal",
    "invoice export",
    "churn in the SMB segment",
    "median page load",
    "NPS",
    "cost per lead",
)


def key_results(count: int, *, seed: int = 7) -> list[str]:
    """``count`` distinct key results: even ones in a realistic style, odd ones of random words."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 11)))

    texts = []
    for i in range(count):
        if i % 2:
            texts.append(
                f"{rng.choice(VERBS)} {word()} {word()} {word()} from {i % 90} to {i % 90 + 7} by Q{i % 4 + 1}"  # noqa: E501
            )
        else:
            texts.append(
                f"{rng.choice(VERBS)} {rng.choice(THINGS)} for region {i} from {i % 50}% to {i % 50 + 9}%"
            )
    return texts


async def soak(
    url: str, pid: int, texts: list[str], clients: int, warm: int, every: int
) -> list[tuple[int, float]]:
    """Send ``texts`` (one request each); return (requests done, PSS MB) samples."""
    samples: list[tuple[int, float]] = []
    done = 0
    errors = 0
    queue = iter(texts)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal done, errors
        for text in queue:
            response = await http.post(f"{url}/v1/classify", json={"text": text})
            errors += response.status_code != 200
            done += 1
            if done == warm or done % every == 0:
                samples.append((done, tree_memory_mb(pid, pss=True)[1]))

    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=clients)) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    samples.append((done, tree_memory_mb(pid, pss=True)[1]))
    if errors:
        print(f"{errors} requests failed", file=sys.stderr)
    return samples


def start(port: int) -> subprocess.Popen[bytes]:
    """``krquality serve`` with its default settings (helper process, result cache) on ``port``."""
    env = {**os.environ, "KRQ_HOST": "127.0.0.1", "KRQ_PORT": str(port), "KRQ_LOG_LEVEL": "warning"}
    script = Path(sys.executable).parent / "krquality"
    process = subprocess.Popen([str(script), "serve"], env=env)
    deadline = time.monotonic() + 90
    with httpx.Client(timeout=1.0) as client:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if client.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                    return process
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    process.kill()
    raise SystemExit("the server did not get ready")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=40_000)
    parser.add_argument("--warm", type=int, default=2_000, help="requests before the baseline sample")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--every", type=int, default=0, help="requests between samples (default: 1/20 of them)"
    )
    args = parser.parse_args()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    process = start(port)
    try:
        started = time.perf_counter()
        texts = key_results(args.requests)
        every = args.every or max(args.requests // 20, 1)
        samples = asyncio.run(
            soak(f"http://127.0.0.1:{port}", process.pid, texts, args.clients, args.warm, every)
        )
        elapsed = time.perf_counter() - started
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    baseline = next(pss for done, pss in samples if done >= args.warm)
    final = samples[-1][1]
    ratio = final / baseline
    print(f"{'requests':>10}{'PSS MB':>10}")
    for done, pss in samples:
        print(f"{done:>10}{pss:>10.0f}")
    print(f"{args.requests} distinct requests in {elapsed:.0f} s, {args.clients} clients, half random words")
    print(f"PSS after {args.warm}: {baseline:.0f} MB; at the end: {final:.0f} MB")
    print(f"ratio {ratio:.3f} (target <= {TARGET_RATIO}): {'ok' if ratio <= TARGET_RATIO else 'OVER'}")


if __name__ == "__main__":
    main()
