"""A stand-in backend for the language-server tests that are about the server.

It honours the :class:`~krquality.lsp.analysis.Backend` contract and returns
real :class:`krquality.Result` objects from fixed rules, under the given
configuration (enabled checks, severities), so ranges, hovers, code actions
and settings are tested without spaCy or the model. ``test_server_real.py``
runs the real analyzer.

Rules: a digit makes a metric (KRQ101 on the number unless "from" is
there); "Launch"/"Ship" a milestone (KRQ201 on the verb unless "by" is
there, with a fix appending " by [date]"); anything else a task (KRQ301 on
the first word, with a rewrite suggestion); "try to " is a hedge (KRQ402,
fix: remove it). An objective with fewer than two key results gets KRQ501.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from krquality import Label
from krquality.checks import get_check, is_enabled, severity_of
from krquality.config import Config
from krquality.features.types import Features, Form, SpanRef
from krquality.result import (
    Evidence,
    Finding,
    Fix,
    Objective,
    ObjectiveResult,
    OKRSetResult,
    Result,
    StructuredKR,
    Suggestion,
)


def _configured(findings: list[Finding], config: Config) -> tuple[Finding, ...]:
    out = []
    for finding in findings:
        check = get_check(finding.code)
        if is_enabled(check, config):
            out.append(dataclasses.replace(finding, severity=severity_of(check, config)))
    return tuple(out)


def _finding(code: str, start: int, end: int, fix: Fix | None = None) -> Finding:
    check = get_check(code)
    return Finding(code, check.name, check.severity, check.message, start, end, fix)


class StubBackend:
    """Rule-based results; ``delay`` seconds of (blocking) work per call, to test debouncing."""

    def __init__(self, *, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls = 0

    def preload(self) -> None:
        """Nothing to load."""

    def analyze_many(self, texts: Sequence[str], *, config: Config, suggestions: bool) -> list[Result]:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        return [self._one(text, config, suggestions) for text in texts]

    def analyze_okrs(
        self, objectives: Sequence[Objective], *, config: Config, suggestions: bool
    ) -> OKRSetResult:
        out = []
        for objective in objectives:
            results = tuple(self.analyze_many(objective.key_results, config=config, suggestions=suggestions))
            found = [_finding("KRQ501", 0, len(objective.title))] if len(results) < 2 else []
            out.append(ObjectiveResult(objective, results, _configured(found, config)))
        return OKRSetResult(tuple(out))

    def _one(self, text: str, config: Config, suggestions: bool) -> Result:
        words = text.split()
        first = SpanRef(0, len(words[0]), words[0])
        number = re.search(r"\d+%?", text)
        findings: list[Finding] = []
        drafts: list[Suggestion] = []
        hedge = text.find("try to ")
        if hedge != -1:
            findings.append(_finding("KRQ402", hedge, hedge + 6, Fix(hedge, hedge + 7, "")))
        if number:
            label = Label.METRIC
            if " from " not in text:
                findings.append(_finding("KRQ101", number.start(), number.end()))
        elif words[0].lower() in ("launch", "ship"):
            label = Label.MILESTONE
            if " by " not in text:
                findings.append(
                    _finding("KRQ201", first.start, first.end, Fix(len(text), len(text), " by [date]"))
                )
        else:
            label = Label.TASK
            findings.append(_finding("KRQ301", first.start, first.end))
            if suggestions:
                rest = " ".join(words[1:]) or "it"
                drafts.append(
                    Suggestion(
                        f"Increase {rest} from [baseline] to [target]",
                        Label.METRIC,
                        80,
                        ("KRQ301",),
                        ("[baseline]", "[target]"),
                    )
                )
        kept = _configured(findings, config)
        probabilities = {lab.value: (0.8 if lab is label else 0.1) for lab in Label}
        features = Features(
            text=text,
            body=SpanRef(0, len(text), text),
            form=Form.IMPERATIVE,
            lead_verb=None,
            n_words=len(words),
        )
        return Result(
            text=text,
            label=label,
            probabilities=probabilities,
            confident=True,
            evidence=(Evidence(first, "lead verb"),),
            structured=StructuredKR(),
            features=features,
            findings=kept,
            score=100 - 12 * len({f.code for f in kept}),
            grade="B" if kept else "A",
            suggestions=tuple(drafts),
            model_version="krq-stub",
        )


def main() -> None:
    """Run the language server over stdio with the stub backend (``python tests/lsp/stub.py [delay]``)."""
    from krquality.lsp.server import create_server

    delay = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
    create_server(backend=StubBackend(delay=delay)).start_io()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    main()
