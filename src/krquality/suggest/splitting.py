"""Suggest a compound key result as the key results it joins, each drafted as if written alone.

A key result the compound check (``wording.compound``) flags is cut at the
joiner it found (:func:`krquality.suggest.split.split_parts`); each part
is analysed and drafted like any key result (a date slot, a baseline slot
...), and the first of its drafts that keeps the part's words becomes one
line of the suggestion (the part as cut when none does). The returned
:class:`~krquality.result.Suggestion` holds the parts on separate lines of
``text``; its ``score`` is the lower of the lines' scores, each being what
``krquality.analyze`` gives that line with its placeholders filled, and its
``label`` is that line's. ``fixes`` holds ``KRQ403`` and every other code of
the key result that no line reports.

The gates are those of any draft, read against the key result as a whole:
no line keeps a word a finding flagged (but for a joiner that is not the
one cut), every line keeps the date or cycle tag the key result has, every
number the author wrote is in one of the lines, no line is a task or is
flagged as compound again, and the lines together keep every content word
of the key result but the hedge a decision replaces and the activity verb
of a task part that a draft of what it ends in replaces ("Come up with a
marketing strategy" -> "Publish the marketing strategy by [date]").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from contextvars import ContextVar
from dataclasses import replace
from typing import TYPE_CHECKING

from krquality.labels import Label
from krquality.nlp.notes import progress_note
from krquality.result import Result, Suggestion
from krquality.suggest.drafts import Draft, DraftKind
from krquality.suggest.fill import fill_placeholders
from krquality.suggest.slots import DATE
from krquality.suggest.split import Part, split_parts
from krquality.suggest.structure import structure_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from krquality.checks import CheckContext
    from krquality.engine import Analyzer

COMPOUND = "wording.compound"
HEDGE = "wording.hedge"
# Set while the parts of a split are analysed, so that a part is never split again.
_SPLITTING: ContextVar[bool] = ContextVar("krq_splitting", default=False)
# The findings of a deliverable or a state with no date. (A metric with none, metric.no_deadline,
# inherits the cycle: a line of it is complete without a date.)
_NO_DEADLINE = frozenset({"milestone.no_deadline", "task.no_deadline"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[\w'-]+")


def split_suggestions(
    items: Sequence[tuple[Result, CheckContext]], *, analyzer: Analyzer, cycle: str | None = None
) -> list[Suggestion | str | None]:
    """For each key result: its split as a suggestion, the rule the split broke, or None
    (no compound finding, or no way to cut it into complete parts).

    >>> import krquality
    >>> analyzer = krquality.get_analyzer()
    >>> text = "Sign 6 new sponsors and 2 new venues by October"
    >>> doc = analyzer.nlp(text)
    >>> (result,) = analyzer.analyze_docs([(text, doc)])
    >>> from krquality.checks import CheckContext
    >>> context = CheckContext(text=text, doc=doc, features=result.features, label=result.label,
    ...     probabilities=result.probabilities, config=analyzer.config)
    >>> print(split_suggestions([(result, context)], analyzer=analyzer)[0].text)
    Sign 6 new sponsors by October
    Sign 2 new venues by October
    """
    if _SPLITTING.get():
        return [None] * len(items)
    cut: list[tuple[Part, ...] | None] = []
    for result, context in items:
        joins = [(f.start, f.end) for f in result.findings if f.name == COMPOUND]
        hedges = [(f.start, f.end) for f in result.findings if f.name == HEDGE]
        cut.append(split_parts(context.doc, result.features, joins, hedges) if joins else None)
    texts = [part.text for parts in cut if parts for part in parts]
    if not texts:
        return [None] * len(items)
    token = _SPLITTING.set(True)
    try:
        docs = list(analyzer.nlp.pipe(texts))
        batch = list(zip(texts, docs, strict=True))
        drafted = iter(analyzer.analyze_docs(batch, cycle=cycle, suggestions=True))
        chosen: list[list[tuple[str, Result | None]] | None] = []
        # the activity verbs of task parts that a draft of their outcome replaced
        replaced: list[set[str]] = []
        for parts in cut:
            results = [next(drafted) for _ in parts] if parts else []
            drafted_lines = [_line(part, r) for part, r in zip(parts or (), results, strict=True)]
            chosen.append(drafted_lines if parts else None)
            pairs = zip(drafted_lines, results, strict=True)
            replaced.append({w for (_, known), r in pairs if known is None for w in _activity_words(r)})
        # a part kept as cut is analysed already; a draft of it is analysed filled and as shown
        lines = [line for item in chosen if item for line, known in item if known is None]
        fresh = iter(_analysed(lines, analyzer, cycle))
    finally:
        _SPLITTING.reset(token)
    out: list[Suggestion | str | None] = []
    for (result, context), parts, item, verbs in zip(items, cut, chosen, replaced, strict=True):
        if parts is None or item is None:
            out.append(None)
            continue
        forms = [(known, known) if known is not None else next(fresh) for _, known in item]
        out.append(_judged(result, context.doc, [line for line, _ in item], forms, replaced=verbs))
    return out


def _line(part: Part, analysed: Result) -> tuple[str, Result | None]:
    """The first draft of ``part`` that keeps its words and is no task, or the part as cut
    with its analysis. A part that is a task may lose the words of its activity verb to a
    draft of what the activity ends in ("Come up with a marketing strategy" -> "Publish the
    marketing strategy by [date]"): the thing it works on stays."""
    wanted = _content(part.text) - _activity_words(analysed)
    for suggestion in analysed.suggestions:
        if suggestion.label is not Label.TASK and wanted <= _words_of(suggestion.text):
            return suggestion.text, None
    return part.text, analysed


# Particles that belong to an activity verb ("come up with", "put together", "work out").
_PARTICLES = frozenset({"up", "with", "together", "out", "on", "about", "into"})


def _activity_words(analysed: Result) -> set[str]:
    """The words of the activity verb of a part analysed as a task, with its particles; none
    for a part that is no task."""
    lead = analysed.features.lead_verb
    if analysed.label is not Label.TASK or lead is None:
        return set()
    words = analysed.features.text[lead.span.start :].split()
    verb = [w.lower() for w in lead.span.text.split()]
    for word in words[len(verb) :]:
        if word.lower() not in _PARTICLES:
            break
        verb.append(word.lower())
    return set(verb)


def _content(text: str) -> set[str]:
    """The words of ``text`` that say what it is about (not its small words)."""
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3 or w.isdigit()} - _SMALL


_SMALL = frozenset({"with", "from", "into", "than", "that", "this", "each", "have", "more", "less"})


def _words_of(text: str) -> set[str]:
    words = set(_WORD.findall(text.lower()))
    words |= {piece for w in words if "-" in w for piece in w.split("-")}  # "sign-ups": "sign", "ups"
    # a plural kept as a singular or the other way round is the same word
    return words | {w[:-1] for w in words if w.endswith("s")} | {w + "s" for w in words}


def _analysed(lines: Sequence[str], analyzer: Analyzer, cycle: str | None) -> list[tuple[Result, Result]]:
    """Each line filled (tagged afresh, so its score is ``analyze()`` of it) and as shown."""
    filled_texts = [fill_placeholders(line) for line in lines]
    batch: list[tuple[str, Doc]] = []
    for line, filled, doc in zip(lines, filled_texts, analyzer.nlp.pipe(filled_texts), strict=True):
        batch.append((filled, doc))
        if filled != line:
            batch.append((line, analyzer.nlp(line)))
    results = iter(analyzer.analyze_docs(batch, cycle=cycle))
    out = []
    for line, filled in zip(lines, filled_texts, strict=True):
        first = next(results)
        out.append((first, next(results) if filled != line else first))
    return out


def _judged(
    original: Result,
    doc: Doc,
    lines: Sequence[str],
    forms: Sequence[tuple[Result, Result]],
    *,
    replaced: AbstractSet[str] = frozenset(),
) -> Suggestion | str | None:
    """The split as a suggestion, the rule it breaks, or None when it scores no better;
    ``replaced`` holds the activity verbs of task parts a draft of their outcome replaced."""
    # (imported here: the rewriter imports this module for its batches)
    from krquality.suggest.rewrite import _dated, _kept_flagged_word, fixed_codes

    if (rule := _broken(original, doc, lines, forms, replaced=replaced)) is not None:
        return rule
    others = replace(original, findings=tuple(f for f in original.findings if f.name != COMPOUND))
    for line, (filled, _) in zip(lines, forms, strict=True):
        if (kept := _kept_flagged_word(line.lower(), others, filled)) is not None:
            return kept
        if _dated(original) and not _dated(filled):
            return "drops the date the key result has"
        if _dated(original) and DATE in line:
            return "adds a time frame the key result already has"
    if _undated_beside_dated(lines, forms):
        return "leaves a part with no date beside a dated one"
    placeholders = tuple(dict.fromkeys(p for x in lines for p in Draft(x, DraftKind.EDITED).placeholders))
    fixes = fixed_codes(
        original.findings,
        [f for filled, _ in forms for f in filled.findings],
        [f for _, shown in forms for f in shown.findings],
        placeholders=placeholders,
    )
    lowest = min((filled for filled, _ in forms), key=lambda r: r.score)
    split = any(f.name == COMPOUND and f.code in fixes for f in original.findings)
    if lowest.score <= original.score or not split:
        return None
    return Suggestion(
        text="\n".join(lines), label=lowest.label, score=lowest.score, fixes=fixes, placeholders=placeholders
    )


def _broken(
    original: Result,
    doc: Doc,
    lines: Sequence[str],
    forms: Sequence[tuple[Result, Result]],
    *,
    replaced: AbstractSet[str] = frozenset(),
) -> str | None:
    """The rule of a safe split the ``lines`` break, or None."""
    for filled, shown in forms:
        if any(f.name == COMPOUND for f in (*filled.findings, *shown.findings)):
            return "leaves a part that joins two results again"
        if filled.label is Label.TASK:
            return "leaves a part a task"
    if any(_spliced_levels(line) for line in lines):
        return "leaves a part that joins two results again"
    joined = "\n".join(lines)
    body = original.features.body
    start = structure_of(original.features).start  # a team label or a priority tag is left out
    end = body.end
    note = progress_note(original.text)
    if note is not None and start < note[0] < end:
        end = note[0]  # "... (100%)": where the work stands, left out of every part
    if any(n not in joined for n in _NUMBER.findall(original.text[start:end])):
        return "drops a number the author wrote"
    words = _words_of(joined)
    skipped = [(f.start, f.end) for f in original.findings if f.name in (COMPOUND, HEDGE)]
    for t in doc:
        if not start <= t.idx < end or not t.is_alpha or t.is_stop:
            continue
        if any(a <= t.idx < b for a, b in skipped) or t.lower_ in replaced:
            continue
        if t.lower_ not in words and t.lemma_.lower() not in words:
            return f"drops '{t.text}', a word of the key result"
    return None


# A second level set after a comma with no joining word: "..., 60% of regulars on ...".
# (a share of what was just named, "30% of them", breaks the first level down: no second one)
_SPLICED = re.compile(
    r",\s+(?:at\s+least\s+|over\s+|under\s+)?\d[\d.,]*\s?(?:%|percent\b)\s+"
    r"(?!of\s+(?:them|these|those|which|it)\b)(?:of\s+)?[a-z]",
    re.I,
)


def _spliced_levels(line: str) -> bool:
    """Whether ``line`` holds a level, then a comma and a second level with a number of its own
    ("Hold complaints under 3%, 60% of regulars on the stamp card"): two results, which the compound
    check did not cut because no "and" joins them.

    >>> _spliced_levels("Hold complaints under 3%, 60% of regulars on the stamp card")
    True
    >>> _spliced_levels("Sign 12 partners, 30% of them in the north")
    False
    >>> _spliced_levels("By June, 40% of members")
    False
    """
    found = _SPLICED.search(line)
    return found is not None and any(ch.isdigit() for ch in line[: found.start()])


def _undated_beside_dated(lines: Sequence[str], forms: Sequence[tuple[Result, Result]]) -> bool:
    """Whether a line takes a date slot while another, a deliverable or a state still reported as
    having no date, takes none ("The pantry rota is published by [date]" over "We are able to
    grow"): the part no draft could date (a bare ability, notes) is left as weak as it was, beside
    one that looks finished. A level with no date of its own is due at the cycle's end."""
    if not any(DATE in line for line in lines):
        return False
    return any(
        DATE not in line and any(f.name in _NO_DEADLINE for f in filled.findings)
        for line, (filled, _) in zip(lines, forms, strict=True)
    )
