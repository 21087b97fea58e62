"""The lead-verb lexicon (``data/verbs.json``) with config-supplied extras."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from krquality.features.types import Direction, VerbClass
from krquality.nlp.resources import load_data

# A phrase in an earlier class wins over the same phrase in a later one:
# "double" is a multiplier before it is an outcome verb.
_CLASS_ORDER: tuple[VerbClass, ...] = (
    VerbClass.MULTIPLIER,
    VerbClass.VAGUE,
    VerbClass.DELIVERABLE,
    VerbClass.OUTCOME,
    VerbClass.ACTIVITY,
)
# Words that never start a verb phrase on their own, so the tagger is not
# overruled for them ("Be" in "be better" is tagged fine already; "Better logging" is a noun phrase).
_NOT_RETAGGABLE = frozenset({"be", "do", "make", "become", "better"})


class VerbLexicon:
    """Verb phrases -> :class:`VerbClass`, and lemmas -> direction of change.

    >>> lexicon = VerbLexicon()
    >>> lexicon.lookup("roll", "out")
    ('roll out', <VerbClass.DELIVERABLE: 'deliverable'>, 2)
    >>> lexicon.lookup("improve", "the")
    ('improve', <VerbClass.VAGUE: 'vague'>, 1)
    """

    def __init__(self, *, vague_words: Iterable[str] = (), activity_verbs: Iterable[str] = ()) -> None:
        data = load_data("verbs")
        lists: dict[VerbClass, list[str]] = {cls: list(data[cls.value]) for cls in _CLASS_ORDER}
        lists[VerbClass.VAGUE].extend(w.lower() for w in vague_words)
        lists[VerbClass.ACTIVITY].extend(w.lower() for w in activity_verbs)
        self.single: dict[str, VerbClass] = {}
        self.phrases: dict[tuple[str, str], VerbClass] = {}
        for cls in _CLASS_ORDER:
            for phrase in lists[cls]:
                # spaCy splits "play-test" into "play", "-", "test": look it up as those three.
                words = phrase.replace("-", " - ").split() if "-" in phrase else phrase.split()
                if len(words) == 1:
                    self.single.setdefault(words[0], cls)
                else:
                    self.phrases.setdefault((words[0], " ".join(words[1:])), cls)
        self.phrase_heads = frozenset(head for head, _ in self.phrases)
        self.level = frozenset(data["level"])
        self.directions: dict[str, str] = dict(_direction_names())
        self.retaggable = (frozenset(self.single) | self.phrase_heads) - _NOT_RETAGGABLE
        self.state_blockers = frozenset(data["state_subject_blockers"])

    def lookup(self, lemma: str, next_lower: str, next2_lower: str = "") -> tuple[str, VerbClass, int] | None:
        """``(phrase, class, n_tokens)`` for a verb lemma and the words after it, else None."""
        if lemma in self.phrase_heads:
            if next2_lower:
                cls = self.phrases.get((lemma, f"{next_lower} {next2_lower}"))
                if cls is not None:
                    return f"{lemma} {next_lower} {next2_lower}".replace(" - ", "-"), cls, 3
            cls = self.phrases.get((lemma, next_lower))
            if cls is not None:
                return f"{lemma} {next_lower}", cls, 2
        cls = self.single.get(lemma)
        if cls is not None:
            return lemma, cls, 1
        return None

    def direction(self, lemma: str) -> Direction | None:
        """The direction a verb or noun states: "reduce" -> DECREASE.

        "keep" gives None: the comparator after it decides.
        """
        direction = self.directions.get(lemma)
        if direction == "increase":
            return Direction.INCREASE
        if direction == "decrease":
            return Direction.DECREASE
        return None

    def is_level_verb(self, lemma: str) -> bool:
        """Verbs that keep a level ("maintain", "keep"): outcome when a quantity follows."""
        return lemma in self.level or self.directions.get(lemma) == "keep"


@cache
def _direction_names() -> dict[str, str]:
    """Lemma -> "increase", "decrease" or "keep", from ``verbs.json`` (the first list a lemma is in wins)."""
    directions: dict[str, str] = {}
    for direction, lemmas in load_data("verbs")["direction"].items():
        for lemma in lemmas:
            directions.setdefault(lemma, direction)
    return directions


@cache
def direction_words(part: str, direction: Direction | None = None) -> frozenset[str]:
    """The words of a named part of the direction lexicon (``verbs.json`` "direction_parts"),
    only those that state ``direction`` when it is given.

    Code outside the pipeline reads its direction verbs from here, so a word and its
    direction are written once.

    >>> sorted(direction_words("drafts", Direction.INCREASE))[:3]
    ['boost', 'expand', 'grow']
    """
    words = load_data("verbs")["direction_parts"][part]
    if direction is None:
        return frozenset(words)
    return frozenset(w for w in words if _direction_names().get(w) == direction.value)
