"""Build rewrite drafts of a key result from its own words.

Pure functions of the extracted :class:`~krquality.features.types.Features`,
the label, the findings and the object noun phrase (from the dependency
parse): no model, no network. Every number and date in a draft is copied
from the key result; what the author did not write becomes a placeholder
(:data:`BASELINE`, :data:`TARGET`, :data:`DATE`). Drafts are only
candidates: :mod:`krquality.suggest.rewrite` re-analyses each one and drops
those that do not help.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from krquality.checks.helpers import baselines, cycle_tag, in_brackets, load_words, targets
from krquality.checks.periods import framing_dates
from krquality.features.types import (
    Change,
    DateRef,
    Direction,
    Features,
    Form,
    Quantity,
    QuantityKind,
    SpanRef,
    VerbClass,
)
from krquality.labels import Label
from krquality.nlp.dates import time_frame_spans
from krquality.result import Finding
from krquality.suggest import lexicon
from krquality.suggest.aimed import aimed_drafts
from krquality.suggest.aims import aim_drafts
from krquality.suggest.always import always_drafts
from krquality.suggest.bars import bar_drafts, process_drafts
from krquality.suggest.casing import capitalise_first
from krquality.suggest.counts import count_drafts, purpose_draft
from krquality.suggest.doings import asks_or_is_doing, keeps_own_words, names_open_object
from krquality.suggest.effects import TAKING_IN
from krquality.suggest.escapes import plain_escapes
from krquality.suggest.fragments import telegraphic
from krquality.suggest.habits import habit_drafts
from krquality.suggest.hedged import hedged_drafts
from krquality.suggest.ongoing import ONGOING_NOUNS, keeps_going
from krquality.suggest.outcomes import outcome_drafts
from krquality.suggest.placing import date_place, guardrail_start
from krquality.suggest.planning import planning_drafts
from krquality.suggest.practice import own_practice
from krquality.suggest.questions import question_drafts
from krquality.suggest.signs import equals_slot, with_written_bound
from krquality.suggest.slots import BASELINE, DATE, SLOT_PATTERN, TARGET
from krquality.suggest.startvalue import before_rate, counts_in_phrase, no_start_value, startless_level
from krquality.suggest.structure import DATE_LEAD, date_lead_start, structure_of
from krquality.suggest.submitted import submitted_drafts
from krquality.suggest.tracked import tracked_drafts
from krquality.suggest.trained import trained_drafts

_PLACEHOLDER = SLOT_PATTERN
_TRAILING_PUNCTUATION = " \t.;,:!"
# (a span the author wrote, "for 3 months", is kept as written: not "by for 3 months")
_DATE_PREPOSITIONS = (
    "by ", "before ", "until ", "till ", "in ", "within ", "on ", "at ", "during ", "for ", "over ",
)  # fmt: skip
_KEEP = (Direction.KEEP_ABOVE, Direction.KEEP_BELOW)


class DraftKind(StrEnum):
    """What a draft turns the key result into."""

    EDITED = "edited"  # the author's sentence with the missing parts added
    METRIC = "metric"  # a measure with a baseline, a target and a date
    MILESTONE = "milestone"  # a deliverable with a date
    OUTCOME = "outcome"  # the metric a deliverable is meant to move


@dataclass(frozen=True, slots=True)
class Draft:
    """A candidate rewrite; ``text`` may hold placeholders."""

    text: str
    kind: DraftKind
    # The key result's rate ("every day") is replaced by a count of the days it is kept in
    # (:mod:`krquality.suggest.habits`): a date added is the draft's one time frame, not a second.
    replaces_rate: bool = False

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The placeholders in ``text``, each once, in order.

        >>> Draft("Raise NPS from [baseline] to 48 by [date]", DraftKind.EDITED).placeholders
        ('[baseline]', '[date]')
        """
        return tuple(dict.fromkeys(m.group() for m in _PLACEHOLDER.finditer(self.text)))


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    replacement: str


def build_drafts(
    features: Features,
    label: Label,
    findings: Sequence[Finding],
    object_span: SpanRef | None,
) -> list[Draft]:
    """Candidate rewrites, the most faithful first, without duplicates.

    ``object_span`` is the object noun phrase of the key result (None when
    the parse found none). Spans index ``features.text``.

    >>> from krquality.features.types import Form, LeadVerb
    >>> text = "Launch the mobile app"
    >>> features = Features(text, SpanRef(0, 21, text), Form.IMPERATIVE,
    ...     LeadVerb(SpanRef(0, 6, "Launch"), "launch", VerbClass.DELIVERABLE))
    >>> [d.text for d in build_drafts(features, Label.MILESTONE, (), SpanRef(7, 21, "the mobile app"))]
    ['Launch the mobile app by [date]', 'Reach [target] weekly active users of the mobile app by [date]']
    """
    # the author's sentence with a bar to define where a grade or scope nobody can check was
    drafts: list[Draft] = [Draft(text, DraftKind.EDITED) for text in bar_drafts(features, findings)]
    counted = next((f for f in findings if f.name == "metric.output_count"), None)
    # "Publish 6 guides to reduce billing tickets": the effect the author wrote leads, and a
    # measure of the things alone ("monthly readers of guides") would drop it
    stated = purpose_draft(features, findings, counted, date=_date_phrase(features)) if counted else None
    edited = _edited(features, label, findings)
    metric = _metric(features, label, object_span)
    if label is Label.METRIC:
        # The template only adds something when it replaces a vague or activity verb.
        lead = features.lead_verb
        replaces_verb = lead is not None and lead.verb_class in (VerbClass.VAGUE, VerbClass.ACTIVITY)
        # (nor in place of a long sentence with no clean place for its date, or of notes: the
        # template would keep a few of their words and drop the rest)
        shape = structure_of(features)
        long_clause = shape.can_take_leading_date and features.form in _CLAUSES
        notes = telegraphic(features.text[shape.start : shape.end])
        fallback = edited is None and not long_clause and not notes
        # "Share of invoices paid on time": a bare measure name read as a metric, its target to add
        named = _named_measure(features) if features.lead_verb is None and not features.changes else None
        drafts += [d for d in (edited, metric if replaces_verb or fallback else None, named) if d is not None]
    elif label is Label.MILESTONE:
        # "Number of families using the app" names a measure, whatever the label says
        named = _named_measure(features) if features.lead_verb is None else None
        if named is None and _lead_lemma(features) in lexicon.INCREASE_VERBS | lexicon.DECREASE_VERBS:
            # "Decrease cases of X" read as a deliverable: a direction with no number is a measure
            named = _metric(features, Label.TASK, object_span)
        elif named is None and features.lead_verb is None:
            named = _unparsed_direction(features)
        # "Work with the council to draft a plan" read as a deliverable: the thing made leads
        made = _purpose_made(features)
        # "Revamp the setup guide" read as a deliverable: the vague verb names no end state, so
        # what the work is on is measured, as for a task
        lead = features.lead_verb
        revamped = lead is not None and any(
            f.name == "wording.vague" and f.start <= lead.span.start < f.end for f in findings
        )
        toward = _toward_outcome(features, object_span) if revamped else None
        # "Rework the rota to lower overtime": the author's own purpose, measured; in place of the
        # measure of what a vague verb is on ("Revamp the FAQ to reduce repeat calls"), else after
        # the dated sentence
        aimed = aimed_drafts(features, findings, date=_date_phrase(features))
        purposed = [Draft(text, DraftKind.METRIC) for text in aimed]
        if revamped and purposed:
            toward, purposed = purposed[0], []
        # "Website redesign", too short to date as it stands: the process done is the end state
        done = _nominal_completion(features) if edited is None or _too_short(findings) else None
        outcome = _outcome(features, object_span)
        drafts += [d for d in (named, made, edited, done, outcome, toward) if d is not None] + purposed
    else:
        # "Rework the rota to lower overtime hours": the task's own purpose, measured, leads
        aimed = [] if stated else aimed_drafts(features, findings, date=_date_phrase(features))
        drafts += [Draft(text, DraftKind.METRIC) for text in aimed]
        toward_task = Draft(stated, DraftKind.METRIC) if stated else _toward_outcome(features, object_span)
        drafts += [d for d in (toward_task,) if d is not None]
        # Only dating an activity leaves it an activity, and so does taking a flagged
        # word out of it ("Warmly welcome ..." -> "Welcome ..."); the edited sentence
        # is worth offering when the checks' own fixes (a hedge dropped) change it,
        # when a count takes the author's stand-in ("Attach x sensors" -> "[target]"),
        # or when it names a deliverable ("Automate manual reports").
        lead = features.lead_verb
        deliverable = lead is not None and (
            lead.verb_class is VerbClass.DELIVERABLE or _lead_lemma(features) in lexicon.MAKING_VERBS
        )
        recurring = bool(time_frame_spans(features.body.text))
        stand_in = any(e.replacement == TARGET for e in _word_edits(features.text, findings))  # "x services"
        fixing = any(f.fix is not None for f in findings) or stand_in
        # "The intake form is tested": a state is checkable once dated
        state = (
            features.form is Form.STATE
            and not recurring
            and _first_word(features) not in lexicon.AIM_WORDS
        )
        # "Work with the council to create a budget plan": the purpose names what is made
        purpose = _PURPOSE.search(features.text, lead.span.end) if lead is not None else None
        makes_for = purpose is not None and purpose.group(1).lower() in lexicon.MAKING_VERBS
        fixed = edited if ((deliverable or makes_for) and not recurring) or fixing or state else None
        published = (
            _publication(features, object_span)
            or _deliverable(features, object_span)
            or _purpose_made(features)
            or _nominal_completion(features)
        )
        drafts += [d for d in (metric, _completion(features, object_span), published, fixed) if d is not None]
    if label is not Label.TASK and counted is not None:
        # "Film 6 short guides on X": the effect of what is counted ("short guides")
        at = _counted_phrase(features, counted)
        toward = _toward_outcome(features, at) if at is not None else None
        lead = features.lead_verb
        # (not "Speak at four conferences": a number in the object is where the count is)
        after_verb = (
            lead is not None
            and object_span is not None
            and object_span.start >= lead.span.end
            and not any(object_span.start <= q.span.start < object_span.end for q in features.quantities)
        )
        if at is None and toward is None and after_verb and object_span is not None:
            # "Organize quarterly roundtables for at least 5 ecosystems": the count says for whom;
            # the things made are the verb's object
            toward = _toward_outcome(features, object_span)
        elif at is None and toward is None and lead is None:
            toward = _toward_outcome(features, None)  # "Talks given in at least four towns"
        if stated is not None:
            drafts.append(Draft(stated, DraftKind.METRIC))
        elif toward is not None:
            drafts.append(toward)
        else:
            drafts += _fewer_open(features, object_span)
    if label is not Label.MILESTONE and counted is None and (outcome := _outcome(features, object_span)):
        drafts.append(outcome)
    # a vague aim read as a milestone ("The site has a better layout"): the edited sentence keeps
    # the flagged word, so the measure of the aim is drafted as for a task
    vague_aim = any(f.name in _AIM_CHECKS for f in findings)
    if label is Label.TASK or not drafts or vague_aim:
        # what the builders above leave undrafted: a direction with no amount, "Keep doing X",
        # a wished state, a recurring activity's purpose
        drafts += [Draft(text, DraftKind.METRIC) for text in aim_drafts(features)]
    # an exploration, a measurement, a skill, a topic or a group's growth: what the work is for
    drafts += [
        Draft(d.text, DraftKind.MILESTONE if d.milestone else DraftKind.METRIC)
        for d in outcome_drafts(features, task=label is Label.TASK)
    ]
    if counted is not None:
        # people counted through a training: the share who then pass a test
        drafts += [Draft(text, DraftKind.METRIC) for text in trained_drafts(features)]
        # the effect the count is for, the count kept as the means ("... through running 8
        # workshops"): after the drafts above, which name a measure from the things alone
        things = _counted_phrase(features, counted)
        drafts += [
            Draft(text, DraftKind.METRIC)
            for text in count_drafts(features, findings, counted, things=things, date=_date_phrase(features))
        ]

    # a process in a state nobody can check ("... is systematised"): the end state that shows it
    drafts += [
        Draft(text, DraftKind.MILESTONE if milestone else DraftKind.METRIC)
        for text, milestone in process_drafts(features)
    ]
    # planning work named as notes ("Evaluation, roadmap planning for ..."): the documents it ends in
    drafts += [Draft(text, DraftKind.MILESTONE) for text in planning_drafts(features)]
    text = features.text
    always = any(f.name == "wording.absolute" and text[f.start : f.end].lower() == "always" for f in findings)
    if always:
        # "The kiosk always prints the receipt": how often it does, short of every case
        drafts += [Draft(text, DraftKind.METRIC) for text in always_drafts(features)]
    # "Track my energy level weekly": the level watched, moved (in place of "Increase" it, which
    # guesses a direction the words do not give: "Monitor the error rate")
    tracked = [Draft(text, DraftKind.METRIC) for text in tracked_drafts(features)]
    if tracked:
        drafts = [d for d in drafts if d is not metric] + tracked
    # "Raise a PR to the docs": the change accepted, not put up
    drafts += [Draft(text, DraftKind.MILESTONE) for text in submitted_drafts(features)]
    # "The rota should be shared": the state without the modal that hedges it
    drafts += [Draft(text, DraftKind.MILESTONE) for text in hedged_drafts(features, findings)]
    # "How do we hand over the keys?": an open question, settled by a way agreed and written down
    drafts += [Draft(text, DraftKind.MILESTONE) for text in question_drafts(features)]
    if label is Label.TASK or any(f.name == "task.activity" for f in findings):
        # "Sketch every day in March": the days or weeks the habit is kept, a count to set
        drafts += [Draft(text, DraftKind.METRIC, replaces_rate=True) for text in habit_drafts(features)]
    if keeps_going(features):
        # "Draft and maintain the guides by [date]": a date gives work that goes on no end state,
        # so only drafts that name what it is for are offered
        drafts = [d for d in drafts if not _date_only(features, d.text)]
    if asks_or_is_doing(features) or names_open_object(features):
        # "Ask the choir for soloists by [date]", "We are measuring morale by [date]": nor a request
        # or a doing, also with a word taken out
        core = structure_of(features).core(features.text)
        drafts = [d for d in drafts if not keeps_own_words(core, d.text, DATE)]
    unique: dict[str, Draft] = {}
    for draft in drafts:
        if draft.text != features.body.text and draft.text not in unique:
            unique[draft.text] = draft
    # "rota\_export" -> "rota_export": a draft is plain text, the escapes were the source's markup
    # (a draft that differs from the key result only by them is none)
    body = plain_escapes(features.body.text)
    plain = {(text := plain_escapes(d.text)): replace(d, text=text) for d in reversed(unique.values())}
    return [d for d in reversed(plain.values()) if d.text != body]


# -- the author's sentence, completed ---------------------------------------------------------


def _edited(features: Features, label: Label, findings: Sequence[Finding]) -> Draft | None:
    """The key result as written, with the checks' own fixes applied, the
    baseline or target slot added to a metric, and a date slot if none."""
    text = features.text
    shape = structure_of(features)
    if shape.inner_metadata:
        return None  # owner or link details mid-sentence: no edit keeps the words and drops them
    start, end = shape.start, shape.end
    edits: list[_Edit] = [
        _Edit(f.fix.start, f.fix.end, f.fix.replacement)
        for f in findings
        if f.fix is not None and start <= f.fix.start <= f.fix.end <= end
    ]
    # A Markdown link keeps its words and loses its brackets and address.
    edits += [_Edit(a, b, "") for a, b in shape.link_marks]
    fixed_at = {e.start for e in edits}
    edits += [
        e
        for e in _word_edits(text, findings)
        if start <= e.start <= e.end <= end and e.start not in fixed_at
    ]
    # (not a topic asked about, with no verb: "Stock rotation analysis?" dated is still a topic)
    stated = features.lead_verb is not None or features.form is Form.STATE
    asked = any(text[e.start : e.end] == "?" for e in edits)
    if shape.question and shape.sentences == 1 and stated and asked:
        shape = replace(shape, question=False)  # "Fix the login timeout?" settled: a result to date
    slots: list[_Edit] = []
    if label is Label.METRIC:
        slots = [e for e in _metric_slots(features, {f.name for f in findings}) if start <= e.start <= end]
        edits += slots
    # A level with no starting value and no change to put a slot in ("80% of tenants
    # are satisfied", "500 monthly testers"): the baseline follows as "up from".
    level_start = (
        not slots
        and label is Label.METRIC
        and not startless_level(features)
        and (
            (_level_only(features) and any(f.name == "metric.no_baseline" for f in findings))
            # (only where the draft adds a date: a date alone leaves the distance unknown)
            or (structure_of(features).can_take_date and _unstarted_level(features, findings))
        )
    )
    body = features.body
    # Owner, priority or link tags taken off the ends: the core alone is already an edit.
    trimmed = (start, end) != (body.start, body.start + len(body.text.rstrip(_TRAILING_PUNCTUATION)))
    if trimmed:
        edits.append(_Edit(start, start, ""))
    since = _since_slot(features) if level_start else ""
    # "... the projects the team is working on": "by [date]" after the preposition would garble it
    dangling = _ENDS_IN_PREPOSITION.search(text, start, end) is not None
    if not edits and _names_ongoing_work(features, start, end):
        return None  # "Tenant outreach by [date]": a date gives work that goes on no end to check
    if not edits and _names_unverifiable_end(features, start, end):
        return None  # "Rota alignment by [date]": a date on a state no one can check is no result
    if not edits and _BARE_ABILITY.search(text, start, end):
        return None  # "The crew is able to expand by [date]": an ability with nothing to show it
    if shape.can_take_date and not dangling and not telegraphic(text[start:end]):
        # before a guardrail ("... without raising the error rate"), which the date must not date
        guarded = guardrail_start(text, start, end)
        at_end = end if guarded is None else guarded
        edits.append(_Edit(at_end, at_end, f" by {DATE}{since}"))
    elif shape.can_take_leading_date and features.form in _CLAUSES:
        # A long sentence: "By [date], " before it makes the reader hold the date through every
        # clause, so the date closes the main clause ("... by [date], with the cooks' sign-off"),
        # and where none ends cleanly there is no draft. Not a long string of nouns with no verb
        # to date ("8 volunteer crews to match the target of 8 sites, with the aim of more").
        # (an "and" the tagger read as joining two results, flagged or not, dates the last only)
        joined = bool(features.markers_of("conjunction")) or any(
            f.name == "wording.compound" for f in findings
        )
        at = date_place(text, start, end, joined=joined)
        if at is None:
            return None
        edits.append(_Edit(at, at, f" by {DATE}"))
    elif shape.can_take_date and dangling:
        # "... the grants the team is applying for": "by [date]" after the preposition would
        # garble a short sentence; the date opens it
        first = text[start]
        opening = first.lower() if text[start + 1 : start + 2].islower() else first
        edits.append(_Edit(start, start + 1, f"By {DATE}, {opening}"))
    elif _tag_left_out(features, start, end) and shape.sentences == 1:
        # "... [Q2]": the tag, which the core leaves out, becomes the deadline it stands for
        edits.append(_Edit(end, end, f" by the end of {shape.cycle_tag}{since}"))
    elif level_start and shape.sentences == 1:
        # dated already: only the starting value is missing (a cycle tag the core
        # leaves out is written as the deadline it stands for, so it is not lost)
        tag = f" by the end of {shape.cycle_tag}" if shape.cycle_tag is not None else ""
        edits.append(_Edit(end, end, tag + since))
    elif not edits or (not shape.time_frame and not framing_dates(features)):
        return None  # several sentences or a long text: "by [date]" would land in the wrong place
    if not edits:
        return None
    applied = _apply(text, edits, start=start, end=end)
    if applied is None:
        return None
    return Draft(_tidy(applied), DraftKind.EDITED if label is not Label.MILESTONE else DraftKind.MILESTONE)


_WORDS = re.compile(r"[\w\[\]]+")


def _date_only(features: Features, text: str) -> bool:
    """Whether the draft ``text`` is the key result's own words with only a date added."""
    added = re.sub(rf"\b[Bb]y {re.escape(DATE)},?|\bby the end of \S+", " ", text)
    words = [w.lower() for w in _WORDS.findall(added)]
    own = [w.lower() for w in _WORDS.findall(structure_of(features).core(features.text))]
    return words == own


# Heads of a name of work that goes on, with no end state of its own.
_ONGOING_WORK = frozenset(
    {"management", "engagement", "communication", "communications", "recruitment", "onboarding", "marketing",
     "outreach", "maintenance", "support", "coordination", "moderation", "fundraising", "networking"}
) | ONGOING_NOUNS


def _names_ongoing_work(features: Features, start: int, end: int) -> bool:
    """Whether the core ``text[start:end]`` only names work that goes on, with no verb and no
    number ("Ledger management by applying X", "Tenant outreach"): dated, it is still
    a topic, not a result."""
    if features.lead_verb is not None or features.form is not Form.NOUN_PHRASE or features.quantities:
        return False
    words = features.text[start:end].split()
    return bool(words) and _noun_head(words) in _ONGOING_WORK


# Heads of a name of an end state no one can check as written: reached, nothing shows it
# ("Kitchen rota alignment", "Agreement on the pricing", "Better collaboration").
_UNVERIFIABLE_ENDS = frozenset(
    {"agreement", "alignment", "integration", "collaboration", "cooperation", "co-operation", "synergy",
     "synergies", "consensus", "buy-in", "harmony", "harmonisation", "harmonization", "cohesion",
     "improvement", "improvements", "understanding"}
)  # fmt: skip


# An ability stated with a bare verb and nothing it acts on: "the crew is able to expand", "... to grow".
_BARE_ABILITY = re.compile(r"\b(?:is|are|am|be|been)\s+able\s+to\s+[a-z]+[.!]?$", re.I)
# Words that give such a state something to check: a record made of it, a place it is reached in.
_SHOWN_BY = frozenset({"signed", "written", "published", "documented", "into"})


def _names_unverifiable_end(features: Features, start: int, end: int) -> bool:
    """Whether the core ``text[start:end]`` only names an end state nobody can check, with no
    verb and no number ("Agreement on the delivery rota", "Daily ledger integration"): a date
    on it leaves it as unverifiable as before, and blind reviews judged such drafts bad."""
    nominal = features.form in (Form.NOUN_PHRASE, Form.OTHER)  # (no verb read at all: "other")
    if features.lead_verb is not None or not nominal or features.quantities:
        return False
    core = re.sub(r"\bday to day\b", "day-to-day", features.text[start:end], flags=re.I)  # one word
    words = [w for w in (w.strip("\"'“”‘’") for w in core.split()) if w]
    if not words or _noun_head(words) not in _UNVERIFIABLE_ENDS:
        return False
    lowered = {w.lower() for w in words}
    # "Signed agreement with X", "Integration of the form into the site": a record or a place
    # that shows it is reached
    return not lowered & _SHOWN_BY


# Forms of a whole clause, which "By [date], " can open.
_CLAUSES = (Form.IMPERATIVE, Form.STATE)


def _tag_left_out(features: Features, start: int, end: int) -> bool:
    """Whether the key result's only time frame is a cycle tag ("[Q1]") that the core
    ``text[start:end]`` leaves out: a draft of the core must write it as the deadline it is."""
    tag = cycle_tag(features.text)
    if tag is None or structure_of(features).cycle_tag is None or start <= tag[0] < end:
        return False
    in_core = any(start <= d.span.start < end for d in features.dates)
    return not in_core and not time_frame_spans(features.text[start:end])


# "... to build a list of X": a purpose clause and its verb.
_PURPOSE = re.compile(r"\bto\s+([a-z]+)\b")
_ENDS_IN_PREPOSITION = re.compile(r"\b(?:on|in|at|to|for|with|of|from|about|by)$", re.I)


# A level written as a floor: the level is to rise to it.
_FLOOR = re.compile(r"\b(?:at\s+least|a\s+minimum\s+of|or\s+(?:more|better|higher|above|greater))\b", re.I)


def _since_slot(features: Features) -> str:
    """ ", up from [baseline]", or ", down from [baseline]" for a level held below a cap ("Under 10% ...")."""
    change = _main_change(features)
    capped = change is not None and change.direction is Direction.KEEP_BELOW
    found = targets(features)
    if found and found[0].value == 0:
        # "0 open defects", "zero failed payments": no count is below zero, so it is reached going down
        return f", down from {BASELINE}"
    if _FLOOR.search(features.text) and not capped:
        # "at least 80% of drills back inside the loan window": a floor to rise to (no cap)
        return f", up from {BASELINE}"
    if _share_first(features) and (change is None or change.target != features.quantities[0]):
        # "80% of requests take under 15 minutes": the share of those under the cap is to rise
        return f", up from {BASELINE}"
    # a level held above a floor ("at least 70% ...") rises to it, whatever else the text says
    # ("... met within the agreed period")
    floored = change is not None and change.direction is Direction.KEEP_ABOVE
    lower = capped or (not floored and _direction(features, features.text) is Direction.DECREASE)
    return f", {'down' if lower else 'up'} from {BASELINE}"


# Verbs before a level that still leave it a level to reach ("Ensure that at least 50% of ...").
_LEVEL_LEADS = frozenset({"ensure", "guarantee", "have", "need", "hit", "reach", "achieve", "get"})


def _unstarted_level(features: Features, findings: Sequence[Finding]) -> bool:
    """Whether a metric states a level the findings do not ask a baseline for, but a coach
    would: a share ("signed off by 90% of leads"), zero ("0 open defects") or a named measure
    ("20+ average attendance", "NPS > 30"), with no starting value and no move written. A
    draft that only dates it leaves the reader not knowing how far off the level is.
    A count of work done (an output count) or a level to hold ("Maintain ...") gets none."""
    if {f.name for f in findings} & {"metric.no_baseline", "metric.output_count"} or baselines(features):
        return False
    if any(_moves(features, c) for c in features.changes):
        return False
    imperative = features.lead_verb is not None and features.form is Form.IMPERATIVE
    if imperative and _lead_lemma(features) not in _LEVEL_LEADS:
        return False  # "Complete 100% of the modules": done within the cycle
    found = targets(features)
    if not found or found[0].value is None:
        return False
    target = found[0]
    if target.kind is QuantityKind.PERCENT or target.value == 0 or _share_first(features):
        return True
    if target.kind is not QuantityKind.NUMBER:
        return False
    if target.value is not None and not float(target.value).is_integer():
        return True  # "an on-time rate of 97.5 or better": a point on a scale, no count of things done
    capped = any(c.direction in _KEEP for c in features.changes)
    fewer = capped and bool(set(re.findall(r"[a-z]+", features.text.lower())) & lexicon.LOWER_IS_BETTER)
    # a measure named beside the number ("20+ average attendance", "NPS above 40"), not one
    # elsewhere in the sentence
    beside = any(
        0 <= m.span.start - target.span.end <= 12 or 0 <= target.span.start - m.span.end <= 8
        for m in features.markers_of("measure")
    )
    return fewer or beside


def _moves(features: Features, change: Change) -> bool:
    """Whether ``change`` is a move rather than a level ("signed off by 90% of the leads" names
    who signed: a share, not a rise of 90%)."""
    if not (change.is_relative or change.direction in (Direction.INCREASE, Direction.DECREASE)):
        return False
    written = change.span.text.lower()
    share = written.startswith("by ") and features.text.startswith(" of ", change.span.end)
    return not share


def _share_first(features: Features) -> bool:
    """Whether the first number is a share of something ("80% of requests ...")."""
    first = features.quantities[0] if features.quantities else None
    return (
        first is not None
        and first.kind is QuantityKind.PERCENT
        and features.text.startswith(" of ", first.span.end)
    )


def _level_only(features: Features) -> bool:
    """Whether the key result states a level and no change ("80% of tenants ...", "Under 10% of ...")."""
    change = _main_change(features)
    return change is None or change.direction in _KEEP


# The author's own stand-in for a number: "have x stalls", "N new members".
_VARIABLES = frozenset({"x", "n", "xx", "xxx", "y"})
_NUMBER_OF = re.compile(r"\s+(?:number|amount)\s+of\b", re.I)
# Adverbs ending in -ly that are no manner word ("only", "weekly").
_NOT_MANNER = frozenset(
    {"only", "early", "daily", "weekly", "monthly", "quarterly", "yearly", "family", "apply", "supply",
     "reply", "rely", "fly", "july", "italy", "ally", "assembly", "friendly", "likely"}
)


# Words that open a question worded as one: taking its mark off leaves no statement.
_ASKING_WORDS = lexicon.QUESTION_WORDS | {
    "should", "shall", "can", "could", "would", "will", "do", "does", "did", "is", "are", "may", "might"
}
# A bracketed aside that ends in a question mark, with the space before it.
_QUESTION_ASIDE = re.compile(r"\s*\([^()]*\?\s*\)")
# An intensifier opening a flagged phrase of more words ("highly active", "very clear"):
# never taken out alone.
_INTENSIFIER = re.compile(r"(?:highly|very|really|truly|extremely|super)\s+(?=\S)", re.I)


def _word_edits(text: str, findings: Sequence[Finding]) -> list[_Edit]:
    """Edits that take out a flagged word the sentence reads well without: the author's
    own placeholder for a number ("have x services") becomes the target slot, a
    manner adverb no one can check ("properly cleaned") goes, and so does an aside
    the author asked as a question ("(via the portal?)")."""
    edits = []
    for finding in findings:
        word = text[finding.start : finding.end]
        asides = _QUESTION_ASIDE.finditer(text)
        aside = next((m for m in asides if m.start() <= finding.start < m.end()), None)
        if finding.name == "wording.hedge" and aside is not None:
            # how the result might be reached, left open: the result reads whole without it
            edits.append(_Edit(aside.start(), aside.end(), ""))
        elif (
            finding.name == "wording.hedge"
            and word == "?"
            and not text[finding.end :].strip()
            and text.split(maxsplit=1)[0].lower() not in _ASKING_WORDS
        ):
            # "Fix the login timeout?": the question, settled, is the statement (not "Should we ...?",
            # which would need rewording)
            edits.append(_Edit(finding.start, finding.end, ""))
        elif finding.name == "wording.placeholder" and word.strip().lower() in _VARIABLES:
            after = _NUMBER_OF.match(text, finding.end)
            edits.append(_Edit(finding.start, after.end() if after else finding.end, TARGET))
        elif (
            finding.name in ("wording.uncheckable", "wording.vague")
            and _INTENSIFIER.match(word) is not None
        ):
            # "highly active members": taking "highly" out leaves a state as hard to check
            # and sets a lower bar (two reviewers judged such drafts bad), so no word edit
            continue
        elif (
            finding.name in ("wording.uncheckable", "wording.vague")
            and re.fullmatch(r"[A-Za-z]+ly", word) is not None
            and word.lower() not in _NOT_MANNER
            and text[finding.end : finding.end + 1] == " "
        ):
            edits.append(_Edit(finding.start, finding.end + 1, ""))  # the word and the space after it
    return edits


def _metric_slots(features: Features, found: set[str]) -> list[_Edit]:
    """The baseline or target slot a metric's findings ask for (``found``: their names)."""
    change = _main_change(features)
    moves = [c for c in features.changes if c.is_relative and c.span.text.lower().startswith("by ")]
    if change is not None and moves and change.span.text[:1] in "<>≥≤" and moves[-1] is not change:
        change = moves[-1]  # "grants that raise >$5k by 50%": ">$5k" picks the grants; 50% is the move
    if change is not None and not _is_multiplier_verb(features, change):
        if change.direction in _KEEP:
            return []
        if change.baseline is None and change.target is not None and "metric.no_baseline" in found:
            # (a baseline written apart, "(was 71%)", "up from $52k", needs no slot)
            verb_end = features.lead_verb.span.end if features.lead_verb is not None else None
            if no_start_value(features.text, change.span.start, change.span.end, verb_end=verb_end):
                return []  # a rank, a tolerance, all of a set, a state: met or not, from no start
            written = change.span.text
            before = features.text[: change.span.start].split()
            if written.lower().startswith("to ") and before and before[-1].lower() in _SENT_WORDS:
                return []  # "Flyers delivered to 400 homes": where they went, not a level reached
            equals = equals_slot(features.text, change, f"from {BASELINE} to ")
            if equals is not None:
                # "Tenant satisfaction = 80%": the sign is the level's, as "at" is in "at 75%"
                return [_Edit(*equals)]
            level = written.split(" ", 1)[0].lower()
            bound = written.lower().startswith(("at least", "at most"))  # a bound, not a level: kept
            if level == "of" and before and before[-1].lower() in _OF_COMPLEMENTS:
                return []  # "aware of 60% of broken tools": "of" is the adjective's, not a level's
            if level == "of" and before and before[-1].lower() in _BOUND_NOUNS:
                # "a maximum of 4 days": the bound stays whole; today's value follows the sentence
                at = _before_dates(features)
                way = "down" if before[-1].lower().startswith("max") else "up"
                return [_Edit(at, at, f", {way} from {BASELINE}")]
            if level in _LEVEL_WORDS and " " in written and not bound:
                if counts_in_phrase(features.text, change.span.end):
                    return []  # "talks at 5 fairs": the number counts the fairs, it is no level
                # "utilisation at 75%" -> "utilisation from [baseline] to 75%"
                return [_Edit(change.span.start, change.span.start + len(level) + 1, f"from {BASELINE} to ")]
            if change.is_relative and not written.lower().startswith(("by ", "to ")):
                after_noun = _noun_after(features, change.span.end)
                at = after_noun or change.span.end
                if before_rate(features.text, at):
                    return []  # "3x rehearsals per week": a slot would split the count from its rate
                # "pipeline 3x coverage": the amount qualifies the noun after it;
                # "SLA breaches halved", "ARPDAU +$0.03": the baseline follows the change
                return [_Edit(at, at, f" from {BASELINE}")]
            lead = features.lead_verb
            if (
                change.is_bare
                and lead is not None
                and lead.verb_class in (VerbClass.VAGUE, VerbClass.ACTIVITY)
                and features.text.startswith(" of ", change.span.end)
            ):
                return []  # "Replace 4 of the oldest vans": how many are picked, no level to start from
            if change.is_bare or not features.text[features.body.start : change.span.start].strip():
                # "€1.5M savings on renewals", "Reach 10k users": no "to" or comparator
                # to put it before, so the baseline follows the phrase.
                at = _before_dates(features)
                return [_Edit(at, at, f", from {BASELINE}")]
            lead_in = _LEAD_IN.search(features.text, 0, change.span.start)
            if lead_in is not None:
                # "by at least 20%", "to over 500": the comparator is the change's, the
                # preposition before it is not; the baseline goes before the preposition.
                return [_Edit(lead_in.start(), lead_in.start(), f"from {BASELINE} ")]
            return [_Edit(change.span.start, change.span.start, _baseline_slot(change))]
        if change.baseline is not None and change.target is None and "metric.no_target" in found:
            # (a target written elsewhere, "99.8%+ ... (currently ~99.2)", needs no slot)
            return [_Edit(change.span.end, change.span.end, f" to {TARGET}")]
        return []
    verb = features.lead_verb
    if verb is not None and verb.verb_class is VerbClass.MULTIPLIER and not _has_baseline(features):
        at = _before_dates(features)
        return [_Edit(at, at, f" from {BASELINE}")]
    return []


def _noun_after(features: Features, at: int) -> int:
    """The end of the words right after ``at`` that a change qualifies ("3x coverage
    going into Q3" -> after "coverage"), or 0 when a date, a preposition or a change
    word comes first. At most three words, and not past a gerund."""
    end = 0
    dates = {d.span.start for d in features.dates}
    for _ in range(3):
        match = _NEXT_WORD.match(features.text, end or at, features.body.end)
        if match is None or match.start(1) in dates:
            break
        word = match.group(1).lower()
        if not word.isalpha() or word in lexicon.SLOT_STOP_WORDS or (end and word.endswith("ing")):
            break
        end = match.end()
    return end


# What may follow a count before the things counted: "10+ talks", "3-5 guides", "6 or more sessions".
_COUNT_TAIL = re.compile(r"\s*(?:\+|(?:[-–]|to|or)\s*\d[\d,.]*|or more)?\s+")


# Verbs that close flaws: the outcome of closing a share of them is fewer left open.
_CLOSING_VERBS = frozenset({"close", "fix", "resolve", "solve", "address", "triage", "clear"})
_CLOSED_SHARE = re.compile(
    r"(?P<share>(?:\d[\d.,]*\s*%|all|half|most)\s+of\s+.+?)\s+(?:are|is|get|were|have been)\s+"
    r"(?:closed|fixed|resolved|solved|addressed|triaged|cleared)(?:\s+by)?",
    re.I,
)
_SHARE_OF = re.compile(r"^(?:\d[\d.,]*\s*%|all|half|most)\s+of\s+(?:the\s+)?", re.I)


def _fewer_open(features: Features, object_span: SpanRef | None) -> list[Draft]:
    """ "Reduce the number of open faults from the kerb survey by 40% (from [baseline]) by
    [date]" for "Resolve 40% of faults found in the kerb survey": what closing a share of flaws is for,
    the author's share its cut ("from [baseline] to [target]" for "all" or "most")."""
    shape = structure_of(features)
    if features.lead_verb is None:
        # "75% of the bugs are fixed by June": the same, written as a state reached
        stop = min([d.span.start for d in features.dates] + [shape.end])
        closed = _CLOSED_SHARE.fullmatch(" ".join(features.text[shape.start : stop].split()).rstrip(" .,;:"))
        if closed is None:
            return []
        phrase, rest = closed["share"], _SHARE_OF.sub("", closed["share"])
    elif _lead_lemma(features) not in _CLOSING_VERBS or object_span is None:
        return []
    else:
        stop = min([d.span.start for d in features.dates if d.span.start >= object_span.start] + [shape.end])
        phrase = " ".join(features.text[object_span.start : stop].split()).rstrip(" .,;:")
        rest = _SHARE_OF.sub("", phrase)
    words = rest.split()
    if rest == phrase or len(words) > 10 or not any(w.lower() in lexicon.FLAW_NOUNS for w in words[:3]):
        return []
    drafts = []
    share = re.match(r"\d[\d.,]*\s*%", phrase)
    if share is not None and float(share.group().rstrip(" %").replace(",", "")) < 100:
        # the author's share is the cut ("Close 40% of ..." -> "... by 40% (from [baseline])")
        cut = share.group().replace(" ", "")
        text = f"Reduce the number of open {rest} by {cut} (from {BASELINE}) {_date_phrase(features)}"
        drafts.append(Draft(_tidy(text), DraftKind.METRIC))
    text = f"Reduce the number of open {rest} from {BASELINE} to {TARGET} {_date_phrase(features)}"
    return [*drafts, Draft(_tidy(text), DraftKind.METRIC)]


def _counted_phrase(features: Features, counted: Finding) -> SpanRef | None:
    """The things an output count counts: the noun phrase after its number ("10+ | Learning
    Together Sessions | held", "Speaking at four | conferences"), up to the first word no
    name of a thing goes on with. None when the count follows a preposition ("tested in 3
    branches" says where, not what was made) or is no number of things ("50% of issues")."""
    text = features.text
    dates = [d.span for d in features.dates]
    count = next(
        (
            q.span
            for q in features.quantities
            if counted.start <= q.span.start < counted.end
            and not any(d.start <= q.span.start < d.end for d in dates)
        ),
        None,
    )
    if count is None or text[count.start : count.end].rstrip().endswith("%"):
        return None
    before = text[: count.start]
    before = re.sub(r"\b(?:at least|at most|more than|over|up to|about|around)\s*$", "", before, flags=re.I)
    if _AFTER_PREPOSITION.search(before) is not None:
        return None  # (nor "Speaking at four conferences": the events are where, not what was made)
    tail = _COUNT_TAIL.match(text, count.end)
    if tail is None:
        return None
    begin = tail.end()
    end = begin
    for match in re.finditer(r"\S+", text[begin : structure_of(features).end]):
        word = match.group().lower()
        bare = word.strip(".,;:()")
        if bare == "to" and text[begin:end].lower().endswith("end") and text.startswith(" end", end + 3):
            continue  # "end to end tests"
        if end == begin and _NAMED_AS_VERB.fullmatch(match.group()):
            pass  # "2 Go meetups", "3 Take Five walks": a capitalised verb right after the count names them
        elif not bare or bare in _PHRASE_FOLLOWERS or bare in _DONE_WORDS or bare in _COMPLEMENT_PREPOSITIONS:
            break
        if text[begin:end].endswith("s") and bare.endswith(("ing", "ly")):
            break  # "40 test cases | running in CI": a plural head has come; a participle follows
        if end > begin and bare.endswith("ed") and bare not in _NOT_PARTICIPLES:
            break  # "30 guides reviewed by ...": the participle says what was done to them
        if not bare.replace("-", "").replace("/", "").replace("'", "").isalnum():
            break
        end = begin + match.end() - (len(word) - len(word.rstrip(".,;:)")))
        if word != word.rstrip(".,;:(") or match.end() - match.start() != len(word) or end - begin > 60:
            break
    if end <= begin:
        return None
    return SpanRef(begin, end, text[begin:end])


# A capitalised word (not a capitalised preposition or conjunction) after a count: a name, however
# a verb it looks ("Go", "Take").
_NAMED_AS_VERB = re.compile(
    r"(?!(?:For|Of|To|At|In|On|With|By|From|And|Or|So|That|Which|Who|Every|Each|Per)\b)[A-Z][a-z]+"
)
# Words ending in "ed" that go on a noun phrase rather than end it.
_NOT_PARTICIPLES = frozenset({"need", "feed", "seed", "speed", "red", "bed", "shed"})

# Text ending in a preposition: what follows it is a place or a topic.
_AFTER_PREPOSITION = re.compile(r"\b(?:in|across|at|for|with|among|within|from|over)\s*$", re.I)
# The next word after spaces, up to the next space.
_NEXT_WORD = re.compile(r" +([^ ]+)")
# "by" or "to" right before a change that starts with its comparator ("by at least 20%",
# "to over 500"): the baseline goes before it, not between it and the comparator.
_LEAD_IN = re.compile(r"\b(?:by|to) $", re.I)
# Nouns that bound a level from one side before "of": "a maximum of 4 days".
_BOUND_NOUNS = frozenset({"maximum", "minimum", "max", "min"})
# Words that state a level, replaced by "from [baseline] to" ("at 75%").
_LEVEL_WORDS = frozenset({"at", "of", "around", "about", "approximately", "~"})
# Words that take "of" as their own complement, not a level: "aware of 60% of broken tools".
_OF_COMPLEMENTS = frozenset(
    {"aware", "conscious", "informed", "part", "capable", "proud", "sure", "certain", "ahead", "short",
     "made"}
)


def _is_multiplier_verb(features: Features, change: Change) -> bool:
    """ "Double weekly active teams": the change is the verb itself."""
    verb = features.lead_verb
    return verb is not None and change.span.start < verb.span.end and verb.span.start < change.span.end


def _has_baseline(features: Features) -> bool:
    return any(c.baseline is not None for c in features.changes)


def _baseline_slot(change: Change) -> str:
    """What goes before a change with no baseline: "from [baseline] " + "to 48" / "by 10%" / "below 2 h"."""
    written = change.span.text.lower()
    if written.startswith(("to ", "by ")) or change.is_relative:
        return f"from {BASELINE} "
    return f"from {BASELINE} to "


def _apply(text: str, edits: list[_Edit], *, start: int, end: int) -> str | None:
    """``text[start:end]`` with non-overlapping ``edits`` applied (None if they clash)."""
    out: list[str] = []
    cursor = start
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            return None
        out += [text[cursor : edit.start], edit.replacement]
        cursor = max(cursor, edit.end)
    out.append(text[cursor:end] if cursor < end else "")
    return "".join(out)


# -- a measure with a baseline, a target and a date -------------------------------------------


def _metric(features: Features, label: Label, object_span: SpanRef | None) -> Draft | None:
    """ "Increase <measure> from [baseline] to [target] by [date]", from the object phrase."""
    if label is Label.MILESTONE:
        return None
    lead = features.lead_verb
    if lead is None and label is Label.TASK:
        return _named_measure(features)
    name = object_name = _measure_name(features, object_span)
    extended = False
    measured_things = False  # the things named are replaced by a measure of them
    moving = label is Label.TASK and lead is not None and lead.verb_class is VerbClass.OUTCOME
    # "Reduce time | to discovering regressions": the parse cut the measure short; take the rest
    if (
        moving
        and lead is not None
        and object_span is not None
        and (
            _cut_mid_phrase(features.text[object_span.end : structure_of(features).end])
            or (name is not None and len(name.split()) == 1)
            or _words_after(features, object_span.end)  # "... issues | at the release": not to be dropped
        )
    ):
        # (where only words after a whole object were added, the object's head is the head)
        extended = name is None or not _words_after(features, object_span.end) or len(name.split()) == 1
        extended = extended or _cut_mid_phrase(features.text[object_span.end : structure_of(features).end])
        name = _rest_after(features, lead.span.end)
        if name is None:
            return None  # too long to name as one measure: a draft would drop part of it
    if name is None or lead is None or name.split(" ", 1)[0].lower() in lexicon.QUESTION_WORDS:
        return None  # (nor "Investigate why reopen rates spiked": a question, not a measure)
    clause = _restricting_clause(features, object_span.end) if object_span is not None else ""
    if clause and clause.strip() not in name:
        # "satisfaction of parents | that use the club": the clause says whose; dropping it
        # would measure everyone
        name += clause
    if _lead_lemma(features) in lexicon.HELPING_VERBS:
        return None  # "help sales with questionnaires": the object is who is helped, not a measure
    if _lead_lemma(features) in lexicon.WRITING_VERBS and label is Label.TASK:
        return None  # "Write up the onboarding steps": what is written is not a measure to move
    if not _names_measure(features, object_span):
        # Not a measure: a direction verb says the author wants to move it
        # ("Increase sign-ups"); a vague aim gets the usual measure of its
        # head noun ("Improve the onboarding experience"); else no metric.
        # (the head of "time to green builds | in CI" is the object's, not its place's)
        head = _head_word(name) if extended or object_name is None else _head_word(object_name)
        if lead.verb_class is VerbClass.VAGUE and head in lexicon.MEASURE_OF:
            measured_things = True
            measure = lexicon.MEASURE_OF[head]
            if not (of := _of_at(name)):
                name = f"{name} {measure}"
            elif head in lexicon.QUALITY_NOUNS:
                name = f"{measure}{name[of:]}"  # "speed of the checkout" -> "load time of the checkout"
            else:
                name = f"{measure} for {name}"  # "survey score for awareness of recycling"
        elif lead.verb_class is not VerbClass.OUTCOME or (
            label is Label.TASK
            and not (
                head.endswith("s")
                or head in lexicon.MEASURE_OF
                or head in MEASURE_HEADS
                or name.split(" ", 1)[0].lower() in MEASURE_HEADS  # "time to spotting broken links ..."
            )
        ):
            return None  # a task's "Extend the returns page" names no count to move
    name = _with_abbreviation(name)
    change = _main_change(features)
    if change is not None and _is_multiplier_verb(features, change):
        return None  # "Double weekly active teams" is completed in place
    if change is None and _stated_targets(features):
        return None  # "Sign 12 partners": a count with no change pattern is completed in place
    if measured_things and change is not None and change.is_bare:
        # "Refine 1 intake process for the board": the number counts the things, so it cannot
        # be the target of their measure ("cycle time ... to 1"); a count of one thing is a milestone
        return None
    direction = _direction(features, name)
    verb = _verb(features, direction)
    amount = _amount(change)
    if amount is None:
        return None
    return Draft(_tidy(f"{verb} {name} {amount} {_date_phrase(features)}"), DraftKind.METRIC)


# Words that open the name of a measure: "Share of orders shipped the same day".
MEASURE_HEADS = frozenset(
    {"number", "share", "percentage", "percent", "rate", "time", "count", "amount", "average", "ratio",
     "size"}
)
_EMPHASIS = re.compile(r"[_*`]+")


def _rest_after(features: Features, at: int) -> str | None:
    """The words of the key result after ``at`` up to its time frame, without emphasis
    marks or a leading determiner; None when empty or longer than ten words."""
    shape = structure_of(features)
    stop = min([d.span.start for d in features.dates if d.span.start >= at] + [shape.end])
    rest = _EMPHASIS.sub("", features.text[at:stop])
    frames = time_frame_spans(rest)
    rest = DATE_LEAD.sub("", rest[: frames[0][0]]) if frames else rest  # (and "at the end of" before it)
    words = rest.split()
    while words and words[0].lower() in lexicon.DETERMINERS:
        words = words[1:]

    while words and words[-1].lower() in {"of", "for", "to", "from", "by", "in", "on", "at", "with", "and"}:
        words = words[:-1]
    return _with_article(" ".join(words).rstrip(" .,;:")) if 0 < len(words) <= 10 else None


def _with_article(name: str) -> str:
    """ "the size of open issues" for "size of open issues": a measure head before "of" takes "the"."""
    words = name.split(" ", 2)
    if len(words) == 3 and words[0].lower() in MEASURE_HEADS and words[1].lower() == "of":
        opening = name[:1].lower() if name[1:2].islower() else name[:1]
        return f"the {opening}{name[1:]}"
    return name


def _words_after(features: Features, at: int) -> bool:
    """Whether words other than a time frame follow ``at`` in the key result's core."""
    shape = structure_of(features)
    stop = min([d.span.start for d in features.dates if d.span.start >= at] + [shape.end])
    rest = _EMPHASIS.sub("", features.text[at:stop])
    frames = time_frame_spans(rest)
    rest = rest[: frames[0][0]] if frames else rest
    return bool(rest.strip(" .,;:"))


# Where a measure named after a direction verb ends: before an aside or a qualifier.
_ASIDE_START = re.compile(r"\s+-\s+|\s*[,;(]")


def _unparsed_direction(features: Features) -> Draft | None:
    """ "Decrease late refunds from [baseline] to [target] by [date] - counted per order" for a
    direction verb the tagger read as a noun: the slots go after the measure, before any aside,
    and every word stays."""
    shape = structure_of(features)
    core = features.text[shape.start : shape.end]
    first = core.split(" ", 1)[0].lower()
    if first not in lexicon.INCREASE_VERBS | lexicon.DECREASE_VERBS or first == "improve":
        return None
    if features.quantities or not shape.can_take_date or len(core.split()) < 3:
        return None
    aside = _ASIDE_START.search(core)
    at = aside.start() if aside is not None else len(core)
    return Draft(_tidy(f"{core[:at]} from {BASELINE} to {TARGET} by {DATE}{core[at:]}"), DraftKind.METRIC)


# A share named by its sign alone, with no number before it: "% of orders ...", "% monthly users".
_BARE_SHARE = re.compile(r"%\s*(?:of\s+)?(?=[A-Za-z\"'])", re.I)
_NUMBER_WORD = re.compile(r"\d")


def _named_measure(features: Features) -> Draft | None:
    """ "Share of orders shipped the same day" (a measure, no verb, no number):
    "Increase the number of ... from [baseline] to [target] by [date]"."""
    shape = structure_of(features)
    core = features.text[shape.start : shape.end]
    first = core.split(" ", 1)[0].lower()
    share = _BARE_SHARE.match(core)
    if share is not None:
        # "% monthly stalls with a card reader": the sign names the measure, a share with no number
        # (its words whole: "monthly" there names the things counted, not the time frame)
        rest = core[share.end() :].strip(" .;:")
        words = rest.split()
        bare = 0 < len(words) <= 10 and not features.dates and not _NUMBER_WORD.search(rest)
        name = f"the share of {rest}" if bare and not re.search(r"[,;:()\[\]]", rest) else None
    elif first in MEASURE_HEADS:
        name = _rest_after(features, shape.start)
    else:
        return None
    if name is None:
        return None
    verb = "Reduce" if set(re.findall(r"[a-z]+", name.lower())) & lexicon.LOWER_IS_BETTER else "Increase"
    name = name[:1].lower() + name[1:]
    text = f"{verb} {name} from {BASELINE} to {TARGET} {_date_phrase(features)}"
    return Draft(_tidy(text), DraftKind.METRIC)


# A relative clause that restricts a measure's population: "(parents) that use the club".
_RELATIVE = re.compile(r"\s+(?:that|who|which)\s+(?P<words>[^,;:()\[\]]+)", re.I)
# Where such a clause ends: a purpose ("to keep them"), "so", or "by" before a date ("and" may
# join its own nouns: "who use the bus and the tram").
_CLAUSE_END = re.compile(r"\s(?:to|so|by|in order)\s", re.I)


def _restricting_clause(features: Features, at: int) -> str:
    """The relative clause right after ``at`` that says whose measure it is, or "".

    Kept when it is short (two to seven words) and ends before the key result's time
    frame, a purpose clause or the end of its body.

    >>> from krquality.features.types import Form
    >>> text = "Track the mood of parents that use the after-school club to keep them"
    >>> features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)
    >>> _restricting_clause(features, text.index(" that"))
    ' that use the after-school club'
    """
    stop = min([d.span.start for d in features.dates if d.span.start >= at] + [structure_of(features).end])
    match = _RELATIVE.match(features.text[at:stop])
    if match is None:
        return ""
    words = match.group("words")
    end = _CLAUSE_END.search(" " + words)
    words = words[: max(end.start() - 1, 0)] if end is not None else words
    words = words.rstrip(" .")
    if not 2 <= len(words.split()) <= 7:
        return ""
    return match.group(0)[: match.start("words")] + words


def _amount(change: Change | None) -> str | None:
    """The change as written, with a baseline or target slot where the author left one out."""
    if change is None:
        return f"from {BASELINE} to {TARGET}"
    written = " ".join(change.span.text.split())
    if change.direction in _KEEP:
        return written
    if change.baseline is None and change.target is not None:
        return _baseline_slot(change) + written
    if change.target is None:
        return f"{written} to {TARGET}"
    return written


def _measure_name(features: Features, object_span: SpanRef | None) -> str | None:
    """The object phrase without numbers, dates, leading determiners or trailing prepositions."""
    if object_span is None:
        return None
    cut = [q.span for q in features.quantities] + [d.span for d in features.dates]
    cut += [c.span for c in features.changes]
    pieces: list[str] = []
    cursor = object_span.start
    for span in sorted(cut, key=lambda s: s.start):
        if span.end <= cursor or span.start >= object_span.end:
            continue
        pieces.append(features.text[cursor : max(cursor, span.start)])
        cursor = max(cursor, span.end)
    if cursor < object_span.end:
        pieces.append(features.text[cursor : object_span.end])
    words = " ".join("".join(pieces).split()).split(" ")
    while words and (words[0].lower() in lexicon.DETERMINERS or words[0].lower() in lexicon.COMPARATIVES):
        words = words[1:]
    while words and words[-1].lower() in {"of", "for", "to", "from", "by", "in", "on", "at", "with", "and"}:
        words = words[:-1]
    name = " ".join(w for w in words if w)
    return _with_article(name) if name else None


def _names_measure(features: Features, object_span: SpanRef | None) -> bool:
    """True when the object phrase's head is a measure ("response time", "the share of
    renewals", not "pipeline reviews")."""
    if object_span is None:
        return False
    text = object_span.text.rstrip()
    of = _of_at(text)
    end = object_span.start + (of if of else len(text))
    return any(
        object_span.start <= m.span.start and m.span.end == end for m in features.markers_of("measure")
    )


def _of_at(phrase: str) -> int:
    """Where the phrase's first " of " starts (the end of its head), or 0."""
    return max(phrase.lower().find(" of "), 0)


def _head_word(name: str) -> str:
    """The head noun of a measure name, lower-cased: the last word before any "of"."""
    of = _of_at(name)
    return (name[:of] if of else name).lower().split()[-1]


def _with_abbreviation(name: str) -> str:
    lowered = name.lower()
    for long, short in lexicon.ABBREVIATIONS.items():
        if (lowered == long or lowered.endswith(" " + long)) and short.lower() not in lowered:
            return f"{name} ({short})"
    return name


def _direction(features: Features, name: str) -> Direction:
    change = _main_change(features)
    if change is not None and change.direction in (Direction.INCREASE, Direction.DECREASE):
        return change.direction
    lemma = _lead_lemma(features)
    if lemma in lexicon.DECREASE_VERBS:
        return Direction.DECREASE
    if lemma in lexicon.INCREASE_VERBS and lemma != "improve":
        return Direction.INCREASE
    words = set(re.findall(r"[a-z]+", name.lower()))
    return Direction.DECREASE if words & lexicon.LOWER_IS_BETTER else Direction.INCREASE


def _verb(features: Features, direction: Direction) -> str:
    lead = features.lead_verb
    lemma = _lead_lemma(features)
    if lead is not None and lemma in lexicon.KEEP_AS_WRITTEN:
        written_direction = Direction.DECREASE if lemma in lexicon.DECREASE_VERBS else Direction.INCREASE
        if written_direction is direction:
            return capitalise_first(lead.span.text)
    return "Reduce" if direction is Direction.DECREASE else "Increase"


# -- toward the outcome -----------------------------------------------------------------------

# A number of hours: time spent ("three hours of sketching", "150 hours of practice"), not hours held
# for others ("4 office hours for tenants").
_SPENT_TIME = re.compile(
    r"(?<![\w-])(?:\d[\d.,]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|hundred|[nx])\s+(?:hours?|hrs?|minutes?|mins?)(?:\s+(?:of|a|per|every|each|on)\b|\s*$)",
    re.I,
)
_LEADING_NUMBER = re.compile(r"^(?:at least |about |around |over |up to )?\d[\d,.\-–]*\s+", re.I)
_RATE_WORDS = re.compile(r"\b(?:weekly|monthly|daily|quarterly|yearly|annual|regular)\s+", re.I)
_SECOND_VERB = re.compile(r"^\s*(?:&|and|\+)\s+\w+\s+", re.I)
_PHRASE_STOP = re.compile(r"\s(?:to|that|which|who|so|because|with|by|in order)\s|[,;:(\[]", re.I)


# Words that may follow a whole noun phrase; any other word means the phrase was cut short.
_PHRASE_FOLLOWERS = frozenset(
    {
        "for", "of", "to", "at", "in", "on", "with", "by", "from", "and", "so", "that", "which", "who",
        "every", "each", "per", "across", "about", "around", "within", "during", "before", "after", "once",
        "twice", "weekly", "monthly", "daily", "quarterly", "where", "when", "while", "through", "via", "or",
        "held", "ran", "run", "done", "given", "written", "published", "delivered", "hosted", "completed",
        # a verb after a subject: the noun phrase before it is whole ("40 tastings took place")
        "have", "has", "had", "are", "is", "were", "was", "will", "can", "took", "take",
        # ... or a verb of taking part: "60 porters | complete the lifting course"
        "complete", "attend", "attended", "participated", "went", "go", "engaged", "finish", "finished",
    }
)


# A second thing joined to the object ("the rota | and the key safe", "tools | & processes").
_JOINED_THING = re.compile(
    r"\s*(?:and|&|\+|or)\s+(?:the\s+|our\s+|its\s+|their\s+)?[A-Za-z][\w-]*\b(?!\s+\w+ing\b)"
)


def _cut_mid_phrase(rest: str) -> bool:
    """Whether ``rest`` (the text after an object phrase) starts with a word that no whole
    noun phrase is followed by."""
    words = rest.split()
    if not words or not words[0][:1].isalpha():
        return False
    first = words[0].lower().strip(".,;:")
    # "6 videos | filmed for X", "30 guides | reviewed by peers"
    participle = (first.endswith("ed") and first not in _NOT_PARTICIPLES) or (
        first.endswith("ing") and words[0][:1].islower() and rest[:1] == " "  # "tests | running in CI"
    )
    return first not in _PHRASE_FOLLOWERS and first not in _DONE_WORDS and not participle


def _inside_a_name(phrase: str, at: int) -> bool:
    """Whether the phrase stop at ``at`` in ``phrase`` sits between two capitalised words, inside a
    name ("Built with Kelp"), where cutting the phrase there would leave half of the name."""
    before = phrase[:at].split()[-1:]
    after = phrase[at:].split()[1:2]
    return bool(before and after) and before[0][:1].isupper() and after[0][:1].isupper()


# Kinds of content that is watched rather than read.
_WATCHED = frozenset({"video", "videos", "recorded", "screencast", "animated"})


# Verbs of receiving things others make: what is counted is their contribution, not the team's work.
_RECEIVING_VERBS = frozenset({"get", "receive", "collect", "gather", "attract", "obtain", "solicit"})
# A participle after the things received: the team's own things placed somewhere ("Get 5 recipes featured").
_PLACED = re.compile(r"\b[a-z]+ed\b")
# Measures of the audience of what was made.
_AUDIENCES = ("monthly readers", "subscribers", "monthly views", "average attendance", "average audience")


def _received(features: Features, lemma: str) -> bool:
    """Whether the key result gets things from others ("Get 40 recipes from members")."""
    lead = features.lead_verb
    if lead is None or lemma not in _RECEIVING_VERBS:
        return False
    return _PLACED.search(features.text, lead.span.end) is None


def _toward_outcome(features: Features, object_span: SpanRef | None) -> Draft | None:
    """ "Increase average attendance at <the event> from [baseline] to [target] by [date]":
    the effect a task or an output count is for, named after what the work is on."""
    shape = structure_of(features)
    lead = features.lead_verb
    lemma = _lead_lemma(features)
    if lemma in lexicon.INQUIRY_VERBS | lexicon.FINDING_VERBS | lexicon.HELPING_VERBS | lexicon.MOVING_VERBS:
        # "Scout venues", "Help the stewards", "Move the forum to X": the object is not what the work is for
        return None
    if lemma in lexicon.DECREASE_VERBS:
        return None  # "Cut late invoices": the author named what to move; the metric draft completes it
    if _counts_one(features, object_span):
        # "Refine 1 intake process for the board": one named thing made or handed on is a milestone;
        # a measure of such things in general (its cycle time) is not what the author counted
        return None
    single = object_span is not None and len(object_span.text.split()) == 1
    if object_span is not None and (not single or _head_word(object_span.text) in lexicon.OUTCOME_OF):
        stop = min([d.span.start for d in features.dates if d.span.start >= object_span.end] + [shape.end])
        rest = features.text[object_span.end : stop]
        if not _cut_mid_phrase(rest):
            if _JOINED_THING.match(rest):
                return None  # "the old tools | and processes": a measure of one thing drops the other
            # "3 talks | on food safety": the topic is part of what the work is on
            complement = _complement(rest)
            felt = _FELT_BY.match(rest)
            if not complement and felt is not None and _head_word(object_span.text) in lexicon.FELT_NOUNS:
                complement = " among " + " ".join(rest[felt.end() :].split())  # "trust | with the tenants"
            if _POINTS_AHEAD.search(complement):
                return None  # "talks from each of the following groups: ...": the list would be dropped
            phrase = features.text[object_span.start : object_span.end] + complement
        elif lead is not None and object_span.start >= lead.span.end:
            # "the first | aid kit": the parse split a noun phrase; take all the words
            phrase = _SECOND_VERB.sub("", features.text[lead.span.end : stop])
        else:
            return None
    elif lead is None:
        phrase = features.text[shape.start : shape.end]  # "podcast feed", "8 recipes filmed"
        words = phrase.split()
        while words and words[0].lower().strip(",") in lexicon.AIM_WORDS:
            words = words[1:]  # "Smoother stock ordering": the comparative is the vague part
        phrase = " ".join(words)
        lowered = [w.lower() for w in words]
        # "Talks given in four towns": a participle of making with no auxiliary names an output
        output = any(w in _DONE_WORDS for w in lowered[1:4]) and not set(lowered) & _AUXILIARIES
        clause = features.form is Form.STATE and not output
        if clause or _PHRASE_STOP.search(" " + phrase) or re.search(r"[+&]", phrase):
            return None  # a clause or a list of things, not one name: the measure would drop part of it
    else:
        phrase = features.text[max(lead.span.end, shape.start) : shape.end]
        phrase = _SECOND_VERB.sub("", phrase)  # "Streamline & revamp the guide" -> "the guide"
    if lemma in lexicon.CONTINUING_VERBS and phrase.split()[:1] and phrase.split()[0].lower().endswith("ing"):
        return None  # "Keep answering old emails": the object is more work, not a thing to measure
    phrase = _LEADING_PREPOSITION.sub("", phrase)  # "Engage with parent groups" -> "parent groups"
    phrase = re.sub(r"\bend to end\b", "end-to-end", phrase, flags=re.I)  # one word, not "end | to"
    cut = _PHRASE_STOP.search(" " + phrase)
    if cut is not None and _inside_a_name(phrase, cut.start() - 1):
        return None  # "plugins on Built with Kelp": the stop is inside a name, which a cut would break
    phrase = phrase[: max(cut.start() - 1, 0)] if cut is not None else phrase
    phrase = _RATE_WORDS.sub("", phrase)  # "the monthly supper club" -> "the supper club"
    frames = time_frame_spans(phrase)
    if frames:  # "Bread Basics 101 each month": the rate is no part of the name
        # (nor the words leading into it: "the cafe | at the end of | each week")
        phrase = DATE_LEAD.sub("", phrase[: frames[0][0]]) if frames[0][0] > 0 else phrase[frames[0][1] :]
    phrase = _LEADING_NUMBER.sub("", " ".join(phrase.split())).strip(" .")
    # "workshops held for parents" -> "workshops for parents": the output's verb is not its name
    words = [w for w in phrase.split() if w.lower() not in _DONE_WORDS]
    while len(words) > 1 and words[0].lower() in lexicon.AIM_WORDS:
        words = words[1:]  # "improved understanding of X": the measure says what "improved" meant
    while words and words[-1].lower() in _COMPLEMENT_PREPOSITIONS:
        words = words[:-1]  # "the booking flow for | <a link>": the link was taken off, its preposition goes
    if not words or len(words) > 10 or words[0].lower() in lexicon.AIM_WORDS:
        return None
    head = _noun_head(words)
    at = [w.lower().strip(".,;:") for w in words].index(head) if head in (w.lower() for w in words) else -1
    pair = f"{words[at - 1].lower()} {head}" if at > 0 else ""
    template = lexicon.OUTCOME_OF.get(pair) or lexicon.OUTCOME_OF.get(head)  # "test cases", not "cases"
    if template is None:
        return None
    series = any(_one_at_rate(features, q) for q in features.quantities)
    if at >= 0 and series and not words[at].endswith("s"):
        words[at] = _plural_of(words[at])  # "1 recipe post every week": the readers of the recipe posts
    if template.startswith("monthly readers") and at > 0 and words[at - 1].lower() in _WATCHED:
        template = "monthly views of {x}"  # "video tutorials" are watched, not read
    if head in lexicon.QUALITY_CHECKS and not set(w.lower() for w in words) & lexicon.REVIEWED_WORK:
        return None  # "pipeline reviews" are meetings; "code reviews" find problems in the work
    if template.startswith("average attendance") and _SPENT_TIME.search(features.text):
        return None  # "Three hours of sketching a week": time the author puts in, not office hours to attend
    if template.startswith("average attendance") and own_practice(features.text, words):
        return None  # "12 study sessions per month": the author's own practice, attended by nobody else
    if template.startswith("average attendance") and _takes_part_or_plans(features.text, words[0]):
        return None  # "Join 3 meetups", "We have planned 2 sessions": others' or future events
    if template.startswith("monthly readers") and _STORED.search(features.text) and not _MADE_TO_READ.search(
        features.text
    ):
        # "30 tutorials added to the training drive", "300 articles tagged with a label": items kept or
        # tagged, not content the author wrote to be read; their readers are not what the work is for
        return None
    if template.startswith(_AUDIENCES) and lemma in TAKING_IN:
        return None  # "Read 20 pages every day": the author is the reader; nobody else reads what is read
    if template.startswith(_AUDIENCES) and _received(features, lemma):
        # "Get 40 recipes from members": the things come from others and are the result; their
        # readers are not what getting them was for (not "Get 5 recipes featured": placed)
        return None
    if "using" in template and lemma in lexicon.USING_VERBS:
        return None  # "Use 5 build tools": more teams using them is not what using them is for
    if head in lexicon.PEOPLE_NOUNS and lead is not None and lemma not in lexicon.GROWING_VERBS:
        return None  # "Thank volunteers after each shift": the work is on the people, not to grow them
    if head in lexicon.PEOPLE_NOUNS and lead is None and features.quantities:
        # "120 tenants will get a home visit": the author's number counts people served; "[target]
        # active tenants" would put a blank where they wrote it and make it count something else
        return None
    if "number of" in template and words[0].lower() in lexicon.DETERMINERS and len(words) > 1:
        words = words[1:]  # "the number of crash bugs", not "of the crash bugs"
    opens = features.text[shape.start : shape.end].startswith(words[0])
    if opens and lead is None and words[0][1:2].islower() and not any(w[:1].isupper() for w in words[1:3]):
        words = [words[0].lower(), *words[1:]]  # "Driver awareness of X": the capital opened the sentence
    if "active {x}" in template and words[0].lower() == "active":
        words = words[1:]  # "Active mentors for X": the number of active mentors, "active" said once
    name = template.format(x=" ".join(words))
    verb = "" if name.startswith(("Reduce ", "Increase ")) else "Increase "
    # a measure with its own period in its name ("monthly readers"): the work's rate is no time
    # frame of it, so a date stands in for the rate dropped ("a recipe post every fortnight"); attendance
    # at an event held each month is still measured each month
    date = _date_phrase(features, rate_frames=not name.lower().startswith(lexicon.PERIODIC_MEASURES))
    return Draft(
        _tidy(f"{verb}{name} from {BASELINE} to {TARGET} {date}"),
        DraftKind.METRIC,
    )


def _counts_one(features: Features, object_span: SpanRef | None) -> bool:
    """Whether the first number in the object counts one thing ("1 intake process"), not a
    number in a bracket after it ("5 outings (2 walks and 3 picnics)")."""
    if object_span is None:
        return False
    text, start, end = features.text, object_span.start, object_span.end
    counted = [
        q
        for q in features.quantities
        # in the object and not in a bracket in it, or right before it ("4 | events")
        if (start <= q.span.start < end and "(" not in text[start : q.span.start])
        or (q.span.end <= start and not text[q.span.end : start].strip())
    ]
    return bool(counted) and counted[0].value == 1 and not _one_at_rate(features, counted[0])


def _plural_of(noun: str) -> str:
    """ "post" -> "posts", "story" -> "stories", "box" -> "boxes"."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "z", "ch", "sh")) else "s")


def _one_at_rate(features: Features, count: Quantity) -> bool:
    """Whether ``count`` is one thing at a rate written after it ("Write 1 recipe card every
    week"): a series of things, not one named thing."""
    return count.value == 1 and any(a >= count.span.end for a, _ in time_frame_spans(features.text))


# Verbs of keeping, tagging or moving items into a store ("added to the archive", "linked with
# the tag", "imported"), and of having them; against verbs of writing content to be read.
_STORED = re.compile(
    r"\b(?:add(?:s|ed|ing)?|link(?:s|ed|ing)?|tag(?:s|ged|ging)?|collect(?:s|ed|ing)?|stor(?:e|es|ed|ing)|"
    r"upload(?:s|ed|ing)?|archiv(?:e|es|ed|ing)|index(?:es|ed|ing)?|catalogu?(?:e|es|ed|ing)|import(?:s|ed|ing)?|"
    r"migrat(?:e|es|ed|ing)|having|has|have)\b",
    re.I,
)
_MADE_TO_READ = re.compile(
    r"\b(?:writ(?:e|es|ing|ten)|wrote|publish(?:es|ed|ing)?|post(?:s|ed|ing)?\s+(?!per\b)\S|author(?:s|ed|ing)?|"
    r"draft(?:s|ed|ing)?|creat(?:e|es|ed|ing)|produc(?:e|es|ed|ing)|film(?:s|ed|ing)?|record(?:s|ed|ing)?|"
    r"releas(?:e|es|ed|ing)|translat(?:e|es|ed|ing))\b",
    re.I,
)


# Verbs of taking part in events others hold, or of planning ones not yet held: attendance at
# them is not what the work is for ("Join 3 meetups to promote X": the promotion is).
_TAKING_PART = re.compile(
    r"\b(?:participat\w*|attend(?:s|ed|ing)?|join(?:s|ed|ing)?|visit(?:s|ed|ing)?|represent\w*"
    r"|plan(?:s|ned|ning)?|schedul\w*|propos\w*|prepar\w*)\b",
    re.I,
)


# ... or after them: "3 fairs exhibited at", "talks presented at 2 conferences".
_APPEARED_AT = re.compile(
    r"\b(?:spoken|presented|exhibited|appeared|attended|participated)\s+(?:at|in)\b", re.I
)


def _takes_part_or_plans(text: str, first_word: str) -> bool:
    """Whether a verb of taking part or of planning comes before ``first_word`` of the event,
    or a participle of appearing at it anywhere.

    >>> _takes_part_or_plans("Join 3 meetups about cycling", "meetups")
    True
    >>> _takes_part_or_plans("3 conferences presented at in Q2", "conferences")
    True
    >>> _takes_part_or_plans("Host 6 cooking workshops", "cooking")
    False
    """
    at = text.find(first_word)
    before = text[: at if at >= 0 else len(text)]
    return _TAKING_PART.search(before) is not None or _APPEARED_AT.search(text) is not None


# Past participles that say an output was made ("12 workshops held").
_DONE_WORDS = frozenset(
    {"written", "done", "held", "published", "delivered", "ran", "run", "given", "organised", "organized",
     "hosted", "completed", "shipped", "released", "launched", "created", "produced", "recorded", "filmed"}
)
_LEADING_PREPOSITION = re.compile(r"^\s*(?:in|with|on|into|at|to)\s+", re.I)
# Participles of sending: "to N <things>" after them names where something went.
_SENT_WORDS = frozenset(
    {"delivered", "sent", "shipped", "mailed", "posted", "given", "distributed", "handed", "donated", "sold"}
)
_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "has", "have", "had", "will"})
# Prepositions that open a noun phrase's complement ("guides | on composting").
_COMPLEMENT_PREPOSITIONS = frozenset({"on", "about", "for", "in", "at", "around", "across", "of", "from"})


# Who a feeling is among: "trust | with the tenants", "transparency | to our partners".
_FELT_BY = re.compile(r"\s*(?:to|with|among|between)\s+", re.I)
# A complement that points at a list after it ("from the following groups: ...").
_POINTS_AHEAD = re.compile(r"\b(?:following|below|these|these \w+)\s*[:,]?\s*$|:", re.I)


def _complement(rest: str) -> str:
    """The complement of a noun phrase at the start of ``rest`` (" on food safety"), or ""."""
    words = rest.split()
    if words and words[0].lower() in _DONE_WORDS:
        words = words[1:]
    if [w.lower() for w in words[:2]] == ["in", "place"]:
        words = words[2:]  # "tests | in place on the app": a state, not the tests' topic
    if not words or words[0].lower() not in _COMPLEMENT_PREPOSITIONS:
        return ""
    return " " + " ".join(words)


# Words after which a noun phrase's head has come ("awareness | among people").
_HEAD_STOPS = frozenset(
    {"among", "between", "with", "within", "beyond", "to", "into", "by", "through", "via", "that", "which",
     "who"}
)


def _noun_head(words: Sequence[str]) -> str:
    """The head noun of a noun phrase: the last word before its first preposition, lower-cased.

    >>> _noun_head("cooking workshops for new parents".split())
    'workshops'
    """
    for i, word in enumerate(words[1:], 1):
        if word.lower() in _COMPLEMENT_PREPOSITIONS | _DONE_WORDS | _HEAD_STOPS or word.startswith("("):
            return words[i - 1].lower().strip(".,;:")  # (nor past "sources (types + ...)": an aside)
    return words[-1].lower().strip(".,;:")


# -- deliverables ------------------------------------------------------------------------------


def _outcome(features: Features, object_span: SpanRef | None) -> Draft | None:
    """ "Reach [target] weekly active users of <the product> by [date]" for a launch."""
    lead = features.lead_verb
    if lead is None or lead.verb_class is not VerbClass.DELIVERABLE or object_span is None:
        return None
    name = _measure_name(features, object_span)
    if name is None or _head_word(name) not in lexicon.PRODUCT_NOUNS:
        return None
    phrase = " ".join(object_span.text.split())
    if phrase.split()[0].lower().endswith("ing") and _lead_lemma(features) in _ASPECT_VERBS:
        return None  # "Finish refreshing the site": the object is more work, its users not its effect
    return Draft(
        _tidy(f"Reach {TARGET} weekly active users of {phrase} {_date_phrase(features)}"), DraftKind.OUTCOME
    )


# Verbs of starting or ending a piece of work, which take the work itself as a gerund.
_ASPECT_VERBS = frozenset({"finish", "complete", "start", "begin", "continue", "stop", "resume", "keep"})


# A preposition that makes what follows the topic of a piece of writing ("write about X").
_TOPIC_PREPOSITION = re.compile(r"about|on|regarding|around", re.I)


def _completion(features: Features, object_span: SpanRef | None) -> Draft | None:
    """ "Complete the migration by [date]" for continuing work; "Publish the X report" for research."""
    lead = features.lead_verb
    writing = _lead_lemma(features) in lexicon.WRITING_VERBS
    if lead is None or (lead.verb_class is not VerbClass.ACTIVITY and not writing) or object_span is None:
        return None
    name = _measure_name(features, object_span)
    if name is None:
        return None
    lemma = _lead_lemma(features)
    head = _head_word(name)
    if lemma in lexicon.CONTINUING_VERBS and head in lexicon.COMPLETABLE_NOUNS:
        phrase = " ".join(object_span.text.split())
        return Draft(_tidy(f"Complete {phrase} {_date_phrase(features)}"), DraftKind.MILESTONE)
    if lemma in lexicon.WRITING_VERBS and not time_frame_spans(features.body.text):
        # "Document warehouse shelf labels" -> "Publish the warehouse shelf labels by [date]"
        shape = structure_of(features)
        stop = min([d.span.start for d in features.dates if d.span.start >= object_span.start] + [shape.end])
        # The whole rest of the key result, so no part of it is dropped.
        phrase = " ".join(features.text[object_span.start : stop].split()).rstrip(" .,;:")
        if DATE_LEAD.search(phrase + " ") is not None:
            phrase = DATE_LEAD.sub("", phrase + " ").strip()
        gap = features.text[lead.span.end : object_span.start].split()
        topic = _TOPIC_PREPOSITION.fullmatch(gap[-1]) if gap else None
        if topic is not None:
            # "Writing openly about how the co-op began": the object is the topic, not the thing written
            return Draft(
                _tidy(f"Publish a write-up {topic[0].lower()} {phrase} {_date_phrase(features)}"),
                DraftKind.MILESTONE,
            )
        if gap and not all(w.lower() in lexicon.DETERMINERS | {"up", "out", "down"} for w in gap):
            return None  # words between the verb and its object the draft would drop
        if phrase.split(" ", 1)[0].lower() not in lexicon.DETERMINERS | {"each", "every", "all", "any"}:
            phrase = f"the {phrase}"
        return Draft(_tidy(f"Publish {phrase} {_date_phrase(features)}"), DraftKind.MILESTONE)
    if lemma in lexicon.INQUIRY_VERBS:
        title = _inquiry_title(features, lead.span.end, name, object_span)
        if title is None:
            return None
        return Draft(_tidy(f"Publish the {title} {_date_phrase(features)}"), DraftKind.MILESTONE)
    return None


# A comma and a new clause of the author's own: "..., I think ...", "..., we should ...".
_ASIDE = re.compile(r",\s+(?:I|we|imo|imho|maybe|perhaps|probably)\b", re.I)


def _deliverable(features: Features, object_span: SpanRef | None) -> Draft | None:
    """A checkable end state for a task whose verb says what it ends in: a list for
    "Identify venues for X", a decision for "Decide on X", the text for "Develop
    guidelines for X", the state itself for "Ensure every stall has a fire blanket"."""
    lead = features.lead_verb
    shape = structure_of(features)
    if lead is None or shape.question or shape.trails_off or shape.sentences > 1:
        return None
    if time_frame_spans(features.body.text):
        return None  # a recurring task ("each week") has no end state
    lemma = _lead_lemma(features)
    stop = min([d.span.start for d in features.dates if d.span.start >= lead.span.end] + [shape.end])
    if lemma in lexicon.ENSURING_VERBS:
        clause = features.text[lead.span.end : stop].split()
        if clause and clause[0].lower() == "that":
            clause = clause[1:]
        if len(clause) < 3 or clause[0].lower() in lexicon.QUESTION_WORDS:
            return None
        text = " ".join(clause).rstrip(" .,;:")
        return Draft(_tidy(f"{text} {_date_phrase(features)}"), DraftKind.MILESTONE)
    if object_span is None or object_span.start < lead.span.end:
        return None
    rest = _EMPHASIS.sub("", features.text[object_span.start : stop])
    if (aside := _ASIDE.search(rest)) is not None:
        rest = rest[: aside.start()]  # "the parking question, I think ...": an aside is no deliverable
    words = " ".join(rest.split()).rstrip(" .,;:").split()
    determiner = ""
    while words and words[0].lower() in lexicon.DETERMINERS | lexicon.VAGUE_AMOUNTS:
        determiner = words[0] + " " if words[0].lower() in lexicon.DETERMINERS else determiner
        words = words[1:]
    if not words or len(words) > 18 or words[0].lower() in lexicon.QUESTION_WORDS | lexicon.PRONOUNS:
        return None
    gerund = words[0].lower().endswith("ing") and len(object_span.text.split()) == 1
    if gerund and lemma not in lexicon.INQUIRY_VERBS | lexicon.DECIDING_VERBS:
        return None  # "Keep answering emails": more work, no thing at the end
    phrase = " ".join(words)
    core = features.text[shape.start : shape.end].split()
    title_case = sum(w[:1].isupper() for w in core) * 5 >= len(core) * 3
    if title_case and not phrase[1:2].isupper() and not any(w[:1].isupper() for w in words[1:3]):
        phrase = phrase[:1].lower() + phrase[1:]  # "Identify Venues" -> "venues"; a name keeps its capitals
    head = _noun_head(words)
    if lemma in lexicon.FINDING_VERBS and lemma not in {"find", "discover"} and head.endswith("s"):
        # (not "Find sponsors", which means signing them, nor "Select a venue", one thing)
        title = f"the list of {phrase}"
    elif lemma in lexicon.DECIDING_VERBS or gerund:
        # "Explore opening a second kitchen": whether to is the decision at the end
        title = f"the decision on {determiner}{phrase}"
    elif (lemma in lexicon.MAKING_VERBS or _phrasal_making(features)) and head in lexicon.WRITTEN_NOUNS:
        title = f"the {phrase}"
    else:
        return None
    return Draft(_tidy(f"Publish {title} {_date_phrase(features)}"), DraftKind.MILESTONE)


# Checks that flag an aim no one can check: its measure is drafted whatever the label.
_AIM_CHECKS = frozenset({"wording.vague", "wording.uncheckable"})
# Verbs with a particle that make what follows: "Come up with a marketing strategy", "Work out a rota".
_PHRASAL_MAKING = re.compile(
    r"(?:come|came|coming)\s+up\s+with|(?:draw|drew|drawing|write|writing|think|thinking)\s+up"
    r"|(?:put|putting)\s+together|(?:work|working)\s+out",
    re.I,
)


def _phrasal_making(features: Features) -> bool:
    """Whether the key result opens with a verb and particle that make something ("Come up with")."""
    lead = features.lead_verb
    return lead is not None and _PHRASAL_MAKING.match(features.text, lead.span.start) is not None


# "Work with the parish council to draft a tree plan": joint work whose purpose makes something.
_JOINT_WORK = re.compile(
    r"(?:work|collaborate|partner|coordinate|liaise|team up)\s+with\s+(?P<who>.+?)\s+to\s+"
    r"(?P<verb>[a-z]+)\s+(?P<what>.+)",
    re.I,
)


# Process nouns that end: "the archive migration", "the rota restructuring".
_PROCESS_ENDINGS = ("tion", "sion", "ment", "isation", "ization", "ing")
_NOT_PROCESSES = frozenset(
    {"documentation", "information", "communication", "engagement", "management", "recruitment",
     "thing", "training", "meeting", "funding", "everything", "something", "onboarding", "marketing"}
) | ONGOING_NOUNS  # (nor "Curation of the recipes", which goes on)


def _too_short(findings: Sequence[Finding]) -> bool:
    return any(f.name == "wording.too_short" for f in findings)


def _nominal_completion(features: Features) -> Draft | None:
    """ "Complete the archive restructuring by [date]" for a task written as the name of a
    process with an end ("Archive restructuring"): the checkable state is the process done."""
    shape = structure_of(features)
    if features.lead_verb is not None or features.form is not Form.NOUN_PHRASE or not shape.can_take_date:
        return None
    words = features.text[shape.start : shape.end].split()
    if not 1 < len(words) <= 6 or any(not w.replace("-", "").isalpha() for w in words):
        return None
    head = _noun_head(words)
    process = head in lexicon.COMPLETABLE_NOUNS or head.endswith(_PROCESS_ENDINGS)
    if not process or head in _NOT_PROCESSES:
        return None  # (nor "Volunteer onboarding", which goes on)
    if words[0].lower() in lexicon.AIM_WORDS or words[0].lower() in lexicon.DETERMINERS:
        return None
    phrase = " ".join(words)
    # a name in title case ("Mac Signing") keeps its capitals; a capital that only opens the note goes
    titled = len(words) > 1 and all(w[:1].isupper() for w in words)
    opening = phrase[:1].lower() if phrase[1:2].islower() and not titled else phrase[:1]
    return Draft(_tidy(f"Complete the {opening}{phrase[1:]} by {DATE}"), DraftKind.MILESTONE)


def _purpose_made(features: Features) -> Draft | None:
    """ "Draft a tree plan with the parish council by [date]" for "Work with the parish council
    to draft a tree plan": what the joint work makes, dated, with all the author's words."""
    shape = structure_of(features)
    if not shape.can_take_date:
        return None
    match = _JOINT_WORK.fullmatch(features.text, shape.start, shape.end)
    if match is None or match["verb"].lower() not in lexicon.MAKING_VERBS:
        return None
    text = f"{match['verb']} {match['what']} with {match['who']} by {DATE}"
    return Draft(_tidy(text), DraftKind.MILESTONE)


def _publication(features: Features, object_span: SpanRef | None) -> Draft | None:
    """ "Publish the <thing> by [date]" for a task that makes a publishable thing: "Create a
    video teaser for the engine", or a bare name of one ("New engine video teaser")."""
    shape = structure_of(features)
    lead = features.lead_verb
    if time_frame_spans(features.body.text) or shape.question or shape.trails_off:
        return None
    if lead is None:
        phrase = features.text[shape.start : shape.end]
        if len(phrase.split()) > 6:
            return None
    elif _lead_lemma(features) in lexicon.CREATING_VERBS and object_span is not None:
        stop = min([d.span.start for d in features.dates if d.span.start >= object_span.start] + [shape.end])
        phrase = features.text[object_span.start : stop]
    else:
        return None
    phrase = " ".join(_EMPHASIS.sub("", phrase).split()).rstrip(" .,;:")
    # the head before any preposition ("the tenant outreach | through the newsletter" is outreach)
    if not phrase or _noun_head(phrase.split()) not in lexicon.PUBLISHABLE:
        return None
    first, _, rest = phrase.partition(" ")
    if first.lower() in {"a", "an"} and rest:
        phrase = f"the {rest}"  # "a video teaser" -> "the video teaser"
    elif first.lower() not in lexicon.DETERMINERS:
        # "New harbour walking map" -> "the new harbour walking map"; a name keeps its capital
        lowered = phrase[:1].lower() + phrase[1:] if not phrase[1:2].isupper() else phrase
        phrase = f"the {lowered}"
    return Draft(_tidy(f"Publish {phrase} {_date_phrase(features)}"), DraftKind.MILESTONE)


def _inquiry_title(features: Features, after: int, name: str, object_span: SpanRef) -> str | None:
    """What the report of an inquiry is called, or None when the inquiry is a habit
    ("Study Japanese a little every day") or its object is no thing ("we")."""
    if any(
        m.kind == "activity" and m.lemma in lexicon.HABIT_WORDS and m.span.start >= after
        for m in features.markers
    ):
        return None
    stop = min([d.span.start for d in features.dates if d.span.start >= after] + [features.body.end])
    rest = " ".join(features.text[after:stop].split()).rstrip(" .,;:")
    if rest.split(" ", 1)[0].lower() in lexicon.QUESTION_WORDS:
        return f"findings on {rest}"  # "Research whether we qualify for R&D tax credits"
    if _head_word(name) in lexicon.PRONOUNS or name.split(" ", 1)[0].lower().endswith("ing"):
        return None  # "Explore partnering with a school": an activity, no thing to report on
    if _of_at(name):
        return f"report on {' '.join(object_span.text.split())}"  # not "the impact of X report"
    if _head_word(name) in load_words("open_objects"):
        # "Explore ways to cut waste": the ways found, listed with what they are for (not "the ways report")
        return f"list of {' '.join(features.text[object_span.start : stop].split()).rstrip(' .,;:')}"
    return f"{name} report"


# -- shared pieces -----------------------------------------------------------------------------


def _first_word(features: Features) -> str:
    """The first word of the key result's core, lower-cased."""
    words = features.text[structure_of(features).start :].split(maxsplit=1)
    return words[0].lower() if words else ""


def _lead_lemma(features: Features) -> str:
    """The first word of the lead verb's lemma ("keep working" -> "keep"), or ""."""
    words = features.lead_verb.lemma.lower().split() if features.lead_verb is not None else []
    return words[0] if words else ""


def _main_change(features: Features) -> Change | None:
    # A change inside brackets defines the measure ("volunteers (rostered at least twice a
    # month)"); it is not the level to reach, so no slot goes into it.
    changes = [c for c in features.changes if not in_brackets(features.text, c.span.start, square=False)]
    # (a bound typed in ASCII, ">= 40%", is read as the author wrote it, as "≥ 40%" is)
    changes = [with_written_bound(features.text, c) for c in changes]
    for change in changes:
        if change.target is not None or change.baseline is not None:
            return change
    return changes[0] if changes else None


def _stated_targets(features: Features) -> bool:
    dates = [d.span for d in features.dates]
    quantities = [q.span for q in features.quantities]
    return any(not any(d.start <= q.start and q.end <= d.end for d in dates) for q in quantities)


def _deadline(features: Features) -> DateRef | None:
    for date in features.dates:
        if date.is_deadline:
            return date
    return features.dates[0] if features.dates else None


# A rate written as an adjective before what it qualifies ("the monthly supper club").
_RATE_PERIOD = {
    "daily": "day", "weekly": "week", "fortnightly": "fortnight", "monthly": "month",
    "quarterly": "quarter", "yearly": "year", "annual": "year", "annually": "year",
}  # fmt: skip
_ATTRIBUTIVE_RATE = re.compile(
    r"(?:(?:the|a|an|our|their|its)\s+)?(?P<rate>" + "|".join(_RATE_PERIOD) + r")", re.I
)


def _date_phrase(features: Features, *, rate_frames: bool = True) -> str:
    """The author's date ("by June 30"), with "by" added if it has no preposition; else "by [date]".

    Without ``rate_frames`` a rate the author wrote is not taken for the time frame: the
    pace of the work ("a recipe post every fortnight") is not the period of its effect.
    """
    date = _deadline(features)
    if date is None:
        # A rate or event the author wrote ("per quarter", "by GA") is the time frame.
        spans = time_frame_spans(features.body.text) if rate_frames else []
        if spans:
            a, b = spans[0]
            text = features.body.text
            attributive = _ATTRIBUTIVE_RATE.fullmatch(text[a:b].strip())
            if attributive is not None and text[b:].strip()[:1].isalpha():
                # "Run the monthly repair café": the rate names the event; as the time frame it
                # reads "each month", not "the monthly" at the end of the draft
                return f"each {_RATE_PERIOD[attributive['rate'].lower()]}"
            # with the words that lead into it ("at the end of | each week")
            return text[date_lead_start(text, a) : b].strip()
        tag = structure_of(features).cycle_tag
        return f"by the end of {tag}" if tag is not None else f"by {DATE}"
    start = _date_start(features, date)
    written = " ".join(features.text[start : date.span.end].split())
    if written.lower().startswith(_DATE_PREPOSITIONS) or written.lower().startswith(("end ", "the end")):
        return written
    return f"by {written}"


def _date_start(features: Features, date: DateRef) -> int:
    """Where the date phrase starts, including the prepositions just before the span ("by the end of")."""
    return date_lead_start(features.text, date.span.start, features.body.start)


def _before_dates(features: Features) -> int:
    """The end of the body, or the start of a trailing date phrase."""
    end = _body_end(features)
    date = _deadline(features)
    if date is not None and features.text[date.span.end : end].strip() == "":
        start = _date_start(features, date)
        return len(features.text[:start].rstrip())
    return end


def _body_end(features: Features) -> int:
    return structure_of(features).end


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    # a word taken out at the end of a bracket leaves its comma: "(A, B and C, if possible)"
    text = _COMMA_BEFORE_CLOSE.sub(")", text)
    return capitalise_first(text)


_COMMA_BEFORE_CLOSE = re.compile(r"\s*[,;]\s*\)")
