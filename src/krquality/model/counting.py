"""Word and character n-gram counts for a fitted vocabulary, without scikit-learn.

The same analysis as scikit-learn's ``CountVectorizer`` for the settings
krquality trains with (``analyzer`` ``"word"`` or ``"char_wb"``, optional
lower-casing, a token pattern, no stop words), so the service can score with
a compiled model and never import scikit-learn (about 1 s and 100 MB). The
columns a word contributes depend on the word alone, so they are computed once
per distinct word and cached; scipy sums the counts in C. Tests compare the
result with scikit-learn's on the training data and on arbitrary text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import numpy as np
import scipy.sparse as sp

# A long-running service sees an open-ended vocabulary; past this many
# distinct words the cache starts again rather than grow without bound.
# 5,000 holds the working vocabulary of a set of key results; at
# 200,000 the cache was what a served worker grew by over 40,000 distinct
# requests of new words (196 to 267 MB, some 250 bytes an entry in each
# process), long after spaCy's own strings were freed (krquality.nlp.zone).
CACHE_LIMIT = 5_000


def char_wb_ngrams(word: str, min_n: int, max_n: int) -> list[str]:
    """The ``char_wb`` n-grams of one word, as scikit-learn makes them (padded with spaces).

    >>> char_wb_ngrams("ok", 2, 3)
    [' o', 'ok', 'k ', ' ok', 'ok ']
    """
    padded = f" {word} "
    length = len(padded)
    grams = []
    for n in range(min_n, max_n + 1):
        offset = 0
        grams.append(padded[offset : offset + n])
        while offset + n < length:
            offset += 1
            grams.append(padded[offset : offset + n])
        if offset == 0:  # a word shorter than n counts once
            break
    return grams


class NgramCounter:
    """Term counts over a fixed ``vocabulary`` (n-gram -> column), one CSR row per text."""

    def __init__(
        self,
        *,
        analyzer: str,
        ngram_range: tuple[int, int],
        vocabulary: Mapping[str, int],
        lowercase: bool = True,
        token_pattern: str | None = r"(?u)\b\w\w+\b",
    ) -> None:
        if analyzer not in ("word", "char_wb"):
            raise ValueError(f"analyzer must be 'word' or 'char_wb', not {analyzer!r}")
        self.analyzer = analyzer
        self.min_n, self.max_n = ngram_range
        self.vocabulary = {str(gram): int(column) for gram, column in vocabulary.items()}
        self.lowercase = lowercase
        self.token_pattern = token_pattern
        self._tokens = None
        if analyzer == "word":
            pattern = re.compile(token_pattern or "")
            if pattern.groups > 1:
                raise ValueError("the token pattern may have at most one capturing group")
            self._tokens = pattern.findall
        self._cache: dict[str, bytes] = {}

    def _columns(self, gram: str) -> bytes:
        """The columns of a word's n-grams (or of one word n-gram) as packed int32, with repeats."""
        if len(self._cache) > CACHE_LIMIT:
            self._cache = {}
        grams = char_wb_ngrams(gram, self.min_n, self.max_n) if self.analyzer == "char_wb" else [gram]
        vocabulary = self.vocabulary
        columns = np.array([vocabulary[g] for g in grams if g in vocabulary], dtype=np.int32).tobytes()
        self._cache[gram] = columns
        return columns

    def columns(self, texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """Every n-gram column of each text, repeats included: ``(columns, row offsets)``.

        >>> counter = NgramCounter(analyzer="word", ngram_range=(1, 2), vocabulary={"ship": 0, "ship it": 1})
        >>> [a.tolist() for a in counter.columns(["Ship it, ship", "no"])]
        [[0, 0, 1], [0, 3, 3]]
        """
        cache = self._cache
        # Each word's columns are packed int32 bytes: joining them and reading
        # the result as one array keeps the per-column work in C.
        parts: list[bytes] = []
        indptr = [0]
        size = 0
        for text in texts:
            if self.lowercase:
                text = text.lower()
            if self._tokens is None:
                grams: list[str] = text.split()
            else:
                tokens = self._tokens(text)
                grams = []
                for n in range(self.min_n, self.max_n + 1):
                    if n == 1:
                        grams += tokens
                    else:
                        grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
            for gram in grams:
                part = cache.get(gram)
                if part is None:
                    part = self._columns(gram)
                    cache = self._cache
                parts.append(part)
                size += len(part)
            indptr.append(size)
        indices = np.frombuffer(bytearray().join(parts), dtype=np.int32)  # writable: sorted in place
        return indices, np.asarray(indptr, dtype=np.int64) // 4

    def counts(self, texts: Iterable[str]) -> sp.csr_matrix:
        """A CSR matrix of n-gram counts, one row per text (sorted columns, repeats summed).

        >>> counter = NgramCounter(analyzer="word", ngram_range=(1, 2), vocabulary={"ship": 0, "ship it": 1})
        >>> counter.counts(["Ship it, ship"]).toarray().tolist()
        [[2, 1]]
        """
        indices, indptr = self.columns(texts)
        matrix = sp.csr_matrix(
            (np.ones(len(indices), dtype=np.int64), indices, indptr),
            shape=(len(indptr) - 1, len(self.vocabulary)),
        )
        matrix.sum_duplicates()
        return matrix

    def row_counts(self, texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The arrays of :meth:`counts` (columns, counts, row offsets), made with numpy alone.

        Building a scipy matrix costs about 50 us whatever its size, which is
        most of the work for the one or few key results of a single request.

        >>> counter = NgramCounter(analyzer="word", ngram_range=(1, 2), vocabulary={"ship": 0, "ship it": 1})
        >>> [a.tolist() for a in counter.row_counts(["Ship it, ship", "no"])]
        [[0, 1], [2, 1], [0, 2, 2]]
        """
        indices, indptr = self.columns(texts)
        n_rows, width = len(indptr) - 1, max(len(self.vocabulary), 1)
        rows = np.repeat(np.arange(n_rows, dtype=np.int64), np.diff(indptr))
        keys, counts = np.unique(rows * width + indices, return_counts=True)  # by row, then column
        offsets = np.searchsorted(keys // width, np.arange(n_rows + 1, dtype=np.int64))
        return (keys % width).astype(np.int32), counts.astype(np.int64), offsets.astype(np.int64)
