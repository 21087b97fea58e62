"""Checks on task key results: activity with no outcome, and no time frame."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from krquality.checks.base import Check, CheckContext, Example
from krquality.checks.capability import makes_capable, names_capability
from krquality.checks.each_period import state_each_period
from krquality.checks.helpers import (
    body_tokens,
    dated,
    deliverable_nouns,
    direction_without_amount,
    load_words,
    names_a_skill,
    names_measure,
    part_of_a_name,
    phrase_hits,
    verb_lexicon,
)
from krquality.checks.made_count import is_verb_base
from krquality.checks.reported import reported_activity, targets_outside_notes
from krquality.checks.startpoint import held_as_today
from krquality.checks.states import capability_modal, subject_list_state
from krquality.features.types import Form, QuantityKind, SpanRef, VerbClass
from krquality.labels import Label
from krquality.nlp.dates import time_frame_spans
from krquality.result import Finding, Severity

if TYPE_CHECKING:
    from spacy.tokens import Token

T = Label.TASK
M = Label.METRIC
MS = Label.MILESTONE


def _activity_lead(context: CheckContext) -> bool:
    """Whether the key result is led by a verb of activity (built-in, configured or listed)."""
    features = context.features
    lead = features.lead_verb
    if lead is None:
        # "Talked to the suppliers", "We gave feedback on the menus": an activity reported as done
        reported = _reported(context)
        if reported is None:
            return False
        verb = next(t for t in context.body_tokens if t.idx == reported[0])
        # "Held a tasting evening for the street": one event held, a milestone like "Host a ..."
        one_event = verb.lemma_.lower() in load_words("event_verbs") and _one_off(context.text, reported[1])
        return not one_event
    extra = {v.lower() for v in context.config.activity_verbs} | load_words("activity_verbs")
    if lead.verb_class is not VerbClass.ACTIVITY and lead.lemma.lower() not in extra:
        return False
    if any(m.span.start <= lead.span.start < m.span.end for m in features.markers_of("hedge")):
        return False  # "Try to launch": the hedge is wording.hedge's finding
    # "Consider a second site": wording.hedge says it leaves the result open.
    return lead.lemma.split()[0].lower() != "consider"


def goes_on_and_on(context: CheckContext) -> bool:
    """Whether the key result names work that goes on, with no end a date could mark: "Align
    the rota with the main objective", "Establish review practices", "Maintain the stock sheet".

    Read as a milestone or not, it is an activity: ``task.activity`` says so and
    ``milestone.no_deadline`` does not ask for a date. The reading is the one the drafts use
    (:func:`krquality.suggest.ongoing.keeps_going`), so a finding and its draft agree.
    """
    return context.once(_keeps_going)


def gives_time(context: CheckContext) -> bool:
    """Whether the key result gives time with no amount: "Spend more time with the grandparents",
    "Collect the kids and spend the afternoon time together", "Dedicate time to mentoring".

    Time given is effort; with no number of hours or times it is a habit kept up, which no date
    ends: an activity, not a deliverable. ("Spend 2 hours a week on the allotment" counts the
    effort: metric.output_count's finding.)
    """
    if context.features.quantities:
        return False
    tokens = context.body_tokens
    for i, token in enumerate(tokens):
        if (token.lemma_ or token.lower_).lower() not in _GIVING_TIME or token.pos_ != "VERB":
            continue
        if any((t.lemma_ or t.lower_).lower() == "time" and t.pos_ == "NOUN" for t in tokens[i + 1 : i + 5]):
            return True
    return False


# Verbs that give time: "spend", "dedicate", "devote" ... time.
_GIVING_TIME = frozenset({"spend", "dedicate", "devote"})


def _keeps_going(context: CheckContext) -> bool:
    # imported here: the suggestion package imports the checks
    from krquality.suggest.ongoing import keeps_going

    return keeps_going(context.features)


def _reported(context: CheckContext) -> tuple[int, int] | None:
    """The verb of an activity reported as done ("Talked to", "We gave feedback"), configured verbs too."""
    return reported_activity(context, extra=frozenset(v.lower() for v in context.config.activity_verbs))


def names_one_deliverable(context: CheckContext) -> bool:
    """Whether a key result the model reads as a task names one concrete deliverable.

    The words show one thing made or one event held, done or not done: "Document
    the loading steps for new drivers", "Shared queue of repair requests", "Work with
    the wardens to produce a parking plan", "Host a launch evening". Such a key result
    is judged as a milestone (``milestone.no_deadline`` asks for its date) and
    ``task.activity`` stays quiet. Not a measure with no number, a count of things
    made, an end state, or work with no end.

    >>> reads = lambda text: names_one_deliverable(CheckContext.read(text, T))
    >>> reads("Document the loading steps for new drivers"), reads("Hold weekly pipeline reviews")
    (True, False)
    """
    # milestone.no_deadline and task.no_deadline both ask, for every task key result.
    return context.once(_names_one_deliverable)


def _names_one_deliverable(context: CheckContext) -> bool:
    if context.label is not Label.TASK:
        return False
    features = context.features
    if direction_without_amount(features) or names_measure(context):
        return False  # "Reduce late deliveries": a measure with no number
    if any(t.like_num for t in context.body_tokens) and counts_outputs(context):
        return False  # "Build 3 garden planters": a count of things made
    activity_lead = _activity_lead(context)
    lead = features.lead_verb
    if activity_lead:
        event = lead is not None and lead.lemma.split()[0].lower() in load_words("event_verbs")
        if event and lead is not None and _one_off(context.text, lead.span.end):
            return True  # "Host a launch evening": one event
        # "Support SAML sign-in in the console": a capability the product gains, done or not done
        return _delivers_through(context) or names_capability(context)
    if makes_capable(context):
        return True  # "Make the kiosk print receipts": a capability, done or not done
    if _end_state(context):
        return False  # "Tenants can book laundry slots online": a state, not a thing made
    if lead is not None and _ongoing_lead(context, lead.span.start, lead.span.end):
        return False  # "writing letters to the council", "develop more examples": no end to it
    return _names_deliverable(context) or _one_deliverable(context)


def _ongoing_lead(context: CheckContext, start: int, end: int) -> bool:
    """Whether the lead verb is a gerund opening the key result ("writing letters ...") or is
    followed by "more" ("develop more examples"): work that goes on, not one thing made."""
    tokens = [t for t in context.tokens if t.idx >= start]
    if not tokens:
        return False
    gerund = tokens[0].tag_ == "VBG" and start == context.features.body.start
    after = [t for t in tokens if t.idx >= end]
    return gerund or (bool(after) and after[0].lower_ == "more")


def _activity(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    lead = features.lead_verb
    activity_lead = _activity_lead(context)
    # (a report's bracketed note, "(one per depot)", is no number to reach)
    targeted = targets_outside_notes(context) if lead is None else bool(context.targets)
    if targeted and activity_lead and all(_runs_for(context.text, q.span.start) for q in context.targets):
        targeted = False  # "Practise the cello for at least six weeks": how long the work runs
    # Work that goes on is an activity whatever the label or its object: "Align the rota with ...",
    # "Establish review practices" (the practices are no thing made once).
    ongoing = not targeted and (goes_on_and_on(context) or gives_time(context))
    if context.label is not Label.TASK and not (activity_lead and not targeted) and not ongoing:
        return
    if (
        activity_lead
        and lead is not None
        and lead.lemma.split()[0].lower() in load_words("event_verbs")
        and _one_off(context.text, lead.span.end)
    ):
        return  # "Host a launch evening for the new app": one event, done or not done
    if context.label is Label.TASK and (direction_without_amount(features) or names_measure(context)):
        return  # "Reduce late deliveries", "Number of repeat buyers": a measure with no number
    if held_as_today(context):
        return  # "Keep infra costs flat": a level held where it is today, a threshold
    if state_each_period(context):
        return  # "Be profitable every month": a state checked each period; the rate is no activity
    if any(t.like_num for t in context.body_tokens) and counts_outputs(context):
        return  # "Build 3 garden planters": a count of things made, metric.output_count's finding
    if _counted_one(context):
        return  # "Put forward 1 kitchen practice to the board": one thing handed on, done or not
    if activity_lead and _delivers_through(context):
        return  # "Work with the council to draw up a parking plan": the plan is the result
    if activity_lead and names_capability(context):
        return  # "Support SAML sign-in in the admin console": an end state, not ongoing work
    if makes_capable(context):
        return  # "Make the kiosk print receipts": a capability the product gains, done or not done
    if _whole_group_does(context):
        return  # "All new tenants attend a fire-safety briefing": true of every one, a state to check
    if activity_lead and context.label is Label.MILESTONE and _one_event(context):
        return  # "Stage joint harvest supper for the street [Q3]": one event, read as a milestone
    state_lead = not activity_lead or _gerund_subject(context)
    if context.label is Label.TASK and state_lead and _end_state(context):
        return  # "Instructors can register courses": a state to check, not work to do
    if context.label is Label.TASK and not activity_lead and names_a_skill(context) is not None:
        return  # "familiarity with the payroll rules": a skill someone has, a state, not work
    if context.label is Label.TASK and not activity_lead and not ongoing and _names_deliverable(context):
        return  # "Shared queue of open repair requests": a thing made, named without a verb
    if context.label is Label.TASK and not activity_lead and not ongoing and _one_deliverable(context):
        return  # "Document the steps for new drivers": one thing made, done or not done
    # Only the main clause says what the key result is: a verb in "... to engage
    # attendees" or "... the events they attend" is the why or a detail.
    main_end = _main_clause_end(context.text, features.body.start, features.body.end)
    # A gerund before a noun names a thing ("supporting notes", "learning units"), not the work.
    markers = [
        m
        for m in features.markers_of("activity")
        if m.span.start < main_end and not _modifier_at(context, m.span.start)
    ]
    if markers:
        span = markers[0].span  # the activity phrase ("keep working on") says most
    elif activity_lead and lead is not None:
        span = lead.span
    elif activity_lead and (reported := _reported(context)) is not None:
        start, end = reported
        span = SpanRef(start, end, context.text[start:end])  # "Talked to": the verb of the report
    else:
        span = features.body
    message = ACTIVITY.message
    if span is not features.body:
        message = (
            f"'{span.text}' says what you will do, not what will be true when it has worked. "
            "Rewrite it as the result: a number to reach or a deliverable that is done by a date."
        )
    yield ACTIVITY.finding(span.start, span.end, message)


# A span of time the work runs for, before its number: "for at least | six weeks", "for | 3 months".
_RUNS_FOR = re.compile(r"\bfor\s+(?:at\s+least\s+|a\s+minimum\s+of\s+|over\s+|up\s+to\s+)?$", re.I)
_TIME_UNIT = re.compile(r"\S+\s+(?:days?|weeks?|months?|years?|hours?|evenings?|mornings?|sessions?)\b", re.I)


def _runs_for(text: str, start: int) -> bool:
    """Whether the number at ``start`` is how long an activity runs ("Practise the cello for at
    least six weeks"): a duration after "for", which is no level the work reaches."""
    return _RUNS_FOR.search(text, 0, start) is not None and _TIME_UNIT.match(text, start) is not None


# Where the main clause ends: a purpose ("to engage"), a relative clause, a result clause.
_SUBORDINATE = re.compile(
    r"\s(?:to|that|which|who|whom|whose|so|so that|in order to|because|where|when|while)\s|[,;:(]"
    # an indirect question says what the thing made is about ("metrics for how well we promote X")
    r"|\s(?:(?:for|on|about|of)\s+)?(?:how|what|whether|why)\s"
)
# What makes the object of an activity verb one event: "Host a ...", "Run our first ...".
_ONE_OFF = re.compile(
    r"\s+(?:a|an|one|(?:the |our |a )?(?:first|inaugural|initial)|an inaugural|an initial)\s", re.I
)
# Recurring events are activities whatever the article: "Host a meetup every month".
_RECURRING = re.compile(r"\b(?:every|each|per|weekly|monthly|daily|regular|regularly|ongoing|series)\b", re.I)


# Verbs of making one thing that the model may still read as work ("Support
# exporting invoices as PDF", "Document the release steps"): with a plain object
# the key result is an undated deliverable, not an activity.
_MAKING = frozenset({VerbClass.DELIVERABLE})


def _counted_one(context: CheckContext) -> bool:
    """Whether the lead verb's object is counted as exactly one thing ("Propose 1 kitchen
    practice to the board", "Propose one rota rule"): one thing done or not done, not ongoing
    work. Not a measure ("Spend 1 hour a day"), nor one thing again and again ("Hold 1 meeting
    per week")."""
    features = context.features
    lead = features.lead_verb
    if lead is not None:
        verb_end = lead.span.end
    else:
        tokens = body_tokens(context)  # "Propose 1 ...": the verb the tagger read as a noun
        if not tokens or not is_verb_base(tokens[0].lower_):
            return False
        verb_end = tokens[0].idx + len(tokens[0].text)
    first = next((q for q in features.quantities if q.span.start >= verb_end), None)
    if first is None or first.kind is not QuantityKind.NUMBER or first.value != 1:
        return False
    if context.text[verb_end : first.span.start].strip():
        return False  # the count must be the verb's object, right after it
    unit = first.unit or ""
    if not unit.isalpha() or len(unit) < 3 or unit.lower() in _TIME_UNITS:
        return False  # "1 h", "1 day": a measure of time, not a thing
    rest = context.text[first.span.end : features.body.end]
    return _RECURRING.search(rest) is None and not time_frame_spans(rest)


# Units of time a count of one may carry: "1 hour", "1 day" are measures, not things.
_TIME_UNITS = frozenset(
    {"hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "minute", "minutes"}
)


def _one_deliverable(context: CheckContext) -> bool:
    """Whether a key result led by a verb of making names one concrete deliverable.

    The object is a named thing ("Document the release steps", "Fix our
    login timeout") or a capability a product gains ("Support exporting
    invoices as PDF"). Not an unbounded plural of work ("Write blog posts"),
    an open-ended object ("Build relationships with the press"), something
    recurring ("every month"), a vague or hedged phrase, or a count (the
    output check judges those).
    """
    features = context.features
    lead = features.lead_verb
    if lead is None or features.quantities:
        return False
    verb = lead.lemma.split()[0].lower()
    settling = verb in _WRITING_DOWN or verb in load_words("settling_verbs") | load_words("change_verbs")
    if lead.verb_class not in _MAKING and not (lead.verb_class is VerbClass.OTHER and settling):
        return False
    vague = [m for m in features.markers_of("vague") if not part_of_a_name(context, m.span.start, m.span.end)]
    if vague or features.markers_of("hedge"):
        return False
    main_end = _main_clause_end(context.text, features.body.start, features.body.end)
    if any(lead.span.end <= m.span.start < main_end for m in features.markers_of("activity")):
        return False
    rest = _EVERY_TIME.sub(" ", context.text[lead.span.end : features.body.end])
    if _RECURRING.search(rest) is not None or _AS_IT_COMES.search(rest) is not None:
        return False  # "... every month", "... as the team grows": work with no end
    if any(phrase_hits(context.tokens, _uncheckable_phrases())):
        return False  # "Create a culture of feedback": an aim, not a thing made
    following = [t for t in context.tokens if lead.span.end <= t.idx < features.body.end]
    if len(following) < 2:
        return False
    if any(t.lower_ in load_words("open_objects") for t in following[:4]):
        return False  # "Identify opportunities to ...": no point at which it is done
    first = following[0]
    if first.tag_ == "VBG" and verb == "support":
        return True  # a capability the product gains
    if first.lower_ in _NAMING and lead.verb_class in _MAKING:
        return any(t.pos_ in {"NOUN", "PROPN"} for t in following[1:])
    if lead.verb_class in _MAKING and _singular_deliverable(following):
        return True  # "Draft working rules for the kitchen rota", "Build shared stock register"
    if lead.verb_class in _MAKING and _set_for_one_topic(following):
        return True  # "Create specs for routing on the network": one set of documents, one topic
    if not settling:
        return False
    # "Document onboarding requirements", "Identify venues for the fair": writing
    # down or settling on something is one deliverable (the document, the chosen
    # list) whatever the object, unless it is a plural of work products ("Draft
    # recipe cards").
    phrase = []
    for token in following:
        if token.pos_ in {"ADP", "PUNCT", "SCONJ", "CCONJ", "VERB"} and token.text != "-":
            break  # a hyphen joins a compound ("cold-chain rules")
        phrase.append(token)
    nouns = [t for t in phrase if t.pos_ in {"NOUN", "PROPN"}]
    return bool(nouns) and not any(t.lower_ in load_words("output_nouns") for t in phrase)


# "Card payments work on every till": what a thing runs on, a set named whole; not work on it.
_ON_ALL = re.compile(r"\s+(?:all|every|each|any|both)\b", re.IGNORECASE)


def _runs_on_all(text: str, marker: str, end: int) -> bool:
    """Whether an activity marker "work(s) on" is a thing running on a whole set ("Uploads work on
    all modern browsers", "Card payments work on every till"): a capability, not ongoing work."""
    return marker.lower().split()[:1] in (["work"], ["works"]) and _ON_ALL.match(text, end) is not None


def _end_state(context: CheckContext) -> bool:
    """Whether a key result is a sentence about a state reached, with no activity in it.

    "Instructors can register courses", "Supplier list agreed and shared", "Receipts
    should be printed in colour" (a modal states what is required; wording.hedge flags
    it): the model may read them as tasks, but they say what will be true, not what
    will be done; whether the state can be checked is ``wording.uncheckable``'s and
    ``wording.vague``'s to say.
    """
    features = context.features
    gerund = _gerund_subject(context)
    body = context.body_tokens
    # "rust and kotlin are interoperable": the tagger may take the first name for a verb
    listed = subject_list_state(body)
    if (features.form is not Form.STATE and not gerund and not listed) or features.quantities:
        return False
    # A gerund before a noun names a thing ("learning units"), not work being done.
    lead = features.lead_verb
    lead_start = lead.span.start if (gerund or listed) and lead is not None else -1
    # "Riders can check the service history of their bike": what the riders can do once the work is done
    # is the state; its verbs are theirs, not the team's work.
    modal = capability_modal(body)
    capable_from = body[modal].idx if modal is not None else features.body.end + 1
    activity = [
        m
        for m in features.markers_of("activity")
        if m.span.start != lead_start
        and m.span.start < capable_from
        and not _modifier_at(context, m.span.start)
        and not _runs_on_all(context.text, m.span.text, m.span.end)
    ]
    if activity or any(not _modal(context, m.span.start, m.span.end) for m in features.markers_of("hedge")):
        return False
    # An active verb of ongoing work is still work: "The team works on the backlog". A vague
    # verb counts only in the main clause: "... to improve their skills" is the why.
    main_end = _main_clause_end(context.text, features.body.start, features.body.end)
    lexicon = verb_lexicon()
    for i, token in enumerate(context.tokens):
        if token.idx == lead_start or token.idx >= capable_from or _modifier_at(context, token.idx):
            continue
        if token.pos_ == "VERB" and token.tag_ not in {"VBN", "VBD"}:
            after = context.tokens[i + 1].lower_ if i + 1 < len(context.tokens) else ""
            found = lexicon.lookup(token.lemma_.lower(), after)
            kinds = (VerbClass.ACTIVITY, VerbClass.VAGUE) if token.idx < main_end else (VerbClass.ACTIVITY,)
            on_end = context.tokens[i + 1].idx + len(after) if after == "on" else -1
            if on_end > 0 and _runs_on_all(context.text, token.text, on_end):
                continue  # "Card readers work on every till": a capability
            if found is not None and found[1] in kinds:
                return False
    return True


# Modals that state a required end state ("Receipts should be printed in colour"): the
# sentence still says what will be true, and wording.hedge flags the soft word itself.
_STATE_MODALS = frozenset({"should", "must", "shall"})
# Verbs after such a modal that say how a thing is, not what someone does: "The kiosk
# should accept cards", "names should show". "Staff should greet visitors" is still work.
_STATE_VERBS = frozenset(
    {"be", "work", "show", "load", "accept", "handle", "include", "contain", "display", "appear"}
    | {"open", "match", "stay", "remain", "fit", "allow", "let", "support", "render", "sync"}
    | {"have", "hold", "carry", "cover"}  # "The handbook should have a page for each depot": what it holds
)


def _modal(context: CheckContext, start: int, end: int) -> bool:
    """Whether the hedge at ``[start, end)`` is a modal past a subject before a verb of state."""
    tokens = context.tokens
    at = [i for i, t in enumerate(tokens) if start <= t.idx < end]
    if len(at) != 1 or tokens[at[0]].lower_ not in _STATE_MODALS:
        return False
    if tokens[at[0]].idx <= context.features.body.start:
        return False  # "Should we ...?" opens a question
    after = tokens[at[0] + 1] if at[0] + 1 < len(tokens) else None
    return after is not None and (after.lower_ in _STATE_VERBS or after.lemma_.lower() in _STATE_VERBS)


# Words that open a subject meaning every member of a group: "All new tenants", "Every apprentice".
_UNIVERSAL = frozenset({"all", "every", "each"})


def _whole_group_does(context: CheckContext) -> bool:
    """Whether the key result says a whole group, named as its subject, does something once:
    "All new tenants attend a fire-safety briefing", "Every apprentice takes part in a site
    visit". The verb is the group's, not the team's work, and the sentence is true or not of
    every member: a state to check. Not a recurring frame ("All staff attend the weekly
    stand-up": a habit, an activity) and not a verb before the group ("Brief all new tenants").
    """
    body = context.body_tokens
    if len(body) < 3 or body[0].lower_ not in _UNIVERSAL:
        return False
    # The group's verb: the first verb in the present tense after the quantifier.
    verb = next((i for i, t in enumerate(body) if t.tag_ in {"VBP", "VBZ"}), None)
    if verb is None or _RECURRING.search(context.text, body[verb].idx) is not None:
        return False
    # Between the quantifier and the verb: only the group's words ("all new tenants", "all of
    # our drivers").
    between = body[1:verb]
    group = {"ADJ", "NOUN", "PROPN", "DET", "ADP", "PRON", "NUM"}
    named = any(t.pos_ in {"NOUN", "PROPN"} for t in between)
    return named and all(t.pos_ in group for t in between)


def _modifier_at(context: CheckContext, offset: int) -> bool:
    """Whether the token at ``offset`` is a gerund before a noun ("learning units", "working rules")."""
    tokens = context.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.idx == offset:
            gerund = token.tag_ in {"VBG", "NN"} and token.lower_.endswith("ing")
            return gerund and tokens[i + 1].pos_ == "NOUN"
    return False


_BE = frozenset({"is", "are", "was", "were"})


def _gerund_subject(context: CheckContext) -> bool:
    """Whether the lead "verb" is a gerund naming the subject of a passive state:
    "Mentoring rules for new stewards are agreed" (what is true, not work to do).

    The pipeline has a stricter rule for the same sentences (``LeadVerbFinder._gerund_subject``
    in krquality.nlp.lead: such a sentence gets no lead verb), so this one runs only where
    that rule said no. It is looser, and is not merged into it: it reads on past a
    clause inside the subject or an aside ("Coaching notes which are shared are agreed",
    "Visiting drills, while busy, are done") and takes any "-ing" word the tagger calls a
    verb. Using the pipeline's rule here would raise ``task.activity`` on such sentences
    (546 of 2,450 written to test it), and widening the pipeline's would change the features.
    """
    lead = context.features.lead_verb
    if lead is None or lead.span.start != context.features.body.start:
        return False
    tokens = [t for t in context.tokens if t.idx >= lead.span.start]
    if len(tokens) < 4 or not tokens[0].lower_.endswith("ing") or tokens[1].pos_ not in {"NOUN", "PROPN"}:
        return False
    for a, b in pairwise(tokens[2:]):
        if a.lower_ == "to" or a.pos_ == "VERB":
            return False  # "Motivating members to get involved": the gerund is the work
        if a.lower_ in _BE:
            return b.tag_ in {"VBN", "JJ"}
    return False


def counts_outputs(context: CheckContext) -> bool:
    """Whether ``metric.output_count`` finds a count of things made or held in the key result."""
    from krquality.checks.metric import OUTPUT_COUNT

    detect = OUTPUT_COUNT.detect
    return detect is not None and next(iter(detect(context)), None) is not None


# Verbs of working with others: the manner of the work, not what it produces.
_TOGETHER = frozenset({"work", "collaborate", "partner", "team", "coordinate", "liaise", "cooperate"})


def _delivers_through(context: CheckContext) -> bool:
    """Whether work with others leads to one thing made: "Work with the wardens to draw up a
    parking plan", "Collaborate on and deliver a shared glossary" (the thing made is the result)."""
    lead = context.features.lead_verb
    if lead is None or lead.lemma.split()[0].lower() not in _TOGETHER:
        return False
    lexicon = verb_lexicon()
    tokens = [t for t in context.tokens if lead.span.end <= t.idx < context.features.body.end]
    for i, token in enumerate(tokens[:-2]):
        if token.lower_ not in {"to", "and"}:
            continue
        verb = tokens[i + 1]
        found = lexicon.lookup((verb.lemma_ or verb.lower_).lower(), tokens[i + 2].lower_)
        if found is None or found[1] is not VerbClass.DELIVERABLE or i + 1 + found[2] >= len(tokens):
            continue
        rest = tokens[i + 1 + found[2] :]  # after "draw up", "set up": the object
        return rest[0].lower_ in _NAMING or _singular_deliverable(rest)
    return False


def _one_event(context: CheckContext) -> bool:
    """Whether an event verb's object is one event with no article ("Run joint harvest supper")."""
    lead = context.features.lead_verb
    if lead is None or lead.lemma.split()[0].lower() not in load_words("event_verbs"):
        return False
    if _RECURRING.search(context.text, lead.span.end) is not None:
        return False
    phrase = []
    for token in (t for t in context.tokens if t.idx >= lead.span.end):
        if token.pos_ not in {"ADJ", "NOUN", "PROPN"}:
            break
        phrase.append(token)
    return bool(phrase) and phrase[-1].tag_ in {"NN", "NNP"}


def _singular_deliverable(tokens: Sequence[Token]) -> bool:
    """Whether the noun phrase at the start of ``tokens`` ends in one thing made ("working definition")."""
    phrase = []
    for token in tokens:
        if token.pos_ not in {"ADJ", "NOUN", "PROPN", "VERB"} and token.text not in {"-", "/"}:
            break
        phrase.append(token)
    nouns = [t for t in phrase if t.pos_ in {"NOUN", "PROPN"}]
    if not nouns or nouns[-1].tag_ not in {"NN", "NNP"}:
        return False
    return (nouns[-1].lemma_ or nouns[-1].lower_).lower() in deliverable_nouns()


def _set_for_one_topic(tokens: Sequence[Token]) -> bool:
    """Whether the object is a plural of a document made once, then the one topic it covers:
    "specs for routing on the network", "templates for the payroll export". The set is one
    deliverable, done or not done; a plural of work products ("blog posts", "videos",
    ``checks/data/output_nouns.txt``) or one with no topic ("Write specs") is not."""
    phrase = []
    for token in tokens:
        if token.pos_ not in {"ADJ", "NOUN", "PROPN"} and token.text != "-":
            break
        phrase.append(token)
    nouns = [t for t in phrase if t.pos_ in {"NOUN", "PROPN"}]
    if not nouns or nouns[-1].tag_ not in {"NNS", "NNPS"} or len(phrase) >= len(tokens):
        return False
    head = nouns[-1]
    if head.lower_ in load_words("output_nouns"):
        return False
    if (head.lemma_ or head.lower_).lower() not in deliverable_nouns():
        return False
    topic = tokens[len(phrase) :]
    return topic[0].lower_ in {"for", "on", "about", "of", "covering"} and len(topic) > 1


# What may follow the thing named: what it is of or about ("Queue of open requests").
_ABOUT = frozenset({"of", "for", "about", "on", "from", "covering", "listing", "to"})
# Words that make a named piece of work ongoing: "Continued refactoring of the module".
_ONGOING = frozenset({"continued", "ongoing", "continuous", "continual", "regular", "more", "better"})


def _names_deliverable(context: CheckContext) -> bool:
    """Whether a key result with no verb of its own names a thing made: "Shared queue of open
    requests the desk is handling", "Checklist and short write-up of the spring audit"."""
    features = context.features
    if features.lead_verb is not None or features.quantities or features.markers_of("hedge"):
        return False
    if features.markers_of("vague") or context.lowers & _ONGOING or _RECURRING.search(context.text):
        return False  # "Better documentation of ...", "Continued refactoring", "... every month": work
    # The head of each joined part is its last noun: "Data and short narrative of ..." names
    # two things made; in "Documentation restructuration" the thing is the restructuring.
    heads: list[Token] = []
    last: Token | None = None
    body = context.body_tokens
    following: Token | None = None
    for i, token in enumerate(body):
        modifier = token.tag_ in {"VBN", "VBG"} and i + 1 < len(body) and body[i + 1].pos_ == "NOUN"
        if modifier:
            continue  # "Shared queue", "Printed rota": a participle describing the thing
        if token.pos_ in {"ADP", "VERB", "AUX", "SCONJ"} or (token.is_punct and token.text not in {"/", "-"}):
            following = token
            break
        if token.pos_ == "CCONJ" and last is not None:
            heads.append(last)
        if token.pos_ in {"NOUN", "PROPN"}:
            last = token
    heads += [last] if last is not None else []
    if following is not None and not following.is_punct and following.lower_ not in _ABOUT:
        return False  # "Grants committee reviews ...", "Pair program with ...": a sentence about work
    return any(
        t.tag_ in {"NN", "NNP"} and (t.lemma_ or t.lower_).lower() in deliverable_nouns() for t in heads
    )


def _uncheckable_phrases() -> tuple[str, ...]:
    """The uncheckable states of ``checks/data/uncheckable.txt``, as phrases to look for."""
    return tuple(sorted(load_words("uncheckable")))


# Verbs of writing something down: the written thing is the deliverable.
_WRITING_DOWN = frozenset({"document", "define", "specify", "draft", "outline", "map", "write"})
# A clause that ties the work to events as they happen: "draft policies as the team grows",
# "identify regressions as they come up", "whenever the data shows something".
_AS_IT_COMES = re.compile(r"\bas\s+(?:the|we|they|it|our|new|needed|required)\b|\bwhenever\b", re.IGNORECASE)
# "every time" describes when a bug shows, not a recurring piece of work.
_EVERY_TIME = re.compile(r"\bevery\s+time\b", re.IGNORECASE)


# Determiners that make the object one named thing.
_NAMING = frozenset({"the", "a", "an", "our", "its", "their", "this", "that", "one"})


def _main_clause_end(text: str, start: int, end: int) -> int:
    """Where the main clause of ``text[start:end]`` ends (``end`` when it has no subordinate part)."""
    match = _SUBORDINATE.search(text, start + 1, end)
    return match.start() if match is not None else end


def _one_off(text: str, after_verb: int) -> bool:
    """Whether the activity verb's object is a single event ("Hold a launch evening"), not a recurring one."""
    return _ONE_OFF.match(text, after_verb) is not None and _RECURRING.search(text, after_verb) is None


ACTIVITY = Check(
    code="KRQ301",
    name="task.activity",
    alias="activity-without-outcome",
    severity=Severity.WARNING,
    message=(
        "This is an activity, not a result. Say what will be true when it has worked: a number "
        "to reach or a deliverable done by a date."
    ),
    docs=(
        "OKRs separate what you want to be true (the key result) from what you will do to "
        'get there (the plan). An activity ("hold weekly pipeline reviews", "work on '
        'onboarding") can be done perfectly while nothing improves, and has no point at '
        'which it is finished. Ask "why are we doing this?" and write the answer as the '
        "key result. The model may read one thing made as a task; where the words show it (a "
        "deliverable named with no verb, \"Work with the wardens to produce a parking plan\", a "
        "state sentence, one change such as \"Add allergen fields to the form\", a count of "
        "things made, which is metric.output_count's finding, one set of documents for one "
        "topic, \"Create specs for labelling on the line\", one thing counted as one, \"Propose "
        "1 kitchen practice to the regional board\"; not one thing again and again, "
        "\"Hold 1 meeting per week\") this check stays quiet; one "
        "deliverable is then judged as a milestone, and milestone.no_deadline asks for its date. "
        "A sentence with no activity verb of the team's is no activity either: a capability "
        "(\"Tenants can read the repair schedule\" says what they can do once the work is "
        "done; \"We can ...\" is the team's work), names listed before a state (\"The till and "
        "the scale are compatible\") or a capability named as a noun (\"Support for gift cards "
        "in the checkout\"; support for people or an effort is still work). "
        "An activity reported as done, in the past tense or with \"we\" or \"I\" as the subject "
        "(\"Talked to the suppliers about the delivery slots\", \"We gave feedback on the draft "
        "rota\"), is still an activity and scores like one, whatever the model reads; a report "
        "of a thing made (\"Launched the tenant portal\") or of one event held (\"Held a "
        "tasting evening for the street\") is a milestone. How long the work runs (\"Practise "
        "the cello for at least six weeks\") is no target: the key result is still an activity, "
        "whatever the model reads; a level held over the span (\"Keep the error rate below 1% for "
        "6 weeks\") is one. "
        "A whole group named as the subject "
        "of a one-off verb (\"All new tenants attend a fire-safety briefing\") says what is true of "
        "every member, a state to check; with a recurring frame (\"All staff attend the weekly "
        "stand-up\") it is a habit, an activity. A modal before a verb of having (\"The handbook "
        "should have a page for each depot\") states a required end state, as \"should be\" does. "
        "A state held each period is no activity either, the rate words saying how often it is "
        "checked (\"Be profitable every month\", \"Stay cash positive each quarter\", \"Full pantry "
        "every weekend\"; not an event or work on a schedule, \"Team sync every week\"), nor a thing "
        "that works on a whole set (\"Card payments work on every till\": a capability), nor is a "
        "causative \"make\" that gives a product a capability (\"Make the kiosk print receipts\", a "
        "deliverable; not people, \"Make the volunteers feel welcome\"), nor a measure named with a "
        "sign or by its own noun (\"% of weekly orders with the gift-wrap option\", \"Tenant "
        "satisfaction with the repair service\": metric.no_target's finding). Work "
        "that goes on, with no end a date could mark, is an activity whatever the label and "
        "whatever its object (\"Align the delivery rota with the main objective\", \"Establish weekly "
        "review practices for the kitchen\"), and so is time given with no amount (\"Walk the dog and "
        "spend the evening time together\"); milestone.no_deadline does not ask for their date."
    ),
    bad=(
        Example("Hold weekly pipeline reviews", T),
        Example("Keep working on the billing migration", T),
        Example("Research competitor pricing", T),
        Example("Write blog posts", T),
        Example("Build relationships with the local press", T),
        Example("Identify opportunities to automate invoicing", T),
        Example("Create a culture of feedback", T),
        Example("Discuss pricing with the board", MS),
        Example("Should we look at cheaper couriers?", T),
        Example("Documentation restructuration", T),
        Example("Motivating members to get involved with the repair café", T),
        Example("Better internal communication processes", T),
        Example("Continued refactoring of the legacy booking module", T),
        Example("Rota committee reviews swap requests on a rolling basis", T),
        Example("Support the sales team with quarterly forecasts", T),
        Example("Support the launch of the loyalty app", T),
        Example("Support new volunteers at the food bank", T),
        Example("Talked to the suppliers about the delivery slots", T),
        Example("We gave feedback on the draft rota to the ward leads", T),
        Example("We worked on the tenant portal", MS),
        Example("We can learn more on the repair schedule for the block", T),
        Example("Support for the new volunteers at the food bank", MS),
        Example("Practise the cello scales for at least six weeks", M),
        Example("All staff attend the weekly stand-up", T),
        Example("Brief all new tenants on fire safety", T),
        Example("Team sync every week", T),
        Example("Make the volunteers feel welcome", T),
        Example("Align the delivery rota with the main objective", MS),
        Example("Establish weekly review practices for the kitchen", T),
        Example("Walk the dog and spend the evening time together", MS),
    ),
    good=(
        Example("All new tenants attend a fire-safety briefing", T),
        Example("Card payments work on every till in the shop", T),
        Example("Every apprentice takes part in a site visit", T),
        Example("The handbook should have a page for each depot", T),
        Example("Raise pipeline coverage from 2x to 3x of the quarterly target", M),
        Example("Hold the bakery's headcount steady", T),
        Example("Keep the error rate of the card reader below 1% for 6 weeks", M),
        Example("Move all invoices to the new billing provider by 31 August", MS),
        Example("Host a launch evening for the new cookbook by 12 April", MS),
        Example("Ship a booking form that lets members pick the classes they attend by May", MS),
        Example("Document the loading steps for new drivers", T),
        Example("Document cold-chain rules for the new depot", T),
        Example("Support exporting invoices as PDF", T),
        Example("Support SAML sign-in in the admin console", T),
        Example("Support the new e-invoice format in the billing export", T),
        Example("Handle CSV imports with more than one sheet", T),
        Example("Hold our first open studio evening", T),
        Example("Identify venues for the spring fair", T),
        Example("Grow newsletter sign-ups", T),
        Example("Shared queue of repair requests the caretakers are handling", T),
        Example("Checklist and short summary of the spring fire drill", T),
        Example("Mentoring rules for new stewards are agreed", T),
        Example("Tenants are able to book laundry slots online", T),
        Example("Volunteers can get starter kits to improve their first shifts", T),
        Example("Work with the wardens to produce a parking plan", T),
        Example("Collaborate on and deliver a shared glossary for the archive", MS),
        Example("Draft working rules for the kitchen rota [Q2]", T),
        Example("Add allergen fields to the recipe form", T),
        Example("Stage joint harvest supper for the street [Q3]", MS),
        Example("Build 3 prototype kiosks for the market", T),
        Example("Number of walkers joining our Sunday routes", M),
        Example("Receipts should be printed in colour", T),
        Example("Knowledge of food safety rules among new cooks", T),
        Example("We launched the tenant portal", MS),
        Example("Held a tasting evening for the street to meet the new bakers", MS),
        Example("We reached 400 paying members", M),
        Example("Tenants can read the repair schedule for their block", T),
        Example("The till and the scale are compatible", T),
        Example("Support for gift cards in the bakery checkout", MS),
        Example("Create specs for labelling on the recycling line", T),
        Example("Propose 1 kitchen practice to the regional board", T),
        Example("Be profitable every month", T),
        Example("Stay cash positive each quarter", T),
        Example("Make the kiosk print receipts", T),
        Example("% of weekly orders with the gift-wrap option", T),
        Example("Tenant satisfaction with the repair service", T),
    ),
    detect=_activity,
)


def _no_deadline(context: CheckContext) -> Iterator[Finding]:
    if context.label is Label.TASK and not dated(context):
        if names_one_deliverable(context):
            return  # one deliverable: milestone.no_deadline asks for its date, as a warning
        body = context.features.body
        yield TASK_NO_DEADLINE.finding(body.start, body.end)


TASK_NO_DEADLINE = Check(
    code="KRQ302",
    name="task.no_deadline",
    alias="task-without-time-frame",
    severity=Severity.INFO,
    message="No time frame. When you rewrite this as a result, say by when it should be true.",
    docs=(
        "Open-ended work with no date never becomes late, so it never gets reviewed. This is "
        "only information: the real fix is to rewrite the task as a metric or a milestone, "
        "with a date. Where the words name one deliverable (\"Document the loading steps\"), "
        "milestone.no_deadline asks for its date instead."
    ),
    bad=(Example("Help the sales team with demos", T),),
    good=(
        Example("Help the sales team with demos until the end of Q2", T),
        Example("Sort out the stock room [Q3]", T),
        Example("Plan the volunteer rota (H1)", T),
        Example("Collect supplier quotes {Q4_2022}", T),
        Example("Document the loading steps for new drivers", T),
    ),
    detect=_no_deadline,
)


CHECKS: tuple[Check, ...] = (ACTIVITY, TASK_NO_DEADLINE)
