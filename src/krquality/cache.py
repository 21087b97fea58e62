"""A bounded cache of finished analyses, keyed by the text and whether suggestions were asked for.

The playground, LanguageTool clients and editors send the whole text again
after every pause in typing, so most of the key results in a request were
analysed a moment ago; an analysis depends only on the text, the model and
the configuration, which an :class:`~krquality.engine.Analyzer` holds fixed,
so its cache can answer them. A hit costs a dictionary lookup instead of
about 0.5 ms (1.5 ms with suggestions).

The cache is bounded twice: in entries and in bytes. Key results can be up
to ``max_chars`` long (1,000 by default) and carry many findings and
suggestions, so a count alone lets a client fill a worker's memory with long
distinct texts; :func:`approximate_bytes` charges each entry for what it holds.

Entries are whole :class:`~krquality.result.Result` objects, shared by every
caller that gets them: treat them as read-only (they are frozen; their
``probabilities`` dict is the one mutable part).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from krquality.result import Result

# (text, suggestions), with the document's cycle and a user's standing correction
# (either may be None) as third and fourth items when there is either.
Key = tuple[str, bool] | tuple[str, bool, str | None, Hashable]

# What an entry holds, fitted (least squares) to a deep sys.getsizeof walk
# over the results of 200 real key results with and without suggestions: the
# features' spans grow with the text, the rest with findings, suggestions
# and evidence. The walk itself costs some 350 us an entry, too much to run
# on every store; the fit is within 0.55x-2.9x of it (tests/test_cache.py
# holds it to a factor of four).
_BASE_BYTES = 700
_PER_CHAR = 20
_PER_FINDING = 200
_PER_SUGGESTION = 300
_PER_EVIDENCE = 600


def approximate_bytes(key: Key, result: Result) -> int:
    """About how many bytes of memory a cache entry holds.

    >>> import krquality
    >>> approximate_bytes(("Ship it", False), krquality.analyze("Ship it", suggestions=False)) > 700
    True
    """
    return (
        _BASE_BYTES
        + _PER_CHAR * len(key[0])
        + _PER_FINDING * len(result.findings)
        + _PER_SUGGESTION * len(result.suggestions)
        + _PER_EVIDENCE * len(result.evidence)
    )


class ResultCache:
    """Least-recently-used cache of at most ``size`` results and ``max_bytes`` bytes
    (:func:`approximate_bytes`; None: no byte bound); safe to share between threads.

    >>> import krquality
    >>> cache = ResultCache(1)
    >>> cache.put(("Launch the portal", False), krquality.analyze("Launch the portal", suggestions=False))
    >>> cache.get(("Launch the portal", False)).label.value, cache.get(("Launch the portal", True))
    ('milestone', None)
    >>> cache.hits, cache.misses
    (1, 1)
    """

    def __init__(self, size: int, *, max_bytes: int | None = None) -> None:
        if size < 1:
            raise ValueError(f"a result cache holds at least one entry, not {size}")
        if max_bytes is not None and max_bytes < 1:
            raise ValueError(f"a result cache's byte bound is at least 1, not {max_bytes}")
        self.size = size
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Key, tuple[Result, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Key) -> Result | None:
        """The cached result for ``key``, now the most recently used; None if absent."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key: Key, result: Result) -> None:
        """Store ``result``, dropping the least recently used entries past ``size`` or ``max_bytes``.

        A result larger than ``max_bytes`` on its own is not stored.
        """
        cost = approximate_bytes(key, result)
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            if self.max_bytes is not None and cost > self.max_bytes:
                return
            self._entries[key] = (result, cost)
            self.bytes += cost
            while len(self._entries) > self.size or (
                self.max_bytes is not None and self.bytes > self.max_bytes
            ):
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped

    def clear(self) -> None:
        """Forget every entry (the counts stay)."""
        with self._lock:
            self._entries.clear()
            self.bytes = 0
