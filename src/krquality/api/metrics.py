"""Prometheus metrics of the service: requests, latencies, labels served.

Each app gets its own :class:`~prometheus_client.CollectorRegistry`, so
several apps in one process (tests) never collide. With several worker
processes, set ``PROMETHEUS_MULTIPROC_DIR`` to an empty directory and
``/metrics`` aggregates every worker's numbers.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from krquality.cache import ResultCache
from krquality.result import Result

# Latency buckets around the targets (single key result p99 <= 25 ms, a
# batch of 1,000 in <= 1 s).
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ServiceMetrics:
    """The collectors of one app, and how to render them.

    >>> metrics = ServiceMetrics()
    >>> metrics.observe_request("GET", "/healthz", 200, 0.001)
    >>> b"krq_http_requests_total" in metrics.render()[0]
    True
    """

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "krq_http_requests",
            "HTTP requests served, by method, route template and status code.",
            ("method", "route", "status"),
            registry=self.registry,
        )
        self.latency = Histogram(
            "krq_http_request_duration_seconds",
            "Time from request start to the end of the response, by method and route template.",
            ("method", "route"),
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "krq_http_requests_in_flight",
            "Requests being served right now.",
            registry=self.registry,
            multiprocess_mode="livesum",
        )
        self.labels = Counter(
            "krq_labels_served",
            "Key results labelled, by label.",
            ("label",),
            registry=self.registry,
        )
        self.findings = Counter(
            "krq_findings_served",
            "Findings reported, by check code.",
            ("code",),
            registry=self.registry,
        )
        self.cache_lookups = Counter(
            "krq_result_cache_lookups",
            "Result-cache lookups of key results, by outcome (hit or miss).",
            ("outcome",),
            registry=self.registry,
        )
        self.degraded = Gauge(
            "krq_degraded",
            "1 when the worker lost its helper processes and analyses alone, else 0.",
            registry=self.registry,
            multiprocess_mode="max",
        )
        self._cache_seen = (0, 0)

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one finished request and record its latency."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def observe_results(self, results: Iterable[Result]) -> None:
        """Count the labels and findings of analysed key results."""
        for result in results:
            self.observe(result.label.value, (finding.code for finding in result.findings))

    def observe(self, label: str, codes: Iterable[str]) -> None:
        """Count one analysed key result by its label and finding codes (a rendered result's)."""
        self.labels.labels(label).inc()
        for code in codes:
            self.findings.labels(code).inc()

    def sync_cache(self, cache: ResultCache | None) -> None:
        """Bring the cache-lookup counters up to ``cache``'s own counts (the cache counts; this reports)."""
        if cache is None:
            return
        hits, misses = cache.hits, cache.misses
        seen_hits, seen_misses = self._cache_seen
        if hits > seen_hits:
            self.cache_lookups.labels("hit").inc(hits - seen_hits)
        if misses > seen_misses:
            self.cache_lookups.labels("miss").inc(misses - seen_misses)
        self._cache_seen = (hits, misses)

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type (every worker's, in multiprocess mode)."""
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
