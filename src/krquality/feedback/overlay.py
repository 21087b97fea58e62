"""Standing corrections applied at analysis time, before any retraining.

A :class:`CorrectionIndex` maps the normalised text (:func:`normalize_text`)
of every key result with a standing correction to its :class:`Override`. The
analyzer asks it once per text (:meth:`~krquality.engine.Analyzer.correction_for`);
with no corrections that is one truth test, without normalising anything.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

from krquality.feedback.normalize import normalize_text
from krquality.feedback.resolve import resolve
from krquality.feedback.types import Correction, Override


class CorrectionIndex:
    """The standing corrections of a store, held in memory; safe to share between threads.

    >>> from datetime import UTC, datetime
    >>> from krquality.feedback.types import CorrectedLabel, Source
    >>> index = CorrectionIndex.from_corrections(
    ...     [Correction("Ship v2", CorrectedLabel.TASK, "u1", Source.CLI, id=1, created_at=datetime.now(UTC))]
    ... )
    >>> index.lookup("ship v2.").label
    <CorrectedLabel.TASK: 'task'>
    >>> index.lookup("Ship v3") is None
    True
    """

    def __init__(self, overrides: Mapping[str, Override] | None = None) -> None:
        self._overrides: dict[str, Override] = dict(overrides or {})
        self._lock = threading.Lock()
        self.revision: object = None  # the store revision the overrides were read at

    @classmethod
    def from_corrections(cls, corrections: Iterable[Correction]) -> CorrectionIndex:
        """Resolve ``corrections`` (:func:`~krquality.feedback.resolve.resolve`) into an index."""
        return cls(_standing(corrections))

    def __bool__(self) -> bool:
        return bool(self._overrides)

    def __len__(self) -> int:
        return len(self._overrides)

    def lookup(self, text: str) -> Override | None:
        """The standing correction of ``text``, if any."""
        overrides = self._overrides
        if not overrides:
            return None
        return overrides.get(normalize_text(text))

    def subset(self, texts: Iterable[str]) -> dict[str, Override]:
        """The overrides of ``texts`` only, keyed by normalised text (what a helper process needs)."""
        overrides = self._overrides
        if not overrides:
            return {}
        out: dict[str, Override] = {}
        for text in texts:
            key = normalize_text(text)
            if (found := overrides.get(key)) is not None:
                out[key] = found
        return out

    def put(self, key: str, override: Override | None) -> None:
        """Set (or, with None, drop) the override of one normalised text."""
        with self._lock:  # one dict operation: readers in other threads see it whole
            if override is None:
                self._overrides.pop(key, None)
            else:
                self._overrides[key] = override

    def replace(self, overrides: Mapping[str, Override], *, revision: object = None) -> None:
        """Swap in another set of overrides at once (readers see the old or the new, never a mix)."""
        fresh = dict(overrides)
        with self._lock:
            self._overrides = fresh
            self.revision = revision

    def reload(self, corrections: Iterable[Correction], *, revision: object = None) -> None:
        """Replace the overrides by those ``corrections`` resolve to."""
        self.replace(_standing(corrections), revision=revision)


def _standing(corrections: Iterable[Correction]) -> dict[str, Override]:
    return {key: r.override for key, r in resolve(corrections).items() if r.override is not None}
