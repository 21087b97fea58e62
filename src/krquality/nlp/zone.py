"""spaCy memory zones shared by the threads that analyse with one pipeline.

spaCy keeps every string it meets in the vocabulary for good: a service that
sees new words grows without limit (20,000 texts of random words took a
worker from 353 to 685 MB, and nothing came back). Inside
``nlp.memory_zone()`` (spaCy 3.8) the strings and lexemes a text brings are
transient, and freed when the zone ends. Anything that outlives the zone must
hold plain Python values, never a ``Doc``, ``Token``, ``Span`` or a string's
hash: krquality's results are frozen dataclasses of strings and numbers, built
before the zone ends.

A zone is the vocabulary's state, not a thread's: spaCy's zones must not
nest, and a zone that ends frees the strings of every analysis still running
in it. :class:`SharedZone` therefore opens one zone for all the threads that
analyse at a time, and closes it when the last one leaves. Under steady load
some thread is always inside, so after ``max_entries`` entries the zone
drains: new callers wait (for one batch of the others, some tenths of a
second at most) until the running ones leave and it closes, then a new one
opens.
"""

from __future__ import annotations

import threading
import weakref
from contextlib import AbstractContextManager
from typing import Any

from spacy.language import Language

# Entries of a zone before it drains: few enough that the transient strings
# of a zone stay small (a batch of 64 key results brings some hundreds), many
# enough that waiting for a drain is rare.
MAX_ENTRIES = 64


class SharedZone:
    """One ``nlp.memory_zone()`` at a time, shared by every thread that enters.

    Re-entrant within a thread. Use :func:`memory_zone` to get the one zone of
    a pipeline.

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> zone = SharedZone(nlp)
    >>> before = len(nlp.vocab.strings)
    >>> with zone:
    ...     words = [token.text for token in nlp("Ship the zorblax integration")]
    >>> len(nlp.vocab.strings) == before, words[-2]
    (True, 'zorblax')
    """

    def __init__(self, nlp: Language, *, max_entries: int = MAX_ENTRIES) -> None:
        self.nlp = nlp
        self.max_entries = max_entries
        self.zones_closed = 0
        self._condition = threading.Condition()
        self._inside = 0
        self._entries = 0
        self._draining = False
        self._zone: AbstractContextManager[Any] | None = None
        self._depth = threading.local()

    def __enter__(self) -> None:
        depth: int = getattr(self._depth, "value", 0)
        self._depth.value = depth + 1
        if depth:  # this thread is inside already: the zone is open
            return
        with self._condition:
            while self._draining:
                self._condition.wait()
            if self._zone is None:
                zone = self.nlp.memory_zone()
                zone.__enter__()
                self._zone = zone
            self._inside += 1
            self._entries += 1
            if self._entries >= self.max_entries:
                self._draining = True

    def __exit__(self, *exc: object) -> None:
        self._depth.value -= 1
        if self._depth.value:
            return
        with self._condition:
            self._inside -= 1
            if self._inside == 0 and self._zone is not None:
                zone, self._zone = self._zone, None
                self._entries = 0
                self._draining = False
                try:
                    zone.__exit__(None, None, None)
                finally:
                    self.zones_closed += 1
                    self._condition.notify_all()


_ZONES: weakref.WeakKeyDictionary[Language, SharedZone] = weakref.WeakKeyDictionary()
_ZONES_LOCK = threading.Lock()


def memory_zone(nlp: Language) -> SharedZone:
    """The :class:`SharedZone` of ``nlp``: one per pipeline, whatever analyzers share it.

    >>> from krquality.nlp import build_nlp
    >>> nlp = build_nlp()
    >>> memory_zone(nlp) is memory_zone(nlp)
    True
    """
    with _ZONES_LOCK:
        zone = _ZONES.get(nlp)
        if zone is None:
            zone = _ZONES[nlp] = SharedZone(nlp)
        return zone
