"""Drafts toward the effect of an output count, with the count kept as the means.

An output count ("Run 7 bread-making classes", "Use 4 invoicing tools") says
how much work is done; the draft states the change the work is for and
keeps the author's sentence, count and all, as how it is reached:

- a measure the author wrote beside the count ("Run 8 baking classes with
  90 unique guests in Derby") leads the draft: "Reach 90 unique guests by
  [date], up from [baseline], through running 8 baking classes in Derby";
- a purpose the author wrote that names a measurable effect ("Publish 6
  guides to reduce billing tickets") leads instead, from
  :func:`purpose_draft` (:mod:`krquality.suggest.purposes`);
- otherwise what is counted picks the measure: conversations and calls
  (agreements reached), reviews and audits (issues resolved), tools for a
  named process ("the time invoicing takes");
- events spoken at or held and content written get no such draft: "the
  number of people reached through 5 talks" counts an audience whatever the
  talks are for, and blind reviews judged that reach template bad (the
  measure of what the work improves, where one is named, comes from
  :mod:`krquality.suggest.drafts` or :mod:`krquality.suggest.aims`);
- otherwise the slot says what kind of effect to fill, by what is
  counted (:mod:`krquality.suggest.effects`): "[adoption of the booking
  widgets]", "[on-time delivery of the kitchen refits]";
- where no kind fits ("Oversee the rota change in 4 depots"), the
  measure is left as a plain slot, ``[effect measure]``: a wrong measure
  would be worse than one the author names, and such a draft is never
  offered (:func:`krquality.suggest.rewrite.breaks_rules`).

A flagged vague noun that names the counted things ("4 improvements
to the seed bank") becomes a neutral one ("changes"), since the draft must not
keep it. Every draft is re-analysed and judged like any other
(:mod:`krquality.suggest.rewrite`): filled, the slot reads as a named
measure, so the draft scores what the key result scores once its author
names one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from krquality.features.types import Features, Form, QuantityKind, SpanRef
from krquality.nlp.dates import time_frame_spans
from krquality.result import Finding
from krquality.suggest import lexicon
from krquality.suggest.casing import capitalise_first
from krquality.suggest.effects import effect_kind, effect_slot
from krquality.suggest.invited import asked_effect
from krquality.suggest.purposes import stated_effect
from krquality.suggest.slots import BASELINE, EFFECT, SLOTS, TRIAL_MEASURE
from krquality.suggest.structure import date_lead_start, structure_of

# People counted beside the output: what the output reached.
_REACHED = lexicon.PEOPLE_NOUNS | {
    "people",
    "visitors",
    "guests",
    "readers",
    "viewers",
    "listeners",
    "subscribers",
    "users",
    "customers",
    "sign-ups",
    "signups",
    "registrations",
    "participants",
    "families",
    "residents",
    "patients",
    "clients",
}
# Words that join a measure of people to the things counted: "with 120 visitors", "reaching 80 people".
_JOINING = re.compile(
    r"(?:,\s*)?\b(?:with|reaching|for|and)\s+(?P<bound>at\s+least\s+|over\s+|more\s+than\s+)?$", re.I
)
# A measure of people per output ("40 participants | each"): it stays with the people.
_EACH = re.compile(r"\s+(?:each|per\s+(?:event|session|class|workshop|meetup|evening))\b", re.I)
_OWN_PREPOSITION = re.compile(r"^by\s+(?=(?:this|next|no\s+later|within|in|before|during|until|for)\b)", re.I)
_DONE = re.compile(
    r"\b(?:published|held|written|delivered|done|ran|completed|launched|released|shipped|given|run)\s*$", re.I
)
# A relative clause before a date ends in it: "customers who cancelled | in Q3".
_CLAUSE_BEFORE = re.compile(r"\b(?:who|that|which|whose|where)\s+(?:\S+\s+){0,4}$", re.I)
# Words of a level, not a count of work: "below 20 open tickets", "rating 4.7/5", "fewer than 10".
_LEVEL = re.compile(
    r"\b(?:below|above|under|fewer|less\s+than|at\s+most|no\s+more\s+than|rate|rating|ratio|score|average|median)\b",
    re.I,
)
# The words after a number, up to the people it counts ("120 | unique | visitors").
_WORD_AFTER = re.compile(r"\+?\s+([\w-]+)")

# What is counted, by its head noun, and the effect measure it is for.
_EVENTS = frozenset(
    {"talks", "talk", "presentations", "presentation", "meetups", "meetup", "workshops", "workshop",
     "events", "sessions", "conferences", "fairs", "webinars", "demos", "classes", "lectures", "seminars",
     "panels", "evenings", "nights", "tastings", "screenings", "clinics", "hackathons", "tours", "walks",
     "session", "discussions", "discussion", "meetings", "meeting", "roundtables", "roundtable", "gatherings"}
)
_CONTENT = frozenset(
    {"posts", "articles", "guides", "videos", "episodes", "stories", "tutorials", "newsletters", "pieces",
     "recaps", "whitepapers", "whitepaper", "studies"}
)
_CONVERSATIONS = frozenset(
    {"conversations", "conversation", "calls", "call", "dialogues", "chats", "contacts", "introductions",
     "intros", "pitches"}
)
_REVIEWS = frozenset({"reviews", "audits", "assessments", "inspections", "checks"})
_TOOLS = frozenset(
    {"tools", "tool", "libraries", "library", "packages", "plugins", "frameworks", "techniques",
     "components", "scripts", "templates", "systems"}
)
# Verbs of speaking at events: the events are where, the people there are reached.
_SPEAKING = frozenset(
    {"speak", "speaking", "spoke", "spoken", "present", "presenting", "talk", "talking", "talks", "keynotes",
     "speeches"}
)
_MEASURES = (
    (_CONVERSATIONS, "Increase the number of agreements reached"),
    (_REVIEWS, "Increase the number of issues resolved"),
)
# Things whose only measure here would be a head count of their audience ("people reached",
# "readers reached"): a reach number says nothing of what the work is for.
_AUDIENCE_ONLY = _EVENTS | _CONTENT

# Vague nouns that name the counted things; the draft names them neutrally.
_NEUTRAL = {
    "improvements": "changes",
    "improvement": "change",
    "enhancements": "changes",
    "enhancement": "change",
    "optimizations": "changes",
    "optimisations": "changes",
}
# Vague words that end a list and can go: "fairs/markets/etc".
_LIST_END = re.compile(r"\s*(?:/|,)?\s*\betc\b\.?", re.I)
_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|has been|have been|had been|will be|be|been)\s+(?=\w+(?:ed|en|wn)\b)", re.I
)
_AUXILIARY_LEFT = re.compile(r"\b(?:is|are|was|were|has|have|had|will|can|should|must)\b", re.I)
# Words a noun phrase does not open with: the sentence opens with a clause or a frame.
_NOT_OPENING = frozenset(
    {"for", "in", "on", "at", "by", "during", "every", "each", "after", "before", "when", "if", "with", "to",
     "once", "while", "we", "our", "i", "the team"}
)
# A count, as written after a verb: "5", "3-5", "10+", "two".
_COUNT_WORD = re.compile(
    r"^(?:\d[\d,.]*(?:[-–]\d+)?\+?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)$", re.I
)
# Words before a count that keep it a count ("at least 4 guides").
_COUNT_LEADS = frozenset({"at", "over", "more", "up", "about", "around", "nearly", "almost"})
# "Number of talks: 10": a figure named with its count.
_FIGURE = re.compile(r"(?:the\s+)?number\s+of\s+(?P<things>[^:]+?)\s*:\s*(?P<count>\d[\d,.]*\+?)", re.I)
# Verbs a key result may open with that the tagger can read as nouns ("Report issues on ...").
_VERBS = (
    lexicon.MAKING_VERBS | lexicon.CREATING_VERBS | lexicon.WRITING_VERBS | lexicon.FINDING_VERBS
    | {"report", "present", "post", "host", "hold", "run", "give", "share", "publicise", "publicize",
       "promote", "fund", "fulfil", "fulfill", "support", "deliver", "launch", "organise", "organize",
       "review", "complete", "conduct", "perform", "execute", "teach", "train", "mentor", "visit",
       "contact", "call", "book", "pitch", "film", "record", "interview", "attend", "send", "collect",
       "digitise", "digitize", "pilot", "test", "ship", "write", "lead", "push", "facilitate"}
)


def count_drafts(
    features: Features, findings: Sequence[Finding], counted: Finding, *, things: SpanRef | None, date: str
) -> list[str]:
    """Drafts toward the effect of the output count ``counted``, the count kept as the means.

    ``things`` is the noun phrase the count counts (None when the count says
    where or for whom); ``date`` is the time frame the draft ends its measure
    with ("by [date]", or the author's own).

    >>> from krquality.features.types import Form, LeadVerb, VerbClass
    >>> from krquality.result import Severity
    >>> text = "Oversee 5 kitchen refits"
    >>> features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE,
    ...     LeadVerb(SpanRef(0, 7, "Oversee"), "oversee", VerbClass.ACTIVITY))
    >>> counted = Finding("KRQ104", "metric.output_count", Severity.WARNING, "", 0, len(text))
    >>> count_drafts(features, (), counted, things=None, date="by [date]")[0].split(" from ")[0]
    'Increase [on-time delivery of the kitchen refits]'
    """
    prepared = _prepared(features, findings, counted, date)
    if prepared is None:
        return []
    means, date, reached = prepared
    text = features.text
    if reached is not None:
        measure = " ".join(text[reached[2] : reached[1]].split())
        return [_tidy(f"Reach {measure} {date}, up from {BASELINE}, through {means}")]
    if stated_effect(means) is not None or asked_effect(means) is not None:
        return []  # the author's own effect leads: :func:`purpose_draft`
    head = _head(things, means)
    lead = features.lead_verb
    verb = lead.span.text.split()[0].lower() if lead is not None else ""
    if verb in _SPEAKING or any(w in _SPEAKING for w in means.lower().split()[:4]):
        return []  # talks given: the only measure would be the people reached, not what they are for
    if head in _AUDIENCE_ONLY or re.search(r"\bcommunity calls?\b", means, re.I):
        return []  # events held, content written (an open call too): reach again, no effect
    named: str | None = next((measure for nouns, measure in _MEASURES if head in nouns), None)
    if head in _REVIEWS and not set(means.lower().split()) & lexicon.REVIEWED_WORK:
        named = None  # "pipeline reviews" are meetings; "code reviews" find problems in the work
    if named is None and head in _TOOLS:
        named = _process_time(means, head)
    if named is None:
        # the kind of effect to fill, named by what is counted: "[adoption of the booking widgets]"
        work = verb or means.split()[0].lower()
        slot = effect_slot(*_carried(means, *_effect_things(things, means)), work)
        # (a trial's measure may need to fall as well as rise: "Move")
        rises = slot != EFFECT and not slot.startswith(f"[{TRIAL_MEASURE}")
        named = f"Increase {slot}" if rises else f"Move {slot}"
    measure = named
    return [_tidy(f"{measure} {SLOTS} {date} through {means}")]


def _prepared(
    features: Features, findings: Sequence[Finding], counted: Finding, date: str
) -> tuple[str, str, tuple[int, int, int] | None] | None:
    """The author's sentence as the means, the date the measure ends with and the people reached
    beside the count (None for none); None when no draft toward the count's effect can keep them."""
    shape = structure_of(features)
    if shape.question or shape.trails_off or shape.sentences > 1:
        return None
    text = features.text
    count = next((q for q in features.quantities if counted.start <= q.span.start < counted.end), None)
    if count is not None and count.kind is not QuantityKind.NUMBER:
        return None  # "Fix 60% of the defects": a share of the work, measured elsewhere
    if count is not None and re.match(r"-[a-z]", text[count.span.end : count.span.end + 2], re.I):
        return None  # "a 4-day retreat": a length, not a count of work
    if _LEVEL.search(text[shape.start : shape.end]):
        return None  # "below 20 open tickets": a level, which a measure of effect would not keep
    cuts = _time_spans(features, shape.start, shape.end)
    reached = _reached(features, counted, shape.start, shape.end)
    if reached is not None:
        cuts.append((reached[0], reached[1]))
    means = _means(features, findings, shape.start, shape.end, cuts)
    if means is None:
        return None
    # "by this year", "by no later than June": the author's own preposition is enough
    date = _OWN_PREPOSITION.sub("", date)
    if any(_CLAUSE_BEFORE.search(text[shape.start : a]) for a, _ in cuts):
        return None  # "customers who cancelled in Q3": the date belongs to the clause, not to the draft
    if date[1:2].islower():
        date = date[:1].lower() + date[1:]  # "Each month" ends the measure, mid-sentence
    return means, date, reached


def purpose_draft(
    features: Features, findings: Sequence[Finding], counted: Finding, *, date: str
) -> str | None:
    """The effect the output count's own purpose clause names, leading, the count kept as the
    means (:mod:`krquality.suggest.purposes`): "Reduce billing support tickets from [baseline] to
    [target] by [date] through publishing 6 how-to guides"; None when it names none.

    >>> from krquality.features.types import Form, LeadVerb, VerbClass
    >>> from krquality.result import Severity
    >>> text = "Ship 8 fixes to speed up the checkout process"
    >>> features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE,
    ...     LeadVerb(SpanRef(0, 4, "Ship"), "ship", VerbClass.DELIVERABLE))
    >>> counted = Finding("KRQ104", "metric.output_count", Severity.WARNING, "", 0, 12)
    >>> purpose_draft(features, (), counted, date="by [date]").split(" from ")[0]
    'Reduce the cycle time of the checkout process'
    """
    prepared = _prepared(features, findings, counted, date)
    if prepared is None or prepared[2] is not None:
        return None  # (people reached beside the count lead instead)
    means, date, _ = prepared
    stated = stated_effect(means)
    asked = asked_effect(means) if stated is None else None
    if asked is not None:
        # "Invite 30 parents to join the PTA": the act they are asked to do is what the work is for
        return _tidy(f"Increase {asked[0]} {SLOTS} {date} through {asked[1]}")
    if stated is None:
        return None
    measure, means = stated
    return _tidy(f"{measure} {date} through {means}")


def _time_spans(features: Features, start: int, end: int) -> list[tuple[int, int]]:
    """The dates and rates in ``features.text[start:end]``, with the words that lead into them
    ("by the end of | June"): the draft states its time frame once, after the measure."""
    text = features.text
    spans = [(d.span.start, d.span.end) for d in features.dates if start <= d.span.start < end]
    spans += [(start + a, start + b) for a, b in time_frame_spans(text[start:end])]
    out = []
    for a, b in spans:
        out.append((date_lead_start(text, a, start), b))
    return out


def _reached(features: Features, counted: Finding, start: int, end: int) -> tuple[int, int, int] | None:
    """Where a measure of people written beside the count is (``with 120 unique visitors``):
    the start of its joining word, its end, and the start of its number; None without one."""
    text = features.text
    dated = [(d.span.start, d.span.end) for d in features.dates]
    count = next((q for q in features.quantities if counted.start <= q.span.start < counted.end), None)
    for quantity in features.quantities:
        at = quantity.span.start
        if quantity is count or not start <= at < end or any(a <= at < b for a, b in dated):
            continue
        people = _people_end(text, quantity.span.end)
        joined = _JOINING.search(text[start:at])
        if people is None or joined is None:
            continue
        if (each := _EACH.match(text, people)) is not None:
            people = each.end()
        bound = joined.start("bound") if joined.group("bound") else joined.end()
        return start + joined.start(), people, start + bound
    return None


def _people_end(text: str, at: int) -> int | None:
    """The end of the people named in the three words after ``at`` ("| unique visitors"), or None."""
    for _ in range(3):
        word = _WORD_AFTER.match(text, at)
        if word is None:
            return None
        if word.group(1).lower() in _REACHED:
            return word.end()
        at = word.end()
    return None


def _means(
    features: Features, findings: Sequence[Finding], start: int, end: int, cuts: Sequence[tuple[int, int]]
) -> str | None:
    """The author's sentence as the means to the effect: led by a gerund ("overseeing the
    menu redesign ...") or, with no verb, the counted things ("3 guides written"); None when
    a flagged word in it cannot be taken out."""
    text = features.text
    pieces, at = [], start
    for a, b in sorted(cuts):
        if a >= at:
            pieces.append(text[at:a])
            at = b
    pieces.append(text[at:end])
    means = " ".join(" ".join(pieces).split()).strip(" ,;:.")
    for finding in findings:
        if finding.name != "wording.vague":
            continue
        word = text[finding.start : finding.end].strip()
        if word.lower() in _NEUTRAL:
            means = re.sub(rf"\b{re.escape(word)}\b", _NEUTRAL[word.lower()], means)
        elif word.lower().rstrip(".") == "etc":
            means = _LIST_END.sub("", means)
        else:
            return None  # "several", "better": no neutral word says what the author meant
    if (figure := _FIGURE.fullmatch(means)) is not None:
        means = f"{figure['count']} {figure['things']}"  # "Number of talks: 10" -> "10 talks"
    if not means or "\n" in means or (":" in means and not re.search(r"\d[^:]*:", means)):
        return None  # a colon before the count: a label, not part of the sentence to keep
    lead = features.lead_verb
    words = means.split()
    if lead is not None and means.lower().startswith(lead.span.text.lower()):
        return " ".join([_gerund(words[0]), *_second_verb(words[1:])])
    # a verb the tagger missed, before the count ("Fulfil 5 orders", "Jointly fund 3 grants")
    # or known as one ("Report issues on 2 releases")
    verb_at = 1 if words[0].lower().endswith("ly") else 0
    # (not "Draft posts published": a participle of doing says the first word names the things)
    done = _DONE.search(means) is not None
    opens = len(words) > verb_at + 1 and words[verb_at][:1].isupper() != (verb_at == 1)
    if lead is None and not done and opens:
        counted_next = _COUNT_WORD.match(words[verb_at + 1]) is not None
        verb = words[verb_at].lower()
        if verb in _VERBS or (counted_next and verb.endswith(("ise", "ize", "ify", "ate"))):
            gerund = _gerund(words[verb_at])
            return " ".join(
                [*(w.lower() for w in words[:verb_at]), gerund, *_second_verb(words[verb_at + 1 :])]
            )
        if counted_next:
            return None  # "Join 3 meetups": a first word before the count is a verb we cannot inflect
    counts_first = _COUNT_WORD.match(words[0]) is not None or (
        words[0].lower() in _COUNT_LEADS and any(_COUNT_WORD.match(w) for w in words[1:3])
    )
    named = features.form is Form.NOUN_PHRASE and words[0].lower() not in _NOT_OPENING
    if not (counts_first or named):
        return None  # "For every term, the club runs ...": a clause, which "through" cannot take
    if counts_first and _TAKES_PART.search(means):
        return None  # "40 porters complete the course": people who took part, a clause "through" cannot take
    means = _AUXILIARY.sub("", means)  # "2 guides are written" -> "2 guides written"
    if _AUXILIARY_LEFT.search(means):
        return None
    if (ending := _PARTICIPLE_LAST.fullmatch(means)) is not None and counts_first:
        # "5 meetups spoken at" -> "speaking at 5 meetups": "through 5 meetups spoken at" dangles
        return f"{_participle_gerund(ending['part'])} {ending['prep'].lower()} {ending['things']}"
    if means[1:2].islower() or means[:1].isdigit():
        means = means[:1].lower() + means[1:]
    return means


# People counted with a verb of taking part (checks/attended.py): "60 porters | complete the course".
# Not "attended" or "completed" alone: "5 fairs attended" names the things, then what was done.
_TAKES_PART = re.compile(
    r"\b(?:complete|completes|attend|attends|participated\s+in|participate\s+in|took\s+part|take\s+part|"
    r"went\s+through|go\s+through|engaged\s+in|have\s+(?:attended|completed|participated))\b",
    re.I,
)
_KNOWN = _EVENTS | _CONTENT | _CONVERSATIONS | _REVIEWS | _TOOLS
# A count after a preposition says where or for whom ("trialled at 3 partner sites").
_PLACE_COUNT = re.compile(r"\b(?:in|at|across|for|on|among|within|over)\s+(?:\w+\s+)?\d", re.I)


def _second_verb(words: Sequence[str]) -> list[str]:
    """``words`` after a first verb, with a second verb joined to it made a gerund too
    ("Complete | and support 5 audits" -> "and supporting 5 audits")."""
    joined = len(words) > 2 and words[0].lower() in {"and", "&", "or"} and words[1].isalpha()
    if joined and (_COUNT_WORD.match(words[2]) or words[1].lower() in _VERBS):
        return [words[0], _gerund(words[1]), *words[2:]]
    return list(words)


def _head(things: SpanRef | None, means: str) -> str:
    """The head noun of what is counted, lower-cased: the last word of ``things``, else the
    first known name of work among the six words after the count ("5 build / package publishing
    | tools"), else the first one in ``means`` when it has no count ("Whitepaper or blog posts")."""
    if things is not None and (words := things.text.split()) and words[-1].lower().strip(".,;:") in _KNOWN:
        return words[-1].lower().strip(".,;:")
    number = re.search(r"\d", means)
    if number is not None and _PLACE_COUNT.search(means[: number.end()]):
        return ""
    after = means[number.start() :].split()[1:7] if number is not None else means.split()
    return next((w.lower() for w in after if w.lower() in _KNOWN), "")


# Pieces of work named only as containers: "5 apps | with booking plugins" is about what they carry.
_CONTAINERS = frozenset({"projects", "project", "builds", "sites", "site", "apps", "app"})
# What a container carries: the words after "with" (or "built with", "using") up to a run end.
_CARRIES = re.compile(r"\b(?:with|using)\s+", re.I)
_CARRIED_RUN = re.compile(
    r"(?P<run>(?:[A-Za-z][\w-]*\s+){0,3}?[A-Za-z][\w-]*)(?=\s+(?:or|and|on|in|for|built|confirmed|to|of|at)\b|[,;.]|$)"
)


def _carried(means: str, named: str, head: str) -> tuple[str, str]:
    """What the effect slot names when the counted things are containers of what the work is
    about ("5 apps shipped with booking plugins"): the things carried, if they are of
    a known kind, else nothing, so no slot of the containers' adoption is offered (their
    adoption says nothing of the features or the standard they were built to).

    >>> _carried("5 apps shipped with booking plugins", "apps", "apps")
    ('booking plugins', 'plugins')
    >>> _carried("4 sites delivered with ISO 9001 compliance confirmed", "sites", "sites")
    ('', '')
    >>> _carried("building 4 booking widgets", "booking widgets", "widgets")
    ('booking widgets', 'widgets')
    """
    at = re.search(rf"\b{re.escape(head)}\b", means, re.I) if head in _CONTAINERS else None
    if at is None or (carries := _CARRIES.search(means, at.end())) is None:
        return named, head  # (only "with" after the containers: "using 3 apps" is the work's verb)
    carried = _CARRIED_RUN.match(means, carries.end())
    if carried is None:
        return "", ""  # "with ISO 9001 compliance": a standard, not a thing to take up
    run = carried["run"]
    inner = run.split()[-1].lower()
    return (run, inner) if effect_kind(inner) is not None else ("", "")


# Words after a noun run: its last noun is its head.
_RUN_ENDS = frozenset(
    {"on", "in", "for", "with", "and", "or", "to", "of", "at", "from", "by", "that", "which", "-", "per"}
)  # ("per": "one drill | per site" spreads the work over the sites, which are not what is made)


def _effect_things(things: SpanRef | None, means: str) -> tuple[str, str]:
    """What the effect slot names and its head noun: the counted phrase and its last word, or,
    when that names no kind of thing known (a phrase cut short at "/") or the count follows a
    preposition ("executing on 3 trials"), the first kind of thing named
    among the six words after the count ("3 | garden trials"), or after the verb where there is
    no count ("performing | kitchen inspections | for ..."); ("", "") for none."""
    if things is not None and (words := things.text.split()):
        head = words[-1].lower().strip(".,;:()")
        if effect_kind(head) is not None:
            return things.text, head
    number = re.search(r"\d", means)
    if number is not None:
        after = means[number.start() :].split()[1:7]
    else:
        # no count ("performing kitchen inspections for ..."): the words after the work's gerund
        words = means.split()
        after = words[1:7] if words and words[0].lower().endswith("ing") else words[:6]
    for at, word in enumerate(after):
        if word.lower() in _RUN_ENDS:
            break  # "40 regression tests | for the till app": the app is what they are for, not made
        following = after[at + 1].lower() if at + 1 < len(after) else ""
        # the head ends the noun run ("3 | garden trials | for ..."), not "2 | release | versions"
        ends = not following or following in _RUN_ENDS or following.endswith(("ed", "ing"))
        if ends and effect_kind(word.lower().strip(".,;:()")) is not None:
            return " ".join(after[: at + 1]), word.lower().strip(".,;:()")
    return "", ""


def _process_time(means: str, head: str) -> str | None:
    """ "Reduce the time packaging takes" for tools named after the process they serve
    ("6 packaging tools"); None when no process is named ("5 advanced libraries")."""
    named = re.search(rf"\b(\w+ing)\s+{re.escape(head)}\b", means, re.I)
    if named is None or named.group(1).lower() in {"using", "adopting", "building", "making", "trying"}:
        return None
    return f"Reduce the time {named.group(1).lower()} takes"


# Counted things closed by a participle and its preposition ("5 meetups spoken at").
_PARTICIPLE_LAST = re.compile(
    r"(?P<things>.+?)\s+(?P<part>[a-z]+(?:ed|en))\s+(?P<prep>at|in|on|to|for|with)", re.I
)
_IRREGULAR_PARTICIPLES = {
    "spoken": "speaking", "given": "giving", "written": "writing", "taken": "taking",
    "driven": "driving", "chosen": "choosing", "shown": "showing", "seen": "seeing",
}  # fmt: skip


def _participle_gerund(participle: str) -> str:
    """The -ing form of a past participle ("spoken" -> "speaking", "presented" -> "presenting").

    >>> [_participle_gerund(p) for p in ("spoken", "presented", "used", "planned", "exhibited")]
    ['speaking', 'presenting', 'using', 'planning', 'exhibiting']
    """
    word = participle.lower()
    if word in _IRREGULAR_PARTICIPLES:
        return _IRREGULAR_PARTICIPLES[word]
    stem = word[:-2] if word.endswith("ed") else word
    # "planned" -> "planning", "used" -> "using", "organized" -> "organizing": the stem as written
    return stem + "ing"


def _gerund(verb: str) -> str:
    """The -ing form of a verb ("oversee" -> "overseeing", "run" -> "running").

    >>> [_gerund(v) for v in ("Use", "run", "host", "oversee", "speaking", "tie")]
    ['using', 'running', 'hosting', 'overseeing', 'speaking', 'tying']
    """
    word = verb.lower()
    if word.endswith("ing") and len(word) > 4:
        return word
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    if len(word) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", word):
        return word + word[-1] + "ing"  # "plan", "set", "ship"
    return word + "ing"


def _tidy(text: str) -> str:
    text = " ".join(text.split()).replace(" ,", ",")
    return capitalise_first(text)
