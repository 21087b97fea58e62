"""Load on ``POST /v1/feedback`` against ``POST /v1/classify``, in the same run, over loopback.

Starts ``krquality serve`` (one worker, a fresh SQLite store in a temporary
folder, or ``--db`` for another store such as a PostgreSQL URL) and drives it
with 32 concurrent keep-alive clients, in alternating rounds so drift in the
machine's load hits both alike:

* ``classify``: one key result with suggestions, as benchmarks/load.py sends it;
* ``feedback``: a correction with the model's label sent along (what the
  playground and the editor send), so the service only stores it;
* ``feedback+analysis``: a correction without it, so the service analyses the
  text (without suggestions) to record the model's verdict.

Prints p50/p99 per scenario and each feedback p99 as a ratio to classify's;
the target is a ratio at or below 1. Every write is counted back at the end.

    .venv/bin/python benchmarks/feedback.py [--requests 600] [--rounds 3] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, os.path.dirname(__file__))
from _common import sample_texts
from load import HEADER, RawClient, Run, drive_raw, free_port, start_server, stop_server

CLIENTS = 32


def merge(runs: list[Run]) -> Run:
    first = runs[0]
    return Run(
        first.scenario,
        first.clients,
        first.items,
        [t for r in runs for t in r.latencies],
        sum(r.wall for r in runs),
        sum(r.errors for r in runs),
    )


async def measure(base: str, args: argparse.Namespace) -> dict[str, Run]:
    texts = sample_texts(6_000)
    raw = RawClient(base)
    classify = [raw.post_json("/v1/classify", {"text": t, "suggestions": True}) for t in texts[:2000]]
    labels = ("metric", "milestone", "task")
    stored = [
        raw.post_json(
            "/v1/feedback",
            {"text": t, "label": labels[i % 3], "model_label": labels[(i + 1) % 3], "user": f"b{i % 50}"},
        )
        for i, t in enumerate(texts[2000:4000])
    ]
    analysed = [
        raw.post_json("/v1/feedback", {"text": t, "label": labels[i % 3], "user": f"bench-{i % 50}"})
        for i, t in enumerate(texts[4000:6000])
    ]
    scenarios = {"classify": classify, "feedback": stored, "feedback+analysis": analysed}
    bounds = {"clients": CLIENTS, "requests": args.requests, "seconds": args.seconds, "items": 1}
    await drive_raw(raw, "warm-up", classify[-200:], clients=8, requests=100, seconds=10, items=1)
    runs: dict[str, list[Run]] = {name: [] for name in scenarios}
    for round_ in range(args.rounds):
        for name, encoded in scenarios.items():
            # Each round sends the next slice, so no request repeats a text (no cache helps).
            part = encoded[round_ * args.requests :] or encoded
            runs[name].append(await drive_raw(raw, name, part, **bounds))
    return {name: merge(found) for name, found in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600, help="Requests per scenario and round.")
    parser.add_argument("--rounds", type=int, default=3, help="Alternating rounds of the three scenarios.")
    parser.add_argument("--seconds", type=float, default=30.0, help="Most seconds per scenario and round.")
    parser.add_argument("--db", help="Corrections store (default: a new SQLite file in a temporary folder).")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="krq-feedback-bench-"))
    os.environ["KRQ_FEEDBACK_DB"] = args.db or str(folder / "feedback.sqlite3")
    os.environ["KRQ_ACCESS_LOG"] = "false"
    script = Path(sys.executable).parent / "krquality"
    port = free_port()
    process, _, log = start_server(port, script)
    base = f"http://127.0.0.1:{port}"
    try:
        results = asyncio.run(measure(base, args))
        total = httpx.get(f"{base}/v1/feedback", params={"limit": 1}, timeout=30).json()["total"]
    finally:
        stop_server(process)
        shutil.rmtree(folder, ignore_errors=True)
    store = "given" if args.db else "SQLite file"
    print(f"store: {store}; {CLIENTS} clients, {args.rounds} alternating rounds")
    print(HEADER)
    for run in results.values():
        print(run.row())
    base_p99 = results["classify"].percentile(99)
    for name in ("feedback", "feedback+analysis"):
        ratio = results[name].percentile(99) / base_p99
        within = "within" if ratio <= 1.0 else "over"
        print(f"p99 {name} / classify: {ratio:.2f} ({within} the classify bound)")
    sent = sum(len(results[n].latencies) - results[n].errors for n in ("feedback", "feedback+analysis"))
    print(f"corrections stored: {total} (answered 2xx: {sent}); server log: {log}")


if __name__ == "__main__":
    main()
