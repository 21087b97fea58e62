"""``krq_changes``: change patterns over the quantities.

"from 40 to 55", "40 -> 55", "to 48", "by 10%", "below 2 hours", "at least 4.5/5",
"double", "20% YoY". The direction comes from the nearest verb or noun that
states one ("reduce", "growth"), else from the numbers (40 -> 55 is an
increase), else from the comparator ("below" -> keep_below), else REACH.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from krquality.features.types import Change, Direction, Quantity, QuantityKind, VerbClass
from krquality.nlp.extensions import register_extensions
from krquality.nlp.lexicon import VerbLexicon
from krquality.nlp.resources import load_data, lower_set, span_ref
from krquality.nlp.state import DocState, get_state

_MAX_PHRASE = 3
_TARGET_VERB_CLASSES = frozenset({VerbClass.OUTCOME, VerbClass.VAGUE, VerbClass.MULTIPLIER})
_CLAUSE_BREAKS = frozenset({";", "and", "&", ",", "while", "plus", "but"})

# Signs written on an amount: "-25%", "−30%" (the typeset minus), "+10".
_SIGN_DIRECTIONS = {"+": Direction.INCREASE, "-": Direction.DECREASE, "−": Direction.DECREASE}


class ChangeFinder:
    """Pairs quantities with the words around them; stores ``doc._.krq_changes``."""

    def __init__(self) -> None:
        register_extensions()
        data = load_data("changes")
        self.arrows = frozenset(data["arrows"])
        self.below = lower_set(data["below"])
        self.above = lower_set(data["above"])
        self.level = lower_set(data["level"])
        self.relative_after = lower_set(data["relative_after"])
        self.relative_before = lower_set(data["relative_before"])
        # "was 71%", "now ~150 h", "currently at 55 days": a starting value, also past a level word.
        cues = lower_set(data["baseline_before"])
        self.baseline_before = cues | {f"{c} {w}" for c in cues for w in ("~", "about", "around", "at", "≈")}
        self.lexicon = VerbLexicon()

    def __call__(self, doc: Doc) -> Doc:
        self.run(doc, get_state(doc))
        return doc

    def run(self, doc: Doc, state: DocState) -> None:
        """Fill in this step's part of ``state`` (what ``__call__`` does, for composite components)."""
        if not state.quantities:
            return
        located = [
            (start, end, q) for (start, end), q in zip(state.quantity_tokens, state.quantities, strict=True)
        ]
        by_start = {start: k for k, (start, _, _) in enumerate(located)}
        changes: list[Change] = []
        used: set[int] = set()
        for k in range(len(located)):
            if k in used:
                continue
            change = self._change_at(
                doc, state.body_start, state.body_end, k, located, by_start, used, state.lead_verb
            )
            if change is not None:
                changes.append(change)
        state.changes = tuple(changes)

    def _phrase_before(self, doc: Doc, start: int, floor: int) -> tuple[str, int]:
        """The longest known comparator/preposition phrase ending right before ``start``."""
        best, best_start = "", start
        words: list[str] = []
        for j in range(start - 1, max(floor, start - _MAX_PHRASE) - 1, -1):
            words.insert(0, doc[j].lower_)
            phrase = " ".join(words)
            if (
                phrase in self.below
                or phrase in self.above
                or phrase in self.level
                or phrase in self.relative_before
                or phrase in self.baseline_before
                or phrase in ("from", "to", "to below", "to under", "to above", "to over", "up to")
            ):
                best, best_start = phrase, j
        return best, best_start

    def _change_at(
        self,
        doc: Doc,
        floor: int,
        ceiling: int,
        k: int,
        located: list[tuple[int, int, Quantity]],
        by_start: dict[int, int],
        used: set[int],
        lead: object,
    ) -> Change | None:
        start, end, quantity = located[k]
        phrase, phrase_start = self._phrase_before(doc, start, floor)
        # "40 -> 55", "from 40 to 55", "40 to 55"
        if end + 1 < ceiling and (doc[end].text in self.arrows or doc[end].lower_ == "to"):
            nxt = by_start.get(end + 1)
            bare_to = doc[end].lower_ == "to" and phrase != "from"
            if nxt is not None and not (bare_to and not self._expects_target(lead)):
                _, target_end, target = located[nxt]
                used.update((k, nxt))
                span_start = phrase_start if phrase == "from" else start
                direction = self._direction(doc, floor, span_start, quantity, target, "")
                return Change(span_ref(doc, span_start, target_end), direction, quantity, target)
        if phrase in ("to", "of") and any(q_end == phrase_start for _, q_end, _ in located):
            return None  # "3 to 5 engineers": the upper end of a range; "8 of 12 games": the whole
        if phrase == "from" or phrase in self.baseline_before:
            used.add(k)
            direction = self._direction(doc, floor, phrase_start, quantity, None, "")
            return Change(span_ref(doc, phrase_start, end), direction, quantity, None)
        comparator = phrase.removeprefix("to ") if phrase.startswith("to ") else phrase
        if comparator in self.relative_before:
            used.add(k)
            direction = self._direction(doc, floor, phrase_start, None, quantity, "")
            return Change(span_ref(doc, phrase_start, end), direction, None, quantity, is_relative=True)
        if phrase:
            used.add(k)
            direction = self._direction(doc, floor, phrase_start, None, quantity, comparator)
            return Change(span_ref(doc, phrase_start, end), direction, None, quantity)
        # "Latency −30%", "NPS +10": the sign is the direction of the change
        # ("Hire +1 designer" stays a count of one).
        sign = quantity.span.text[:1]
        one = quantity.kind is QuantityKind.NUMBER and quantity.value == 1
        signed = _SIGN_DIRECTIONS.get(sign) if not one else None
        if end < ceiling and doc[end].lower_ in self.relative_after:
            used.add(k)
            after = self.lexicon.direction(doc[end].lemma_.lower()) or self.lexicon.direction(doc[end].lower_)
            direction = after or signed or self._direction(doc, floor, start, None, quantity, "")
            return Change(span_ref(doc, start, end + 1), direction, None, quantity, is_relative=True)
        if signed is not None:
            used.add(k)
            return Change(span_ref(doc, start, end), signed, None, quantity, is_relative=True)
        if quantity.kind is QuantityKind.MULTIPLIER:
            used.add(k)
            value = quantity.value or 1.0
            direction = Direction.INCREASE if value > 1 else Direction.DECREASE
            return Change(span_ref(doc, start, end), direction, None, quantity, is_relative=True)
        if self._follows_outcome_verb(doc, floor, start, lead):
            used.add(k)
            direction = self._direction(doc, floor, start, None, quantity, "")
            return Change(span_ref(doc, start, end), direction, None, quantity)
        return None

    @staticmethod
    def _expects_target(lead: object) -> bool:
        """ "Hire 3 to 5 engineers" is a range; "Increase NPS 40 to 55" a change."""
        return lead is None or getattr(lead, "verb_class", None) in _TARGET_VERB_CLASSES

    def _follows_outcome_verb(self, doc: Doc, floor: int, start: int, lead: object) -> bool:
        """ "Reach 10k users", "Hit $1M ARR": an outcome verb's first quantity is its target."""
        for j in range(start - 1, max(floor, start - 5) - 1, -1):
            token = doc[j]
            if token.pos_ == "ADP" or token.lower_ in _CLAUSE_BREAKS or token.like_num:
                return False
            if token.pos_ in ("VERB", "AUX"):
                found = self.lexicon.lookup(token.lemma_.lower(), doc[j + 1].lower_)
                return found is not None and found[1] in _TARGET_VERB_CLASSES
        return False

    def _direction(
        self,
        doc: Doc,
        floor: int,
        before: int,
        baseline: Quantity | None,
        target: Quantity | None,
        comparator: str,
    ) -> Direction:
        for j in range(before - 1, floor - 1, -1):
            token = doc[j]
            if token.lower_ in (";",):
                break
            direction = self.lexicon.direction(token.lemma_.lower())
            if direction is not None:
                return direction
            if self.lexicon.directions.get(token.lemma_.lower()) == "keep":
                break  # "Keep churn below 2%": the comparator decides
        if (
            baseline is not None
            and target is not None
            and baseline.value is not None
            and target.value is not None
        ):
            if target.value > baseline.value:
                return Direction.INCREASE
            if target.value < baseline.value:
                return Direction.DECREASE
        if comparator in self.below:
            return Direction.KEEP_BELOW
        if comparator in self.above:
            return Direction.KEEP_ABOVE
        return Direction.REACH


@Language.factory("krq_changes")
def make_change_finder(nlp: Language, name: str) -> ChangeFinder:
    """spaCy factory for :class:`ChangeFinder`; add it after ``krq_lead_verb``.

    >>> from krquality.nlp import build_nlp
    >>> build_nlp()("Increase NPS from 40 to 55")._.krq_changes[0].direction.value
    'increase'
    """
    return ChangeFinder()
