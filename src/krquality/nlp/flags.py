"""Matcher patterns whose word lists are lexeme flags, tested in C.

spaCy's ``Matcher`` evaluates ``{"LOWER": {"IN": [...]}}`` with one Python
call per set per token; the date patterns hold about twenty such sets, so
matching a five-token window cost about 45 us. Whether a word is in a set
depends on the word alone, so each set becomes a boolean lexeme flag
(``Vocab.add_flag``): computed once per vocabulary entry, then compared by
the ``Matcher`` in C like ``IS_ALPHA``. :func:`flag_patterns` rewrites the
patterns; a test checks that the rewritten ones give the same matches, in
the same order, as the originals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import IDS, SHAPE
from spacy.lang.lex_attrs import word_shape
from spacy.vocab import Vocab

# Custom flag bits the Matcher accepts by name ("FLAG19" ... "FLAG63").
FLAG_IDS: tuple[int, ...] = tuple(sorted(int(k[4:]) for k in IDS if k.startswith("FLAG")))


class InSet:
    """A lexeme flag getter: is ``attr(word)`` one of ``members``? Equal getters share one flag."""

    def __init__(self, attr: str, members: frozenset[str], read: Callable[[str], str]) -> None:
        self.attr = attr
        self.members = members
        self.read = read

    def __call__(self, text: str) -> bool:
        return self.read(text) in self.members

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InSet) and (self.attr, self.members) == (other.attr, other.members)

    def __hash__(self) -> int:
        return hash((self.attr, self.members))

    def __reduce__(self) -> tuple[Any, ...]:
        # Picklable with the vocabulary (spaCy pickles lex_attr_getters with it).
        return (_in_set, (self.attr, tuple(sorted(self.members))))


def _lower(text: str) -> str:
    return text.lower()


def _orth(text: str) -> str:
    return text


_READERS: dict[str, Callable[[str], str]] = {"LOWER": _lower, "ORTH": _orth, "SHAPE": word_shape}


def _readers(vocab: Vocab) -> dict[str, Callable[[str], str]]:
    # The flag must see what the Matcher's attribute would: the vocabulary's own shape getter.
    getters: dict[int, Any] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    return {**_READERS, "SHAPE": getters.get(SHAPE, word_shape)}


def _in_set(attr: str, members: tuple[str, ...]) -> InSet:
    return InSet(attr, frozenset(members), _READERS[attr])


def _flag_for(vocab: Vocab, getter: InSet) -> int | None:
    """The flag bit holding ``getter``: an existing one, else a free one; None if none is free."""
    getters: dict[int, Any] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    for flag_id in FLAG_IDS:
        if getters.get(flag_id) == getter:
            return flag_id
    for flag_id in FLAG_IDS:
        if flag_id not in getters:
            vocab.add_flag(getter, flag_id=flag_id)
            return flag_id
    return None


def flag_patterns(vocab: Vocab, patterns: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """``patterns`` with each ``{"LOWER"|"ORTH"|"SHAPE": {"IN": [...]}}`` test turned into a flag.

    Add the result to a ``Matcher(vocab, validate=False)``: spaCy's pattern
    schema does not list the flag names. Token specs with other tests are kept.

    >>> import spacy
    >>> from spacy.matcher import Matcher
    >>> nlp = spacy.blank("en")
    >>> matcher = Matcher(nlp.vocab, validate=False)
    >>> matcher.add("Q", flag_patterns(nlp.vocab, [[{"LOWER": {"IN": ["q1", "q2"]}}]]))
    >>> [(s, e) for _, s, e in matcher(nlp("by Q2 or q3"))]
    [(1, 2)]
    """
    readers = _readers(vocab)
    out = []
    for pattern in patterns:
        specs = []
        for spec in pattern:
            specs.append(_flag_spec(vocab, spec, readers))
        out.append(specs)
    return out


def _flag_spec(
    vocab: Vocab, spec: dict[str, Any], readers: dict[str, Callable[[str], str]]
) -> dict[str, Any]:
    tests = {k: v for k, v in spec.items() if k != "OP"}
    if len(tests) != 1:
        return spec
    ((attr, value),) = tests.items()
    if attr not in readers or not isinstance(value, dict) or list(value) != ["IN"]:
        return spec
    members = value["IN"]
    if not all(isinstance(m, str) for m in members):
        return spec
    flag_id = _flag_for(vocab, InSet(attr, frozenset(members), readers[attr]))
    if flag_id is None:
        return spec  # every custom bit is taken: keep the Python predicate
    flagged: dict[str, Any] = {f"FLAG{flag_id}": True}
    if "OP" in spec:
        flagged["OP"] = spec["OP"]
    return flagged
