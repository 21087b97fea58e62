"""``krq_attribute_rules``: the English model's attribute-ruler rules, applied by lookup.

``en_core_web_sm``'s ``attribute_ruler`` maps fine-grained tags to POS and
morphology with 179 token patterns run through spaCy's ``Matcher``; on a
ten-word key result that costs about 160 us, as much as tok2vec and the
tagger together, and most of it is the ``Matcher`` calling one Python
predicate per ``IN`` set per token. The outcome for a token depends only on
its tag, its text and its dependency label, so this component evaluates the
same patterns once per distinct (tag, text, dependency) and remembers the
result. It reads the patterns from the loaded model's own ruler and applies
them with spaCy's own ``set_token_attrs``, later rules overriding earlier
ones as in ``AttributeRuler``; a test compares every token attribute with
the stock component's on the whole training set. Patterns it does not know
how to evaluate (operators, other attributes) make :func:`compile_rules`
return None, and the stock ruler stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.attrs import DEP, ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.vocab import Vocab

# Token attributes a pattern may test, read from (tag, orth, dep) and the lexeme.
_READERS: dict[str, Callable[[Vocab, int, int, int], Any]] = {
    "TAG": lambda vocab, tag, orth, dep: vocab.strings[tag] if tag else "",
    "ORTH": lambda vocab, tag, orth, dep: vocab.strings[orth],
    "LOWER": lambda vocab, tag, orth, dep: vocab[orth].lower_,
    "DEP": lambda vocab, tag, orth, dep: vocab.strings[dep] if dep else "",
    "IS_SPACE": lambda vocab, tag, orth, dep: vocab[orth].is_space,
}
# Cache entries past this many distinct tokens start the cache again (a
# long-running service sees an open vocabulary).
# 5,000 holds the working vocabulary of a set of key results; at
# 200,000 the cache was what a served worker grew by over 40,000 distinct
# requests of new words (196 to 267 MB, some 250 bytes an entry in each
# process), long after spaCy's own strings were freed (krquality.nlp.zone).
CACHE_LIMIT = 5_000

_Test = Callable[[Any], bool]
# A rule: the spec indices of its tokens, its normalized attrs, the index of the token they go to.
_Rule = tuple[tuple[int, ...], dict[Any, Any], int]
_SpecTest = Callable[[Vocab, int, int, int], bool]
_Entry = tuple[frozenset[int], tuple[int, ...], tuple[tuple[int, tuple[int, ...], int], ...]]


def _value_test(value: Any) -> _Test | None:
    """A test of one attribute value, as the Matcher applies it; None for forms we do not evaluate."""
    if isinstance(value, bool):
        return lambda actual: bool(actual) is value
    if isinstance(value, str):
        return lambda actual: actual == value
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            members = frozenset(arg)
            return lambda actual: actual in members
        if op == "NOT_IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            excluded = frozenset(arg)
            return lambda actual: actual not in excluded
        if op == "REGEX" and isinstance(arg, str):
            regex = re.compile(arg)
            return lambda actual: bool(regex.search(actual))
    return None


def _spec_test(spec: dict[str, Any]) -> _SpecTest | None:
    """A test of one token spec; None when the spec uses anything but plain attribute tests."""
    tests: list[tuple[Callable[[Vocab, int, int, int], Any], _Test]] = []
    for key, value in spec.items():
        reader, test = _READERS.get(key), _value_test(value)
        if reader is None or test is None:
            return None  # "OP", extension attributes, comparison operators...
        tests.append((reader, test))
    return lambda vocab, tag, orth, dep: all(test(read(vocab, tag, orth, dep)) for read, test in tests)


class CompiledAttributeRuler:
    """Applies attribute-ruler patterns (``AttributeRuler.patterns`` form) by lookup."""

    def __init__(self, vocab: Vocab, rules: Sequence[_Rule], specs: Sequence[dict[str, Any]]) -> None:
        self.vocab = vocab
        self.rules = tuple(rules)
        # A spec that names one tag is only tested on tokens with that tag.
        self.tests_by_tag: dict[str | None, list[tuple[int, _SpecTest]]] = {}
        for i, spec in enumerate(specs):
            test = _spec_test(spec)
            if test is None:
                raise ValueError(f"cannot evaluate token spec {spec!r}")
            tag = spec.get("TAG")
            self.tests_by_tag.setdefault(tag if isinstance(tag, str) else None, []).append((i, test))
        self.single = tuple(
            (rule_id, tokens[0]) for rule_id, (tokens, _, _) in enumerate(rules) if len(tokens) == 1
        )
        self.multi = tuple(
            (rule_id, tokens, index) for rule_id, (tokens, _, index) in enumerate(rules) if len(tokens) > 1
        )
        self._cache: dict[tuple[int, int, int], _Entry] = {}

    def _lookup(self, key: tuple[int, int, int]) -> _Entry:
        """What a token with (tag, orth, dep) = ``key`` matches: its specs, its single-token
        rules, and the multi-token rules whose first token it matches."""
        entry = self._cache.get(key)
        if entry is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            tag = self.vocab.strings[key[0]] if key[0] else ""
            candidates = self.tests_by_tag.get(tag, []) + self.tests_by_tag.get(None, [])
            matched = frozenset(i for i, test in candidates if test(self.vocab, *key))
            entry = self._cache[key] = (
                matched,
                tuple(r for r, spec in self.single if spec in matched),
                tuple(m for m in self.multi if m[1][0] in matched),
            )
        return entry

    def __call__(self, doc: Doc) -> Doc:
        keys = [tuple(row) for row in doc.to_array([TAG, ORTH, DEP]).tolist()]
        entries = [self._lookup(key) for key in keys]
        hits: dict[int, list[int]] = {}
        n = len(entries)
        for start, (_, singles, multis) in enumerate(entries):
            if singles:
                hits.setdefault(start, []).extend(singles)
            for rule_id, specs, index in multis:
                end = start + len(specs)
                if end <= n and all(spec in entries[start + k][0] for k, spec in enumerate(specs[1:], 1)):
                    target = start + index if index >= 0 else end + index
                    hits.setdefault(target, []).append(rule_id)
        rules = self.rules
        for i, rule_ids in hits.items():
            if len(rule_ids) == 1:
                set_token_attrs(doc[i], rules[rule_ids[0]][1])
                continue
            merged: dict[Any, Any] = {}
            for rule_id in sorted(rule_ids):  # later rules take precedence, as in AttributeRuler
                merged.update(rules[rule_id][1])
            set_token_attrs(doc[i], merged)
        return doc


def compile_rules(vocab: Vocab, patterns: Iterable[dict[str, Any]]) -> CompiledAttributeRuler | None:
    """A :class:`CompiledAttributeRuler` for ``patterns``, or None if one cannot be evaluated here.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> ruler = compile_rules(nlp.vocab, [{"patterns": [[{"LOWER": "ok"}]], "attrs": {"POS": "INTJ"}}])
    >>> ruler(nlp("ok then"))[0].pos_
    'INTJ'
    >>> compile_rules(nlp.vocab, [{"patterns": [[{"LOWER": "ok", "OP": "+"}]], "attrs": {"POS": "INTJ"}}])
    """
    specs_seen: list[dict[str, Any]] = []
    spec_ids: dict[str, int] = {}
    rules: list[_Rule] = []
    for entry in patterns:
        attrs = entry.get("attrs", {})
        index = int(entry.get("index", 0))
        if "_" in attrs or not isinstance(attrs, dict):
            return None
        normalized = normalize_token_attrs(vocab, attrs)
        # The patterns of one entry (one AttributeRuler.add call) set the same
        # attrs, so numbering each in turn keeps the stock ruler's precedence.
        for pattern in entry["patterns"]:
            if not isinstance(pattern, list) or not pattern or not -len(pattern) <= index < len(pattern):
                return None
            specs = []
            for spec in pattern:
                if not isinstance(spec, dict):
                    return None
                key = repr(sorted(spec.items()))
                if key not in spec_ids:
                    if _spec_test(spec) is None:
                        return None
                    spec_ids[key] = len(specs_seen)
                    specs_seen.append(spec)
                specs.append(spec_ids[key])
            rules.append((tuple(specs), normalized, index))
    return CompiledAttributeRuler(vocab, rules, specs_seen)


@Language.factory("krq_attribute_rules", default_config={"patterns": []})
def make_attribute_rules(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> CompiledAttributeRuler:
    """spaCy factory: the attribute-ruler ``patterns`` (``AttributeRuler.patterns`` form), compiled."""
    ruler = compile_rules(nlp.vocab, patterns)
    if ruler is None:
        raise ValueError("krq_attribute_rules: these attribute-ruler patterns cannot be compiled")
    return ruler


def replace_attribute_ruler(nlp: Language) -> bool:
    """Swap the pipeline's ``attribute_ruler`` for ``krq_attribute_rules`` with the same patterns.

    Returns False, leaving the pipeline as it was, when there is no ruler or
    its patterns cannot be compiled.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = nlp.get_pipe("attribute_ruler").patterns  # type: ignore[attr-defined]
    if compile_rules(nlp.vocab, patterns) is None:
        return False
    nlp.add_pipe("krq_attribute_rules", before="attribute_ruler", config={"patterns": patterns})
    nlp.remove_pipe("attribute_ruler")
    return True
