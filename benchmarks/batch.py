"""Batch throughput and memory: 1 and 2 jobs, a local Dask cluster, beside bare ``nlp.pipe``.

Generates ``--rows`` varied key results (fragments combined: verbs, metrics,
baselines, targets, dates, teams) into a CSV, then times, in the same run:

- bare ``nlp.pipe`` over the same texts (spaCy's statistical components
  only, one process): the floor cost of reading the words at all;
- ``classify_file`` with ``--jobs 1`` and ``--jobs 2``, each in a fresh
  process, with the peak resident memory of its whole process tree;
- ``classify_file`` on a ``LocalCluster`` (2 worker processes, 1 thread each).

``--flat-memory`` instead classifies 10,000 rows and then ``--rows`` rows
(use 1000000) and compares their peak RSS: the batch path streams, so the
difference should stay under 50 MB.

    /work/venv/bin/python benchmarks/batch.py [--rows 100000] [--no-suggestions] [--skip-dask]
    /work/venv/bin/python benchmarks/batch.py --flat-memory --rows 1000000 --jobs 2
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from _common import TreeMemory

VERBS_METRIC = ["Increase", "Grow", "Raise", "Cut", "Reduce", "Lift", "Bring", "Improve"]
METRICS = ["trial-to-paid conversion", "weekly active teams", "NPS", "median support response time",
           "monthly recurring revenue", "churn", "onboarding completion", "test coverage", "p95 latency",
           "first-contact resolution", "qualified pipeline", "employee engagement score"]
UNITS = ["%", " points", "", " ms", "k", " hours"]
DEADLINES = ["", " by Q3", " by June 30", " in 2027", " before the board meeting", " this quarter"]
DELIVERABLES = ["the partner portal", "offline mode", "the v3 API spec", "SSO for enterprise customers",
                "the new expense policy", "the billing migration", "the data warehouse", "a head of data",
                "ISO 27001 certification", "the mobile app redesign"]
VERBS_MILESTONE = ["Launch", "Ship", "Publish", "Roll out", "Migrate", "Hire", "Obtain", "Complete"]
TASKS = ["Hold weekly pipeline reviews", "Research competitor pricing", "Help the sales team with demos",
         "Be better at customer follow-up"]
TASK_PREFIXES = ["Keep working on", "Explore options for", "Support the rollout of", "Monitor", "Focus on"]
TEAMS = ["Sales", "Engineering", "Support", "Marketing", "Finance", "People"]


def generate_texts(n: int, *, seed: int = 7) -> list[str]:
    """``n`` varied key results, metric / milestone / task shaped, deterministic for ``seed``."""
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            low = rng.randint(1, 80)
            unit = rng.choice(UNITS)
            text = (f"{rng.choice(VERBS_METRIC)} {rng.choice(METRICS)} from {low}{unit} to "
                    f"{low + rng.randint(1, 60)}{unit}{rng.choice(DEADLINES)}")
        elif kind == 1:
            text = f"{rng.choice(VERBS_MILESTONE)} {rng.choice(DELIVERABLES)}{rng.choice(DEADLINES)}"
        else:
            text = (rng.choice(TASKS) if rng.random() < 0.4
                    else f"{rng.choice(TASK_PREFIXES)} {rng.choice(DELIVERABLES)}")
        texts.append(text)
    return texts


def write_backlog(path: Path, n: int) -> None:
    """A CSV of ``n`` rows (team, quarter, text), written without holding them all."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["team", "quarter", "text"])
        block = 10_000
        for start in range(0, n, block):
            texts = generate_texts(min(block, n - start), seed=start)
            writer.writerows([TEAMS[(start + i) // 7 % len(TEAMS)], f"Q{(start + i) // 5 % 4 + 1}", text]
                             for i, text in enumerate(texts))


CHILD = """
import json, sys, time
from krquality.batch import classify_file
options = json.loads(sys.argv[3])
started = time.perf_counter()
summary = classify_file(sys.argv[1], sys.argv[2], **options)
print(json.dumps({"seconds": time.perf_counter() - started, "rows": summary.rows_read,
                  "written": summary.rows_written, "failed": summary.rows_failed}))
"""


def run_child(source: Path, output: Path, options: dict[str, Any]) -> dict[str, Any]:
    """``classify_file`` in a fresh process; its timing plus the peak RSS of its process tree."""
    process = subprocess.Popen([sys.executable, "-c", CHILD, str(source), str(output), json.dumps(options)],
                               stdout=subprocess.PIPE, text=True)
    with TreeMemory(process.pid) as memory:
        out, _ = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"classify_file failed with {options}")
    return {**json.loads(out.strip().splitlines()[-1]), "peak_rss_mb": memory.peak_rss}


def time_bare_pipe(texts: list[str]) -> float:
    """Seconds for spaCy's own components alone over ``texts`` (krquality's sibling of throughput.py)."""
    import spacy

    from krquality.nlp.loader import CLASSIFY_DISABLED, EXCLUDED, resolve_spacy_model

    nlp = spacy.load(resolve_spacy_model(), exclude=list(EXCLUDED))
    for pipe in CLASSIFY_DISABLED:
        nlp.disable_pipe(pipe)
    for _ in nlp.pipe(texts[:500]):
        pass
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - started


def _spin(_: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def parallel_headroom() -> float:
    """How much faster two pure-Python processes get through the same work than one, right now.

    2.0 on two idle cores; less when other processes share the machine. The
    jobs-2 speed-up cannot beat it, so it is printed beside the speed-up.
    """
    import multiprocessing

    single = _spin(0)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_spin, [0, 0])  # start-up, not measured
        started = time.perf_counter()
        pool.map(_spin, [0, 1])
        both = time.perf_counter() - started
    return 2 * single / both


def run_dask(source: Path, output: Path, options: dict[str, Any]) -> dict[str, Any]:
    from distributed import LocalCluster

    from krquality.batch import classify_file

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                      silence_logs=40) as cluster:
        started = time.perf_counter()
        summary = classify_file(source, output, dask_scheduler=cluster.scheduler_address, **options)
        return {"seconds": time.perf_counter() - started, "rows": summary.rows_read}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated job counts to time")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="rows per task (default: the runner's, 64 locally and 256 on Dask)")
    parser.add_argument("--no-suggestions", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-bare", action="store_true")
    parser.add_argument("--flat-memory", action="store_true",
                        help="compare peak RSS of 10,000 rows with --rows rows (use 1000000)")
    parser.add_argument("--format", default="csv", choices=["csv", "jsonl", "parquet"])
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="krq-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"suggestions": not args.no_suggestions}
    if args.batch_size is not None:
        options["batch_size"] = args.batch_size
    job_counts = [int(j) for j in args.jobs.split(",")]
    print(f"rows: {args.rows:,}; suggestions: {'off' if args.no_suggestions else 'on'}; "
          f"batch size {args.batch_size or 'default'}; {psutil.cpu_count()} cores; work in {workdir}")

    if args.flat_memory:
        peaks = {}
        for n in (10_000, args.rows):
            source = workdir / f"backlog-{n}.csv"
            if not source.exists():
                write_backlog(source, n)
            for jobs in job_counts:
                output = workdir / f"out-{n}-{jobs}.{args.format}"
                result = run_child(source, output, {**options, "jobs": jobs})
                peaks[(n, jobs)] = result["peak_rss_mb"]
                print(f"{n:>9,} rows, jobs {jobs}: {result['rows'] / result['seconds']:7.0f} rows/s, "
                      f"peak RSS {result['peak_rss_mb']:6.0f} MB (process tree)", flush=True)
        for jobs in job_counts:
            delta = peaks[(args.rows, jobs)] - peaks[(10_000, jobs)]
            verdict = "flat" if delta <= 50 else "NOT flat"
            print(f"jobs {jobs}: peak at {args.rows:,} rows minus peak at 10,000 rows = {delta:+.0f} MB "
                  f"({verdict}; target within 50 MB)")
        return

    source = workdir / f"backlog-{args.rows}.csv"
    write_backlog(source, args.rows)
    rates: dict[str, float] = {}
    if not args.skip_bare:
        texts = list(itertools.islice((row[2] for row in csv.reader(source.open(encoding="utf-8"))), 1, None))
        seconds = time_bare_pipe(texts)
        rates["bare nlp.pipe (1 process)"] = len(texts) / seconds
        print(f"bare nlp.pipe, 1 process:   {rates['bare nlp.pipe (1 process)']:8.0f} rows/s", flush=True)
        del texts
    for jobs in job_counts:
        result = run_child(source, workdir / f"out-jobs{jobs}.{args.format}", {**options, "jobs": jobs})
        rates[f"jobs {jobs}"] = result["rows"] / result["seconds"]
        print(f"classify_file --jobs {jobs}:    {rates[f'jobs {jobs}']:8.0f} rows/s  "
              f"({result['seconds']:.1f} s, peak RSS {result['peak_rss_mb']:.0f} MB process tree)",
              flush=True)
    if not args.skip_dask:
        result = run_dask(source, workdir / f"out-dask.{args.format}", options)
        rates["dask"] = result["rows"] / result["seconds"]
        print(f"LocalCluster 2 workers:     {rates['dask']:8.0f} rows/s  ({result['seconds']:.1f} s)",
              flush=True)

    print("ratios:")
    if "jobs 1" in rates and "jobs 2" in rates:
        headroom = parallel_headroom()
        print(f"  jobs 2 / jobs 1: {rates['jobs 2'] / rates['jobs 1']:.2f}x (target >= 1.7x on 2 idle cores; "
              f"this machine's headroom for 2 processes right now: {headroom:.2f}x)")
    if "dask" in rates and "jobs 1" in rates:
        print(f"  dask (2 workers) / jobs 1: {rates['dask'] / rates['jobs 1']:.2f}x")
    bare = rates.get("bare nlp.pipe (1 process)")
    if bare:
        for name, rate in rates.items():
            if name != "bare nlp.pipe (1 process)":
                print(f"  {name} / bare nlp.pipe: {rate / bare:.2f}")
    if "jobs 1" in rates:
        per_million = 1_000_000 / rates["jobs 1"] / 3600
        print(f"  one core: {per_million:.2f} core-hours per million rows")


if __name__ == "__main__":
    main()
