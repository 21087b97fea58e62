"""Features -> the flat dict the classifier's ``DictVectorizer`` reads.

Pure functions with no spaCy or scikit-learn imports, so they are testable
without a model and cheap on the classification path.
"""

from __future__ import annotations

import re

from krquality.features.types import Features, Quantity, QuantityKind

# Bump when the dict's keys or meaning change: a model records the version it
# was trained with, and loading refuses a model built for another one.
FEATURE_VERSION = 9

# A standalone 1 keeps its value in the n-grams: "hire 1 nurse" is a yes/no,
# "hire 4 nurses" a count; every other number reads as 0.
_NUMBER = re.compile(r"(?<![\w.,/:])(?P<one>1)(?![\w]|[-–.,/:]\d)|\d+")
# Units of measure (normalised as the quantities component writes them): "1 TB",
# "under 1 day" are thresholds, not a count of one thing.
MEASURES = frozenset(
    {
        "p",  # pence and cents: "1p per transaction" is a price, not a count of one
        "c",
        "ms",
        "s",
        "min",
        "h",
        "d",
        "wk",
        "mo",
        "quarter",
        "yr",
        "KB",
        "MB",
        "GB",
        "TB",
        "PB",
        "kbps",
        "Mbps",
        "Gbps",
        "rps",
        "qps",
        "tps",
        "fps",
        "kg",
        "g",
        "lb",
        "km",
        "mi",
        "m",
        "kWh",
        "MWh",
        "tCO2e",
        "t",
        "points",
        "stars",
        "times",
        "x",
    }
)
# A percent that reports progress on the work, not a level to reach: "(currently
# ~60% done)", "[status: on track, ~60% done]", "now about 40% through". Done/through
# must follow it, and a status word or an open bracket come before it.
_PROGRESS_AFTER = re.compile(r"\s*(?:done|complete|completed|through|finished)\b", re.IGNORECASE)
_PROGRESS_BEFORE = re.compile(
    r"(?:\b(?:currently|now|status|so far|already|approx|approximately|about|around)\b[^()\[\]]{0,20}"
    r"|[(\[,]\s*)$",
    re.IGNORECASE,
)
# What follows a count of one that makes it a coverage or a rate: "... on every shift",
# "... per team", "... a week".
_COVERAGE = re.compile(
    r"[^.;|]{0,60}?(?:\b(?:every|each|per)\b|\ban?\s+(?:day|week|fortnight|month|quarter|year|sprint|term|shift)\b)",
    re.IGNORECASE,
)

# A rate right after a count (a few words at most, within the clause): "twice a week",
# "5 or more times weekly", "2 posts per month", "once every other day".
_RATE_AFTER = re.compile(
    r"[^.;|()\[\]]{0,30}?(?:\b(?:a|an|per|every|each)\s+(?:(?:other|second|single|calendar|working|\d+|two|three|"
    r"four|five|six|ten|twelve)\s+)?(?:hour|day|night|morning|evening|weekday|weekend|week|fortnight|month|quarter|term|semester|"
    r"season|year|sprint|shift|cycle)s?\b|\b(?:hourly|daily|nightly|weekly|bi-?weekly|fortnightly|monthly|"
    r"bi-?monthly|quarterly|yearly|annually)\b)",
    re.IGNORECASE,
)


# Shape markers of the first noun phrase and of state sentences (see krquality.nlp.markers).
_SHAPES = frozenset({"artifact", "plural_object", "capability", "definite_object"})
# A count under one of these is the size of a known set ("coach the four leads", "all 12
# guidelines"), a scope; a count without one ("explore 5 techniques") is what is to be reached.
_SCOPE_BEFORE = re.compile(
    r"\b(?:the|our|these|those|its|their|his|her|my|your|both|all|each of|all of)\s+$", re.IGNORECASE
)


def body_text(features: Features) -> str:
    """The key result without bullets, numbering and owner tags.

    >>> from krquality.features.types import Features, Form, SpanRef
    >>> body_text(Features("- Ship it", SpanRef(2, 9, "Ship it"), Form.IMPERATIVE, None))
    'Ship it'
    """
    return features.body.text


def normalized_text(features: Features) -> str:
    """Lower-cased body with every run of digits replaced by ``0``, but a standalone ``1``.

    The n-gram models then learn "from 0 to 0" rather than memorising values,
    and "hire 1 nurse" (a yes/no) apart from "hire 0 nurses" (a count).

    >>> from krquality.features.types import Features, Form, SpanRef
    >>> normalized_text(Features("NPS 40 to 55", SpanRef(0, 12, "NPS 40 to 55"), Form.NOUN_PHRASE, None))
    'nps 0 to 0'
    >>> text = "Hire 1 nurse by Q1"
    >>> normalized_text(Features(text, SpanRef(0, 18, text), Form.IMPERATIVE, None))
    'hire 1 nurse by q0'
    """
    return _NUMBER.sub(_number_token, _plain(features.body.text).lower())


# Where the opening of a key result ends: a sentence or clause break, a bracket, or the start of a
# purpose clause ("..., so that new members stay"). What follows explains; the opening decides the kind.
_OPENING_END = re.compile(r"[;:(\[]|\.(?:\s|$)|\s[-–—]\s|\bso that\b|\bin order to\b")
OPENING_WORDS = 6


def opening_text(features: Features) -> str:
    """The first :data:`OPENING_WORDS` words of :func:`normalized_text`, up to the first clause break.

    Real key results run on ("Pilot 3 booking kiosks in the branches - the
    aim is to learn whether older members use them"); the words that decide
    metric, milestone or task come first, and n-grams of the whole text let
    the explanation outvote them. A separate set of n-grams of the opening
    gives those words their own weight.

    >>> from krquality.features.types import Features, Form, SpanRef
    >>> text = "Pilot 3 kiosks in the branches - to learn whether members use them"
    >>> opening_text(Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None))
    'pilot 0 kiosks in the branches'
    """
    opening = _OPENING_END.split(normalized_text(features), maxsplit=1)[0]
    return " ".join(opening.split()[:OPENING_WORDS])


# Markup inside the body that is not wording: a Markdown link's target ("[guide](https://...)"
# keeps "guide"), bare links, and emphasis marks.
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_`]|[*_`](?!\w)")


def _plain(text: str) -> str:
    """``text`` without link targets, bare links and emphasis marks.

    >>> _plain("Publish the **[setup guide](https://example.org/g)**")
    'Publish the setup guide'
    """
    return _EMPHASIS.sub("", _URL.sub("", _LINK.sub(r"\1", text)))


def _number_token(match: re.Match[str]) -> str:
    return "1" if match.group("one") else "0"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def feature_dict(features: Features) -> dict[str, float]:
    """Engineered features for one key result, as ``{name: value}``.

    Categorical facts become ``name=value`` keys with value 1.0, the
    convention :class:`sklearn.feature_extraction.DictVectorizer` expects.

    >>> from krquality.features.types import Features, Form, SpanRef
    >>> feature_dict(Features("Ship it", SpanRef(0, 7, "Ship it"), Form.IMPERATIVE, None))["form=imperative"]
    1.0
    """
    out: dict[str, float] = {f"form={features.form.value}": 1.0}
    lead = features.lead_verb
    if lead is None:
        out["lead=none"] = 1.0
    else:
        out[f"lead_class={lead.verb_class.value}"] = 1.0
        out[f"lead_lemma={lead.lemma}"] = 1.0
    out[f"words={_bucket(features.n_words, (2, 4, 8, 15, 25))}"] = 1.0

    real = [q for q in features.quantities if q.kind is not QuantityKind.PLACEHOLDER]
    progress = [q for q in real if _is_progress_note(features.text, q)]
    if progress:
        out["q_progress_note"] = 1.0
    out["n_quantities"] = float(min(len(real) - len(progress), 4))
    for quantity in features.quantities:
        out[f"qkind={quantity.kind.value}"] = 1.0
        if quantity.unit:
            out["q_has_unit"] = 1.0
    if real and all(q.value == 1 and q.kind is QuantityKind.NUMBER and q.unit not in MEASURES for q in real):
        if any(_COVERAGE.match(features.text, q.span.end) or is_rate_count(features.text, q) for q in real):
            # "One first-aider on every shift": a one in every place is a coverage, a metric.
            out["q_one_coverage"] = 1.0
        else:
            # "Hire +1 designer": a count of exactly one is a yes/no, not a metric.
            out["q_only_one"] = 1.0

    if any(is_rate_count(features.text, q) for q in real if q not in progress):
        # "Swim twice a week", "one post a month": a count kept at a rate is a quantity (metric),
        # where a frequency word alone ("Hold weekly reviews") is a habit (task).
        out["q_rate"] = 1.0
    for quantity in real:
        count = None if quantity in progress else count_kind(features.text, quantity)
        if count is not None:
            # By the guide a count of things (more than one) is the success criterion, whatever the verb.
            out[f"q_count={count}"] = 1.0
            out[f"q_count_{count}_after={lead.verb_class.value if lead else features.form.value}"] = 1.0

    for change in features.changes:
        out[f"change={change.direction.value}"] = 1.0
        out["change_has_baseline"] = max(
            out.get("change_has_baseline", 0.0), float(change.baseline is not None)
        )
        out["change_has_target"] = max(out.get("change_has_target", 0.0), float(change.target is not None))
        if change.is_relative:
            out["change_relative"] = 1.0
    out["n_changes"] = float(min(len(features.changes), 3))

    if features.dates:
        out["has_date"] = 1.0
        if any(d.is_deadline for d in features.dates):
            out["has_deadline"] = 1.0

    for marker in features.markers:
        out[f"marker={marker.kind}"] = out.get(f"marker={marker.kind}", 0.0) + 1.0
        if marker.kind in ("activity", "state", "vague"):
            out[f"{marker.kind}_lemma={marker.lemma}"] = 1.0
        elif marker.kind in _SHAPES:
            # What the head names means different things in different forms: "a guide"
            # created is a deliverable, "guides" written are unbounded work.
            out[f"{marker.kind}_in={features.form.value}"] = 1.0
            if lead is not None:
                out[f"{marker.kind}_after={lead.verb_class.value}"] = 1.0

    if lead is not None and (real or features.changes):
        # The verb class only decides together with a quantity ("Increase X"
        # is a task, "Increase X to 40%" a metric).
        out[f"lead_class_with_quantity={lead.verb_class.value}"] = 1.0
    return out


def count_kind(text: str, quantity: Quantity) -> str | None:
    """``"open"`` for a count of more than one thing ("Explore 5 techniques"), ``"scope"`` when a
    definite word makes it the size of a known set ("the four leads"), else None (not a count).

    >>> from krquality.features.types import SpanRef
    >>> def five(text: str) -> Quantity:
    ...     at = text.index("5")
    ...     return Quantity(SpanRef(at, at + 1, "5"), QuantityKind.NUMBER, 5.0, "techniques")
    >>> [count_kind(text, five(text)) for text in ("Explore 5 techniques", "Explore the 5 techniques")]
    ['open', 'scope']
    """
    if quantity.kind is not QuantityKind.NUMBER or quantity.value is None or quantity.value <= 1:
        return None
    unit = quantity.unit
    if unit is None or unit in MEASURES or not unit.endswith("s") or unit.endswith("ss"):
        return None  # not a plural noun counted: "Big 4 firm", "IFRS 16 accounting" are names
    if 1900 <= quantity.value <= 2100:
        return None  # a year before a noun: "2026 territories"
    before = text[max(0, quantity.span.start - 16) : quantity.span.start]
    return "scope" if _SCOPE_BEFORE.search(before) else "open"


def is_rate_count(text: str, quantity: Quantity) -> bool:
    """Whether ``quantity`` is a count kept at a rate: a count of times ("once", "3 times") or of
    things, with a rate right after it, and not the size of a known set ("the four leads weekly").

    >>> from krquality.features.types import SpanRef
    >>> def count(text: str, word: str, value: float, unit: str) -> Quantity:
    ...     at = text.index(word)
    ...     return Quantity(SpanRef(at, at + len(word), word), QuantityKind.NUMBER, value, unit)
    >>> is_rate_count("Swim twice every week", count("Swim twice every week", "twice", 2, "times"))
    True
    >>> is_rate_count("Coach the 4 leads weekly", count("Coach the 4 leads weekly", "4", 4, "leads"))
    False
    """
    if quantity.kind is not QuantityKind.NUMBER or quantity.value is None:
        return False
    if _SCOPE_BEFORE.search(text[max(0, quantity.span.start - 16) : quantity.span.start]):
        return False
    return bool(_RATE_AFTER.match(text, quantity.span.end))


def _is_progress_note(text: str, quantity: Quantity) -> bool:
    """Whether a percent reports how far the work has got ("(currently ~60% done)")."""
    if quantity.kind is not QuantityKind.PERCENT or not _PROGRESS_AFTER.match(text, quantity.span.end):
        return False
    before = text[max(0, quantity.span.start - 30) : quantity.span.start]
    return bool(_PROGRESS_BEFORE.search(before))


def feature_dicts(batch: list[Features]) -> list[dict[str, float]]:
    """:func:`feature_dict` over a batch (the form a ``FunctionTransformer`` calls)."""
    return [feature_dict(f) for f in batch]


def texts(batch: list[Features]) -> list[str]:
    """:func:`normalized_text` over a batch (the form a ``FunctionTransformer`` calls)."""
    return [normalized_text(f) for f in batch]


def openings(batch: list[Features]) -> list[str]:
    """:func:`opening_text` over a batch (the form a ``FunctionTransformer`` calls)."""
    return [opening_text(f) for f in batch]
