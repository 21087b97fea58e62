"""A failure injector for the runner tests: the real analyzer, except on texts containing ``BOOM``.

Module-level so that it pickles into worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from krquality import get_analyzer


class BoomAnalyzer:
    def __init__(self) -> None:
        self.real = get_analyzer()
        self.config = self.real.config

    def analyze(self, text: str, **options: Any) -> Any:
        if "BOOM" in text:
            raise RuntimeError("the engine blew up")
        return self.real.analyze(text, **options)

    def analyze_many(self, texts: Iterable[str], **options: Any) -> Iterator[Any]:
        texts = list(texts)
        if any("BOOM" in text for text in texts):
            raise RuntimeError("the engine blew up")
        return self.real.analyze_many(texts, **options)


def boom_analyzer() -> Any:
    return BoomAnalyzer()
