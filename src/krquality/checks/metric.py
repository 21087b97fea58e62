"""Checks on metric key results: baseline, target, unit, outputs posing as outcomes, time frame."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from krquality.checks import (
    attended,
    effort,
    habits,
    handled,
    made_count,
    outputs,
    ownref,
    placed,
    provided,
    startpoint,
)
from krquality.checks.base import Check, CheckContext, Example
from krquality.checks.helpers import (
    baselines,
    change_of,
    dated,
    direction_without_amount,
    load_words,
    moves_a_measure,
    names_measure,
    sets_a_window,
    tokens_after,
)
from krquality.checks.scope import is_scope, scope_spans, sized_scope
from krquality.checks.untargeted import read_as_deliverable
from krquality.features.types import Direction, Features, Form, LeadVerb, Quantity, QuantityKind, VerbClass
from krquality.labels import Label
from krquality.nlp.quantities import is_measure_name
from krquality.result import Finding, Severity

if TYPE_CHECKING:
    from spacy.tokens import Token

M = Label.METRIC
MS = Label.MILESTONE
T = Label.TASK

# Keeping a level ("keep churn below 2%") needs no starting point.
_KEEP = (Direction.KEEP_ABOVE, Direction.KEEP_BELOW)
# Verbs that state a level to reach; a count after other verbs ("Sign 12
# partners") starts from zero, so a missing baseline is not missing.
_LEVEL_VERBS = (VerbClass.OUTCOME, VerbClass.MULTIPLIER, VerbClass.VAGUE)
# Verbs that keep a level ("Maintain 99.9% uptime", "Keep latency between 100
# and 200 ms"): the target is the level itself, no starting point is missing.
_KEEP_VERBS = frozenset({"keep", "maintain", "sustain", "stay", "remain", "hold"})
# Outcome verbs whose bare count is what happens within the cycle, so it starts
# from zero: "Win 8 games", "Sell 400 units", "Raise $2M" (not "Reach 10k users").
_COUNT_VERBS = frozenset(
    {
        "win",
        "sell",
        "acquire",
        "secure",
        "book",
        "earn",
        "generate",
        "save",
        "convert",
        "gain",
        "score",
        "raise",
        "land",
    }
)


def _bare_count(features: Features) -> bool:
    """Whether every change is a number standing alone ("8 of 12", "400"), with no
    "to", comparator or relative word."""
    return bool(features.changes) and all(
        c.baseline is None and not c.is_relative and c.is_bare for c in features.changes
    )


# Words after "by N%" that make it a share of a whole, not a relative change:
# "used by 100% of the teams", "adopted by 60% of members".
_SHARE_AFTER = frozenset({"of"})


# Verbs that move a level; with one anywhere in the key result ("Try to increase
# NPS to 48"), a "to N" is a level to reach, not a count done within the cycle.
_MOVE_WORDS = frozenset(
    {
        "increase", "raise", "grow", "reach", "reduce", "cut", "decrease", "improve", "boost", "lift",
        "double", "triple", "halve", "lower", "drop", "expand", "get", "bring", "push", "move", "shrink",
    }
)


def _count_in_cycle(features: Features, *, text: str, words: frozenset[str] = frozenset()) -> bool:
    """Whether every change counts things done within the cycle, so it starts from zero.

    The lead verb does something ("Contribute to 3 proposals", "Run 4
    workshops"), not move a level ("Increase", "Reach"), and the target is a
    plain count; or a "by N%" is followed by "of" ("used by 100% of teams"),
    a share read as a change.
    """
    lead = features.lead_verb
    changes = features.changes
    if not changes:
        return False
    shares = all(
        c.is_relative
        and c.target is not None
        and text[c.span.end : c.span.end + 4].strip().lower() in _SHARE_AFTER
        for c in changes
    )
    if shares:
        return True
    lead_word = lead.lemma.split()[0].lower() if lead is not None else ""
    rate = any(c.target is not None and c.target.kind is QuantityKind.PERCENT for c in changes)
    if lead_word in _RECEIVING and not rate and all(c.is_bare and c.baseline is None for c in changes):
        return True  # "Get 8 design critiques": received within the cycle, from zero
    if lead is None or lead.verb_class in _LEVEL_VERBS or not words.isdisjoint(_MOVE_WORDS):
        return False
    return all(
        c.baseline is None
        and not c.is_relative
        and c.target is not None
        and c.target.kind is QuantityKind.NUMBER
        and c.direction not in (Direction.DECREASE,)
        for c in changes
    )


# Counted things that are a standing total, not what happens within the cycle:
# "900 followers" is a level the account already has some of.
_STOCK_NOUNS = frozenset(
    {"followers", "subscribers", "stars", "mau", "maus", "dau", "daus"}
)
# Verbs that state a level as reached or had, not a count done.
_HAVE_VERBS = frozenset({"get", "have", "achieve", "hit", "attain", "see", "ensure"})
# Words that make a number a level of a rate or a score, not a count done: "20+ average
# attendance", "sentiment above 11 NPS".
_LEVEL_WORDS = frozenset({"average", "mean", "median", "nps", "csat", "rating", "score"})
# Words right after a count of people that make it a standing level, like a stock:
# "100 weekly users", "40 monthly active members".
_ACTIVE_WORDS = frozenset({"weekly", "monthly", "daily", "active", "regular", "returning", "recurring"})
# A recurring frame after a count of people: "15 members use it every week".
_EVERY_PERIOD = re.compile(
    r"\b(?:every|each|per)\s+(?:day|week|month|session|meeting)\b|\b(?:weekly|monthly|daily)\b", re.I
)


# Words that bound a level from one side, written before its number ("a maximum of 4 days").
_BOUND_BEFORE = re.compile(
    r"\b(?:(?:a|the)\s+)?(?:maximum|minimum|max\.?|min\.?)\s+of\s+$|\bno\s+(?:more|less|longer|fewer)\s+than\s+$",
    re.IGNORECASE,
)


def _stated_level(context: CheckContext, target: Quantity) -> bool:
    """Whether the key result states a level of a rate or a standing total with no move and no
    keep verb: "80% or higher satisfaction", "at least half of orders ship the same day",
    "900 followers", "zero overdue inspections". Such a level needs today's value beside it; a count done
    within the cycle ("9 stewards recruited") and a share of something new taken up ("used by
    80% of the offices") do not.
    """
    features = context.features
    lead = features.lead_verb
    verb = lead.lemma.split()[0].lower() if lead is not None else ""
    stating = lead is None or lead.span.start > target.span.start or verb in _HAVE_VERBS | {"take", "be"}
    if stating and _BOUND_BEFORE.search(context.text, 0, target.span.start):
        return True  # "Repairs take a maximum of 4 days": a bound on a level, like "at most"
    if lead is not None and lead.span.start < target.span.start and verb not in _HAVE_VERBS:
        return False  # "Complete 100% of the safety modules": done within the cycle
    moves = (Direction.INCREASE, Direction.DECREASE)
    if any(c.is_relative or c.direction in moves for c in features.changes):
        return False  # a move is judged by the rest of the check
    before = context.text[max(0, target.span.start - 4) : target.span.start].lower()
    if before.endswith("by "):
        return False  # "used by 80% of the offices": taken up, from nothing
    counted_people = target.kind is QuantityKind.NUMBER and "new" not in context.lowers
    if counted_people and _standing_count(context, target):
        return True  # "100 weekly users of the updated app": the people active each week, a level
    if outputs.share_of_work_done(context) is not None or context.lowers & _DONE_STATES:
        return False  # "Fix 60% of the defects", "90% of sites migrated": work done in the cycle
    if any(t.lower_ in _RELEASED and t.idx < target.span.start for t in context.tokens):
        return False  # "The app is deployed with 80% of the agreed scope": scope done, not a level
    if target.kind is QuantityKind.PERCENT:
        return True
    if target.kind is not QuantityKind.NUMBER or target.value is None:
        return False
    if target.value == 0:
        return True  # "zero overdue inspections": a state to reach, from some number today
    unit = (target.unit or "").lower()
    if "new" in context.lowers:
        return False  # "40 new members": counted from zero within the cycle
    return unit in _STOCK_NOUNS or not _LEVEL_WORDS.isdisjoint(context.lowers)


def _standing_count(context: CheckContext, target: Quantity) -> bool:
    """Whether a count of people is a standing level: "100 weekly users of the app", "15 members
    use the tool every week" (the people active in each period, some of them today), not a
    count of things made ("3 posts published every week" is metric.output_count's)."""
    after = tokens_after(context.tokens, target.span.end, 2)
    if after and not _ACTIVE_WORDS.isdisjoint(t.lower_ for t in after):
        return True
    counted = (target.unit or "").lower()
    if counted not in _NOT_OUTPUT and not _acting(context.tokens, target.span.end):
        return False  # "3 vans serviced every month": things, not people active
    return _EVERY_PERIOD.search(context.text, target.span.end) is not None


# Verbs people do again and again with what the team offers: "15 tenants using the app".
_USING = frozenset(
    {
        "use", "using", "uses", "attend", "attending", "visit", "visiting", "join", "joining", "read",
        "reading", "post", "posting", "contribute", "contributing", "play", "playing", "log", "logging",
        "return", "returning",
    }
)


def _acting(tokens: Sequence[Token], after: int) -> bool:
    """Whether the counted word after ``after`` is followed by a verb of people using something."""
    following = tokens_after(tokens, after, 2)
    return len(following) == 2 and following[1].lower_ in _USING and following[1].pos_ == "VERB"


# Participles that say a share of things was worked through within the cycle.
_DONE_STATES = frozenset(
    {
        "closed", "completed", "finished", "resolved", "fixed", "done", "merged", "addressed", "cleared",
        "implemented", "delivered", "migrated", "moved", "converted", "updated", "reviewed",
    }
)
# A release before a share names scope done ("deployed with 80% of the agreed scope"); after
# it, the participle describes the whole ("claims below 0.4% of units shipped").
_RELEASED = frozenset({"deployed", "shipped", "launched", "released"})


def progress_tag(context: CheckContext, quantity: Quantity) -> bool:
    """Whether ``quantity`` is a progress note in square brackets ("[20%]", "[12/14]"), not a target."""
    before = context.text[: quantity.span.start].rstrip()
    after = context.text[quantity.span.end :].lstrip()
    return before.endswith("[") and after.startswith("]")


def _no_baseline(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    if context.label is not Label.METRIC or baselines(features):
        return
    if read_as_deliverable(context):
        return  # "The new till is trialled in eight shops": a size (or a note), no level to start from
    # A number of scope ("rolling 28-day", "in 3 depots") is no level, so it needs no baseline.
    found = tuple(
        q for q in context.targets if not progress_tag(context, q) and not is_scope(q, context.tokens)
    )
    if found and _starts_known(context, found[0]):
        return
    if found and found[0].kind is QuantityKind.NUMBER and context.once(_counts_output):
        return  # "Our crew speaks at 5 trade fairs": work counted within the cycle, from zero
    level = bool(found) and _stated_level(context, found[0])
    if any(c.direction in _KEEP for c in features.changes) and not level:
        return
    if not found:
        return  # no target at all is metric.no_target's finding
    if level:
        span = found[0].span
        yield NO_BASELINE.finding(
            span.start,
            span.end,
            f"'{span.text}' is a level with no starting value: is it {span.text} now, or far off? "
            "Write today's value too (\"from 48% to 65%\").",
        )
        return
    target = found[0]
    if target.kind is QuantityKind.PLACEHOLDER:
        return  # "to [target]": wording.placeholder says it, once
    if outputs.share_of_work_done(context, improving=True) is not None:
        return  # "Speed up 4 of the slowest pages": items worked on within the cycle, from zero
    lead = features.lead_verb
    verb = lead.lemma.split()[0].lower() if lead is not None else ""
    if verb in _KEEP_VERBS and not any(
        c.is_relative or c.direction in (Direction.INCREASE, Direction.DECREASE) for c in features.changes
    ):
        return  # "Maintain 99.9% uptime", "Keep uptime at 99.9%": a level to hold, not a move
    if not features.changes and (lead is None or lead.verb_class not in _LEVEL_VERBS):
        return  # "40 schools use the app", "Sign 12 partners": a level or a count, not a move
    if _count_in_cycle(features, text=context.text, words=context.words):
        return  # "Contribute to 3 proposals", "Ship 2 features": done within the cycle, from zero
    if verb in _COUNT_VERBS and _bare_count(features):
        return  # "Win 8 of 12 games", "Sell 400 units": counted within the cycle, from zero
    if lead is not None and lead.verb_class is VerbClass.VAGUE and _counted_items(context, target):
        return  # "Promote 20 member stories": items worked on within the cycle, from zero
    following = tokens_after(context.tokens, target.span.end, 2)
    change = change_of(target, features)
    if change is not None and change.span.text.lower().startswith(("another ", "a further ", "additional ")):
        return  # "onboarded another 6 partner schools": a count added within the cycle
    if change is not None and change.span.text.lower().startswith(("of ", "in ")) and (
        lead is None
        or lead.verb_class not in _LEVEL_VERBS
        or (target.unit or "") in _MEASURES_OR_TIMES
    ):
        return  # "within one working day", "a rating of 9": a level named, not a move
    if target.kind is QuantityKind.MULTIPLIER and following and following[0].like_num:
        return  # "€1000 × 12 months": a product written out, not a change from a baseline
    if any(t.lower_ in load_words("accumulation") for t in following):
        return
    change = change_of(target, features)
    span = change.span if change is not None else target.span
    if target.kind is QuantityKind.MULTIPLIER or (change is not None and change.is_relative):
        message = (
            f"'{span.text}' is relative to a starting value you do not state. "
            "Write the current value too, so everyone can see how far it is."
        )
    else:
        message = NO_BASELINE.message
    yield NO_BASELINE.finding(span.start, span.end, message)


def _starts_known(context: CheckContext, target: Quantity) -> bool:
    """Whether the key result says, in words, where its level starts or that none is needed:
    a reference point named, a level held by a verb of keeping, a new thing (from zero), a
    completion status, or a share of one plan or set the team works through."""
    return (
        startpoint.names_reference(context.text)
        or startpoint.held(context, target)
        or startpoint.measures_new_thing(context)
        or startpoint.completion_status(context, target)
        or startpoint.set_worked_through(context, target)
        or startpoint.whole_set(context, target)
        or ownref.own_reference(context, target)
    )


def _counted_items(context: CheckContext, target: Quantity) -> bool:
    """Whether ``target`` is a bare count of plural things ("20 member stories"), with no "to",
    comparator or relative word: after a vague verb it counts items worked on, not a level."""
    changes = context.features.changes
    if target.kind is not QuantityKind.NUMBER or (changes and not _bare_count(context.features)):
        return False
    following = tokens_after(context.tokens, target.span.end, 3)
    return any(t.tag_ == "NNS" for t in following)


NO_BASELINE = Check(
    code="KRQ101",
    name="metric.no_baseline",
    alias="metric-without-baseline",
    severity=Severity.WARNING,
    message=(
        'The target has no starting value. Add the baseline ("from 41 to 48") so progress '
        "can be measured and the ambition judged."
    ),
    docs=(
        'A target without a baseline cannot be judged: "NPS to 48" is bold from 20 and '
        "trivial from 47. Stating where you start also proves the metric is measured today, "
        "so the team can track it weekly instead of discovering at the end of the quarter "
        "that nobody collects it. A level stated with no move needs one too (\"at least 70% "
        "of members renew\", \"900 followers\", \"zero overdue inspections\"): is it there "
        "already? A count of what happens within the cycle starts from zero and needs none "
        "(\"Sign 12 partners\", \"12 stewards recruited\"), nor does a level held with a keep "
        "verb (\"Keep churn below 2%\"). An average, a score or a rating is a level (\"Visitor "
        "sentiment above 40 NPS\"), and so are people active in each period (\"120 weekly users "
        "of the app\", \"40 tenants paying rent through the portal each month\"); things serviced each month "
        "are not. No baseline is missing either when the key result names its reference point "
        "(\"twice the Q1 level\", \"compared with the same month last year\"; a growth rate per "
        "period such as \"5% month over month\" names none), when a keep verb governs the number "
        "wherever it stands (\"Open the depot. Keep missed deliveries below 1%\"), when the thing "
        "is new (\"in the first month after launch\", \"for the new booking app\"), when the "
        "figure is a completion: a status after the text (\"Retire the old servers: 100%\"), one "
        "plan achieved (\"Achieve 100% of the regional sales plan\") or a set the team works "
        "through (\"Add barcode tags to 80% of the stock items\"), when a vague verb counts "
        "the team's own items (\"Promote 20 member stories\"), or a count of the team's own work, "
        "metric.output_count's finding, whatever its subject (\"Our volunteers speak at 8 trade "
        "fairs\"): it too is counted within the cycle, from zero. Nor when a tolerance is set around the "
        "team's own plan (\"spend lands within 5% of the budget\", \"+/- 10% of plan\"), and when "
        "the share is the whole of a set (\"100% of our drivers hold a first-aid certificate\" reads "
        "as \"all our drivers ...\", and \"100% completion of the audit\" as \"complete the audit\"; not "
        "a service level with a time bound, \"100% of calls answered within 20 seconds\"). "
        "A grade after a link or an owner tag (\"[Cut the export time](#kr2) "
        "[ana] 0.7\") is a score of the work, not its target. Nor when the number is its own "
        "reference: an amount moved, written as the object of a verb of change (\"Lose 4 kg "
        "before the spring race\", \"Cut 2 hours from the payroll run\"; not a level, \"to 70 kg\", "
        "nor a share, \"by 20%\"), a place in a ranking (\"reaches the top 10 of the cooking "
        "charts\"), or zero reached again each period (\"zero missed medication rounds every week\"; "
        "not zero once, \"zero overdue inspections\")."
    ),
    bad=(
        Example("Increase NPS to 48", M),
        Example("Reduce median support response time to 2 hours", M),
        Example("Double weekly active teams", M),
        Example("Member satisfaction with the class timetable at 80% or above", M),
        Example("At least half of the orders ship on the day they are placed", M),
        Example("The bakery's Mastodon account has 900 followers", M),
        Example("Zero overdue safety inspections at the depots", M),
        Example("Warranty claims below 0.4% of the units shipped", M),
        Example("Visitor sentiment above 40 NPS", M),
        Example("120 weekly users of the library app", M),
        Example("15 tenants using the repair portal every week", M),
        Example("Refunds take a maximum of 5 days", M),
        Example("Ensure at least 60% of stall holders are local growers", M),
        Example("Achieve 90% of calls answered within 20 seconds", M),
        Example("Grow newsletter opens 5% month over month", M),
        Example("100% of tenants with a broken boiler are called back within 1 day", M),
        Example("Reduce body weight to 70 kg before the spring race", M),
    ),
    good=(
        Example("Increase NPS from 41 to 48", M),
        Example("Keep monthly churn below 2%", M),
        Example("Maintain 99.9% monthly availability", M),
        Example("Keep uptime at 99.9%", M),
        Example("Win 8 of 12 regular season games", M),
        Example("Sell 85% of capacity this season (was 71% last season)", M),
        Example("Sign 12 new reseller partners", M),
        Example("Contribute to 4 tender responses this quarter", M),
        Example("Self-service export used by 80% of the regional offices", M),
        Example("Run 6 supplier audits by the end of Q2", M),
        Example("12 new stewards recruited and trained", M),
        Example("90% of the old booking pages migrated", M),
        Example("Raise the share of orders shipped on the day from 40% to 55%", M),
        Example("Speed up 4 of the slowest report pages", M),
        Example("The booking app is launched with 80% of the agreed scope", M),
        Example("Tenants can report repairs online [40%]", M),
        Example("All 3 vans and 4 cargo bikes are serviced every month", M),
        Example("40 new members attend every month", M),
        Example("Grow parcel volume to twice the Q1 level", M),
        Example("Cut food waste by 15% compared with the same month last year", M),
        Example("Open the second depot. Keep missed deliveries below 1%", M),
        Example("Reach 4.2 average rating for the new booking app", M),
        Example("Translate the tenant handbook 100%", M),
        Example("Achieve 100% of the regional sales plan", M),
        Example("100% completion of the fire-safety training by June", M),
        Example("Add barcode tags to 80% of the stock items", M),
        Example("Promote 20 member stories on the newsletter", M),
        Example("Final Q3 payroll spend lands +/- 10% of the plan", M),
        Example("100% of our bus drivers hold a first-aid certificate", M),
        Example("[Shorten the payroll export by 20%.](#kr3) [sam] 0.4", M),
        Example("Our volunteers and our trustees speak about food waste at 8 trade fairs", M),
        Example("Lose 4 kg before the spring race", M),
        Example("Our podcast reaches the top 10 of the cooking charts", M),
        Example("Zero missed medication rounds every week", M),
    ),
    detect=_no_baseline,
)


def _counts_output(context: CheckContext) -> bool:
    """Whether ``metric.output_count`` reads the key result's number as a count of work."""
    return bool(context.once(_output_count_findings))


def _unparsed_number(context: CheckContext, *, scoped: bool = False, named: bool = False) -> bool:
    """True when a token looks numeric outside dates and baselines: a target the features missed.

    An error on "from 3k to 8k" because "8k" was not parsed would be wrong,
    so the check stays quiet when any number-like text is left. In the name of a measure
    (``named``: "% of weekly orders with gift wrap") a rate word describes what is counted;
    it is no amount.
    """
    features = context.features
    taken = [(b.span.start, b.span.end) for b in baselines(features)]
    taken += [(d.span.start, d.span.end) for d in features.dates if not (d.normalized or "").startswith("P")]
    if scoped:  # numbers of scope were read as no target: they are not missed ones either
        taken += scope_spans(features.quantities, context.tokens)
    body = context.features.body
    named = any(is_measure_name(q) for q in features.quantities)
    for i, token in enumerate(context.tokens):
        if not body.start <= token.idx < body.end:
            continue  # "Objective 2: ...": the label's number is not a missed target
        numeric = token.like_num or any(ch.isdigit() for ch in token.text) or token.lower_ in _FRACTIONS
        if named and token.lower_ in _FRACTIONS and not token.like_num:
            continue
        if numeric and _in_name(context.tokens, i):
            continue
        after = context.tokens[i + 1] if i + 1 < len(context.tokens) else None
        if named and numeric and token.tag_ == "JJ" and after is not None and after.pos_ in ("NOUN", "PROPN"):
            continue  # "% of weekly orders": in a measure's name, a frequency word before a noun is no amount
        window = sets_a_window(context.text, token.idx + len(token.text))
        if numeric and not window and not any(start <= token.idx < end for start, end in taken):
            return True
    return False


def _in_name(tokens: Sequence[Token], i: int) -> bool:
    """Whether the word at ``i`` is spelled out inside a hyphenated name ("time-to-first-byte").

    There "first" names the measure; it is not a number the features missed.
    A word that ends the compound is its head and may be the amount ("sub-second").
    """
    token = tokens[i]
    return token.is_alpha and i + 1 < len(tokens) and tokens[i + 1].text == "-" and not token.whitespace_


# Words that state an amount or a frequency without digits: still a target.
_FRACTIONS = frozenset(
    {
        "half",
        "quarter",
        "third",
        "twice",
        "double",
        "triple",
        "halve",
        "once",
        "none",
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "yearly",
        "annually",
    }
)
# Units after a count make it a distance, a weight or a time, not a number of outputs.
_MEASURE_UNITS = frozenset(
    {
        "km",
        "mi",
        "miles",
        "kilometers",
        "kilometres",
        "kg",
        "lbs",
        "hours",
        "h",
        "hrs",
        "minutes",
        "min",
        "mins",
        "days",
        "weeks",
        "ms",
        "s",
        "sec",
        "seconds",
        "%",
    }
)


def _no_target(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    measured = context.label is Label.METRIC or (
        (context.label is Label.TASK and (direction_without_amount(features) or names_measure(context)))
        or (context.label is Label.MILESTONE and (moves_a_measure(features) or names_measure(context)))
    )
    # A number that only places the work ("in 3 depots") or names a window
    # ("rolling 28-day") is not an amount to reach, unless it counts the work
    # ("Oversee the rota on 2 sites": metric.output_count's finding, and a number to reach).
    amounts = [t for t in context.targets if not is_scope(t, context.tokens)]
    if amounts != list(context.targets) and context.once(_counts_output):
        amounts = list(context.targets)
    if not measured or amounts or _unparsed_number(context, scoped=not amounts, named=names_measure(context)):
        return
    if read_as_deliverable(context):
        return  # "The new rota is tested in 3 depots": a state reached, sized by its number
    if startpoint.held_as_today(context):
        return  # "Keep infra costs flat": today's level is the target
    if effort.doing_at_a_rate(context, outcome_words=_PEOPLE_OR_EFFECTS):
        return  # "Knit a scarf every month": the rate is the amount (metric.output_count's finding)
    if context.label is Label.METRIC and _state_without_measure(context):
        return  # "[Ledger](...) has a named maintainer again": a state reached, no measure to give a number
    if features.changes:
        span = features.changes[0].span
    elif features.lead_verb is not None:
        span = features.lead_verb.span
    else:
        span = features.body
    yield NO_TARGET.finding(span.start, span.end)


def _state_without_measure(context: CheckContext) -> bool:
    """Whether a key result read as a metric is a state sentence that names no measure at all.

    "The ledger has a named maintainer again": no number, no change, no
    measure word ("satisfaction", "churn") and no vague comparison ("higher"). Asking it
    for a target would tell the writer it names a measure; it names a state, checked as
    done or not done (the deadline checks still ask for its date).
    """
    features = context.features
    if features.form is not Form.STATE or features.quantities or features.changes:
        return False
    if features.markers_of("measure") or features.markers_of("vague"):
        return False
    return not any(c.isdigit() for c in context.features.body.text)


NO_TARGET = Check(
    code="KRQ102",
    name="metric.no_target",
    alias="metric-without-target",
    severity=Severity.ERROR,
    message=(
        'This names a measure but no number to reach. Add the target ("to 7%"), '
        "otherwise any change counts as success."
    ),
    docs=(
        "A key result is how you will know the objective is met. Without a target value "
        '("Increase conversion from 4%") any movement counts, so the key result cannot '
        "fail and cannot tell you whether the quarter went well. A direction on a measure "
        'with no amount at all ("Grow newsletter sign-ups") is read as a task, but it is '
        "not an activity: it names what should change and lacks only the number. A bare "
        'measure name ("Share of invoices paid on time", "% of weekly orders ...") is a metric '
        "meant, with the same number missing. A number "
        'that only places the work ("in 3 depots", "on 2 platforms", "per 1000 visits"), '
        'names the window a measure is taken over ("rolling 28-day", "a rolling 30-day window", '
        '"30-day retention") or picks what moves ("Improve 4 of the worst-rated help articles") '
        "is no amount either, unless it counts the work itself (``metric.output_count``). A state "
        'sentence that names no measure at all ("the ledger has a named maintainer again") is not '
        "asked for one, nor is one whose number only sizes it (\"The new intake form is tested in "
        "4 clinics\": a milestone, and milestone.no_deadline asks for its date). A measure named "
        "with a sign (\"% of weekly orders with gift wrap\") or by its own noun (\"Tenant satisfaction "
        "with the repair service\", \"Volunteer retention across the winter\") is named all the same, "
        "its rate words part of the name, not an amount. A verb like \"raise\" or \"push\" whose "
        "object is one thing filed or sent (\"Raise a ticket with the vendor\", \"Raise PR to the docs "
        "repo\") moves no measure."
    ),
    bad=(
        Example("Increase trial-to-paid conversion from 4%", M),
        Example("Raise average order value from $42", M),
        Example("Grow newsletter sign-ups", T),
        Example("Number of volunteers at the weekend stalls", M),
        Example("% of weekly veg boxes packed without plastic", M),
        Example("Reduce the number of missed bin collections", MS),
        Example("% of weekly orders with the gift-wrap option", T),
        Example("Tenant satisfaction with the repair service", T),
        Example("Volunteer retention across the winter", MS),
        Example("Cut missed deliveries in 3 depots", M),
        Example("Grow the count of returning donors (rolling 28-day)", M),
        Example("Improve 4 of the worst-rated help articles", M),
        Example("Shorten time-to-first-reply on the help desk", T),
        Example("Raise the number of library card holders (active in a rolling 30-day window)", M),
    ),
    good=(
        Example("Increase trial-to-paid conversion from 4% to 7%", M),
        Example("Keep infra costs flat through the winter", M),
        Example("Increase awareness of the food bank", T),
        Example("The new intake form is tested in 4 clinics", M),
        Example("Raise average order value from $42 to $55", M),
        Example("Cut missed deliveries in 3 depots to 1%", M),
        Example("Grow 28-day donor retention to 40%", M),
        Example("Rank in the top 3 in 2 regional guides", M),
        Example("Lead the menu review in 4 cafés", M),
        Example("[Ledger](https://example.org/ledger) has a named maintainer again", M),
        Example("Raise PR to the parser docs on the new export flags", MS),
        Example("Raise a ticket with the printer vendor about the paper jams", T),
        Example("Revenue dashboard for the farm shop", MS),
    ),
    detect=_no_target,
)


# A clause naming one of these counts or scores, so a bare number is complete.
_UNITLESS = frozenset({"number", "count", "ratio", "score", "nps", "enps", "auc", "index", "rating", "#"})
_CLAUSE_BREAKS = frozenset({"and", "&", "plus", ";", ",", "while"})


def _clause_words(tokens: Sequence[Token], start: int, end: int) -> tuple[set[str], tuple[int, int]]:
    """Words (forms and lemmas) of the clause around ``[start, end)``, and its character bounds."""
    inside = [i for i, t in enumerate(tokens) if start <= t.idx < end]
    if not inside:
        return set(), (start, end)
    first, last = inside[0], inside[-1]

    def joins(i: int) -> bool:
        # "between 100 and 200 ms" is one range, so that "and" does not break the clause.
        return tokens[i].lower_ in _CLAUSE_BREAKS and not (
            tokens[i].lower_ == "and" and any(t.lower_ == "between" for t in tokens[max(0, i - 4) : i])
        )

    while first > 0 and not joins(first - 1):
        first -= 1
    while last + 1 < len(tokens) and not joins(last + 1):
        last += 1
    words: set[str] = set()
    for token in tokens[first : last + 1]:
        words.add(token.lower_)
        if token.lemma_:
            words.add(token.lemma_.lower())
    bounds = (tokens[first].idx, tokens[last].idx + len(tokens[last].text))
    return words, bounds


def _no_unit(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    if context.label is not Label.METRIC:
        return
    measures = load_words("needs_unit")
    if context.words.isdisjoint(measures):
        return
    for target in context.targets:
        if target.kind is not QuantityKind.NUMBER or target.unit is not None:
            continue
        # Only a measure in the same clause counts: in "NPS to 50 and churn to 2%"
        # the 50 belongs to NPS, which needs no unit.
        words, (start, end) = _clause_words(context.tokens, target.span.start, target.span.end)
        if not words & measures or words & _UNITLESS:
            continue
        if any(q.unit is not None and start <= q.span.start < end for q in features.quantities):
            continue  # "from 400 ms to 200", "between 100 and 200 ms": the unit carries over
        if _part_of_a_count(context, target):
            continue  # "12 stewards, with at least 3 on weekends": the stewards' count, its noun left out
        following = tokens_after(context.tokens, target.span.end, 2)
        if following and (following[0].is_quote or following[0].is_left_punct):
            following = following[1:]  # "the 4 “core checks”": the counted thing, quoted
        if following and following[0].is_alpha and not following[0].is_stop:
            continue  # a unit word the pipeline did not record ("200 millis")
        yield NO_UNIT.finding(
            target.span.start,
            target.span.end,
            f"'{target.span.text}' has no unit: milliseconds or seconds, dollars or thousands, "
            "percent or points? Write the unit after the number.",
        )


# A part of a count named before, its noun left out: "12 stewards, with at least 3 on weekends",
# "40 stalls, including 6 in the covered hall"; or "3 of them" after the count.
_PART_BEFORE = re.compile(
    r"\b(?:with|including|incl\.?|of\s+whom|of\s+which|among\s+them)\s+"
    r"(?:(?:at\s+least|at\s+most|up\s+to|over|more\s+than|fewer\s+than|less\s+than|about|around)\s+)?$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"\s*of\s+(?:them|these|those|whom|which)\b", re.IGNORECASE)


def _part_of_a_count(context: CheckContext, target: Quantity) -> bool:
    """Whether the bare number is a part of a count of things named before it, its noun left out
    ("at least 10 stewards, with at least 2 on the night shift"): it counts the same things, so
    their noun is its unit. Not a number after a count of other things ("Serve 10 clinics and
    cut the wait to 30")."""
    earlier = [q for q in context.features.quantities if q.span.end <= target.span.start]
    if not any(q.kind is QuantityKind.NUMBER and q.unit and q.unit.isalpha() for q in earlier):
        return False
    return (
        _PART_BEFORE.search(context.text, 0, target.span.start) is not None
        or _PART_AFTER.match(context.text, target.span.end) is not None
    )


NO_UNIT = Check(
    code="KRQ103",
    name="metric.no_unit",
    alias="number-without-unit",
    severity=Severity.WARNING,
    message="The number has no unit. Write the unit after it.",
    docs=(
        "A bare number on a measure with a dimension (time, money, size, a rate) is "
        'ambiguous: "latency to 200" is a success in milliseconds and a disaster in '
        "seconds. The people grading the key result at the end of the quarter must not have "
        "to guess what the author meant. A count named with its thing carries its unit, "
        "quoted or not (\"the 3 'core costs' of fuel, repair time and tyres\"), and so does a part "
        "of such a count with the noun left out (\"at least 12 stewards, with at least 3 in a full "
        "time role\", \"30 tutors, 5 of them on a part time contract\")."
    ),
    bad=(
        Example("Reduce latency to 200", M),
        Example("Cut infrastructure cost from 50 to 40", M),
    ),
    good=(
        Example("Reduce p95 latency from 450 ms to 200 ms", M),
        Example("Keep p95 latency between 100 and 200 ms", M),
        Example("Increase NPS from 41 to 50 and reduce churn from 3% to 2%", M),
        Example('All depots report the 3 "core costs" of fuel, repair time and tyres by quarter', M),
        Example("At least 12 stewards on the rota, with at least 3 in a full time role", M),
    ),
    detect=_no_unit,
)


_COUNT_LEADS = frozenset({"", "at least", "another", "over", "more than", "up to", "a further"})
# The low end of a range before its high end: "Coach 15-20 shop owners" counts up to 20.
_RANGE_START = re.compile(r"^\d+\s*(?:-|–|to)\s*$")


# Participles after a counted thing that say the team made or attended it:
# "4 recipes filmed", "6 fairs exhibited at", "15 audits completed".
_DONE_WORDS = frozenset(
    {
        "written", "published", "held", "hosted", "run", "ran", "done", "delivered", "given", "organized",
        "organised", "attended", "spoken", "presented", "produced", "recorded", "created", "conducted",
        "completed", "shipped", "released", "sent", "posted", "made", "submitted", "performed", "filmed",
        "drafted", "prepared", "launched", "facilitated", "led", "taught", "reviewed", "built", "set",
        "executed", "implemented", "developed", "designed", "written-up", "closed", "resolved", "fixed",
        "merged", "finished", "started", "translated", "edited",
    }
)
_TIME_CODES = frozenset({"mo", "wk", "d", "y", "yr", "min", "m", "w", "q"})
# Counted things that are people or effects, never outputs.
_NOT_OUTPUT = frozenset(
    {
        "users", "customers", "members", "people", "participants", "attendees", "signups", "students",
        "volunteers", "contributors", "clients", "partners", "visitors", "readers", "subscribers", "learners",
        "reps", "mentors", "speakers", "leaders", "developers", "builders", "teams", "organizations",
        "organisations", "schools", "campuses", "families", "patients", "donors", "sponsors",
    }
)


def _counted_phrase(context: CheckContext, quantity: Quantity) -> tuple[list[Token], int]:
    """The words of the thing counted after ``quantity`` (up to five, stopping at a
    preposition or punctuation), and the character end of the phrase."""
    words: list[Token] = []
    end = quantity.span.end
    for token in tokens_after(context.tokens, quantity.span.end, 6):
        if not words and token.text in {"+", "+)"}:
            continue  # "10+ sessions": or more
        if not words and token.lower_ in {"or", "more", "higher"}:
            continue  # "6 or more sessions"
        if not (token.is_alpha or "-" in token.text or token.text in {"’", "'", "“", "”", '"'}) or (
            token.lower_ in _PHRASE_ENDS or token.lower_ in _DONE_WORDS
        ):
            break
        words.append(token)
        end = token.idx + len(token.text)
    return words, end


# Words that end the counted phrase ("5 posts | about X", "3 talks | at meetups").
_PHRASE_ENDS = frozenset(
    {
        "of", "for", "to", "at", "in", "on", "with", "by", "from", "and", "or", "that", "which", "who",
        "about", "across", "per", "each", "every", "the", "a", "an", "our", "their", "is", "are", "was",
        "were", "have", "has", "had", "will", "be", "been", "can", "should", "into", "over", "under",
    }
)
# Verbs of doing beside the output verbs: "Book 4 tastings", "Run 6 clinics".
_DOING = frozenset(
    {
        "have", "hold", "contribute", "book", "lead", "facilitate", "moderate", "give", "run", "speak",
        "publicise", "publicize", "execute", "set", "support", "present", "teach", "mentor", "pilot",
        "use", "push", "explore", "try", "attend", "join", "complete", "adopt", "read", "watch", "test",
        "oversee", "manage", "coordinate", "organize", "organise",
    }
)
# Verbs of receiving: a count of outputs after them is still work done ("Get 8 design critiques").
_RECEIVING = frozenset({"get", "receive", "do", "make"})
# Counted things that are effects or assets, not work: "300+ newsletter subscribers", "£20k in grants".
_OUTCOME_NOUNS = frozenset(
    {
        "stars", "downloads", "installs", "views", "followers", "subscribers", "sign-ups", "signups", "leads",
        "deals", "customers", "users", "members", "mau", "maus", "dau", "daus", "nps", "revenue", "sales",
        "visits", "visitors", "clicks", "orders", "bookings", "donations", "donors", "points", "votes",
        # Agreements won with others are effects, like partners signed: "3 partnerships formed".
        "partnerships", "collaborations", "contracts", "agreements",
    }
)
# Counted things that are not work done (people or effects), and the units of an amount that
# is no count: built once here, as the output-count readers ask for them on every key result.
_PEOPLE_OR_EFFECTS = _NOT_OUTPUT | _OUTCOME_NOUNS
_MEASURES_OR_TIMES = _MEASURE_UNITS | _TIME_CODES


# A second clause after a counted effect: "5+ readers each session and 6 or more sessions".
_JOINED = re.compile(r"\band\b|;|\bplus\b|\bas well as\b", re.IGNORECASE)


def _done_subject(context: CheckContext, quantity: Quantity) -> int | None:
    """The end of the participle when a count that opens the key result is the subject of work
    done: "7 of 9 planned depot and kiosk upgrades delivered" (the phrase may hold "and" or "of")."""
    if quantity.span.start > context.features.body.start + 1:
        return None
    previous = None
    for token in tokens_after(context.tokens, quantity.span.end, 10):
        if token.lower_ in {"are", "were", "is", "was", "been", "have", "has"}:
            continue
        if token.tag_ in {"VBN", "VBD"} or token.lower_ in _DONE_WORDS:
            plural = previous is not None and previous.tag_ in {"NNS", "NNPS"}
            return token.idx + len(token.text) if token.lower_ in _DONE_WORDS and plural else None
        word = token.is_alpha or token.like_num or token.text in {"-", "/"}
        if not word or token.pos_ in {"AUX", "PRON"}:
            return None
        previous = token
    return None


def _first_word(context: CheckContext, quantity: Quantity) -> str:
    """The first word of the body when it comes before the count and the pipeline found no
    lead verb ("Exhibiting at three fairs", "Set up 5 kiosks"): a lemma, or ""."""
    body = context.features.body
    for token in context.tokens:
        if token.idx >= body.start:
            if token.idx >= quantity.span.start:
                return ""
            return (token.lemma_ or token.lower_).lower()
    return ""


_OWNED = frozenset({"our", "the", "my", "their", "its", "your", "his", "her", "these", "those", "both"})


def text_between(text: str, lead: LeadVerb | None, quantity: Quantity) -> str:
    """The lower-cased words between the lead verb and ``quantity`` ("" without a verb before it)."""
    if lead is None or lead.span.end > quantity.span.start:
        return ""
    return text[lead.span.end : quantity.span.start].lower()


def _output_noun_count(context: CheckContext) -> Iterator[Finding]:
    """A count of produced, held or attended things, whatever the verb
    ("4 recipes filmed", "Have 3 open days", "Draw or print 12 posters")."""
    features = context.features
    if any(c.baseline is not None for c in features.changes):
        return  # "from 2 to 6 talks a quarter": a rate with a baseline is tracked as a level
    nouns = load_words("output_nouns")
    dated = [(d.span.start, d.span.end) for d in features.dates]
    effect_end = -1  # where a counted effect ends ("5+ readers a session"): counts in its clause are its
    for quantity in features.quantities:
        if any(a <= quantity.span.start < b for a, b in dated):
            continue
        if effect_end >= 0 and not _JOINED.search(context.text[effect_end : quantity.span.start]):
            continue  # "40 new members attend at least 2 workshops": the workshops are what they do
        if quantity.kind is not QuantityKind.NUMBER or quantity.value is None or quantity.value < 2:
            continue
        unit = (quantity.unit or "").lower()
        measure = unit and (not unit.isalpha() or unit in _MEASURE_UNITS or unit in _TIME_CODES)
        if measure and not _event_days(context, quantity, nouns):
            continue  # "12 km", "$400", "3 months": a measure, not a count of things
        words, end = _counted_phrase(context, quantity)
        lowers = [t.lower_ for t in words]
        inside = set(quantity.span.text.lower().split()) | {unit}
        if (set(lowers) | inside) & _PEOPLE_OR_EFFECTS:
            effect_end = end  # "40 new members attend 2 workshops", "300 stars on 3 projects": an effect
            continue
        done_end = _done_subject(context, quantity)
        if not lowers and done_end is not None:
            end = done_end  # "7 of 9 planned upgrades delivered"
            lowers = [context.text[quantity.span.end : done_end].lower()]
        if not lowers:
            continue
        pairs = {" ".join(lowers[i : i + 2]) for i in range(len(lowers) - 1)}
        after = tokens_after(context.tokens, end, 3)
        done = any(t.lower_ in _DONE_WORDS for t in after[:2]) or done_end is not None
        lead = features.lead_verb
        lead_word = lead.lemma.split()[0].lower() if lead is not None else _first_word(context, quantity)
        between = text_between(context.text, lead, quantity).split()
        listed = bool((set(lowers) | pairs) & (nouns | _COUNTED_WORK)) or outputs.listed_head(
            context, quantity.span.end
        )
        if not listed and sized_scope(context):
            continue  # "Run a pilot with a cohort of eight shops": the shops size the one pilot
        doing = (
            lead_word in load_words("output_verbs")
            or lead_word in _DOING
            or (listed and lead_word in _RECEIVING)  # "Get 8 design critiques"
        ) and (not between or between[-1] not in _OWNED)  # "Publish our 2 guides": two named guides
        if not listed:
            # Any counted thing the team makes or does: "10 components created", "Set up 5 tools".
            if not (done or doing) or lowers[-1] in _OUTCOME_NOUNS:
                continue
        elif not (done or doing or lead is None):
            continue
        if made_count.not_made(context, quantity, others=_PEOPLE_OR_EFFECTS):
            continue  # "Support 5 file formats", "Customers write 50 reviews": the grammar says no
        before = lead is not None and lead.span.start < quantity.span.start
        start = lead.span.start if lead is not None and before else quantity.span.start
        yield OUTPUT_COUNT.finding(
            start,
            end,
            f"'{context.text[start:end]}' counts work done, not the change it should cause. Measure "
            "the effect (readers, sign-ups, adoption, attendance from the people it is for) and keep "
            "the count in the plan.",
        )
        return


# Work products only when counted: "6 regional plans" is documents written, but "Plans for the
# fair are ready" is one deliverable (so they are not in ``output_nouns``, which bare plurals read).
_COUNTED_WORK = frozenset({"plans", "roadmaps"})


def _event_days(context: CheckContext, quantity: Quantity, nouns: frozenset[str]) -> bool:
    """Whether the "days" after a count are events the team holds ("4 open days", "3 field
    days"), named in ``output_nouns``: a count of events, not a duration."""
    following = tokens_after(context.tokens, quantity.span.end, 2)
    return len(following) == 2 and f"{following[0].lower_} {following[1].lower_}" in nouns


def _unread_count(context: CheckContext, lead: LeadVerb) -> int | None:
    """The end of "3 prototype kiosks" right after a verb of making when the pipeline read the
    number as part of a name ("Build 3" is also a release name): a digit, then a plural noun."""
    after = tokens_after(context.tokens, lead.span.end, 5)
    if not after or not after[0].text.isdigit() or int(after[0].text) < 2:
        return None
    if any(q.span.start <= after[0].idx < q.span.end for q in context.features.quantities):
        return None
    for token in after[1:]:
        if token.tag_ in {"NNS", "NNPS"}:
            return None if token.lower_ in _PEOPLE_OR_EFFECTS else token.idx + len(token.text)
        if token.pos_ not in {"ADJ", "NOUN", "PROPN"}:
            return None
    return None


def _output_count(context: CheckContext) -> Iterator[Finding]:
    yield from context.once(_output_count_findings)


def _output_count_findings(context: CheckContext) -> tuple[Finding, ...]:
    """``metric.output_count``'s findings, worked out once a key result: other checks ask
    whether it fires (:func:`_counts_output`), and its fifteen grammar readers are the
    costliest part of the checks."""
    return tuple(_output_count_search(context))


def _output_count_search(context: CheckContext) -> Iterator[Finding]:
    found = list(_counted_output(context))
    if found:
        yield from (_whole_count(context, finding) for finding in found)
        return
    span = (
        outputs.share_of_work_done(context)
        or outputs.placeholder_count(context)
        or outputs.named_count(context)
        or handled.handled_count(context, outcome_words=_PEOPLE_OR_EFFECTS)
        or handled.named_handled_figure(context)
        or attended.people_taught(context)
        or attended.participants_counted(context)
        or outputs.recurring_event(context)
        or habits.repeated_activity(context)
        or provided.units_hold_made(context, others=_PEOPLE_OR_EFFECTS)
        or placed.doers_at_events(context, others=_PEOPLE_OR_EFFECTS)
        or provided.made_for_each(context, others=_PEOPLE_OR_EFFECTS)
        or outputs.uncounted_output(
            context, outcome_words=_PEOPLE_OR_EFFECTS, done_words=_DONE_WORDS
        )
        or made_count.made_count(
            context, people=_NOT_OUTPUT, effects=_OUTCOME_NOUNS, measures=_MEASURES_OR_TIMES
        )
        or effort.effort_input(context, outcome_words=_PEOPLE_OR_EFFECTS)
    )
    if span is not None:
        start, end = span
        finding = OUTPUT_COUNT.finding(
            start,
            end,
            f"'{context.text[start:end]}' names work done, not the change it should cause. Measure "
            "the effect (readers, sign-ups, adoption, what the people it is for do) and keep the "
            "work in the plan.",
        )
        yield _whole_count(context, finding)


def _whole_count(context: CheckContext, finding: Finding) -> Finding:
    """``finding`` with its span (and the phrase its message quotes) read on to the whole count."""
    end = _whole_count_end(context, finding.end)
    if end == finding.end:
        return finding
    text = context.text
    quoted = f"'{text[finding.start : finding.end]}'"
    message = finding.message.replace(quoted, f"'{text[finding.start : end]}'", 1)
    return dataclasses.replace(finding, end=end, message=message)


# Marks that join a count's range or two words of the counted thing: "2-3", "recipe/menu", "baking + pastry".
_COUNT_JOINERS = frozenset({"-", "–", "/", "+", "&"})


def _whole_count_end(context: CheckContext, end: int) -> int:
    """Where the counted phrase ending at ``end`` really ends.

    A span cut at a range or a joined word ("Hold 2-", "Write 3 recipe/") is read on
    to the counted thing: "Hold 2-3 pop-up tastings", "Write 3 recipe/menu guides".

    >>> from krquality.labels import Label
    >>> text = "Adopt 4 tax / payroll templates"
    >>> context = CheckContext.read(text, Label.METRIC)
    >>> text[: _whole_count_end(context, 11)]
    'Adopt 4 tax / payroll templates'
    """
    text = context.text
    following = tokens_after(context.tokens, end, 12)
    joined = text[:end].rstrip()[-1:] in _COUNT_JOINERS  # "Hold 2-": the range goes on
    if not joined and not (following and following[0].text in _COUNT_JOINERS):
        return end
    for token in following:
        if token.text in _COUNT_JOINERS:
            joined = True
            continue
        hyphened = not token.whitespace_ and token.i + 1 < len(token.doc) and token.nbor(1).text == "-"
        # the counted thing's words: nouns and their modifiers, not a verb after them ("... delivered")
        wordy = token.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} and not token.is_stop
        if joined or hyphened or wordy:
            end = token.idx + len(token.text)
            joined = False
            continue
        break
    return end


def _counted_output(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    lead = features.lead_verb
    if lead is None or features.changes:
        yield from _output_noun_count(context)
        return
    verbs = load_words("output_verbs") | {v.lower() for v in context.config.activity_verbs}
    if lead.lemma.split()[0].lower() not in verbs:
        yield from _output_noun_count(context)
        return
    # The count must be the verb's object ("Publish 12 posts"), not a number
    # further on ("Complete my first Ironman 70.3", "a 30-day challenge").
    counts = [
        q
        for q in features.quantities
        if q.kind is QuantityKind.NUMBER
        and q.value is not None
        and q.value > 1
        and _RANGE_START.sub("", context.text[lead.span.end : q.span.start].strip().lower()) in _COUNT_LEADS
        and context.text[q.span.end : q.span.end + 1] != "-"
    ]
    if not counts:
        bare = _unread_count(context, lead)
        if bare is not None:
            yield OUTPUT_COUNT.finding(
                lead.span.start,
                bare,
                f"'{context.text[lead.span.start : bare]}' counts work you control, not the change it "
                "should cause. Measure the outcome (readers, sign-ups, adoption) and keep the count as a "
                "plan.",
            )
            return
        yield from _output_noun_count(context)
        return
    count = counts[0]
    if made_count.not_made(context, count, others=_PEOPLE_OR_EFFECTS):
        return  # "Get 8k followers on the radio page", "Support 5 file formats": the grammar says no
    unit = tokens_after(context.tokens, count.span.end, 1)
    measure = (unit and unit[0].lower_ in _MEASURE_UNITS) or (count.unit or "").lower() in _MEASURE_UNITS
    if measure and not _event_days(context, count, load_words("output_nouns")):
        return  # "Run 1,000 km": a distance, not a count of outputs ("Hold 2 field days" is one)
    end = count.span.end
    # Stretch the span over the counted thing ("12 blog posts"), not over "by June".
    for token in tokens_after(context.tokens, count.span.end, 6):
        if token.is_space:
            continue  # a doubled space in a pasted line: "Coach 15-20  shop owners"
        if token.is_stop or not (token.is_alpha or token.text == "-" or "-" in token.text):
            break
        end = token.idx + len(token.text)
    yield OUTPUT_COUNT.finding(
        lead.span.start,
        end,
        f"'{context.text[lead.span.start : end]}' counts work you control, not the change it should "
        "cause. Measure the outcome (readers, sign-ups, adoption) and keep the count as a plan.",
    )


OUTPUT_COUNT = Check(
    code="KRQ104",
    name="metric.output_count",
    alias="output-count",
    severity=Severity.WARNING,
    message="This counts outputs, not the outcome they should cause. Measure the outcome.",
    docs=(
        '"Publish 12 blog posts" is a number, but it measures effort: all 12 can ship '
        "and nothing changes. Key results state the outcome the work is for (qualified "
        "leads from the blog, trial sign-ups, adoption); the count belongs in the plan that "
        "gets you there. The same holds with no count in front: a share of the team's own "
        "work items done (\"60% of the defects fixed\"), work products marked done or recurring "
        "(\"Cooking demos given at three markets\", \"Monthly sessions held\"), a bare plural of "
        "them after a verb of making (\"Conduct kitchen inspections\") or named alone (\"Podcast "
        "episodes on cycling\"), one event held again and again (\"Twice a year, host an open "
        "day\"), a figure named with its count (\"Number of webinars: 12\"; not one brought down, \"Reduce "
        "the number of open issues\", which counts what is left), or a count left open "
        "(\"X number of help articles\"). What is counted decides, not the verb: people who act "
        "or take something up (customers, users, members, attendees, volunteers recruited, hires), "
        "money and orders, and agreements won with others (partners signed, partnerships, "
        "contracts) are effects, so \"Sign 12 partners\" and \"Hire 3 nurses\" pass. Posts, "
        "talks, sessions, guides, reviews, fixes and releases are the team's own work, so they "
        "are flagged in any shape: \"N posts written\", \"Spoke at N meetups\", \"N case "
        "studies are delivered\", \"Publish X guides\". One event held once (\"Host a launch "
        "evening\") is a milestone, not a count. Work on things the team already has and a "
        "service given to people are counted work too: things documented, catalogued, migrated, "
        "open-sourced or identified (\"6 payroll scripts open-sourced\", \"Number of identified "
        "suppliers: 12\", \"100% of the old invoices migrated\"), and people coached, mentored, "
        "trained or interviewed, whoever they are (\"25 shop managers coached\", \"60 landlords "
        "will get monthly tutoring\", \"Mentor 3-5 graduate engineers\"), and so are the people "
        "a teaching event of the team's reached: people who attend, take part in or complete a "
        "training, workshop or course (\"60 porters complete the lifting course\") and "
        "participants or attendees counted as such (\"120 participants in our bread-making "
        "workshops\"). Repeat attendance (\"attend at least 2 workshops\") is what people choose "
        "to do, and a share of attendees or their rating is what they think. One thing handled is a "
        "milestone, a share handled within a time limit is a service level, and people or effects "
        "moved (\"80% of customers migrated to the new plan\") are an effect. The thing counted "
        "need not be a known work product: the sentence's grammar decides. A count is the team's "
        "work when a verb of making or doing governs it, said as an imperative (\"Translate 40 "
        "museum labels\"), with the team or one of its units as the subject (\"Every clinic audits "
        "3 patient files a month\", \"Our crew speaks at 5 trade fairs\"), or as a participle with "
        "no agent (\"12 recipes added to the wiki\"), also with the count in brackets after the "
        "verb's plural object (\"Run tasting evenings (at least 3)\"; not after a verb of getting, "
        "\"Sign new partners (at least 3)\"), or as a gerund of doing the opening imperative "
        "commits the team to (\"Commit to running 3 repair cafés\"; not \"Commit to signing 4 "
        "partners\"); when it counts acts named by a noun made from "
        "a verb and aimed at something (\"12 revisions to the style guide\"); and when a share of "
        "the team's units each make one (\"100% of the depots have run at least one fire drill\"). "
        "So is a count picked from the team's own set (\"Varnish 4 of our canal boats\"; not with a "
        "vague verb, \"Improve 4 of the heaviest queries\", where the change may be the outcome), the "
        "team's own things it gets placed somewhere (\"Get 5 of our recipes featured in food "
        "magazines\"; not a decision won, \"Get 3 grants approved\"), and a share of its own items "
        "worked on, faults included, said as an imperative (\"Label 60% of the archive photos\"; "
        "not a share of people, of time, one handled within a limit for each item, or a share that "
        "is the subject of its own clause: \"Ensure 100% of the invoices include a tax code\"), "
        "also when a second imperative takes a share of what the first named (\"Sort all the "
        "donated books and shelve 70% of them\"; not a verb of getting or keeping, nor people, "
        "\"Call all new members and visit 50% of them\"), and a thing the team makes put on a share "
        "of its items (\"Add alt text to 60% of the gallery images\"; not a vague verb or one of "
        "getting or keeping, \"Keep spare keys for 80% of the vans\", nor people, \"Send a card "
        "to 70% of our donors\"). So are the team's people named by what "
        "they do at a count of events, with no verb (\"Our demonstrators at 4 food festivals\", "
        "\"Brightwell speakers at 6 summits\": the doer's noun carries a verb of doing; not one of "
        "getting or taking up, \"Our buyers at 4 food festivals\"). A share of recurring things "
        "with a property is a level, not work named (\"% monthly bookings with the picnic "
        "add-on\"), and things stated as there (\"Have 3,000 photos tagged with the bakery "
        "name\"; not \"5 of our essays\" got printed) are not a count of work. "
        "So is the doing alone, with no object, on a schedule (\"Sketch in a notebook every "
        "evening\", \"Swim twice a week\": the times it is done are the count; not a level kept "
        "each time, \"Deliver on time every week\", nor a verb of getting or moving an outcome, "
        "\"Grow paid members by 5% every month\"), and all or a share of the team's units each "
        "holding a thing written up for it (\"All our kitchens have a written allergen plan\", "
        "\"90% of the branches keep a ranked list of repair jobs\"; not a state the thing or its "
        "owner reached, \"80% of new accounts have a completed profile\", nor people, \"a trained "
        "manager\"), also said with the participle first (\"Risk log drafted for each site\"; "
        "not a state reached, \"Price raised for each product\", nor for people outside the "
        "team, \"Care note written for each customer\"). Things kept in a state are not made "
        "(\"Keep seed packets sorted by month\"). "
        "It is not when the verb gets, moves or keeps an outcome or says what a product covers "
        "(\"Sell 6 quilts\", \"Keep 5 spare vans\", \"Support 5 file formats\"), when people "
        "outside the team act (\"Customers write 50 reviews\", \"120 applications from schools\"), "
        "when faults, time or a threshold are counted (\"Go 10 days without a fall\"), or when the "
        "count itemises part of something else (\"a plan, including up to three goals\"). "
        "Effort put in is counted work too: time spent (\"Give 2 hours a week to the allotment\", "
        "\"Three hours of sketching a week\"), bouts of practice at a rate (\"12 study sessions per "
        "month\") and the author's own doing at a rate, said as an imperative or with \"I\" or \"we\" "
        "(\"Swim three times a week\", \"We call each supplier once a month\"; the rate is then its "
        "amount, so metric.no_target does not ask for one). Not a limit on time to serve others "
        "(\"Reply to every tenant within 2 days\"), time lost, saved or brought down (\"4 hours of "
        "downtime a month at most\"), an outcome or a level at a rate (\"Get 20 new sign-ups every "
        "week\", \"Keep uptime above 99.9% every month\"), observing at a rate (\"Weigh the compost "
        "bins each week\") or a rate that belongs to another clause (\"Retire the inbox that forwards "
        "invoices every morning\")."
    ),
    bad=(
        Example("Publish 12 blog posts", M),
        Example("Hold 5 customer workshops", M),
        Example("4 recipe videos filmed for the channel", M),
        Example("Have 6 open studio evenings this term", M),
        Example("15 pull request reviews done by the juniors", M),
        Example("12+ soup kitchen shifts run by the youth group", M),
        Example("8 garden planters built for the courtyard", M),
        Example("Speaking at three trade fairs", M),
        Example("Fix 60% of the defects found in the fire inspection", M),
        Example("85% of the renovation work scheduled for spring finished", M),
        Example("Cooking demos given at three farmers' markets", M),
        Example("Monthly repair café sessions held", T),
        Example("Conduct kitchen inspections at the partner pantries", T),
        Example("Write X number of help articles", M),
        Example("release x number of open-source plugins", M),
        Example("40 checkout test cases pass before each release", M),
        Example("Oversee 3 greenhouse projects", T),
        Example("Spoke at 4 regional growers' meetups", M),
        Example("6 case studies are delivered to the sales team", M),
        Example("Number of repair webinars: 12", M),
        Example("Podcast episodes on urban cycling", T),
        Example("Translate 40 museum labels into Welsh", M),
        Example("Every clinic audits 3 patient files per month", M),
        Example("12 revisions to the style guide", M),
        Example("100% of the depots have run at least one fire drill", M),
        Example("Twice a year, host an open day at the depot", M),
        Example("7 of 9 planned depot upgrades delivered", M),
        Example("The choir has 30+ singers each rehearsal and 10 or more concerts", M),
        Example("Fix 5 of the slowest report pages", M),
        Example("Run and write up quarterly tenant listening sessions", T),
        Example("Ran 8 tasting evenings", M),
        Example("6 payroll scripts open-sourced", M),
        Example("Number of identified suppliers: 12", M),
        Example("25 shop managers coached on stock planning", M),
        Example("Document 8 internal APIs", M),
        Example("60 porters complete the lifting course", M),
        Example("120 participants in our bread-making workshops", M),
        Example("Host 3 field days for orchard owners", M),
        Example("Get 6 of our walking maps stocked in tourist offices", M),
        Example("Catalogue 70% of the parish letters", M),
        Example("Sketch in a notebook every evening", T),
        Example("Swim twice a week at the leisure centre", T),
        Example("All our kitchens have a written allergen plan", MS),
        Example("90% of the branches keep a ranked list of repair jobs", M),
        Example("Give 2 hours a week to the allotment", M),
        Example("Stretch for 10 minutes a day", M),
        Example("Swim three times a week", M),
        Example("12 study sessions per month", M),
        Example("Our demonstrators at 4 regional food festivals", M),
        Example("Sort all the donated books and shelve 70% of them", M),
        Example("Add alt text to 60% of the gallery images", M),
        Example("Risk log drafted for each site", MS),
        Example("Run tasting evenings (at least 3)", M),
        Example("Commit to running 3 repair cafés", M),
    ),
    good=(
        Example("Grow organic sign-ups from the blog from 120 to 300 a month", M),
        Example("Sign 12 new reseller partners", M),
        Example("40 new members attend at least 2 workshops", M),
        Example("Cut open support tickets older than a week from 90 to 20", M),
        Example("150+ parents join the reading programme", M),
        Example("300+ downloads of the allotment app", M),
        Example("Resolve 90% of support tickets within one working day", M),
        Example("Weekly tasting sessions attended by 40 members", M),
        Example("The parcels sent by the depot are tracked end to end", MS),
        Example("Publish the volunteer handbook by June", MS),
        Example("Rotate volunteers between the two shops", T),
        Example("Reply to every tenant within 2 days", M),
        Example("Get 20 new sign-ups every week", M),
        Example("4 hours of downtime a month at most", M),
        Example("500+ stars on 2 new open-source libraries", M),
        Example("Reach X number of monthly readers", M),
        Example("Hire 3 new night-shift nurses", M),
        Example("Close 3 partnership deals with local councils", M),
        Example("Form 2 new partnerships with housing charities", M),
        Example("40 families attend at least 2 cooking classes", M),
        Example("Number of repeat customers: 300", M),
        Example("Identify venues for the spring fair", T),
        Example("Newsletters go out on the first Monday of each month", MS),
        Example("Publish the annual accounts every year by June", MS),
        Example("Leaflets, posters and the newsletter tracking sheet", MS),
        Example("80% of customers migrated to the new plan", M),
        Example("95% of claims reviewed within 2 days", M),
        Example("14 stewards recruited and trained", M),
        Example("Reduce the number of open issues on the ferry app from 80 to 20", M),
        Example("40 members attend the winter concert", M),
        Example("70% of attendees rate the course 4 or more", M),
        Example("Run a pilot of the meal boxes with a group of nine schools", M),
        Example("80% of new porters trained in fire safety within 2 weeks of starting", M),
        Example("Sell 6 quilts at the craft fair", M),
        Example("Customers write 50 reviews", M),
        Example("Support 5 file formats in the photo editor", M),
        Example("120 applications from schools", M),
        Example("Go 10 days without a fall", M),
        Example("Get 4 planning permits approved", M),
        Example("Ensure 100% of the delivery notes carry a signature", M),
        Example("Deliver on time every week", T),
        Example("Grow paid members by 5% every month", M),
        Example("80% of new accounts have a completed profile", M),
        Example("All shops have a trained manager on every shift", MS),
        Example("All depots have baselined their fuel costs", MS),
        Example("Get 20k podcast reach in the first season", M),
        Example("Our buyers at 4 regional food festivals", M),
        Example("Keep spare keys for 80% of the vans", M),
        Example("Price raised for each product", MS),
        Example("Sign new partners (at least 3)", M),
        Example("Commit to signing 4 partners", M),
        Example("Keep seed packets sorted by month in one tin", M),
        Example('% monthly bookings with the "Picnic" add-on', T),
        Example("Having 3,000 photos / clips / etc. tagged with the bakery name", M),
    ),
    detect=_output_count,
)


def _no_deadline(context: CheckContext) -> Iterator[Finding]:
    quantities = context.features.quantities
    if quantities and all(progress_tag(context, q) for q in quantities):
        return  # "... [20%]": only a progress note is numeric, the key result is not a metric
    if context.label is Label.METRIC and not dated(context) and not read_as_deliverable(context):
        # (a state sized by its number, or with no number to reach, is a milestone:
        # milestone.no_deadline asks for its date)
        body = context.features.body
        yield METRIC_NO_DEADLINE.finding(body.start, body.end)


METRIC_NO_DEADLINE = Check(
    code="KRQ105",
    name="metric.no_deadline",
    alias="metric-without-time-frame",
    severity=Severity.INFO,
    message=(
        "No time frame. If this is not simply the end of the OKR cycle, say by when "
        '("by end of Q3") or over what period ("per month").'
    ),
    docs=(
        "A metric usually inherits the OKR cycle as its time frame, so this is only "
        "information. It matters when the number is a rate over a period (sign-ups per week "
        "or per quarter?) or when the target is due before the cycle ends. A metric reading "
        'with no number to reach ("Move the expense tool to single sign-on => 0%": only a '
        "progress note) is a deliverable, and milestone.no_deadline asks for its date instead. "
        'A rate word between a count and what it counts ("4000 monthly readers", "300 daily '
        'riders") or inside the measure a verb of change moves ("Grow weekly visits by 10%") '
        'names the measure, not a period: it is no time frame ("Serve 40 meals daily" '
        "and \"per week\" are). "
        "A span of time in words is a time frame too: a window from someone's start (\"within "
        "their first 30 days\"), the cycle from end to end (\"from the start of the year to the "
        "end\") or a personal date (\"by my birthday\"). "
        'A release named by its version frames the key result as a date does ("for the 4.2 '
        'release", "by release 5").'
    ),
    bad=(
        Example("Increase NPS from 41 to 48", M),
        Example("4000 monthly readers of the tenants' newsletter", M),
        Example("New cooks work 4 solo shifts in their first kitchen", M),
    ),
    good=(
        Example("Increase NPS from 41 to 48 by the end of Q3", M),
        Example("Grow map editors from 300 to 500 for the 4.2 release", M),
        Example("Finance: Move the expense tool to single sign-on => 0%", M),
        Example("Serve 40 meals daily at the community kitchen", M),
        Example("New cooks work 4 solo shifts within their first 30 days", M),
        Example("Run 3 half marathons from the start of the year to the end", M),
        Example("Swim 40 lengths without a break by my birthday", M),
    ),
    detect=_no_deadline,
)


CHECKS: tuple[Check, ...] = (NO_BASELINE, NO_TARGET, NO_UNIT, OUTPUT_COUNT, METRIC_NO_DEADLINE)
