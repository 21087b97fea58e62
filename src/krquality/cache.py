"""A bounded cache of finished analyses, keyed by the text and whether suggestions were asked for.

The playground, LanguageTool clients and editors send the whole text again
after every pause in typing, so most of the key results in a request were
analysed a moment ago; an analysis depends only on the text, the model and
the configuration, which an :class:`~krquality.engine.Analyzer` holds fixed,
so its cache can answer them. A hit costs a dictionary lookup instead of
about 0.5 ms (1.5 ms with suggestions).

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


class ResultCache:
    """Least-recently-used cache of at most ``size`` results; safe to share between threads.

    >>> import krquality
    >>> cache = ResultCache(1)
    >>> cache.put(("Launch the portal", False), krquality.analyze("Launch the portal", suggestions=False))
    >>> cache.get(("Launch the portal", False)).label.value, cache.get(("Launch the portal", True))
    ('milestone', None)
    >>> cache.hits, cache.misses
    (1, 1)
    """

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"a result cache holds at least one entry, not {size}")
        self.size = size
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Key, Result] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Key) -> Result | None:
        """The cached result for ``key``, now the most recently used; None if absent."""
        with self._lock:
            result = self._entries.get(key)
            if result is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return result

    def put(self, key: Key, result: Result) -> None:
        """Store ``result``, dropping the least recently used entry past ``size``."""
        with self._lock:
            self._entries[key] = result
            self._entries.move_to_end(key)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry (the counts stay)."""
        with self._lock:
            self._entries.clear()
