"""Suggest rewrites: build drafts, re-analyse each with the same engine, keep those that help.

How a draft with placeholders is judged (both conditions must hold):

1. **Filled, it scores higher.** The draft is analysed with its
   placeholders replaced by plausible values (:func:`fill_placeholders`);
   that score must beat the original's, and it is the ``score`` the
   returned :class:`~krquality.result.Suggestion` carries: what the key
   result will score once its author fills the blanks, which the
   suggestion lists in ``placeholders``.
2. **As shown, it fixes what it claims.** The draft is also analysed
   exactly as returned, placeholders and all. A finding code of the
   original counts as fixed only if neither analysis reports it; the
   placeholder check (``wording.placeholder``) is the one finding the
   shown form is allowed to add, since the placeholders are there on
   purpose. A draft that fixes nothing is dropped.

Both analyses of all drafts of a batch run through one
:meth:`~krquality.engine.Analyzer.analyze_docs` call, without suggestions
(no recursion), so the classifier's fixed cost is paid once. Neither form
is tagged from scratch where it can borrow (:mod:`krquality.nlp.borrow`):
the filled form takes its key result's tags for the words they share and
a fixed tag for the few words drafts add ("by Q4", "from 40% to 55%"),
and the shown form takes the filled form's. A draft that starts with
another word than its key result, or adds another word, is tagged by
spaCy. On the 4,237 training texts the suggestions came out the same as
with both forms tagged afresh for all but one key result (where one claims
a fix fewer), and every suggestion's ``score`` equals (capped as above) what
``krquality.analyze`` gives its filled text; on other text a borrowed tag
may in rare cases differ from the tagger's, and the score with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from krquality.checks.helpers import cycle_tag, has_time_frame
from krquality.features.types import Form, VerbClass
from krquality.labels import Label
from krquality.nlp.borrow import borrowed_docs
from krquality.nlp.dates import time_frame_spans
from krquality.result import Finding, Result, Severity, Suggestion
from krquality.suggest.doings import asks_or_is_doing, names_open_object
from krquality.suggest.drafts import Draft, DraftKind, build_drafts
from krquality.suggest.fill import fill_placeholders
from krquality.suggest.fragments import telegraphic
from krquality.suggest.lexicon import AIM_WORDS, PERIODIC_MEASURES, PLACEHOLDER_TAGS
from krquality.suggest.ongoing import keeps_going
from krquality.suggest.slots import BASELINE, DATE, EFFECT, TARGET
from krquality.suggest.splitting import split_suggestions
from krquality.suggest.startvalue import startless_level
from krquality.suggest.structure import names_place, structure_of
from krquality.suggest.weight import weightier_left

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from krquality.checks import CheckContext
    from krquality.engine import Analyzer

MAX_SUGGESTIONS = 3
PLACEHOLDER_CHECK = "wording.placeholder"
# The rule (the part of a check's name after the family) reporting the gap each placeholder fills.
_GAP_OF = {BASELINE: "no_baseline", TARGET: "no_target", DATE: "no_deadline"}


def suggest(result: Result, context: CheckContext, *, analyzer: Analyzer) -> Result:
    """``result`` with up to three verified rewrites in ``suggestions``.

    The dependency parser runs here only (under ``analyzer.parse_lock``), and
    only for key results with findings and a leading verb.

    >>> import krquality
    >>> [s.text for s in krquality.analyze("Increase NPS to 48").suggestions][:1]
    ['Increase NPS from [baseline] to 48 by [date]']
    """
    (out,) = suggest_many([(result, context)], analyzer=analyzer)
    return out


def suggest_many(items: Sequence[tuple[Result, CheckContext]], *, analyzer: Analyzer) -> list[Result]:
    """:func:`suggest` for a batch: every draft of every key result is re-analysed in one
    :meth:`~krquality.engine.Analyzer.analyze_docs` call, so the classifier's fixed cost
    per call is paid once per batch instead of once per key result.
    """
    from krquality.nlp.parse import ensure_parsed_many, object_phrase

    # ``object_phrase`` reads the parse only past a leading verb; a key result
    # without one (a state, a bare noun phrase) is not parsed at all.
    to_parse = [c.doc for r, c in items if r.findings and r.features.lead_verb is not None]
    with analyzer.parse_lock:
        ensure_parsed_many(analyzer.nlp, to_parse)
    drafted: list[tuple[Result, list[Draft], list[str | None]]] = []
    for result, context in items:
        if not result.findings:
            drafted.append((result, [], []))
            continue
        object_span = object_phrase(context.doc)
        drafts = build_drafts(result.features, result.label, result.findings, object_span)
        drafts = _within_limit(drafts, analyzer.config.max_chars)
        drafted.append((result, drafts, [broken_before_analysis(d, result) for d in drafts]))
    cycle = items[0][1].cycle if items else None  # one batch, one document cycle
    to_analyse = [
        d for _, drafts, settled in drafted for d, rule in zip(drafts, settled, strict=True) if rule is None
    ]
    analysed = _analyse_forms(to_analyse, analyzer, cycle)
    # A compound key result is first offered as the key results it joins.
    splits = split_suggestions(items, analyzer=analyzer, cycle=cycle)
    out = []
    for (result, drafts, settled), split in zip(drafted, splits, strict=True):
        broken: list[str] = [split] if isinstance(split, str) else []
        first = [split] if isinstance(split, Suggestion) else []
        suggestions = distinct(first + _judge_all(drafts, result, analysed, broken=broken, settled=settled))
        offered = tuple(suggestions[:MAX_SUGGESTIONS])
        judged = replace(result, suggestions=offered) if drafts or first else result
        reason = no_suggestion_reason(judged, drafts, broken=broken)
        out.append(replace(judged, no_suggestion=reason) if reason else judged)
    return out


# Words that do not tell two rewrites apart ("the completion rate of onboarding" and
# "the onboarding completion rate" say the same).
_FILLER = frozenset({"the", "a", "an", "of", "for", "to", "from", "by", "in", "on", "at"})


def distinct(suggestions: Sequence[Suggestion]) -> list[Suggestion]:
    """``suggestions`` without those whose words, in any order, repeat an earlier one's.

    >>> from krquality.labels import Label
    >>> s = lambda text: Suggestion(text, Label.METRIC, 100, ("KRQ301",))
    >>> [x.text for x in distinct([s("Raise the completion rate of onboarding by Q4"),
    ...                             s("Raise the onboarding completion rate by Q4")])]
    ['Raise the completion rate of onboarding by Q4']
    """
    seen: set[frozenset[str]] = set()
    out = []
    for suggestion in suggestions:
        words = frozenset(re.findall(r"[\w\[\]%$.-]+", suggestion.text.lower())) - _FILLER
        if words not in seen:
            seen.add(words)
            out.append(suggestion)
    return out


def _within_limit(drafts: Sequence[Draft], limit: int) -> list[Draft]:
    return [d for d in drafts if len(d.text) <= limit and len(fill_placeholders(d.text)) <= limit]


def _analyse_forms(
    drafts: Sequence[Draft],
    analyzer: Analyzer,
    cycle: str | None = None,
) -> Iterator[Result]:
    """The analyses of each draft filled, then as shown (when it has placeholders), in order.

    The filled forms are tagged by spaCy in full: a suggestion's score must
    be exactly ``analyze()`` of its filled text, and tags borrowed from the
    key result gave another label on a few texts (a plural the tagger reads
    as a verb alone, "Write PRDs"). The shown forms still borrow from their
    filled form, which differs only in placeholders.
    Drafts stay out of the result cache: nobody sends them, and they would
    push out what people do.
    """
    if not drafts:
        return iter(())
    # A draft two key results of a batch share (or one key result offers twice) is analysed
    # once: its analyses depend on its text and the batch's cycle alone.
    unique = list({draft.text: draft for draft in drafts}.values())
    nlp = analyzer.nlp
    filled_texts = [fill_placeholders(draft.text) for draft in unique]
    # One text (a single key result's one draft, the usual case) goes through ``nlp()``:
    # the same components on the same doc as ``nlp.pipe``, without its batching machinery.
    filled = [nlp(filled_texts[0])] if len(filled_texts) == 1 else list(nlp.pipe(filled_texts))
    shown_items = [(d.text, doc) for d, doc in zip(unique, filled, strict=True) if d.placeholders]
    shown = iter(borrowed_docs(nlp, shown_items, PLACEHOLDER_TAGS))
    batch: list[tuple[str, Doc]] = []
    for draft, text, doc in zip(unique, filled_texts, filled, strict=True):
        batch.append((text, doc))
        if draft.placeholders:
            batch.append((draft.text, next(shown)))
    results = iter(analyzer.analyze_docs(batch, cycle=cycle))
    forms: dict[str, tuple[Result, ...]] = {
        draft.text: (next(results), next(results)) if draft.placeholders else (next(results),)
        for draft in unique
    }
    return (result for draft in drafts for result in forms[draft.text])


def _judge_all(
    drafts: Sequence[Draft],
    original: Result,
    analysed: Iterator[Result],
    *,
    broken: list[str] | None = None,
    settled: Sequence[str | None] | None = None,
) -> list[Suggestion]:
    """:func:`_judge` each draft, taking its filled (and shown) analysis from ``analysed``;
    the rule each dropped draft broke is appended to ``broken``. A draft whose entry in
    ``settled`` (:func:`broken_before_analysis`) names a rule was not analysed: it breaks that."""
    out = []
    for i, draft in enumerate(drafts):
        rule = settled[i] if settled is not None else None
        if rule is not None:
            if broken is not None:
                broken.append(rule)
            continue
        filled = next(analysed)
        shown = next(analysed) if draft.placeholders else filled
        suggestion = _judge(draft, original, filled, shown)
        if isinstance(suggestion, Suggestion):
            out.append(suggestion)
        elif suggestion is not None and broken is not None:
            broken.append(suggestion)
    return out


def _judge(draft: Draft, original: Result, filled: Result, shown: Result) -> Suggestion | str | None:
    """The suggestion ``draft`` makes, the rule it breaks, or None when it does not help."""
    if (rule := breaks_rules(draft, original, filled=filled)) is not None:
        return rule
    fixes = fixed_codes(original.findings, filled.findings, shown.findings, placeholders=draft.placeholders)
    score = filled.score
    if score <= original.score or not fixes:
        return None
    kept = filled.findings
    if startless_level(original.features):
        # a rank, a tolerance, all of a set: no baseline is drafted, so its finding is no gap left
        kept = tuple(f for f in kept if f.name != "metric.no_baseline")
    if (left := weightier_left(original.findings, fixes, kept)) is not None:
        # "Team morale improves by [date]": the date fills a gap, the missing target stays
        return f"only fills a slot and leaves {left.name}, which weighs more"
    return Suggestion(
        text=draft.text, label=filled.label, score=score, fixes=fixes, placeholders=draft.placeholders
    )


# Findings whose words a draft must not keep: the word is the weakness.
_FLAGGED_WORDS = frozenset({"wording.hedge", "wording.placeholder", "wording.metadata", "wording.compound"})
# ... unless a number now measures it ("Raise awareness of X from [baseline] to [target]"):
# these count as kept only where the re-analysed draft flags the word again.
_FLAGGED_UNLESS_MEASURED = frozenset(
    {"wording.vague", "wording.negative", "wording.absolute", "wording.uncheckable"}
)
# The cell break of a table row pasted as one line: "result | target | status".
_CELL_BREAK = re.compile(r"(?<=\S) \| (?=\S)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A bracket right after a count, or nothing: "... open days (2 in town and 3 in villages)".
_BREAKDOWN = re.compile(r"(?:\s*\([^()]*\))?")


def breaks_rules(draft: Draft, original: Result, *, filled: Result | None = None) -> str | None:
    """Which rule of a safe rewrite ``draft`` breaks, or None.

    A draft keeps no word (or question mark) a finding flagged ("excellent",
    "(tbc)", an owner tag), drops no aim word ("better") without a measure of
    it, adds no time frame where the key result has one and drops none it
    has, keeps every number the author wrote (all of them when it edits the
    author's sentence; all but the count it replaces when it measures an
    output count's effect) and, for a task, turns it into something other
    than a task. ``filled`` is the re-analysis of the draft with its
    placeholders filled; the rules that read it are skipped without it.

    >>> import krquality
    >>> original = krquality.analyze("Publish one case study per month", suggestions=False)
    >>> breaks_rules(Draft("Publish one case study per month by [date]", DraftKind.EDITED), original)
    'adds a time frame the key result already has'
    """
    if EFFECT in draft.text:
        # Reviewers judged the bare slot bad wherever it was offered: the author is left
        # to invent the measure the draft was for.
        return "leaves the measure of the effect blank"
    if len(_CELL_BREAK.findall(original.text)) >= 2:
        # "Offline booking works | Met | PR 24": a row of a table pasted whole; a draft would add to
        # its last cell (a status, a data source) or drop the target kept in another
        return "edits a row of a table: rewrite the key result's own cell and keep the others in theirs"
    lowered = draft.text.lower()
    kept = _kept_flagged_word(lowered, original, filled)
    if kept is not None:
        return kept
    dropped = _dropped_aim(lowered, draft, original)
    if dropped is not None:
        return dropped
    if _only_dates_a_topic(draft, original):
        return "only dates a topic too short to say what will be true"
    if filled is not None and _OUTPUT_COUNT in _names(original) and _OUTPUT_COUNT in _names(filled):
        # "Held [target] calls ... by [date]": the count of work is still the result
        return f"keeps the count of work done, which {_OUTPUT_COUNT} flagged"
    if _keeps_count(draft.text, original):
        # "Describe 3 routes by [date], up from [baseline]": a baseline hides the count from
        # re-analysis, but the count of work is still the result
        return f"keeps the count of work done, which {_OUTPUT_COUNT} flagged"
    shape = structure_of(original.features)
    framed = has_time_frame(original.features) or shape.time_frame
    if DATE in draft.text and framed and not (draft.replaces_rate or _drops_rate(draft.text, original)):
        return "adds a time frame the key result already has"
    if filled is not None and _dated(original) and not _dated(filled):
        return "drops the date the key result has"
    if _unclosed_brackets(draft.text) and not _unclosed_brackets(original.text[shape.start : shape.end]):
        # "Grow members (active from [baseline] to [target] each month": a slot went inside
        # the author's bracket and cut its close, so part of the body is lost
        return "breaks a bracket the key result closes"
    written = _NUMBER.findall(original.text[shape.start : shape.end])
    if draft.kind in (DraftKind.EDITED, DraftKind.MILESTONE):
        if any(number not in draft.text for number in written):
            return "drops a number the author wrote"
    elif any(number not in draft.text for number in _uncounted_numbers(original, shape.start, shape.end)):
        # "... 8+ players each evening and 10 or more evenings": a measure of the evenings'
        # effect replaces the count of evenings, never the other measure beside it
        return "drops a measure the author wrote beside the count it replaces"
    if original.label is Label.TASK and (
        (filled is not None and filled.label is Label.TASK) or _same_activity(draft, original)
    ):
        return "leaves the task a task"
    return None


_OUTPUT_COUNT = "metric.output_count"


def _drops_rate(draft: str, original: Result) -> bool:
    """Whether ``draft`` measures an effect without the work's rate, the key result's only time frame.

    "Write a recipe post every fortnight" -> "Increase monthly readers of recipe posts ... by
    [date]": the pace of the work is no period of its effect, so the date stands in for it rather
    than adding a second.
    """
    measure = draft.removeprefix("Increase ")
    if _dated(original) or measure == draft or not measure.startswith(PERIODIC_MEASURES):
        return False
    body = original.features.body.text
    spans = time_frame_spans(body)
    return bool(spans) and not any(body[a:b].strip().lower() in draft.lower() for a, b in spans)


def _keeps_count(draft: str, original: Result) -> bool:
    """Whether ``draft`` states a count of work that ``metric.output_count`` flagged in
    ``original`` as its result: the author's sentence, edited, with the count's number and the
    thing counted before any "through" (a measure of effect keeps the count only as its means).

    >>> import krquality
    >>> original = krquality.analyze("Describe 3 bus routes", suggestions=False)
    >>> _keeps_count("Describe 3 bus routes by [date], up from [baseline]", original)
    True
    >>> _keeps_count("Increase [riders] by [date] through describing 3 bus routes", original)
    False
    """
    result = draft.split(" through ", 1)[0]
    if _raises_the_count(result, original):
        return True
    body = original.features.body.text.split()
    if not body or result.split()[:1] != body[:1]:
        return False  # a sentence of its own ("Increase attendance at ..."), not the author's edited
    for finding in original.findings:
        if finding.name != _OUTPUT_COUNT:
            continue
        counted = original.text[finding.start : finding.end]
        number = _NUMBER.search(counted)
        words = re.findall(r"[A-Za-z][\w'-]*", counted[number.end() :]) if number is not None else []
        if number is None or not words:
            continue
        pattern = re.escape(number.group()) + r"\W+(?:\S+\s+){0,4}?" + re.escape(words[-1]) + r"\b"
        if re.search(pattern, result):
            return True
    return False


# A measure made of the things counted themselves: "Increase weekly tastings from ...".
_RAISED = re.compile(r"^(?:Increase|Raise|Grow|Reach)\s+(?:\[target\]\s+)?(?P<measure>[^\[]+?)\s+from\b")
# Words that make a measure of something else than the things: "attendance at", "readers of".
_MEASURE_LINKS = frozenset({"of", "at", "to", "for", "in", "on", "by", "with", "per", "among"})


def _raises_the_count(result: str, original: Result) -> bool:
    """Whether ``result`` moves the count of the work ``metric.output_count`` flagged itself
    ("Run regular tastings" -> "Increase regular tastings from [baseline] to [target]"): more of
    the work is still the work, not its effect (not "Increase average attendance at tastings")."""
    raised = _RAISED.match(result)
    if raised is None:
        return False
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w'-]*", raised.group("measure"))]
    if not words or set(words) & _MEASURE_LINKS:
        return False
    for finding in original.findings:
        counted = re.findall(r"[A-Za-z][\w'-]*", original.text[finding.start : finding.end].lower())
        if finding.name == _OUTPUT_COUNT and counted and counted[-1] == words[-1]:
            return True
    return False


def _names(result: Result) -> set[str]:
    return {f.name for f in result.findings}


# The words a date-only draft adds: its lead-in and its slot.
_DATE_WORDS = frozenset({"by", "[date]", "in", "before"})


def _only_dates_a_topic(draft: Draft, original: Result) -> bool:
    """Whether ``draft`` adds nothing but a date to a key result flagged too short.

    "Podcast series by [date]" still names a topic, not a result: the date fixes
    the missing deadline and leaves the weakness that matters.

    >>> import krquality
    >>> original = krquality.analyze("Podcast series", suggestions=False)
    >>> _only_dates_a_topic(Draft("Podcast series by [date]", DraftKind.EDITED), original)
    True
    >>> _only_dates_a_topic(Draft("Publish the podcast series by [date]", DraftKind.EDITED), original)
    False
    """
    if not any(f.name == "wording.too_short" for f in original.findings):
        return False
    if _delivers_named_thing(original):
        return False  # "Submit the grant bid by [date]": a thing delivered, dated, is a milestone
    own = {w.lower() for w in re.findall(r"[\w\[\]'-]+", original.text)}
    added = {w.lower() for w in re.findall(r"[\w\[\]'-]+", draft.text)} - own
    return added <= _DATE_WORDS


def _delivers_named_thing(original: Result) -> bool:
    """Whether ``original`` is a verb whose work ends in a thing delivered ("Finish", "Submit",
    "Ship", the lexicon's deliverable verbs) followed by the thing it delivers: short, but not
    a topic, since the verb says what will be true once it is done ("Submit grant"). Not
    things in the plural with no number ("Recruit freshers"): how many is still open.

    >>> import krquality
    >>> _delivers_named_thing(krquality.analyze("Submit grant", suggestions=False))
    True
    >>> _delivers_named_thing(krquality.analyze("Podcast series", suggestions=False))
    False
    """
    features = original.features
    lead = features.lead_verb
    if features.form is not Form.IMPERATIVE or lead is None or lead.verb_class is not VerbClass.DELIVERABLE:
        return False
    body = features.body
    after = re.findall(r"[\w'-]+", original.text[lead.span.end : body.start + len(body.text)].lower())
    if after and after[-1].endswith("s") and not after[-1].endswith(("ss", "is", "us")):
        return False  # "Recruit freshers": how many is left open, which a date does not settle
    # a pronoun or an empty noun names nothing to check ("Complete it", "Finish stuff")
    return any(word not in STOP_WORDS and word not in _EMPTY_NOUNS for word in after)


# Nouns that stand for any work at all: the thing delivered is still unnamed.
_EMPTY_NOUNS = frozenset({"stuff", "thing", "things", "work", "task", "tasks", "item", "items", "bits"})


def _unclosed_brackets(text: str) -> bool:
    """Whether a round bracket in ``text`` (placeholders aside) is left open or closes none.

    >>> _unclosed_brackets("Grow members (active from [baseline] to [target] each month")
    True
    >>> _unclosed_brackets("Grow members (active each month) from [baseline] to [target]")
    False
    """
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return True
    return depth != 0


def broken_before_analysis(draft: Draft, original: Result) -> str | None:
    """The rule ``draft`` breaks whatever its re-analysis would say, or None when telling
    takes the analysis (or it breaks none).

    :func:`breaks_rules` reads the filled draft's analysis in three places: a
    word flagged vague (or negative, absolute, uncheckable) may stay once a
    number measures it, a date the key result has must still be read in the
    draft, and a task must not stay a task. The first two can turn a rule
    found without the analysis into another, so a draft keeping such a word,
    or of a dated key result, is left to the analysis; the third only adds a
    rule after all the others. Otherwise the rule found without the analysis
    is the one found with it, and parsing and classifying the draft (most of a
    suggestion's cost) would be spent on a draft already dropped.

    >>> import krquality
    >>> original = krquality.analyze("Publish one case study per month", suggestions=False)
    >>> draft = Draft("Publish one case study per month by [date]", DraftKind.EDITED)
    >>> broken_before_analysis(draft, original)
    'adds a time frame the key result already has'
    """
    rule = breaks_rules(draft, original)
    if rule is None or _dated(original):
        return None
    lowered = draft.text.lower()
    for finding in original.findings:
        if finding.name in _FLAGGED_UNLESS_MEASURED and _keeps_word(lowered, original, finding):
            return None
    return rule


def _same_activity(draft: Draft, original: Result) -> bool:
    """Whether ``draft`` is the author's sentence still led by the activity verb that made the
    key result a task ("Test the recipes on three ovens by [date]"): a word taken out or a
    date added leaves the work what it was, whatever label the date earns it."""
    lead = original.features.lead_verb
    if draft.kind is not DraftKind.EDITED or lead is None or lead.verb_class is not VerbClass.ACTIVITY:
        return False
    words = draft.text.removeprefix(f"By {DATE}, ").split(maxsplit=1)
    return bool(words) and words[0].lower() == lead.span.text.lower()


def _kept_flagged_word(lowered: str, original: Result, filled: Result | None) -> str | None:
    """The rule broken when the draft (``lowered``) keeps a word a finding of ``original`` flagged."""
    again = (
        {(f.name, filled.text[f.start : f.end].strip().lower()) for f in filled.findings}
        if filled is not None
        else None
    )
    for finding in original.findings:
        if finding.name not in _FLAGGED_WORDS | _FLAGGED_UNLESS_MEASURED:
            continue
        if not _keeps_word(lowered, original, finding):
            continue
        word = original.text[finding.start : finding.end].strip().lower()
        measured_now = again is not None and (finding.name, word) not in again
        if finding.name in _FLAGGED_UNLESS_MEASURED and measured_now:
            continue
        return f"keeps '{word}', which {finding.name} flagged"
    return None


def _keeps_word(lowered: str, original: Result, finding: Finding) -> bool:
    """Whether the draft (``lowered``) keeps the word ``finding`` flagged in ``original``."""
    word = original.text[finding.start : finding.end].strip().lower()
    if finding.name == "wording.metadata" and names_place(original.text, finding.start):
        return False  # "views on example.org/docs": the address is what the sentence is about
    if not word:
        return False
    # A word is found whole ("and", not the "and" of "brand"); a mark ("?") anywhere,
    # since it sits against the word it follows ("(via the portal?)").
    pattern = r"(?<!\w)" + re.escape(word) + r"(?!\w)" if re.search(r"\w", word) else re.escape(word)
    return re.search(pattern, lowered) is not None


def _dropped_aim(lowered: str, draft: Draft, original: Result) -> str | None:
    """The rule broken when the draft drops a flagged aim word ("better", "improved") and
    names no measure of it: "Integrate better tagging" -> "Integrate tagging" loses the aim."""
    if draft.kind not in (DraftKind.EDITED, DraftKind.MILESTONE):
        return None  # a measure of what is to be better says what "better" meant
    for finding in original.findings:
        word = original.text[finding.start : finding.end].strip().lower()
        if finding.name != "wording.vague" or word not in AIM_WORDS:
            continue
        if not re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", lowered):
            return f"drops '{word}', the aim the key result states, and names no measure of it"
    return None


def _dated(result: Result) -> bool:
    """Whether a key result or a re-analysed draft has a date or a cycle tag ("[Q1]")."""
    return bool(result.features.dates) or cycle_tag(result.text) is not None


def _uncounted_numbers(original: Result, start: int, end: int) -> list[str]:
    """The numbers the author wrote in ``original.text[start:end]``, but for those of an output
    count (the count a measure of its effect replaces), of dates (kept by the time-frame rule) and
    of metadata (a link's address, which no draft copies)."""
    counts = [(f.start, f.end) for f in original.findings if f.name == "metric.output_count"]
    # with a bracket that breaks the count down ("5 open days (2 in town and 3 in villages)")
    skip = [(a, m.end() if (m := _BREAKDOWN.match(original.text, b)) else b) for a, b in counts]
    skip += [(d.span.start, d.span.end) for d in original.features.dates]
    # (nor those of metadata a draft must drop: "[see the tracker](https://example.org/issues/4121)")
    skip += [(f.start, f.end) for f in original.findings if f.name == "wording.metadata"]
    return [
        m.group()
        for m in _NUMBER.finditer(original.text, start, end)
        if not any(a <= m.start() < b for a, b in skip)
    ]


# Checks that flag a word the author must settle before a date helps.
_FLAGGED_WORD_CHECKS = frozenset({"wording.vague", "wording.uncheckable", "wording.hedge"})


def _undatable(result: Result) -> str:
    """Why no date-only draft was built for ``result``: a long sentence with no clause end a date
    could close (:mod:`krquality.suggest.placing`), or notes (:mod:`krquality.suggest.fragments`),
    with a word a finding flagged named too; "" for neither."""
    shape = structure_of(result.features)
    if keeps_going(result.features):
        why = "it names work that goes on, which a date does not end; name what it is for"
    elif asks_or_is_doing(result.features) or names_open_object(result.features):
        why = (
            "it names a request, work in progress or work on something never done, which a date "
            "does not end; name the result it is for"
        )
    elif shape.can_take_leading_date:
        why = "the sentence is too long to take one date in a clear place; shorten it"
    elif telegraphic(result.features.text[shape.start : shape.end]):
        why = "the key result reads as notes, not a sentence; a date would not make it one"
    else:
        return ""
    flagged = next((f for f in result.findings if f.name in _FLAGGED_WORD_CHECKS), None)
    if flagged is not None:
        word = result.text[flagged.start : flagged.end].lower()
        why += f" (and it keeps '{word}', which {flagged.name} flagged)"
    return why


def no_suggestion_reason(result: Result, drafts: Sequence[Draft], *, broken: Sequence[str] = ()) -> str:
    """Why a key result with findings gets no suggestion ("" when it needs none); ``broken``
    holds the rules its drafts broke once re-analysed."""
    if not result.findings or result.suggestions:
        return ""
    if result.score >= 90 or all(f.severity is Severity.INFO for f in result.findings):
        return ""  # a small gap (a time frame, an owner tag): the finding's message says what to do
    if not drafts and not broken and (why := _undatable(result)):
        return f"no safe rewrite: {why}"
    if not drafts and not broken:
        return "no safe rewrite: the key result gives no words to build a draft from"
    reasons = [*broken] or [r for d in drafts if (r := breaks_rules(d, result)) is not None]
    if reasons:
        return f"no safe rewrite: every draft broke a rule (one {reasons[0]})"
    return "no safe rewrite: no draft scored better once re-analysed"


def verify(drafts: Sequence[Draft], original: Result, *, analyzer: Analyzer) -> list[Suggestion]:
    """The drafts that score higher than ``original`` once filled and fix at least one of its findings."""
    drafts = _within_limit(drafts, analyzer.config.max_chars)
    settled = [broken_before_analysis(d, original) for d in drafts]
    to_analyse = [d for d, rule in zip(drafts, settled, strict=True) if rule is None]
    return _judge_all(drafts, original, _analyse_forms(to_analyse, analyzer), settled=settled)


def fixed_codes(
    original: Sequence[Finding],
    filled: Sequence[Finding],
    shown: Sequence[Finding],
    *,
    placeholders: Sequence[str] = (),
) -> tuple[str, ...]:
    """Codes of ``original`` that neither the filled nor the shown draft triggers.

    In the shown draft, the placeholder check is expected, and so is a
    finding about the very value a placeholder stands in for (a
    ``*.no_deadline`` finding where the draft says ``[date]``): the
    placeholder is how the draft fills that gap.

    >>> from krquality.result import Severity
    >>> f = lambda code, name: Finding(code, name, Severity.WARNING, "", 0, 1)
    >>> fixed_codes([f("KRQ101", "metric.no_baseline"), f("KRQ105", "metric.no_deadline")],
    ...             [f("KRQ105", "metric.no_deadline")], [f("KRQ406", "wording.placeholder")])
    ('KRQ101',)
    >>> fixed_codes([f("KRQ201", "milestone.no_deadline")], [],
    ...             [f("KRQ201", "milestone.no_deadline")], placeholders=["[date]"])
    ('KRQ201',)
    """
    remaining = {f.code for f in filled}
    remaining |= {f.code for f in shown if not _stands_in(f, placeholders)}
    return tuple(sorted({f.code for f in original} - remaining))


def _stands_in(finding: Finding, placeholders: Sequence[str]) -> bool:
    """True for the placeholder finding, or a finding about a gap a placeholder fills."""
    if finding.name == PLACEHOLDER_CHECK:
        return True
    rule = finding.name.rsplit(".", 1)[-1]
    return any(_GAP_OF.get(p) == rule for p in placeholders)
