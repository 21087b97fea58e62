"""``krq_quantities``: numbers that may be a success criterion, normalised.

"$1.2M" -> MONEY 1_200_000 USD; "45 pct" -> PERCENT 45; "halve" -> MULTIPLIER
0.5; "4.5/5" -> RATING 4.5 (scale 5); "10k users" -> NUMBER 10_000 "users";
"[target]", "TBD%", "from X to Y" -> PLACEHOLDER; so is a key result that is only a
measure's name ("share of invoices paid on time", "% of weekly orders with gift
wrap", "number of repeat donors"), a metric meant with its amount left out.
A count kept at a rate is a NUMBER of "times": "once a fortnight", "twice every
week", "5 or more times weekly", "4x a week" (see :mod:`krquality.nlp.rates`), and
one thing at a rate a NUMBER 1 of it ("draft an essay every month"); "once the
audit closes" is a conjunction and no quantity.

Not quantities (skipped): tokens a date claimed ("Q3", "2026", "June 30"),
names and identifiers ("ISO 27001", "SOC 2", "Project 42", "Sprint 14",
"KR1", "P1", "H2O"), versions ("v2", "release 5.2", "ships in 5.2",
"1.2.3"), ordinals ("first", "1st"), "24/7", and phone numbers. "p95" is a
percentile name, so it is a ``measure`` marker, not a value. "top 3" is a
rank: it is kept as a NUMBER with ``unit="rank"`` so that the model can tell
it apart from a count.
"""

from __future__ import annotations

import re

from spacy.attrs import LIKE_NUM, LOWER, SHAPE
from spacy.language import Language
from spacy.tokens import Doc

from krquality.features.types import Quantity, QuantityKind
from krquality.nlp.extensions import register_extensions
from krquality.nlp.numbers import ParsedToken, parse_number, parse_token
from krquality.nlp.rates import rate_end
from krquality.nlp.resources import load_data, lower_set, span_ref
from krquality.nlp.state import DocState, get_state

_RATING_SCALES = frozenset({3.0, 4.0, 5.0, 6.0, 7.0, 10.0, 100.0})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "VERB"})
_RANGE_DASHES = frozenset({"-", "–", "—"})
_BRACKETS = {"[": "]", "<": ">", "{": "}", "(": ")"}
_MAX_UNIT_LOOKAHEAD = 4
_HALF_AS_VERB_NEXT = frozenset({"the", "our", "their", "its", "all", "every", "time", "cost", "costs"})
# Between the numbers of a named list or range: "floors 3 and 4", "wards 4–9".
_LIST_JOINS = frozenset({"and", "&", ",", "or", "-", "–", "—"})
# "by a fifth", "in two thirds", "a quarter of the stores": a fraction, in percent.
_FRACTIONS = {"third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "sixth": 100 / 6, "tenth": 10.0}
_FRACTIONS |= {f"{word}s": value for word, value in _FRACTIONS.items()}
_NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
# Number words as often typed, which the tagger does not read as numbers.
_MISSPELT_NUMBERS = frozenset({"fourty", "twnety", "ninty"})
# After a number, a word that makes it a release: "on 21 LTS".
_VERSION_AFTER = frozenset({"lts", "esr"})
# Street words after a house number: "move the café to 24 station rd".
_STREET_WORDS = frozenset({"rd", "rd.", "road", "st", "st.", "street", "ave", "avenue", "blvd", "boulevard"})
# After a number, a time of day: "open until 8 pm" is a clock reading, not an amount.
_CLOCK_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m"})
_ARTICLE_NUMBERS = frozenset({"dozen", "hundred", "thousand", "million", "billion"})
# Count adverbs, read as a count only when a rate follows ("once a fortnight", "thrice
# weekly"): "once the audit closes" is a conjunction, "twice as fast" a multiplier.
_COUNT_ADVERBS = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
# Words that stand for a count of one before a rate: "a sketch every week", "something every
# other week" (as "one post a month" is), and nothing without a rate after them.
_ONE_WORDS = frozenset({"a", "an", "something"})
# After a number, a bound that the unit follows: "5 or more times weekly", "5 or fewer defects".
_BOUND_AFTER = frozenset({"or more", "or fewer", "or less", "or above", "or over", "and up", "and above"})
# Verb forms that state a measure's direction ("grows", "rising"); a participle modifies the
# measured thing instead ("% of members with a saved basket").
_FINITE_OR_ING = frozenset({"VBZ", "VBP", "VBD", "VBG", "MD"})
# Measure names a key result can be on its own, with the amount left to fill in, as "# of" is:
# "share of invoices paid on time", "% of weekly orders with gift wrap".
_MEASURE_NAMES = frozenset(
    {"number", "share", "percentage", "percent", "proportion", "ratio", "rate", "fraction", "count", "no."}
)
_MEASURE_NAME_SPANS = _MEASURE_NAMES | {"%", "#"}


# Words after which a number is an amount in a change, whatever follows it.
_CHANGE_WORDS = frozenset({"to", "from", "→", "->", "than", "reach", "hit"})


# A redacted amount: "N3", "N20" (a letter and an index standing for a number).
_REDACTED = re.compile(r"^N\d{1,2}$")
# Letters that stand for an amount before a plural noun ("x services", "X calls");
# Y and Z are names there as often ("Y Combinator", "Gen Z users").
_AMOUNT_LETTERS = frozenset({"X", "x", "N", "XX", "XXX"})
# A scale alone after a currency symbol: "$M", "€K" (millions, thousands left blank).
_SCALE_LETTERS = frozenset({"M", "MM", "K", "k", "B", "bn"})


def is_measure_name(quantity: Quantity) -> bool:
    """Whether ``quantity`` is a key result's bare measure name ("share of ...", "% of ...",
    "# of ..."): a metric meant, whose amount is missing rather than a blank left to fill in.

    >>> from krquality.features.types import SpanRef
    >>> is_measure_name(Quantity(SpanRef(0, 5, "Share"), QuantityKind.PLACEHOLDER, None, None))
    True
    >>> is_measure_name(Quantity(SpanRef(0, 3, "TBD"), QuantityKind.PLACEHOLDER, None, None))
    False
    """
    return quantity.kind is QuantityKind.PLACEHOLDER and quantity.span.text.lower() in _MEASURE_NAME_SPANS


class QuantityFinder:
    """Scans the body once, left to right, and stores ``doc._.krq_quantities``."""

    def __init__(self, nlp: Language) -> None:
        register_extensions()
        data = load_data("quantities")
        self.currency_symbols: dict[str, str] = data["currency_symbols"]
        self.currency_codes = frozenset(data["currency_codes"])
        self.currency_words: dict[str, str] = data["currency_words"]
        self.scales: dict[str, float] = {k: float(v) for k, v in data["scales"].items()}
        self.percent_words: dict[str, str] = data["percent_words"]
        self.percent_units = frozenset(self.percent_words.values())
        self.units: dict[str, str] = data["units"]
        self.number_words: dict[str, float] = {k: float(v) for k, v in data["number_words"].items()}
        self.multiplier_words: dict[str, float] = {k: float(v) for k, v in data["multiplier_words"].items()}
        self.multiplier_blockers = frozenset(data["multiplier_blockers"])
        self.ordinal_words = lower_set(data["ordinal_words"])
        self.id_prefixes = lower_set(data["id_prefixes"])
        # "floors", "wards" before numbers that each name one ("floors 3 and 4").
        self._plural_prefixes = frozenset(_plural(p) for p in self.id_prefixes if p.isalpha() and len(p) > 2)
        self.version_keywords = lower_set(data["version_keywords"])
        self.version_verbs = lower_set(data["version_verbs"])
        self.non_quantities = lower_set(data["non_quantities"])
        self.standard_words = lower_set(data["standard_words"])
        self.named_numbers: dict[str, tuple[frozenset[str], frozenset[str]]] = {
            number: (lower_set(context["before"]), lower_set(context["after"]))
            for number, context in data["named_numbers"].items()
            if not number.startswith("_")
        }
        self.placeholder_tokens = lower_set(data["placeholder_tokens"])
        self.placeholder_letters = frozenset(data["placeholder_letters"])
        self.placeholder_words = lower_set(data["placeholder_words"])
        self.placeholder_before = lower_set(data["placeholder_context_before"])
        self.placeholder_after = lower_set(data["placeholder_context_after"])
        self.comparatives = lower_set(data["comparatives"])
        directions: dict[str, list[str]] = load_data("verbs")["direction"]
        self.direction_words = frozenset(w for words in directions.values() for w in words if " " not in w)
        self.multi_word_units = {k: v for k, v in self.units.items() if " " in k}
        candidates = [
            *self.number_words,
            *self.multiplier_words,
            *self.placeholder_tokens,
            *self.currency_symbols,
            *(c.lower() for c in self.currency_codes),
            *(w.lower() for w in self.placeholder_letters),
            *self.non_quantities,
            *self.named_numbers,
            "half",
            *_ONE_WORDS,
            "%",
            *_COUNT_ADVERBS,
            *_MEASURE_NAMES,
            "?",
            "[",
            "<",
            "{",
            "#",
        ]
        self.candidate_words = frozenset(nlp.vocab.strings.add(w) for w in candidates)
        self._digit_shapes: dict[int, bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        self.run(doc, get_state(doc))
        return doc

    def run(self, doc: Doc, state: DocState) -> None:
        """Fill in this step's part of ``state`` (what ``__call__`` does, for composite components)."""
        found: list[Quantity] = []
        ranges: list[tuple[int, int]] = []
        lo, end = state.body_start, state.body_end
        claimed = self._claimed(state)
        i = lo
        for k in self._candidates(doc, lo, end):
            if k < i or k in claimed:
                continue
            nxt, quantity = self._at(doc, k, end, lo, claimed)
            if quantity is not None:
                found.append(quantity)
                ranges.append((self._token_start(doc, k, quantity), nxt))
            i = max(nxt, k + 1)
        state.quantities = tuple(found)
        state.quantity_tokens = tuple(ranges)

    def _candidates(self, doc: Doc, lo: int, hi: int) -> list[int]:
        """Indices of tokens a quantity can start at: digits, number words, symbols (hash lookups)."""
        if lo >= hi:
            return []
        rows = doc.to_array([LOWER, SHAPE, LIKE_NUM])[lo:hi].tolist()
        strings = doc.vocab.strings
        digit_shapes = self._digit_shapes
        out: list[int] = []
        for k, (lower, shape, like_num) in enumerate(rows):
            has_digit = digit_shapes.get(shape)
            if has_digit is None:
                has_digit = digit_shapes[shape] = "d" in strings[shape]
            if like_num or has_digit or lower in self.candidate_words:
                out.append(lo + k)
        return out

    # -- helpers -----------------------------------------------------------------
    @staticmethod
    def _claimed(state: DocState) -> frozenset[int]:
        """Tokens a date took: "Q3", "2026" and "June 30" are not quantities."""
        if not state.date_tokens:
            return frozenset()
        return frozenset(k for start, end in state.date_tokens for k in range(start, end))

    @staticmethod
    def _is_named(doc: Doc, i: int, end: int, context: tuple[frozenset[str], frozenset[str]]) -> bool:
        """Whether the number at ``i`` is part of a name ("customer 360", "360-degree")."""
        before, after = context
        prev = doc[i - 1] if i > 0 else None
        if prev is not None and prev.lower_ in _CHANGE_WORDS:
            return False  # "from 200 to 360 reviews": a count in a change
        if QuantityFinder._named_by_next(doc, i, end, after):
            return True  # "run 12 360 reviews": twelve of them
        if prev is not None and any(c.isdigit() for c in prev.text):
            return False
        return prev is not None and prev.lower_ in before

    @staticmethod
    def _named_by_next(doc: Doc, i: int, end: int, after: frozenset[str]) -> bool:
        """Whether the word after token ``i`` (past an attached hyphen) is one of ``after``."""
        nxt = i + 1
        if nxt < end and doc[nxt].text == "-" and doc[nxt].whitespace_ == "":
            nxt += 1
        return nxt < end and doc[nxt].lower_ in after

    @staticmethod
    def _token_start(doc: Doc, i: int, quantity: Quantity) -> int:
        """First token of a quantity: ``i``, or the one before ("in half" starts at "in")."""
        return i - 1 if i > 0 and doc[i].idx > quantity.span.start else i

    def _at(
        self, doc: Doc, i: int, end: int, body_start: int, claimed: frozenset[int]
    ) -> tuple[int, Quantity | None]:
        """The quantity starting at token ``i`` (if any) and the index to continue from."""
        token = doc[i]
        text = token.text
        lower = token.lower_
        if lower in self.non_quantities or (
            lower in self.named_numbers and self._is_named(doc, i, end, self.named_numbers[lower])
        ):
            return i + 1, None
        if (
            i + 1 < end
            and not token.whitespace_
            and doc[i + 1].text.isupper()
            and lower + doc[i + 1].lower_ in self.non_quantities
        ):
            return i + 2, None  # spaCy splits "5G" at the unit-like letter ("5g" of sugar is grams)
        placeholder_end = self._placeholder_end(doc, i, end, body_start)
        if placeholder_end:
            unit = "%" if doc[placeholder_end - 1].text.endswith("%") else None
            if placeholder_end < end and doc[placeholder_end].text == "%":
                placeholder_end += 1
                unit = "%"
            return placeholder_end, Quantity(
                span_ref(doc, i, placeholder_end), QuantityKind.PLACEHOLDER, None, unit
            )
        currency = self.currency_symbols.get(text) or (text if text in self.currency_codes else None)
        if currency is not None and i + 1 < end and (i + 1) not in claimed:
            if doc[i + 1].text in self.placeholder_letters or doc[i + 1].text in _SCALE_LETTERS:
                return i + 2, Quantity(span_ref(doc, i, i + 2), QuantityKind.PLACEHOLDER, None, currency)
            parsed = parse_token(doc[i + 1].text)
            if (
                parsed is not None
                and parsed.ratio_scale is None
                and not self._is_identifier(doc, i + 1, body_start)
            ):
                last, parsed = self._space_grouped(doc, i + 1, end) or (i + 1, parsed)
                return self._number(doc, i, last, end, parsed, currency)
        if lower == "half" and i == body_start and i + 1 < end and doc[i + 1].lower_ in _HALF_AS_VERB_NEXT:
            # "half the number of reviews": "halve" as many write it
            return i + 1, Quantity(span_ref(doc, i, i + 1), QuantityKind.MULTIPLIER, 0.5, "x")
        if lower == "half" and i + 1 < end and doc[i + 1].lower_ == "of":
            # "upsell on half of all bookings": a share, as "50% of" is
            return i + 1, Quantity(span_ref(doc, i, i + 1), QuantityKind.PERCENT, 50.0, "%")
        if (
            lower in _NUMERATORS
            and i + 1 < end
            and doc[i + 1].lower_ in _FRACTIONS
            and (
                (i > body_start and doc[i - 1].lower_ in ("in", "by"))
                or (i + 2 < end and doc[i + 2].lower_ == "of")
            )
        ):
            value = round(_NUMERATORS[lower] * _FRACTIONS[doc[i + 1].lower_], 1)
            return i + 2, Quantity(span_ref(doc, i, i + 2), QuantityKind.PERCENT, value, "%")
        if lower in _ONE_WORDS:
            return self._one_at_rate(doc, i, end)
        if lower in _COUNT_ADVERBS and rate_end(doc, i + 1, end):
            # "once a fortnight", "twice every week", "thrice weekly": a count of times at a rate
            times = _COUNT_ADVERBS[lower]
            return i + 1, Quantity(span_ref(doc, i, i + 1), QuantityKind.NUMBER, times, "times")
        if lower in self.multiplier_words:
            return self._multiplier_word(doc, i, end, body_start)
        if lower == "half" and i > body_start and doc[i - 1].lower_ in ("in", "by"):
            return i + 1, Quantity(span_ref(doc, i - 1, i + 1), QuantityKind.MULTIPLIER, 0.5, "x")
        parsed = parse_token(text)
        if parsed is not None:
            if self._is_identifier(doc, i, body_start) or self._is_version(doc, i, body_start):
                return i + 1, None
            model_size = parsed.scale_word in ("B", "M") and parsed.currency is None
            if model_size and self._after_name(doc, i, body_start):
                return i + 1, None  # "Llama 3 70B": the size is part of the model's name
            if self._ends_year_range(doc, i, body_start, claimed) or _is_house_number(doc, i, end):
                return i + 1, None
            clock = i + 1 < end and doc[i + 1].lower_ in _CLOCK_WORDS
            if clock and parsed.unit is None and parsed.value <= 12:
                return i + 2, None
            phone_end = self._phone_end(doc, i, end)
            if phone_end:
                return phone_end, None
            if parsed.ratio_scale is not None:
                return i + 1, self._ratio(doc, i, end, parsed)
            grouped = self._space_grouped(doc, i, end)
            if grouped is not None:
                last, whole = grouped
                return self._number(doc, i, last, end, whole, None)
            if i + 2 < end and doc[i + 1].text in _RANGE_DASHES and not doc[i].whitespace_:
                # "10-15%": the first number takes the kind and unit of the second.
                second = parse_token(doc[i + 2].text)
                if second is not None and second.ratio_scale is None:
                    _, upper = self._number(doc, i + 2, i + 2, end, second, None)
                    if upper is not None:
                        return i + 2, Quantity(span_ref(doc, i, i + 1), upper.kind, parsed.value, upper.unit)
            return self._number(doc, i, i, end, parsed, None)
        if lower == "zero" and i + 1 < end and doc[i + 1].text == "-" and not token.whitespace_:
            return i + 1, None  # "zero-based budgeting", "zero-downtime deploys": a kind, not an amount
        if lower in self.number_words and (
            token.tag_ == "CD"
            or lower in _ARTICLE_NUMBERS
            or lower in _MISSPELT_NUMBERS
            or (
                lower in ("zero", "nil")
                and (token.tag_ == "NN" or (token.tag_ == "NNP" and not _names_with(doc, i, end)))
            )
        ):
            return self._number_words(doc, i, end)
        return i + 1, None

    @staticmethod
    def _one_at_rate(doc: Doc, i: int, end: int) -> tuple[int, Quantity | None]:
        """ "a sketch every week", "an essay a month", "something every other week": one thing at a
        rate, read as a count of one with the rate (the guide's "one post a month"). The article
        must open a short singular noun phrase that is not the rate's own period ("once a week")."""
        if doc[i].lower_ == "something":
            # "something every week", "something new every weekend"
            after = i + 2 if i + 1 < end and doc[i + 1].pos_ == "ADJ" else i + 1
            if rate_end(doc, i + 1, end) or rate_end(doc, after, end):
                return i + 1, Quantity(span_ref(doc, i, i + 1), QuantityKind.NUMBER, 1.0, "something")
            return i + 1, None
        if rate_end(doc, i, end) or (i > 0 and doc[i - 1].lower_ in _COUNT_ADVERBS):
            return i + 1, None  # the article of a rate: "twice a week", "a month"
        if i > 0 and doc[i - 1].pos_ == "ADP":
            return i + 1, None  # "sketch at a café weekly": where the work happens, not what is counted
        head: str | None = None
        for k in range(i + 1, min(end, i + 1 + _MAX_UNIT_LOOKAHEAD)):
            token = doc[k]
            if token.tag_ in ("NN", "NNP") and token.pos_ in _NOUN_POS:
                head = token.lower_
                if rate_end(doc, k + 1, end):
                    return i + 1, Quantity(span_ref(doc, i, i + 1), QuantityKind.NUMBER, 1.0, head)
            elif head is not None or token.pos_ not in _MODIFIER_POS or token.tag_ == "VB":
                break
        return i + 1, None

    def _is_identifier(self, doc: Doc, i: int, body_start: int) -> bool:
        """ "ISO 27001", "SOC 2", "Project 42", "Sprint 14", "#3": a name, not an amount;
        so is the part after a hyphen of one ("NIST 800-53", "sprints 14-15")."""
        if i == body_start:
            return False
        prev = doc[i - 1]
        if (
            prev.text == "-"
            and i - 2 >= body_start
            and not doc[i - 2].whitespace_
            and not prev.whitespace_
            and parse_token(doc[i - 2].text) is not None
        ):
            return self._is_identifier(doc, i - 2, body_start)
        if self._in_named_list(doc, i, body_start):
            return True  # "floors 3 and 4", "wards 2, 5 and 7": each number names one
        if prev.lower_ in self.id_prefixes and prev.lower_ != "top":
            # "2 pods", "3 teams" put the noun after; "team 3" puts it before.
            if prev.i == body_start:
                # ... but a first word may be the verb: "Store 1 TB per member" and
                # "Release 3 new features" are amounts, "Phase 2 complete" a name.
                return not self._counts_what_follows(doc, i + 1, plural=prev.tag_.startswith("VB"))
            return doc[prev.i - 1].lower_ not in self.currency_symbols
        # A standard's number between its body's acronym and what it certifies:
        # "IATF 16949 certification", "EN 1090 compliant".
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        return (
            nxt is not None
            and nxt.lower_ in self.standard_words
            and prev.is_alpha
            and prev.is_upper
            and 2 <= len(prev.text) <= 6
            and prev.text not in self.currency_codes  # "GBP 3000 audit fees" is money
        )

    @staticmethod
    def _ends_year_range(doc: Doc, i: int, body_start: int, claimed: frozenset[int]) -> bool:
        """ "FY 2026-27", "2024-25 audit": the year after a dated year's hyphen."""
        return (
            i - 2 >= body_start
            and (i - 2) in claimed
            and doc[i - 1].text in _RANGE_DASHES
            and not doc[i - 2].whitespace_
            and not doc[i - 1].whitespace_
            and doc[i].text.isdigit()
            and len(doc[i].text) in (2, 4)
        )

    def _after_name(self, doc: Doc, i: int, body_start: int) -> bool:
        """Whether token ``i`` follows a named number ("Llama 3", "Qwen 2.5")."""
        return (
            i - 2 >= body_start
            and parse_token(doc[i - 1].text) is not None
            and doc[i - 2].lower_ in self.id_prefixes
        )

    def _in_named_list(self, doc: Doc, i: int, body_start: int) -> bool:
        """Whether the number at ``i`` is in a list of two or more after a plural prefix."""
        j = i - 1
        while j >= body_start and (doc[j].like_num or doc[j].lower_ in _LIST_JOINS):
            j -= 1
        if j < body_start or doc[j].lower_ not in self._plural_prefixes:
            return False
        if j < i - 1:
            return doc[j + 1].like_num  # a later number of the list ("lines and 3 stations" is none)
        # The first: a list only if another number is joined to it.
        return i + 2 < len(doc) and doc[i + 1].lower_ in _LIST_JOINS and doc[i + 2].like_num

    def _counts_what_follows(self, doc: Doc, j: int, *, plural: bool) -> bool:
        """Whether the words from ``j`` are what a number counts: a unit, or (with
        ``plural``) a plural noun past at most two modifiers ("3 new features", "5 KPIs")."""
        if j < len(doc) and doc[j].lower_ in self.units:
            return True
        if not plural:
            return False
        for k in range(j, min(j + 3, len(doc))):
            tag = doc[k].tag_
            if tag in ("NNS", "NNPS"):
                return True
            if tag not in ("JJ", "VBN", "NN"):
                return False
        return False

    def _is_version(self, doc: Doc, i: int, body_start: int) -> bool:
        text = doc[i].text
        if text.count(".") > 1 and parse_number(text) is None:
            return True  # "1.2.3", but not "1.200.000" (European grouping, see parse_number)
        if i > body_start and doc[i - 1].lower_ in self.version_keywords:
            return True
        if i + 1 < len(doc) and doc[i + 1].lower_ in _VERSION_AFTER:
            return True  # "Java 21 LTS", "Ubuntu 24.04 LTS"
        if "." in text and i - 2 >= body_start and doc[i - 1].lower_ in ("in", "with", "by"):
            return doc[i - 2].lemma_.lower() in self.version_verbs  # "ships in 5.2"
        return False

    @staticmethod
    def _phone_end(doc: Doc, i: int, end: int) -> int:
        """End of a phone number starting at ``i`` ("555-123-4567", "+1 (415) 555-0100",
        "020 7946 0000"), else 0."""
        spaced = QuantityFinder._spaced_phone_end(doc, i, end)
        if spaced:
            return spaced
        text = doc[i].text
        j = i + 1
        if text.startswith("+") and j < end and doc[j].text == "(":
            j += 1
            while j < end and (doc[j].is_digit or doc[j].text in ("(", ")", "-", ".")):
                j += 1
            return j
        if (
            j < end
            and doc[j].text == ")"
            and i > 0
            and doc[i - 1].text == "("
            and j + 1 < end
            and doc[j + 1].is_digit
        ):
            j += 1
        groups = [text] if text.isdigit() else []
        if not groups:
            return 0
        while (
            j + 1 < end and doc[j].text in ("-", ".", ")") and doc[j + 1].is_digit and not doc[j].whitespace_
        ):
            groups.append(doc[j + 1].text)
            j += 2
        digits = sum(len(g) for g in groups)
        if len(groups) >= 3 and digits >= 7:
            return j
        if len(groups) == 2 and len(groups[0]) == 3 and len(groups[1]) == 4:
            return j
        return 0

    def _space_grouped(self, doc: Doc, i: int, end: int) -> tuple[int, ParsedToken] | None:
        """ "120 000" and "1 000 000", thousands grouped with spaces as many writers
        outside the US do: the index of the last group and the whole number; None
        unless a 1-3 digit group is followed by 3-digit groups, one space apart.
        A group that is a name by the word after it ends the number before it:
        "12 360 reviews" is twelve 360 reviews."""
        first = doc[i].text
        if not (first.isdigit() and len(first) <= 3 and doc[i].whitespace_ == " "):
            return None
        j = i + 1
        while j < end and len(doc[j].text) == 3 and doc[j].text.isdigit() and doc[j - 1].whitespace_ == " ":
            named = self.named_numbers.get(doc[j].lower_)
            if named is not None and self._named_by_next(doc, j, end, named[1]):
                break
            j += 1
        if j == i + 1:
            return None
        last = j - 1
        return last, ParsedToken(float("".join(t.text for t in doc[i:j])))

    @staticmethod
    def _spaced_phone_end(doc: Doc, i: int, end: int) -> int:
        """End of a phone number written in space-separated groups ("020 7946 0000",
        "+44 20 7946 0000"), else 0. Amounts are rarely written as runs of bare
        numbers, so it takes a leading "+" or "0" and three groups, or four groups
        and ten digits."""
        first = doc[i].text
        plus = first.startswith("+") and first[1:].isdigit()
        if not (plus or (first.isdigit() and len(first) >= 2)):
            return 0
        groups = [first.lstrip("+")]
        j = i + 1
        while j < end and doc[j - 1].whitespace_ and doc[j].text.isdigit() and 2 <= len(doc[j].text) <= 4:
            groups.append(doc[j].text)
            j += 1
        digits = sum(len(g) for g in groups)
        if len(groups) >= 3 and digits >= 8 and (plus or first.startswith("0")):
            return j
        if len(groups) >= 4 and digits >= 10:
            return j
        return 0

    def _placeholder_end(self, doc: Doc, i: int, end: int, body_start: int) -> int:
        token = doc[i]
        text = token.text
        lower = token.lower_
        if lower in self.placeholder_tokens:
            if (
                lower in ("tbd", "tbc", "tba")
                and i > body_start
                and doc[i - 1].lower_ in ("by", "before", "until", "on")
            ):
                return 0  # "by TBD" is an unknown date, not an unknown amount
            return i + 1
        if text == "?" and i + 1 < end and doc[i + 1].text == "?":
            j = i + 1
            while j < end and doc[j].text == "?":
                j += 1
            return j
        closer = _BRACKETS.get(text)
        if closer and i + 2 < end and text != "(":
            if doc[i + 1].lower_ in self.placeholder_words and doc[i + 2].text == closer:
                return i + 3
            if (
                i + 3 < end
                and f"{doc[i + 1].lower_} {doc[i + 2].lower_}" in self.placeholder_words
                and doc[i + 3].text == closer
            ):
                return i + 4
        redacted = bool(_REDACTED.match(text))
        if text in self.placeholder_letters or redacted:
            prev = doc[i - 1].lower_ if i > body_start else ""
            nxt = doc[i + 1].lower_ if i + 1 < end else ""
            if (i > body_start and prev in self.placeholder_before) or nxt in self.placeholder_after:
                return i + 1
            if redacted:
                return i + 1  # "add N5 ARR", ">N20 teams": an amount blanked out of a shared copy
            named = i > body_start and doc[i - 1].is_title and doc[i - 1].tag_ in ("NN", "NNP")
            if (
                text in _AMOUNT_LETTERS
                and token.whitespace_
                and not named
                and self._counts_things(doc, i + 1, end)
            ):
                # "x services", "X S1 and Y S2 issues": an amount left blank ("Class X drivers" is a name).
                return i + 1
        if text == "#" and i + 1 < end and doc[i + 1].lower_ == "of":
            return i + 1  # "# of active members": the count is to be filled in
        if self._bare_measure(doc, i, end, body_start):
            return i + 1  # "share of invoices paid on time", "% weekly orders with gift wrap"
        return 0

    def _bare_measure(self, doc: Doc, i: int, end: int, body_start: int) -> bool:
        """Whether the body is only a measure's name from token ``i`` ("% of X", "share of X",
        "number of X"): a metric meant, its amount left out. Only the opening word (after "the"
        at most) counts, and a direction word later ("number of donors grows") makes it a
        direction with no amount instead, which the changes component reads."""
        lower = doc[i].lower_
        opening = i == body_start or (i == body_start + 1 and doc[body_start].lower_ == "the")
        if not opening or i + 1 >= end:
            return False
        if lower == "%":
            if doc[i + 1].like_num or doc[i + 1].is_punct:
                return False
        elif not (lower in _MEASURE_NAMES and doc[i + 1].lower_ == "of"):
            return False
        # A number later ("Number of calls with suppliers: 8") is the measure's amount, stated.
        return not any(
            (doc[k].tag_ in _FINITE_OR_ING and doc[k].lemma_.lower() in self.direction_words)
            or doc[k].lower_ in ("up", "down")
            or doc[k].like_num
            or any(c.isdigit() for c in doc[k].text)
            for k in range(i + 2, end)
        )

    @staticmethod
    def _counts_things(doc: Doc, j: int, end: int) -> bool:
        """Whether a plural noun follows at ``j``, after at most two modifiers or severity codes."""
        for k in range(j, min(end, j + 5)):
            token = doc[k]
            if token.tag_ in ("NNS", "NNPS") or token.lower_ in ("number", "more", "new", "additional"):
                return True
            if token.tag_ == "VBZ" and token.is_lower and token.text.endswith("s") and k == j:
                return True  # "X calls", "X meets": the tagger reads the plural noun as a verb
            if not (token.tag_ in ("JJ", "NN", "NNP", "VBN", "CC") or _REDACTED.match(token.text)):
                return False
        return False

    def _multiplier_word(self, doc: Doc, i: int, end: int, body_start: int) -> tuple[int, Quantity | None]:
        token = doc[i]
        lower = token.lower_
        if i + 1 < end and (doc[i + 1].lower_ in self.multiplier_blockers or doc[i + 1].text == "-"):
            return i + 1, None  # "double-digit", "double down"
        verb_only = lower.startswith(("doubl", "tripl", "quadrupl", "quintupl"))
        if verb_only and not (
            token.tag_.startswith("VB") or i == body_start or doc[i - 1].lower_ in ("to", "and", "will", "by")
        ):
            return i + 1, None
        value = self.multiplier_words[lower]
        return i + 1, Quantity(span_ref(doc, i, i + 1), QuantityKind.MULTIPLIER, value, "x")

    def _ratio(self, doc: Doc, i: int, end: int, parsed: ParsedToken) -> Quantity | None:
        scale = parsed.ratio_scale or 0.0
        if i + 1 < end and doc[i + 1].lower_ == "of" and parsed.value < scale:
            return Quantity(span_ref(doc, i, i + 1), QuantityKind.NUMBER, parsed.value / scale, "fraction")
        if scale in _RATING_SCALES and parsed.value <= scale:
            return Quantity(span_ref(doc, i, i + 1), QuantityKind.RATING, parsed.value, None, scale)
        if scale > 31 and parsed.value.is_integer() and parsed.value <= scale:
            # "Enrol 240/320 patients": a count out of a whole, too big a whole for a day of the month.
            return Quantity(span_ref(doc, i, i + 1), QuantityKind.NUMBER, parsed.value / scale, "fraction")
        return None

    def _number_words(self, doc: Doc, i: int, end: int) -> tuple[int, Quantity | None]:
        """ "twelve", "a dozen", "two hundred and fifty", "twenty-five"."""
        if doc[i].lower_ == "one":
            prev = doc[i - 1].lower_ if i > 0 else ""
            nxt = doc[i + 1].lower_ if i + 1 < end else ""
            if prev in ("no", "any", "every", "each", "some", "this", "that", "the", "which") or nxt in (
                "of",
                "another",
            ):
                return i + 1, None
        total, current = 0.0, 0.0
        if i > 0 and doc[i - 1].lower_ == "a" and doc[i].lower_ in _ARTICLE_NUMBERS:
            i -= 1  # "a dozen", "a million"
        j = i
        if doc[j].lower_ == "a":
            current = 1.0
            j += 1
        last = j
        while j < end:
            lower = doc[j].lower_
            if lower in self.number_words:
                value = self.number_words[lower]
                if value == 100:
                    current = (current or 1.0) * 100
                elif value >= 1000:
                    total += (current or 1.0) * value
                    current = 0.0
                elif lower in ("dozen", "dozens"):
                    current = (current or 1.0) * 12
                else:
                    current += value
                last = j
                j += 1
            elif lower in ("-", "and") and j + 1 < end and doc[j + 1].lower_ in self.number_words:
                j += 1
            else:
                break
        value = total + current
        stop = last + 1
        if stop < end and doc[stop].lower_ in ("ordinal",):
            return stop, None
        return self._suffixes(doc, i, stop, end, value, None, None)

    def _number(
        self, doc: Doc, start: int, i: int, end: int, parsed: ParsedToken, currency: str | None
    ) -> tuple[int, Quantity | None]:
        """A parsed numeric token at ``i`` (``start`` < ``i`` when a currency symbol precedes it)."""
        currency = currency or parsed.currency
        value = parsed.value
        j = i + 1
        scale_word = parsed.scale_word
        if scale_word is None and j < end and doc[j].text in self.scales and doc[j].text not in ("hundreds",):
            scale_word = doc[j].text
            j += 1
        unit: str | None = parsed.unit
        if scale_word is not None:
            if scale_word == "m" and currency is None and not self._noun_follows(doc, j, end):
                unit = unit or "m"  # "5m" with no money and no counted noun: metres or minutes
            else:
                value *= self.scales[scale_word]
        if unit == "x":
            if rate_end(doc, j, end):
                # "3x a week", "2x weekly": a count of times at a rate, not a multiple of a measure
                return j, Quantity(span_ref(doc, start, j), QuantityKind.NUMBER, value, "times")
            return j, Quantity(span_ref(doc, start, j), QuantityKind.MULTIPLIER, value, "x")
        if start > 0 and doc[start - 1].lower_ == "top" and currency is None and unit is None:
            return j, Quantity(span_ref(doc, start, j), QuantityKind.NUMBER, value, "rank")
        return self._suffixes(doc, start, j, end, value, currency, unit)

    def _suffixes(
        self, doc: Doc, start: int, j: int, end: int, value: float, currency: str | None, unit: str | None
    ) -> tuple[int, Quantity | None]:
        """Percent, currency, multiplier, rating and unit words after a number ending before ``j``."""
        if unit is None and j < end:
            nxt = doc[j].lower_
            two = f"{nxt} {doc[j + 1].lower_}" if j + 1 < end else ""
            if two in _BOUND_AFTER and j + 2 < end and currency is None:
                # "5 or more times weekly": the unit after the bound is the number's; the span
                # stays the number, as the bound is the change component's to read.
                _, bounded = self._suffixes(doc, start, j + 2, end, value, None, None)
                if bounded is not None and bounded.unit is not None:
                    return j, Quantity(span_ref(doc, start, j), bounded.kind, value, bounded.unit)
            if two in self.percent_words:
                return j + 2, Quantity(
                    span_ref(doc, start, j + 2), QuantityKind.PERCENT, value, self.percent_words[two]
                )
            if doc[j].text == "%" or nxt in self.percent_words:
                return j + 1, Quantity(
                    span_ref(doc, start, j + 1),
                    QuantityKind.PERCENT,
                    value,
                    self.percent_words.get(nxt, "%"),
                )
            code = self.currency_words.get(nxt) or (
                doc[j].text if doc[j].text in self.currency_codes else None
            )
            if code is not None:
                return j + 1, Quantity(span_ref(doc, start, j + 1), QuantityKind.MONEY, value, code)
            if nxt in ("x", "×", "fold"):
                return j + 1, Quantity(span_ref(doc, start, j + 1), QuantityKind.MULTIPLIER, value, "x")
            if nxt == "times":
                before = doc[start - 1].lower_ if start > 0 else ""
                after = doc[j + 1].lower_ if j + 1 < end else ""
                if before == "by" or after in self.comparatives:
                    return j + 1, Quantity(span_ref(doc, start, j + 1), QuantityKind.MULTIPLIER, value, "x")
            if nxt == "/" and j + 1 < end:
                scale = parse_token(doc[j + 1].text)
                if (
                    scale is not None
                    and scale.ratio_scale is None
                    and scale.value in _RATING_SCALES
                    and value <= scale.value
                ):
                    return j + 2, Quantity(
                        span_ref(doc, start, j + 2), QuantityKind.RATING, value, None, scale.value
                    )
            if two == "out of" and j + 2 < end:
                scale = parse_token(doc[j + 2].text)
                if scale is not None and scale.ratio_scale is None and value <= scale.value:
                    return j + 3, Quantity(
                        span_ref(doc, start, j + 3), QuantityKind.RATING, value, None, scale.value
                    )
            if nxt in ("stars", "star") and value <= 5:
                return j + 1, Quantity(span_ref(doc, start, j + 1), QuantityKind.RATING, value, None, 5.0)
            if two in self.multi_word_units:
                return j + 2, Quantity(
                    span_ref(doc, start, j + 2),
                    self._kind(currency),
                    value,
                    currency or self.multi_word_units[two],
                )
            if nxt in self.units and not (nxt == "pounds" and currency):
                return j + 1, Quantity(
                    span_ref(doc, start, j + 1), self._kind(currency), value, currency or self.units[nxt]
                )
        if currency is not None:
            return j, Quantity(span_ref(doc, start, j), QuantityKind.MONEY, value, currency)
        if unit == "%" or unit in self.percent_units:
            return j, Quantity(span_ref(doc, start, j), QuantityKind.PERCENT, value, unit)
        if unit is None:
            unit = self._head_noun(doc, j, end)
        return j, Quantity(span_ref(doc, start, j), QuantityKind.NUMBER, value, unit)

    @staticmethod
    def _kind(currency: str | None) -> QuantityKind:
        return QuantityKind.MONEY if currency else QuantityKind.NUMBER

    @staticmethod
    def _noun_follows(doc: Doc, j: int, end: int) -> bool:
        return j < end and doc[j].pos_ in _NOUN_POS

    @staticmethod
    def _head_noun(doc: Doc, j: int, end: int) -> str | None:
        """The counted noun: "12 new reseller partners" -> "partners" (no parser: last noun of the run)."""
        head: str | None = None
        for k in range(j, min(end, j + _MAX_UNIT_LOOKAHEAD)):
            token = doc[k]
            if token.pos_ in _NOUN_POS:
                head = token.lower_
            elif token.pos_ in _MODIFIER_POS and head is None and token.tag_ != "VB":
                continue
            else:
                break
        return head


@Language.factory("krq_quantities")
def make_quantity_finder(nlp: Language, name: str) -> QuantityFinder:
    """spaCy factory for :class:`QuantityFinder`; add it after ``krq_dates``.

    >>> from krquality.nlp import build_nlp
    >>> build_nlp()("Grow ARR to $1.2M")._.krq_quantities[0].value
    1200000.0
    """
    return QuantityFinder(nlp)


def _plural(word: str) -> str:
    """ "ward" -> "wards", "gallery" -> "galleries": how the prefix reads before a list."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _names_with(doc: Doc, i: int, end: int) -> bool:
    """Whether token ``i`` starts a name with the capitalised word after it ("Zero Trust")."""
    if i + 1 >= end:
        return False
    word = doc[i + 1].text
    return word.isalpha() and word[0].isupper() and word[1:].islower()


def _is_house_number(doc: Doc, i: int, end: int) -> bool:
    """Whether the number at ``i`` starts an address: a street word follows within three words."""
    for k in range(i + 1, min(end, i + 4)):
        if doc[k].lower_ in _STREET_WORDS:
            return k > i + 1
        if not doc[k].is_alpha:
            return False
    return False
