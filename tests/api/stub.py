"""A stand-in analyzer for the service tests that are about the service.

It keeps the :class:`krquality.Analyzer` contract (``analyze``,
``analyze_many``, ``analyze_okrs``, ``model``, ``model_version``) and returns
real :class:`krquality.Result` objects, built by a fixed rule table below,
so routes, mapping and formatting are tested without loading spaCy or the
model. Tests of what the model says use the real analyzer.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from krquality import InvalidInputError, Label
from krquality.config import Config
from krquality.errors import AnalysisTimeoutError
from krquality.features.types import Features, Form, SpanRef
from krquality.result import (
    Evidence,
    Finding,
    Fix,
    Objective,
    ObjectiveResult,
    OKRSetResult,
    Result,
    Severity,
    StructuredKR,
    Suggestion,
)

BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
MANIFEST: dict[str, Any] = {
    "name": "stub-kr",
    "version": "krq-stub-1",
    "metrics": {"held_out": {"macro_f1": 0.9}},
    "labels": ["metric", "milestone", "task"],
}


@dataclass
class StubModel:
    manifest: dict[str, Any] = field(default_factory=lambda: dict(MANIFEST))
    path: Path = Path("models/stub.joblib")

    @property
    def version(self) -> str:
        return str(self.manifest["version"])


class StubAnalyzer:
    """Rules: a digit makes a metric, a leading "Launch/Ship/Publish" a milestone, else a task.

    * metric without "from": KRQ101 on the first number, no fix, no suggestion;
    * milestone without "by": KRQ201 on the verb, with a fix appending " by [date]";
    * task: KRQ301 on the first word, and a suggestion rewriting the key result.

    ``delay`` makes every call sleep (blocking), to test the thread pool, and
    again every ``delay_every`` key results of it (to test time limits).
    """

    def __init__(self, *, delay: float = 0.0, max_chars: int = 1000, delay_every: int = 1_000_000) -> None:
        self.delay_every = delay_every
        self.model = StubModel()
        self.config = Config(max_chars=max_chars)
        self.delay = delay
        self.calls = 0
        self.lock = threading.Lock()
        self.max_concurrent = 0
        self._running = 0

    @property
    def model_version(self) -> str:
        return self.model.version

    def analyze(self, text: str, *, suggestions: bool = True) -> Result:
        return next(self.analyze_many([text], suggestions=suggestions))

    def analyze_many(
        self,
        texts: Iterable[str],
        *,
        batch_size: int = 256,
        n_process: int = 1,
        suggestions: bool = True,
        deadline: float | None = None,
    ) -> Iterator[Result]:
        with self.lock:
            self.calls += 1
            self._running += 1
            self.max_concurrent = max(self.max_concurrent, self._running)
        try:
            results: list[Result] = []
            late = False
            for i, text in enumerate(texts):
                if self.delay and i % self.delay_every == 0:
                    time.sleep(self.delay)
                if deadline is not None and time.monotonic() > deadline:
                    late = True
                    break
                results.append(self._one(i, text, suggestions))
        finally:
            with self.lock:
                self._running -= 1
        return self._then_late(results) if late else iter(results)

    @staticmethod
    def _then_late(results: list[Result]) -> Iterator[Result]:
        """The results done in time, then the library's timeout error, as ``analyze_many`` does."""
        yield from results
        raise AnalysisTimeoutError("out of time", done=len(results))

    def analyze_okrs(
        self, objectives: Sequence[Objective], *, suggestions: bool = True, deadline: float | None = None
    ) -> OKRSetResult:
        out = []
        for objective in objectives:
            results = tuple(
                self.analyze_many(objective.key_results, suggestions=suggestions, deadline=deadline)
            )
            findings: tuple[Finding, ...] = ()
            if len(results) < 2:
                findings = (
                    Finding(
                        "KRQ501",
                        "set.too_few_key_results",
                        Severity.WARNING,
                        "Add a second key result.",
                        0,
                        len(objective.title),
                    ),
                )
            out.append(ObjectiveResult(objective=objective, results=results, findings=findings))
        return OKRSetResult(objectives=tuple(out))

    def _one(self, index: int, text: str, suggestions: bool) -> Result:
        if not isinstance(text, str) or not text.strip() or len(text) > self.config.max_chars:
            raise InvalidInputError(f"texts[{index}] is invalid", field=f"texts[{index}]")
        bullet = BULLET.match(text)
        start = bullet.end() if bullet else 0
        body = SpanRef(start, len(text), text[start:])
        words = text[start:].split()
        first = SpanRef(start, start + len(words[0]), words[0])
        number = re.search(r"\d+%?", text)
        findings: list[Finding] = []
        drafts: list[Suggestion] = []
        if number:
            label = Label.METRIC
            if " from " not in text:
                findings.append(
                    Finding(
                        "KRQ101",
                        "metric.no_baseline",
                        Severity.WARNING,
                        "The target has no starting value.",
                        number.start(),
                        number.end(),
                    )
                )
        elif words[0].lower() in ("launch", "ship", "publish"):
            label = Label.MILESTONE
            if " by " not in text:
                findings.append(
                    Finding(
                        "KRQ201",
                        "milestone.no_deadline",
                        Severity.ERROR,
                        "Add a date.",
                        first.start,
                        first.end,
                        Fix(len(text), len(text), " by [date]"),
                    )
                )
        else:
            label = Label.TASK
            findings.append(
                Finding(
                    "KRQ301",
                    "task.activity",
                    Severity.WARNING,
                    "This describes an activity.",
                    first.start,
                    first.end,
                )
            )
            if suggestions:
                drafts.append(
                    Suggestion(
                        f"Increase {' '.join(words[1:]) or 'it'} from [baseline] to [target]",
                        Label.METRIC,
                        80,
                        ("KRQ301",),
                        ("[baseline]", "[target]"),
                    )
                )
        probabilities = {lab.value: (0.8 if lab is label else 0.1) for lab in Label}
        features = Features(text=text, body=body, form=Form.IMPERATIVE, lead_verb=None, n_words=len(words))
        return Result(
            text=text,
            label=label,
            probabilities=probabilities,
            confident=True,
            evidence=(Evidence(first, "lead verb"),),
            structured=StructuredKR(),
            features=features,
            findings=tuple(findings),
            score=100 - 20 * len(findings),
            grade="A" if not findings else "C",
            suggestions=tuple(drafts),
            model_version=self.model_version,
        )
