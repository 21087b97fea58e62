"""Flag patterns match exactly what the word-list patterns they replace match."""

from __future__ import annotations

import pickle
from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.matcher import Matcher

from krquality.model.data import load_examples
from krquality.nlp.dates import DateFinder
from krquality.nlp.flags import FLAG_IDS, flag_patterns

TRAINING_DATA = Path(__file__).resolve().parents[2] / "training_data"


def matchers(nlp: Language) -> tuple[Matcher, Matcher]:
    """The date patterns as written and as flags, on the same vocabulary."""
    patterns = DateFinder(nlp)._patterns
    plain, flagged = Matcher(nlp.vocab), Matcher(nlp.vocab, validate=False)
    for label, label_patterns in patterns.items():
        plain.add(label, label_patterns)
        flagged.add(label, flag_patterns(nlp.vocab, label_patterns))
    return plain, flagged


def test_every_word_list_of_the_date_patterns_becomes_a_flag(nlp: Language) -> None:
    flagged = [flag_patterns(nlp.vocab, p) for p in DateFinder(nlp)._patterns.values()]
    specs = [spec for patterns in flagged for pattern in patterns for spec in pattern]
    assert not [s for s in specs if any(isinstance(v, dict) for v in s.values())]
    assert any(k.startswith("FLAG") for s in specs for k in s)


def test_same_matches_in_the_same_order_on_the_training_data(nlp: Language) -> None:
    plain, flagged = matchers(nlp)
    texts = [e.text for e in load_examples(TRAINING_DATA)]
    texts += [t + suffix for t in texts[:300] for suffix in (" by Q3 2027", " before 15 June", " in H2")]
    for doc in nlp.pipe(texts, batch_size=256):
        assert flagged(doc) == plain(doc), doc.text


SALAD = [
    "by",
    "Q3",
    "q1",
    "2027",
    "FY27",
    "-",
    "/",
    "June",
    "15",
    "end",
    "of",
    "the",
    "sprint",
    "12",
    "mid",
    "year",
    "H2",
    "within",
    "next",
    "6",
    "weeks",
    "EOQ",
    "Friday",
    "tbd",
    "3rd",
    "half",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(SALAD),
        max_size=10,
    ),
)
def test_same_matches_on_date_like_word_salad(words: list[str]) -> None:
    nlp, plain, flagged = _pipeline()
    doc = nlp(" ".join(words))
    assert flagged(doc) == plain(doc)


_CACHE: dict[str, tuple[Language, Matcher, Matcher]] = {}


def _pipeline() -> tuple[Language, Matcher, Matcher]:
    if "nlp" not in _CACHE:
        nlp = spacy.blank("en")
        _CACHE["nlp"] = (nlp, *matchers(nlp))
    return _CACHE["nlp"]


def test_equal_word_lists_share_one_flag_and_new_words_get_it() -> None:
    nlp = spacy.blank("en")
    first = flag_patterns(nlp.vocab, [[{"LOWER": {"IN": ["q1", "q2"]}}]])
    again = flag_patterns(nlp.vocab, [[{"LOWER": {"IN": ["q2", "q1"]}, "OP": "?"}]])
    assert first[0][0].keys() == {next(iter(first[0][0]))}
    assert list(again[0][0]) == [*first[0][0], "OP"]
    flag = int(next(iter(first[0][0]))[4:])
    assert nlp("Q2")[0].check_flag(flag)  # a word first seen after the flag was added
    assert not nlp("Q3")[0].check_flag(flag)


def test_specs_it_does_not_rewrite_are_kept() -> None:
    nlp = spacy.blank("en")
    specs = [{"LOWER": "fy"}, {"LIKE_NUM": True}, {"LOWER": {"IN": ["a"]}, "ORTH": "A"}]
    specs.append({"LOWER": {"REGEX": "x"}})
    assert flag_patterns(nlp.vocab, [specs]) == [specs]


def test_when_every_flag_bit_is_taken_the_word_list_stays() -> None:
    nlp = spacy.blank("en")
    for i in range(len(FLAG_IDS)):
        flag_patterns(nlp.vocab, [[{"LOWER": {"IN": [f"w{i}"]}}]])
    pattern = [{"LOWER": {"IN": ["one", "more"]}}]
    assert flag_patterns(nlp.vocab, [pattern]) == [pattern]


def test_a_vocabulary_with_flags_pickles(nlp: Language) -> None:
    vocab = spacy.blank("en").vocab
    flag_patterns(vocab, [[{"SHAPE": {"IN": ["dd", "d"]}}]])
    restored = pickle.loads(pickle.dumps(vocab))
    flag = next(k for k in FLAG_IDS if k in restored.lex_attr_getters)
    assert restored["42"].check_flag(flag)
