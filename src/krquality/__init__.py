"""krquality: is a key result a metric, a milestone or a task, and how to write it better.

>>> import krquality
>>> krquality.analyze("Increase trial-to-paid conversion from 4% to 7% by Q3").label
<Label.METRIC: 'metric'>
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from krquality.errors import (
    ConfigError,
    InvalidInputError,
    KRQualityError,
    ModelCompatibilityError,
    ModelError,
    ModelIntegrityError,
    OKRFileError,
    SpacyModelNotFoundError,
)
from krquality.labels import Label
from krquality.result import Finding, Objective, OKRSetResult, Result, Severity, Suggestion

if TYPE_CHECKING:
    from krquality.engine import Analyzer, validate_text

try:
    __version__ = version("krquality")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "Analyzer",
    "ConfigError",
    "Finding",
    "InvalidInputError",
    "KRQualityError",
    "Label",
    "ModelCompatibilityError",
    "ModelError",
    "ModelIntegrityError",
    "OKRFileError",
    "OKRSetResult",
    "Objective",
    "Result",
    "Severity",
    "SpacyModelNotFoundError",
    "Suggestion",
    "__version__",
    "analyze",
    "analyze_many",
    "analyze_okrs",
    "get_analyzer",
    "load_model",
    "validate_text",
]


def __getattr__(name: str) -> Any:
    # The engine pulls in spaCy and scikit-learn; importing it lazily keeps
    # `import krquality` (and `krquality --version`) fast.
    if name in ("Analyzer", "validate_text"):
        from krquality import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'krquality' has no attribute {name!r}")


_default: Analyzer | None = None
_default_lock = threading.Lock()


def get_analyzer() -> Analyzer:
    """Return the process-wide :class:`Analyzer`, loading it on first use.

    >>> get_analyzer() is get_analyzer()
    True
    """
    from krquality.engine import Analyzer

    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                from krquality.feedback import load_index

                # The user's own corrections (krquality.feedback) answer for their texts.
                _default = Analyzer.load(corrections=load_index())
    return _default


def load_model(path: str | None = None, *, spacy_model: str | None = None) -> Analyzer:
    """Load an :class:`Analyzer` for a model file (default: the bundled model).

    The file is loaded only if its sha256 matches its manifest.

    >>> load_model().model_version  # doctest: +ELLIPSIS
    'krq-...'
    """
    from krquality.engine import Analyzer

    return Analyzer.load(path, spacy_model=spacy_model)


def analyze(text: str, *, suggestions: bool = True, cycle: str | None = None) -> Result:
    """Analyse one key result with the default analyzer; ``cycle`` is the OKR cycle its document
    states, which dates it when its own text names no date.

    >>> analyze("Hold weekly pipeline reviews").label
    <Label.TASK: 'task'>
    >>> analyze("Launch the partner portal", cycle="Q3 2025").structured.deadline
    '2025-09-30'
    """
    return get_analyzer().analyze(text, suggestions=suggestions, cycle=cycle)


def analyze_many(
    texts: Iterable[str],
    *,
    batch_size: int = 256,
    n_process: int = 1,
    suggestions: bool = True,
    cycle: str | None = None,
) -> Iterator[Result]:
    """Analyse many key results lazily, in input order.

    >>> [r.label.value for r in analyze_many(["Launch the partner portal", "Double weekly active teams"])]
    ['milestone', 'metric']
    """
    return get_analyzer().analyze_many(
        texts, batch_size=batch_size, n_process=n_process, suggestions=suggestions, cycle=cycle
    )


def analyze_okrs(
    objectives: Sequence[Objective], *, suggestions: bool = True, cycle: str | None = None
) -> OKRSetResult:
    """Analyse objectives with their key results, including set-level checks; each objective's
    ``cycle`` (else ``cycle``) dates its key results that name no date.

    >>> result = analyze_okrs([Objective("Delight customers", ("Improve support", "Answer tickets"))])
    >>> [f.code for f in result.objectives[0].findings]  # doctest: +ELLIPSIS
    [...]
    """
    return get_analyzer().analyze_okrs(objectives, suggestions=suggestions, cycle=cycle)
