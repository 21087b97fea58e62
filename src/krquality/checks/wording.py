"""Wording checks, for every label: vague words, hedges, two results in one,
negative and absolute phrasing, placeholders, length, pointers to text outside."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import dropwhile, pairwise
from typing import TYPE_CHECKING

from krquality.checks import amounts, clauses, judged, minds, qualities
from krquality.checks.anaphora import refers_back
from krquality.checks.base import Check, CheckContext, Example
from krquality.checks.helpers import (
    FINITE_TAGS,
    in_brackets,
    load_words,
    names_a_skill,
    overlaps,
    part_of_a_name,
    phrase_hits,
    removal_fix,
    tokens_after,
    verb_lexicon,
    word_count,
)
from krquality.checks.joined import elided_state_after, finite_clause_after, order_after_comma, states_an_end
from krquality.checks.listed import separate_results_listed
from krquality.checks.outside import outside_references
from krquality.checks.owner_tags import owner_tags
from krquality.checks.states import joins_one_subject, passes_on, shares_capability, staged_targets
from krquality.checks.templates import progress_template
from krquality.features.types import Features, QuantityKind, SpanRef, VerbClass
from krquality.labels import Label
from krquality.nlp.annotations import LEADING_TAG, STATUS_TAG
from krquality.nlp.notes import annotation_spans, handles_note, progress_note
from krquality.nlp.quantities import is_measure_name
from krquality.result import Finding, Severity

if TYPE_CHECKING:
    from spacy.tokens import Token

M = Label.METRIC
MS = Label.MILESTONE
T = Label.TASK


def word_is(text: str, start: int, end: int, word: str) -> bool:
    return text[start:end].lower() == word


# Qualities that a number turns into a measure (a survey, an analytics figure).
_MEASURED_QUALITIES = frozenset(
    {"awareness", "engagement", "satisfaction", "morale", "retention", "adoption"}
)


def _vague(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    text = context.text
    measurable = bool(context.targets)
    lead = features.lead_verb
    spans: list[tuple[int, int]] = [(m.span.start, m.span.end) for m in features.markers_of("vague")]
    if lead is not None and lead.verb_class is VerbClass.VAGUE:
        spans.append((lead.span.start, lead.span.end))
    spans.extend(phrase_hits(context.tokens, context.config.vague_words))
    hedged = [(m.span.start, m.span.end) for m in features.markers_of("hedge")]
    spans.extend(span for span in phrase_hits(context.tokens, _extra_vague()) if not overlaps(span, hedged))
    spans.extend(qualities.undefined_qualities(context))
    spans.extend(judged.judged_spans(context))
    if not measurable:
        spans.extend(_bare_comparatives(context))
        # "enough documentation", "users can learn more", "Complete garden projects": how much is open
        spans.extend(amounts.open_amounts(context.body_tokens))
        spans.extend(amounts.open_work(context.body_tokens))
    open_more: list[tuple[int, int]] = []
    if measurable and "more" in context.lowers:
        # documented as vague in any clause: "8 groups formed, with the aim of reaching more"
        open_more = list(_open_more(context))
        spans.extend(open_more)
    seen: list[tuple[int, int]] = []
    removable = load_words("removable")
    for start, end in sorted(spans):
        if overlaps((start, end), seen):
            continue
        seen.append((start, end))
        if text[:start].rstrip().lower().endswith(" or") and word_is(text, start, end, "better"):
            continue  # "4:1 or better" is a threshold, not a vague aim
        is_lead = lead is not None and start == lead.span.start
        if not is_lead and part_of_a_name(context, start, end):
            continue  # "improvement suggestions", "the Better Streets Fund": a thing named, not an aim
        if is_lead and measurable and not _counts_its_objects(context):
            continue  # "Improve NPS from 41 to 48": the numbers say how much
        if measurable and text[start:end].lower() in _MEASURED_QUALITIES:
            continue  # "Raise awareness of X from 20% to 35%": a survey measures it
        if text[start:end].lower().rstrip(".") in _OPEN_LIST and examples_listed(text, start, measurable):
            continue  # "Trace every payment (card, wire, etc.)": examples, not what is measured
        if not is_lead and _topic_gerund(context, start):
            continue  # "guides focused on improving the rota": what the things made are about
        if not is_lead and (start, end) not in open_more and _in_purpose_clause(context, start):
            continue  # "Publish the rota guide so volunteers can plan better": the why, not the result
        if text[:start].lower().endswith("how ") or _number_before(features, text, start):
            continue  # "how many people finish" asks for a count; "a 5% improvement" has its number
        if text[start:end].lower() in _ENSURING and _state_follows(context, end):
            continue  # "Ensure every depot has a first-aider": the clause is the end state, checked alone
        if _stated_elsewhere(context, start, end):
            continue
        if _BOUND_BY_REFERENCE.match(text, end):
            continue  # "storage greater than the minimum allowance": a bound set by a named reference
        if in_status_note(text, start):
            continue  # "(0.3 -- several drafts in review)": a status note, not what the result asks
        word = text[start:end]
        fix = None
        if not is_lead and word.lower() in removable:
            fix = removal_fix(text, start, end, body_start=features.body.start)
        yield VAGUE.finding(
            start,
            end,
            f"'{word}' is vague: how much, and how would you check it? Replace it with a number "
            "or a concrete end state.",
            fix,
        )


# "than" and a reference the organisation defines: a comparison with it is a bound, checkable.
_BOUND_BY_REFERENCE = re.compile(
    r"\s+than\s+(?:the|its|their|our|a|an)\s+(?:[\w-]+\s+)?"
    r"(?:minimum|maximum|limit|threshold|floor|cap|allowance|quota|standard|requirement|baseline|"
    r"average|median|target)s?\b",
    re.IGNORECASE,
)
# A progress figure inside brackets: a grade on a 0-1 scale or a percentage ("(0.3 -- ...)", "[40% ...]").
_STATUS_FIGURE = re.compile(r"(?<![\d.])(?:[01]\.\d{1,2}|\d{1,3}\s?%)(?![\d.])")


def in_status_note(text: str, at: int) -> bool:
    """Whether ``at`` is inside a bracketed note that carries a progress figure: "(0.3 -- several
    drafts in review)", "[40% - some sites left]". The note says where the work stands; a vague word
    in it is not the key result's.

    >>> in_status_note("(0.3 -- several drafts in review) Ship the guide", 10)
    True
    >>> in_status_note("Ship several guides (for the depots)", 5)
    False
    """
    opened = max(text.rfind("(", 0, at), text.rfind("[", 0, at))
    if opened == -1 or not in_brackets(text, at):
        return False
    closed = min((i for i in (text.find(")", at), text.find("]", at)) if i != -1), default=len(text))
    return _STATUS_FIGURE.search(text, opened, closed) is not None


# Prepositions that name what a thing is about: "a talk on improving sleep".
_TOPIC_PREPOSITIONS = frozenset({"on", "about", "around", "towards", "toward"})


def _topic_gerund(context: CheckContext, start: int) -> bool:
    """Whether the vague word at ``start`` is a gerund naming the topic of a thing ("guides
    focused on improving the rota", "a workshop about optimising rosters"): the thing made is
    the result, and its topic needs no bar. Not after the key result's own verb ("Focus on
    improving the rota", "Work on optimising rosters": the vague aim is the key result)."""
    token = next((t for t in context.tokens if t.idx == start), None)
    if token is None or token.tag_ != "VBG" or token.i < 2:
        return False
    before = token.nbor(-1)
    if before.lower_ not in _TOPIC_PREPOSITIONS:
        return False
    head = token.nbor(-2)
    lead = context.features.lead_verb
    if lead is not None and lead.span.start <= head.idx < lead.span.end:
        return False
    if head.tag_ == "VBD":
        # "... leaflets (say, ...) centred on cutting Y": a participle the tagger read as a past
        # verb, after the clause already has its own; "Volunteers worked on improving X" has none
        return any(t.tag_ in {"VB", "VBZ", "VBP", "VBD", "MD"} for t in token.doc[: head.i])
    return head.pos_ in {"NOUN", "PROPN"} or head.tag_ == "VBN"


# Words that may bound a count right after its verb: "Polish at least 8 cards".
_COUNT_BOUNDS = frozenset({"", "at least", "up to", "over", "more than", "another"})


def _counts_its_objects(context: CheckContext) -> bool:
    """Whether the key result's only number counts the lead verb's objects, with no change
    measured ("Amplify 20 posts from partner charities", "Polish 8 recipe cards"): the number
    says how many things get the verb, not how much each changes, so the vague verb has no bar.
    "Improve 3 pages to load in under a second" and "Improve NPS from 41 to 48" have one."""
    lead = context.features.lead_verb
    if lead is None or len(context.targets) != 1:
        return False
    if any(c.baseline is not None for c in context.features.changes):
        return False  # "from 9 steps to 5": a change measured
    count = context.targets[0]
    if count.kind is not QuantityKind.NUMBER or count.scale or (count.unit and not count.unit.isalpha()):
        return False  # (the unit read for "8 recipe cards" is the counted noun; "8 km" is ruled out below)
    between = [t for t in context.tokens if lead.span.end <= t.idx < count.span.start]
    if between[:1] and between[0].lower_ in {"and", "&"} and between[1:2] and between[1].tag_ == "VB":
        between = between[2:]  # "Amplify and celebrate 20 posts": a chain of verbs on one object
    if " ".join(t.lower_ for t in between) not in _COUNT_BOUNDS:
        return False
    head = None
    for token in [t for t in context.tokens if t.idx >= count.span.end][:5]:
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            break
        head = token if token.pos_ in {"NOUN", "PROPN"} else head
    if head is None or head.tag_ not in {"NNS", "NNPS"}:
        return False  # the counted thing must follow: "8 recipe cards"
    after = [t for t in context.tokens if t.idx > head.idx]
    # "Optimize 3 pages to load in under a second", "... so that": the end state follows
    return not any(
        (a.lower_ == "to" and b.tag_ == "VB") or (a.lower_, b.lower_) == ("so", "that")
        for a, b in pairwise(after)
    )


def _stated_elsewhere(context: CheckContext, start: int, end: int) -> bool:
    """Whether the vague word at ``[start, end)`` is not what the key result is graded on,
    by its place in the sentence: inside the statement counted people report (a survey item),
    a modifier naming a kind beside another ("repair / upkeep jobs"), the scope of things
    already counted ("12 volunteers for various depots"), or a verb whose means follow with a
    number ("tighten security by retiring 100% of the old servers")."""
    inside = [t for t in context.tokens if start <= t.idx < end]
    if not inside:
        return False
    i = inside[0].i
    counts = [(q.span.start, q.span.end) for q in context.targets]
    return (
        clauses.in_reported_statement(context.tokens, start, counts)
        or (len(inside) == 1 and clauses.modifies_coordinated_noun(context.tokens, i))
        or clauses.scopes_a_count(context.tokens, i)
        or clauses.means_follow(context.tokens, inside[-1].i, counts)
    )


# Verbs whose object is a state of affairs: vague alone ("Ensure quality"), not before one.
_ENSURING = frozenset({"ensure", "make sure", "guarantee"})


def _state_follows(context: CheckContext, at: int) -> bool:
    """Whether a clause with its own subject and finite verb follows ``at``.

    "Ensure every depot has a named first-aider" states what will be true;
    the words of that state are judged by the other checks (an uncheckable
    "customers are happy" is flagged there), so "ensure" adds no vagueness.
    """
    after = [t for t in context.tokens if t.idx >= at][:9]
    for i, token in enumerate(after):
        if token.is_punct and token.text not in {"'", "’"}:
            return False
        if token.tag_ in FINITE_TAGS or token.lower_ in {"is", "are", "has", "have", "was", "were"}:
            return i > 0 and any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in after[:i])
    return False


# What opens a clause saying why: "... to help", "so that ...", "in order to ...", "so volunteers can".
_WHY = frozenset({"to", "so", "because"})
# "to be best in class", "to have better designs": the state aimed at, which the key result claims.
_STATE_VERBS = frozenset({"be", "become", "have", "feel", "seem", "remain", "stay", "look"})
# Words before "to" that make the verb after it the key result's own: "has to", "need to", "able to".
_BEFORE_INFINITIVE = frozenset(
    {"have", "need", "want", "go", "ought", "able", "try", "aim", "plan", "be", "start"}
)


def _in_purpose_clause(context: CheckContext, at: int) -> bool:
    """Whether ``at`` lies in a clause of purpose after the key result's own words.

    "Write the intake guide to improve the autumn rota": the key result is the guide;
    the purpose clause says why, and nobody grades it. The clause opens with "to" before a
    verb ("to improve", "to make"), "in order to", "so that" or "so" before a subject.
    """
    features = context.features
    if not context.tokens or at <= features.body.start + 10:
        return False
    tokens = [t for t in context.tokens if features.body.start + 10 < t.idx < at]
    for token in tokens:
        if token.lower_ not in _WHY or token.i + 1 >= len(token.doc):
            continue
        after = token.nbor(1)
        before = token.nbor(-1) if token.i > 0 else None
        if before is not None and (before.lemma_ or before.lower_).lower() in _BEFORE_INFINITIVE:
            continue  # "needs to start soon", "have to improve": what must be done, not why
        if token.lower_ == "to" and after.tag_ == "VB" and after.lower_ not in _STATE_VERBS:
            return True  # "... to improve the spring fair", "... to keep the counts comparable"
        if token.lower_ == "so" and (after.lower_ == "that" or after.pos_ in {"PRON", "NOUN", "PROPN"}):
            return True
    return False


# Amounts that say how much a change is: "a 5% improvement", "a 2x improvement".
_AMOUNTS = frozenset({QuantityKind.PERCENT, QuantityKind.MULTIPLIER})


def _number_before(features: Features, text: str, at: int) -> bool:
    """Whether an amount stands right before ``at``: "a 5% improvement", "20% growth".

    A count is not one: "4 improvements to the seed bank" says how many, not how much.
    """
    return any(
        q.kind in _AMOUNTS and q.span.end <= at and not text[q.span.end : at].strip()
        for q in features.quantities
    )


# Words that leave a list open.
_OPEN_LIST = frozenset({"etc", "and so on", "and so forth"})
# Words that introduce examples of something already named: "... such as X, Y, etc".
_EXAMPLES = re.compile(r"\b(?:e\.g\.?|eg|i\.e\.?|such as|including|like|for example|for instance)\s", re.I)
# What ends the clause of an example word before an open list.
_CLAUSE_BREAK = re.compile(r"[;:]|\s[-–—]\s")


def examples_listed(text: str, at: int, measurable: bool) -> bool:
    """Whether the open list ending at ``at`` ("etc") lists examples beside a concrete key result.

    In brackets ("Trace every payment (card, wire, etc.)") or after an example word in its
    clause ("... through channels such as email, chat, etc.") the list explains what the
    key result covers, which it states on its own. In a key result with a target, kinds
    joined by slashes ("6 demos/tastings/etc to 80 visitors") are what is counted, and the
    count is the measure. Where the open list is the thing to change ("Improve onboarding,
    docs, etc") it is vague.

    >>> examples_listed("Trace every payment (card, wire, etc.)", 32, False)
    True
    >>> examples_listed("Improve onboarding, docs, etc", 26, False)
    False
    """
    if in_brackets(text, at):
        return True
    examples = list(_EXAMPLES.finditer(text, max(0, at - 120), at))
    # The commas of the list itself do not end its clause; a colon, semicolon or dash does.
    if examples and _CLAUSE_BREAK.search(text, examples[-1].end(), at) is None:
        return True
    return measurable and text[:at].rstrip().endswith("/")


@cache
def _extra_vague() -> tuple[str, ...]:
    """The vague words of ``checks/data/vague_extra.txt``, as phrases to look for."""
    return tuple(sorted(load_words("vague_extra")))


def _bare_comparatives(context: CheckContext) -> Iterator[tuple[int, int]]:
    """"more" before an adjective with no number anywhere: "Make the app more human"."""
    tokens = context.tokens
    for i, token in enumerate(tokens[:-1]):
        following = tokens[i + 1]
        if token.lower_ == "more" and following.tag_ == "JJ" and following.lower_ not in {"than"}:
            yield token.idx, following.idx + len(following.text)


# Words before "more" that tie it to a number or a bound: "3 or more", "50 more", "once more".
_MORE_BOUND = frozenset({"or", "no", "any", "once", "many", "much", "far", "even", "the"})


def _open_more(context: CheckContext) -> Iterator[tuple[int, int]]:
    """"more" with no number of its own beside a measured key result: "8 teams formed, with the
    aim of supporting more", "500 members and more partners". Not "3 or more", "50 more
    members", "more than 40" or "more active" (a comparative the number measures)."""
    tokens = context.tokens
    for i, token in enumerate(tokens):
        if token.lower_ != "more" or i == 0:
            continue
        before, after = tokens[i - 1], tokens[i + 1] if i + 1 < len(tokens) else None
        near = tokens[max(0, i - 3) : i]
        if any(t.like_num for t in near) or before.lower_ in _MORE_BOUND or before.text in {"+", "-"}:
            continue  # "20% more applicants", "3 or more": the number says how many more
        if after is not None and (after.lower_ == "than" or after.like_num or after.tag_ in {"JJ", "RB"}):
            continue
        if in_brackets(context.text, token.idx):
            continue
        if any(q.start > token.idx for q in (t.span for t in context.targets)):
            continue  # "more members, from 40 to 60": the number after says how many
        yield token.idx, token.idx + len(token.text)


VAGUE = Check(
    code="KRQ401",
    name="wording.vague",
    alias="vague-wording",
    severity=Severity.WARNING,
    message="Vague wording. Replace it with a number or a concrete end state.",
    docs=(
        "Words like improve, better, optimize, significantly or as much as possible let "
        "everyone read their own target into the key result, so at the end of the quarter "
        "it is graded by mood. A key result must be checkable by someone who did not write "
        "it. The same goes for a quality with no bar (\"a comprehensive guide\", \"thorough "
        'documentation"), an amount with no number ("multiple", "greater visibility"), "more" '
        'before an adjective with no number anywhere ("more human"), "more" with no number of its '
        'own beside a measured key result ("8 groups formed, with the aim of reaching more"), '
        '"soon", and "etc" where the open list is what should change ("Tidy the bay, the store, '
        'etc"); "etc" closing examples in brackets or after "such as", or kinds of a counted thing '
        '("6 demos/tastings/etc"), explains a key result that states '
        "its result on its own. A vague word in a clause saying why (\"... to improve the autumn "
        'rota", "so volunteers can plan better"), after "how" ("how many") or right after its '
        'own number ("a 5% improvement") is not what the key result is graded on, nor is "ensure" '
        'before a clause of its own ("Ensure every depot has a named first-aider"): the clause is '
        'the end state, judged by the other checks. Nor is a vague word in a statement that '
        'counted people report, the item of a survey whose share is the bar ("60% of tenants say '
        'the forms got better"), a noun naming a kind beside another before their noun ("the '
        'kitchen improvement / repair jobs"), an amount word in the scope of things already '
        'counted ("Recruit 12 volunteers for various depots"), or a vague verb whose means follow '
        'with a number ("Tighten security by retiring 100% of the old servers"), or a vague '
        'gerund naming what a thing is about ("a workshop about optimising rosters"; after the key '
        'result\'s own verb, "Work on optimising rosters", it is the aim and is flagged). '
        'A quality with no test is vague too ("a credible roadmap", "the pricing page is '
        'clear", "handled securely", "a scheme of some sort"), and so is an amount with no share '
        '("the boxes are mostly labelled"), unless the key result says how it is '
        'checked: a share or a scored measure ("clear: 90% of new drivers pass the quiz") or a named '
        'standard or test it passes ("the portal passes the PCI DSS 4.0 audit"). So is a judgement '
        'where it grades something, before its noun or stated of it ("a sound basis for the '
        'month-end close", "a realistic plan", "the right people", "the flow is ideal"; also where '
        'the tagger does not know the word, "a performant map page", and as the quality a verb sets '
        'on its object, "Make the map page performant"), a state stated of something ("records '
        'are kept private", "the app is stable"; not a kind of thing named: "the private key", "a '
        'stable release"), and a frequency with no rate ("publish the newsletter regularly"; not '
        '"regularly, at least twice a month"). So is a vague verb\'s participle used as an adjective '
        'or stated of its thing ("a revamped booking page", "the returns process is streamlined"; '
        'not a participle with a checkable end, "the revised tide tables"), and a vague verb whose '
        'only number counts its objects ("Polish 8 recipe cards": how much each changes is open; '
        'not with a bar after them, "Optimize 3 pages to load in under a second"). The adverb of '
        'a judgement grades how the work is done and is vague as well ("lay out the floor sensibly"; '
        'not an adverb of another word, "publish the accounts publicly"). A comparison with a '
        'reference the organisation defines is a bound ("storage greater than the minimum '
        'allowance"; "better than before" is not), and a word inside a bracketed status note that '
        'carries a progress figure ("(0.2 -- several drafts)") is the note\'s, not the key '
        "result's. Where no number sets the bar, so is an amount word alone (\"enough "
        'documentation", "adequately ventilated", "some invoices"; not "enough notes for 40 cashiers"), '
        'a thing left unnamed after a verb ("bake something new every week", "do some stuff"), '
        'an adjective of how often on recurring work ("regular tasting sessions", "at a regular pace"; '
        'not "regular customers", a kind of people, nor with a rate, "every month"), "more" as what '
        'a verb does ("tenants can learn more about the rota": more than what?; not "grow more '
        'tomatoes", a count metric.no_target asks for, nor a comparison stated of a thing, "these '
        'skills are more hands-on"), '
        'and units of work in the plural after a verb of finishing, with nothing that picks them out '
        '("Complete garden and kitchen projects", "Finish boiler repairs by March": which, and how '
        'many, count as done?; also as the subject of their finishing, "Garden projects are completed"; '
        'not "the garden projects", "4 repairs", "all repairs" or "features '
        'from the spring plan"). Teams can add their own vague words with `vague-words` in the '
        'configuration.'
    ),
    bad=(
        Example("Keep storage per tenant greater than before", T),
        Example("Ship several guides for the depots (in progress)", T),
        Example("Improve the onboarding experience", T),
        Example("Work on optimising rosters", T),
        Example("Publish a comprehensive guide for new tenants by May", MS),
        Example("Make the booking app more human", T),
        Example("Give greater visibility to our grant decisions", T),
        Example("Increase trial conversion significantly", T),
        Example("Optimize the checkout flow", T),
        Example("8 reading groups formed across the district, with the aim of reaching more", M),
        Example("Publish a credible roadmap for the depot upgrade", MS),
        Example("Tenant data is stored and handled securely", MS),
        Example("Add a loyalty scheme of some sort to the café", MS),
        Example("The archive boxes are mostly labelled by the end of March", MS),
        Example("Tidy the loading bay, the cold store, etc", T),
        Example("Run workshops for various teams", T),
        Example("Deliver process improvement by May", MS),
        Example("Publish a realistic plan for the depot move", MS),
        Example("The booking flow is ideal for first-time tenants", MS),
        Example("Customer records are kept private", T),
        Example("Publish the bakery newsletter regularly", MS),
        Example("Launch a revamped timetable page for the ferry by May", MS),
        Example("Enhance 4 museum galleries for school visits", M),
        Example("Index the parish archive performantly for the website", MS),
        Example("Build a performant map page for the ferry times by June", MS),
        Example("Make the ferry timetable page performant by June", MS),
        Example("Publish a meaningful report on the food bank by May", MS),
        Example("Write enough onboarding notes for a new cashier to close the till alone", MS),
        Example("Tenants can learn more about the new recycling rota", T),
        Example("Complete garden and kitchen projects", T),
        Example("Hold regular tasting sessions for members", T),
    ),
    good=(
        Example("Raise onboarding completion from 55% to 75%", M),
        Example("Improve NPS from 41 to 48", M),
        Example("Publish the kitchen's improvement suggestions by May", MS),
        Example("Apply to the Better Streets Fund by 30 June", MS),
        Example("Raise the share of members who feel more welcome from 40% to 60%", M),
        Example("Publish the tenancy guide as soon as possible", MS),
        Example("Hold more than 3 tasting evenings for members", M),
        Example("Welcome 50 more families to the food bank", M),
        Example("Hold 3 or more tastings for members", M),
        Example("The rota guide is clear: 90% of new drivers pass the comprehension quiz", M),
        Example("Card data is handled securely: the portal passes the PCI DSS 4.0 audit", MS),
        Example("Clear 40 overdue tickets from the repair queue", M),
        Example("The yard is clear of debris before the inspection", MS),
        Example("The booking app is generally available by June", MS),
        Example("Trace every payment (card, wire, etc.) in the new ledger by June", MS),
        Example("Ensure every depot has a named first-aider by May", MS),
        Example("Deliver 6 cooking demos/tastings/etc to 80 market visitors by May", M),
        Example("Publish the intake guide by May to improve the autumn rota", MS),
        Example("Publish the rota guide so volunteers can plan better by June", MS),
        Example("60% of tenants say the repair forms got better", M),
        Example("Finish the kitchen improvement / repair jobs", MS),
        Example("Recruit 12 new volunteers for various depots", M),
        Example("Tighten data security by retiring 100% of the old servers", M),
        Example("Rotate the private key for the payment gateway by June", MS),
        Example("Ship a stable release of the till app by June", MS),
        Example("Publish the bakery newsletter regularly, at least twice a month", M),
        Example("Publish the revised tide tables by May", MS),
        Example("Streamline the refund form from 9 steps to 5", M),
        Example("Keep storage per tenant greater than the minimum allowance", T),
        Example("P3: (0.2 -- several drafts) At least one depot publishes its rota online", M),
        Example("Run a workshop about optimising rosters for 20 ward managers by June", M),
        Example("Give each tenant a unique door code by May", MS),
        Example("Halve the number of outstanding repair requests from 80 to 40", M),
        Example("Write enough onboarding notes for 40 cashiers to close the till alone", M),
        Example("Grow more tomatoes in the allotment", T),
        Example("Complete the garden projects by June", MS),
        Example("Ship features from the spring plan by June", MS),
        Example("Keep regular customers informed about the new menu", T),
    ),
    detect=_vague,
)


# Hedge verbs whose "... to" can go: "Try to launch" -> "Launch". Modal hedges
# ("should", "could") and "aim for" need a rewrite, not a deletion.
_HEDGE_VERBS = frozenset(
    {
        "try",
        "tries",
        "trying",
        "attempt",
        "attempting",
        "aim",
        "aims",
        "aiming",
        "strive",
        "seek",
        "endeavour",
        "endeavor",
        "hope",
        "plan",
        "planning",
        "intend",
        "wish",
    }
)


def _hedge(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    removable = load_words("removable")
    for marker in features.markers_of("hedge"):
        phrase = marker.span.text.lower()
        words = phrase.split()
        if in_brackets(context.text, marker.span.start) and words[0] in _DESCRIBING:
            continue  # "(regional or possibly themed gatherings)": a note on what counts, not the commitment
        if words[0] == "might" and context.text[: marker.span.start].lower().rstrip().endswith("how"):
            continue  # "how might we ...": a way of framing a question, not a hedge on the result
        if words[-1] == "to" and not clauses.opens_infinitive(context.tokens, marker.span.end):
            continue  # "from planning to delivery": a noun and a preposition, not an intention
        if words[0] in _MODALS and clauses.in_relative_clause(context.tokens, marker.span.start):
            continue  # "2 recipes that could be reused": which things qualify, not the commitment
        fix = None
        if phrase in removable or (len(words) == 2 and words[1] == "to" and words[0] in _HEDGE_VERBS):
            fix = removal_fix(
                context.text, marker.span.start, marker.span.end, body_start=features.body.start
            )
        yield HEDGE.finding(
            marker.span.start,
            marker.span.end,
            f"'{marker.span.text}' hedges the commitment. Commit to the result and drop it; "
            "if it is a stretch, the score at the end of the quarter will say so.",
            fix,
        )
    yield from _open_wording(context)


# Modals that hedge the key result's own verb, but only describe a noun in a relative clause.
_MODALS = frozenset({"could", "would", "might", "should", "may"})
# Hedge adverbs that, inside brackets, describe what counts rather than weaken the result.
_DESCRIBING = frozenset(
    {"possibly", "potentially", "perhaps", "maybe", "ideally", "roughly", "approximately"}
)
# "consider" in its base or -ing form: "consider setting up", "Consider a second site".
_CONSIDER_TAGS = frozenset({"VB", "VBP", "VBG"})
_BEFORE_ORDER = frozenset({"and", ",", ";", "also", "then", "or", "to", "&"})


def _open_wording(context: CheckContext) -> Iterator[Finding]:
    """Wording that leaves open whether the result is wanted: "consider ...", a question mark."""
    body = context.features.body
    markers = [(m.span.start, m.span.end) for m in context.features.markers_of("hedge")]
    tokens = context.tokens
    for i, token in enumerate(tokens):
        if not body.start <= token.idx < body.end or overlaps((token.idx, token.idx + 1), markers):
            continue
        # An order to the team ("..., and consider setting up"), not people's view ("who consider").
        ordered = token.idx <= body.start or tokens[i - 1].lower_ in _BEFORE_ORDER
        if token.lower_ in {"consider", "considering"} and token.tag_ in _CONSIDER_TAGS and ordered:
            yield HEDGE.finding(
                token.idx,
                token.idx + len(token.text),
                f"'{token.text}' leaves open whether it will be done at all. Decide now: commit to "
                "the result, or leave it out of the key results.",
            )
        elif token.text == "?" or token.text.endswith("?"):
            yield HEDGE.finding(
                token.idx,
                token.idx + len(token.text),
                "A question mark leaves the key result undecided. Settle the question and state the "
                "result as a commitment; an open question belongs in the plan.",
            )
            return


HEDGE = Check(
    code="KRQ402",
    name="wording.hedge",
    alias="hedge",
    severity=Severity.WARNING,
    message="A hedge weakens the commitment. Drop it.",
    docs=(
        '"Try to", "aim to", "hopefully" and "if possible" turn a commitment into an '
        "intention that is met by trying. OKRs already allow for stretch: a key result is "
        "scored, not passed or failed, so the wording can commit fully. \"Consider ...\", "
        '"maybe" and a question mark go further: they leave open whether the result is wanted '
        "at all, so decide before the cycle starts. A hedge inside brackets that describes what "
        'counts ("regional or possibly themed gatherings") is a note, not a hedge. '
        'Nor is a word of a hedge in another role: "planning to" before a noun ("from planning '
        'to delivery"), or a modal in a clause that says which things qualify ("3 menus that '
        'could be reused", "the figures we would want to watch").'
    ),
    bad=(
        Example("Try to launch the partner portal by 30 June", MS),
        Example("Hopefully reduce churn from 3% to 2%", M),
        Example("Write the tenancy guide, and consider setting up a repair hotline", MS),
        Example("Consider a second market stall for the summer", MS),
        Example("Move the allotment waiting list to the new site?", MS),
        Example("Publish the rota (by email?) before the summer", MS),
        Example("Open a second stall at the market, maybe", MS),
        Example("This quarter we would like to open a second stall", MS),
    ),
    good=(
        Example("Launch the partner portal by 30 June", MS),
        Example("Reduce monthly churn from 3% to 2%", M),
        Example("Members who consider the prices fair rise from 55% to 70%", M),
        Example("Host 3 area gatherings (regional or possibly themed) by June", M),
        Example("Publish a how might we brief for the tenants' forum by May", MS),
        Example("Cut the time from ordering to delivery by 20%", M),
        Example("Publish 3 menus that could be reused by other branches", M),
    ),
    detect=_hedge,
)

# Not "while": "... while keeping p99 latency under 250 ms" is a guardrail on
# the same key result, a good practice rather than a second result.
_JOINERS = frozenset({"and", "&", "+", "plus", "as well as", ";", "/", "."})


_PARTICIPLES = frozenset({"VBN", "VBD", "VBG"})


def _reported_pair(body_before: Sequence[Token], tokens: Sequence[Token], end: int) -> bool:
    """Whether a joiner at ``end`` joins two things reported done, each verb with its own object:
    "Relaunched the allotment site and cut the waiting list" (two results, each checked alone;
    "Recruited and trained 12 stewards" shares one object)."""
    if len(body_before) < 3 or body_before[0].tag_ not in {"VBD", "VBN"}:
        return False  # the key result opens with a verb in the past: a report of work done
    object_start = {"DET", "NOUN", "PROPN", "ADJ", "PRON"}
    if body_before[-1].pos_ not in {"NOUN", "PROPN"} or body_before[1].pos_ not in object_start:
        return False  # the first verb has an object of its own
    right = [t for t in tokens if t.idx >= end][:2]
    if len(right) < 2 or right[0].tag_ not in {"VBD", "VBN"}:
        return False
    return right[1].pos_ in {"DET", "NOUN", "PROPN", "ADJ", "PRON", "NUM"}


def _compound(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    tokens = context.tokens
    candidates = [(m.span.start, m.span.end) for m in features.markers_of("conjunction")]
    # The pipeline may not mark every joiner; two measured halves are enough evidence.
    if not _JOINERS.isdisjoint(context.lowers):
        candidates += [(t.idx, t.idx + len(t.text)) for t in tokens if t.lower_ in _JOINERS]
    quantities = [q.span for q in features.quantities]
    seen: list[tuple[int, int]] = []
    for start, end in sorted(set(candidates)):
        if overlaps((start, end), seen):
            continue
        if context.text[start:end].lower() == "while":
            continue
        if context.text[start:end] == "+" and start > 0 and context.text[start - 1].isdigit():
            continue  # "3+ sessions" is a threshold
        if context.text[start:end] == "/" and not context.text[start - 1 : end + 1].startswith(" "):
            continue  # "meetups/hackathons", "24/7": one word, not two results
        before = [t for t in tokens if t.idx < start]
        if any(t.lower_ in {"between", "both"} for t in before):
            continue  # "between 100 and 200 ms" is one range
        relative = any(t.lower_ in {"who", "which", "that", "whose"} for t in before)
        # A number in brackets is a note on the same result ("(80% by 1 May)"), not a second one.
        measured_left = any(q.end <= start for q in quantities)
        measured_right = any(q.start >= end and not in_brackets(context.text, q.start) for q in quantities)
        if context.text[start:end] == ".":
            if before and _sentence_of_its_own(tokens, end):
                seen.append((start, end))  # a full stop ends any purpose clause before it
                yield COMPOUND.finding(start, end)
            continue  # otherwise a note after the result ("See the draft in the wiki.")
        if _after_purpose(context.text, features.body.start, start):
            continue  # "... to meet growers, swap seeds, and learn": the why, listed
        if _one_result_joined(context, start):
            continue  # one subject, one capability, one measure staged, one thing made and shared
        if in_brackets(context.text, start):
            continue  # "5 outings (2 walks and 3 picnics)": a breakdown of one count
        # A new subject with its own verb is a second end state: "... is finished and the
        # mentoring track is open". One shared subject ("70% of members sign up and stay") is not.
        if not relative and _clause_follows(tokens, end) and _has_finite_verb(before):
            seen.append((start, end))
            yield COMPOUND.finding(start, end)
            continue
        # The same with a counted subject ("..., and at least one clinic in each county has cut
        # ..."), or with its "is" left out after a first state ("The form is withdrawn and the
        # new one published"): see krquality.checks.joined.
        right_at = next((t.i - tokens[0].i for t in tokens if t.idx >= end), None)
        body_left = [t for t in before if t.idx >= features.body.start]
        if not relative and right_at is not None and (
            (_has_finite_verb(before) and finite_clause_after(tokens, right_at))
            or (states_an_end(body_left) and elided_state_after(tokens, right_at))
        ):
            seen.append((start, end))
            yield COMPOUND.finding(start, end)
            continue
        previous = before[-1] if before else None
        body_before = [t for t in before if t.idx >= features.body.start]
        # "Scan, sort, and label ...": single words and commas from the start (the tagger may
        # take the first verbs for adjectives), or a verb right before the comma.
        # A leading adverb modifies the whole list: "Jointly sort, weigh, and label ...".
        listed_words = list(dropwhile(lambda t: t.tag_ == "RB", body_before))
        single_words = len(listed_words) > 1 and all(
            (t.text == ",") == (j % 2 == 1) for j, t in enumerate(listed_words)
        )
        listed_verbs = len(before) > 1 and (before[-2].tag_ in {"VB", "VBP"} or single_words)
        if previous is not None and previous.text == "," and listed_verbs:
            continue  # "Scan, sort, and label the returns": a list of verbs sharing one object
        if measured_left and measured_right and _subject_list(tokens, quantities, start, end):
            continue  # "All 3 vans and 4 bikes are serviced": one list, the subject of one verb
        if _one_population(context, quantities, end):
            continue  # "70% of trainees sign up and finish the course": one share of one group
        if previous is not None and (
            _verb_shares_object(previous, features)
            or previous.idx <= features.body.start
            or _after_heading(previous)  # "Kitchen: Measure and increase ...": the tagger's noun is a verb
            or previous.tag_ in {"IN", "RP"}  # "Plan and host a bake sale": one object
        ):
            continue  # "Recruit and onboard a co-host": two verbs, one object, one result
        following = tokens_after(tokens, end, 1)
        if following and _noun_list(body_before, following[0]):
            continue  # "90% of riders from Leeds and York ...", "skill with ledgers and payroll tools"
        # A base-form verb starts a second result ("and migrate billing"); a
        # participle completes a state ("executed and documented") of the same one.
        verb_right = bool(following) and (
            following[0].tag_ == "VB"
            or (following[0].lower_ in load_words("kr_verbs") and following[0].tag_ not in _PARTICIPLES)
        )
        # A verb after "and" inside a relative clause ("customers who sign up and
        # invite a colleague") still describes one population, not a second result.
        if (measured_left and measured_right) or (verb_right and not relative):
            seen.append((start, end))
            yield COMPOUND.finding(start, end)
            continue
        if not relative and _reported_pair(body_before, tokens, end):
            seen.append((start, end))
            yield COMPOUND.finding(start, end)
            continue
        if relative or not following or previous is None or previous.tag_ in _PARTICIPLES:
            continue  # "recruited and trained": one participle sharing what follows
        joiner = context.text[start:end].lower()
        # After a joiner stronger than "and", a gerund starts a second piece of work:
        # "Draft the guide + recruiting two wardens", "Repaint the hall; recruiting helpers".
        # The first part needs a verb of its own: "Wordpress up & running" is one state.
        led = features.lead_verb is not None and features.lead_verb.span.start < start
        gerund_right = joiner in _STRONG_JOINERS and following[0].tag_ == "VBG" and led
        # Two states, each with its own complement: "Shelters are inspected for damp and
        # prepared for winter" (each can be checked alone; "agreed and shared" is one, and so
        # is "backed-up and verified").
        state_pair = (
            following[0].tag_ in {"VBN", "VBD"}
            and previous.pos_ in {"NOUN", "PROPN", "ADJ"}
            and _passive_state(body_before)
        )
        listed = _measures_listed(context, previous, following[0], strong=joiner in _STRONG_JOINERS)
        if gerund_right or state_pair or listed:
            seen.append((start, end))
            yield COMPOUND.finding(start, end)
    if not seen:
        orders = list(_orders_listed(context))
        yield from orders
        if not orders:
            yield from _results_listed(context)


def _results_listed(context: CheckContext) -> Iterator[Finding]:
    """Three or more results listed with commas and a last "and" (see krquality.checks.listed):
    each separator, as for orders listed."""
    body = list(context.body_tokens)
    lead = context.features.lead_verb
    lead_at = None
    if lead is not None:
        lead_at = next((k for k, t in enumerate(body) if t.idx == lead.span.start), None)
    for token in separate_results_listed(body, lead_at):
        if in_brackets(context.text, token.idx):
            continue
        yield COMPOUND.finding(token.idx, token.idx + len(token.text))


def _orders_listed(context: CheckContext) -> Iterator[Finding]:
    """Orders listed with commas and no joiner ("Book the venue, hire two caterers, print the
    tickets"): each comma an order of its own follows (see krquality.checks.joined)."""
    features = context.features
    tokens = context.tokens
    lead = features.lead_verb
    if lead is None or not tokens:
        return
    first = tokens[0].i
    lead_at = next((t.i - first for t in tokens if t.idx == lead.span.start), None)
    for k, token in enumerate(tokens):
        if token.text != "," or not features.body.start <= token.idx < features.body.end:
            continue
        if in_brackets(context.text, token.idx):
            continue
        if _after_purpose(context.text, features.body.start, token.idx):
            continue
        if order_after_comma(tokens, k, lead_at, _order_verbs()):
            # every such comma: a split draft cuts at each ("Book ...", "Hire ...", "Print ...")
            yield COMPOUND.finding(token.idx, token.idx + 1)


@cache
def _order_verbs() -> frozenset[str]:
    """Verbs that open an order of their own after a comma: the verbs a key result starts with."""
    return load_words("kr_verbs") | load_words("activity_verbs") | load_words("done_verbs")


def _after_heading(token: Token) -> bool:
    """Whether ``token`` opens the key result after a heading ("Kitchen: ", "Ops - "): the first
    word of the sentence, as if the heading were not there."""
    if token.i < 2 or token.i >= 6:
        return False
    mark = token.doc[token.i - 1]
    spaced = bool(token.doc[token.i - 2].whitespace_) and bool(mark.whitespace_)
    return mark.text == ":" or (mark.text in {"-", "–"} and spaced)  # not "sign-ups"


def _one_result_joined(context: CheckContext, start: int) -> bool:
    """Whether the joiner at ``start`` stays inside one key result (see krquality.checks.states):
    names listed as the subject of one verb ("how the tills and the scales are used"), a second
    thing the same subject can do ("Members can book rooms, and cancel them"), one measure's
    target for a later stage ("120 by May & 140 by June"), or a thing made and then passed on
    with no object of its own ("Draft the plan and circulate among the leads")."""
    body = context.body_tokens
    at = next((i for i, t in enumerate(body) if t.idx == start), None)
    if at is None:
        return False
    return (
        joins_one_subject(body, at)
        or shares_capability(body, at)
        or staged_targets(body, at)
        or passes_on(body, at)
        or refers_back(body, at)  # "Shortlist the venues and visit them": one step after another
    )


def _noun_list(before: Sequence[Token], following: Token) -> bool:
    """Whether the joiner lists nouns inside a phrase that has no verb yet: the subject of a share
    ("90% of riders from Leeds and York renew") or a preposition's object ("skill with ledgers and
    payroll tools"). One result's words, not two results; a number after the joiner ("500 members
    and 40 sponsors") is a second count and is judged on.

    The tagger often reads a noun used as a modifier after "and" as a verb ("frontend and
    backend coding"): after a preposition with no verb before it, such a word is taken as a noun
    when a noun or "-ing" modifier follows it.
    """
    if not before or any(t.pos_ in {"VERB", "AUX"} for t in before):
        return False
    if following.like_num or following.pos_ in {"NUM", "DET"}:
        return False
    if following.pos_ in {"NOUN", "PROPN", "ADJ"} and following.tag_ != "VB":
        return True
    after = following.nbor(1) if following.i + 1 < len(following.doc) else None
    in_object = any(t.pos_ == "ADP" for t in before)
    return in_object and after is not None and (after.pos_ == "NOUN" or after.tag_ == "VBG")


# Joiners that never just share one object between two verbs, unlike "and".
_STRONG_JOINERS = frozenset({"+", ";", "plus", "as well as", "&"})
# Verb classes that move a measure: "Reduce idle time, and fuel cost" moves two.
_MOVING = frozenset({VerbClass.OUTCOME, VerbClass.MULTIPLIER})


def _passive_state(words: Sequence[Token]) -> bool:
    """Whether ``words`` state a passive end state with a complement of its own: a form of "be",
    a participle, then a preposition ("are inspected for damp"), not "is backed-up"."""
    for i, (a, b) in enumerate(pairwise(words)):
        if a.lower_ in _BE_FORMS and b.tag_ in {"VBN", "VBD"}:
            return any(t.pos_ == "ADP" for t in words[i + 2 :])
    return False


_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been"})


def _measures_listed(context: CheckContext, previous: Token, following: Token, *, strong: bool) -> bool:
    """Whether a verb that moves a measure has two measures listed after it, each its own
    result: "Reduce van idle time, and fuel cost per delivery". The list is written with a
    comma ("A, B and C", "A, and B") or a joiner stronger than "and" ("sign-ups + retention"):
    "awareness of our brand and products" is one measure."""
    features = context.features
    lead = features.lead_verb
    if lead is None or lead.verb_class not in _MOVING or context.targets:
        return False  # with numbers, the measured halves decide above
    between = [t for t in context.tokens if lead.span.end <= t.idx < previous.idx + 1]
    if any(t.pos_ in {"ADP", "VERB", "AUX", "SCONJ"} for t in between):
        return False  # "awareness of the brand and ...": the list is inside one measure
    listed = strong or previous.text == "," or any(t.text == "," for t in between)
    return listed and following.pos_ in {"NOUN", "PROPN", "ADJ", "DET"}


_SUBJECT_DETS = frozenset({"the", "our", "a", "an", "all", "every", "each", "its", "their"})
_FINITE = frozenset({"is", "are", "was", "were", "has", "have", "will", "gets", "get"})
_SUBJECT_PRONOUNS = frozenset({"we", "they", "everyone", "everybody"})


def _clause_follows(tokens: Sequence[Token], end: int) -> bool:
    """Whether a clause with its own subject and verb starts at ``end``: "the track is open"."""
    after = tokens_after(tokens, end, 9)
    # A subject opens with a determiner ("the track is open"), is a bare noun ("goodwill is
    # earned") or a pronoun for people ("... and they now run two shifts").
    if not after:
        return False
    if after[0].lower_ in _SUBJECT_PRONOUNS:
        return len(after) > 1 and (after[1].lower_ in _FINITE or after[1].tag_ in FINITE_TAGS)
    if after[0].lower_ not in _SUBJECT_DETS and after[0].pos_ not in {"NOUN", "PROPN"}:
        return False
    for token in after[1:]:
        if token.lower_ in _FINITE:
            return True
        if token.lower_ in {"and", "&"} or token.lower_ in _SUBJECT_DETS:
            continue  # a listed subject: "... and the kiosk and the app are live"
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"} and token.tag_ != "VBG" and token.text != "-":
            return False
    return False


def _sentence_of_its_own(tokens: Sequence[Token], end: int) -> bool:
    """Whether a sentence after a full stop starts with a verb of its own and has an object:
    "... to the stock app. Support exporting counts as CSV." (a second result, not a note)."""
    after = tokens_after(tokens, end, 3)
    if len(after) < 3 or not after[0].text[:1].isupper():
        return False
    first = after[0]
    lemma = (first.lemma_ or first.lower_).lower()
    if lemma in _NOTE_VERBS:
        return False  # "See the draft in the wiki": a pointer, not a result
    if first.tag_ in {"VB", "VBP"} or (lemma in load_words("kr_verbs") and first.tag_ not in _PARTICIPLES):
        return True
    # The tagger often reads a verb opening a sentence as a noun ("Support exporting ...").
    known = verb_lexicon().lookup(first.lower_, after[1].lower_) is not None
    return known and after[1].pos_ in {"DET", "VERB", "NOUN", "ADJ", "PRON"}


_NOTE_VERBS = frozenset({"see", "note", "cf", "refer", "check"})


def _subject_list(tokens: Sequence[Token], quantities: Sequence[SpanRef], start: int, end: int) -> bool:
    """Whether counted things joined at ``start`` are one list before the only verb: no verb before
    the first number or between the numbers, and a verb after them ("3 vans and 4 bikes are serviced")."""
    first = min(q.start for q in quantities)
    right = min((q.start for q in quantities if q.start >= end), default=end)
    verbs = [t.idx for t in tokens if t.pos_ in {"VERB", "AUX"}]
    return not any(i < right for i in verbs) and any(i > right for i in verbs) and first < start


def _one_population(context: CheckContext, quantities: Sequence[SpanRef], end: int) -> bool:
    """Whether the key result counts one group that does two things: the only number is its
    subject, before any verb ("At least 70% of the members vote and renew")."""
    if not quantities or any(q.start >= end for q in quantities):
        return False
    first = min(q.start for q in quantities)
    after = tokens_after(context.tokens, max(q.end for q in quantities if q.start == first), 1)
    if not after or not (after[0].lower_ == "of" or after[0].tag_ in {"NNS", "NNPS"}):
        return False  # "Twice a year, run ... and share ...": a frequency, not a group counted
    return not any(t.idx < first and t.pos_ in {"VERB", "AUX"} for t in context.tokens) and not (
        context.features.lead_verb is not None and context.features.lead_verb.span.start < first
    )


def _has_finite_verb(before: Sequence[Token]) -> bool:
    """Whether the words before a joiner hold a verb of their own ("The training is finished")."""
    return any(t.lower_ in _FINITE or t.tag_ in {"VB", "VBZ", "VBP", "VBD"} for t in before)


_PURPOSE = re.compile(r"\s(?:to|in order to|so that)\s+[a-z]+", re.I)


def _after_purpose(text: str, body_start: int, at: int) -> bool:
    """Whether ``at`` is in a purpose clause ("... to share X and build Y") after the main one."""
    for match in _PURPOSE.finditer(text, body_start, at):
        if match.start() <= body_start + 10:
            continue
        if _RANGE_OPEN.search(text, max(body_start, match.start() - 40), match.start()):
            continue  # "from planning to release": the end of a range, not a purpose
        return True
    return False


# "from" a few words before a "to": the "to" ends a range ("from booking to dispatch").
_RANGE_OPEN = re.compile(r"\bfrom(?:\s+[\w'’-]+){1,3}\s*$", re.I)


def _verb_shares_object(token: Token, features: Features) -> bool:
    """Whether ``token``, just before a joiner, is a verb with nothing of its own after it
    ("Identify and mitigate all risks"): the two verbs share one object."""
    lead = features.lead_verb
    if lead is not None and lead.span.start <= token.idx < lead.span.end:
        return True
    return token.tag_ in {"VB", "VBP"} or (token.lower_ in load_words("kr_verbs") and token.pos_ == "VERB")


COMPOUND = Check(
    code="KRQ403",
    name="wording.compound",
    alias="two-key-results-in-one",
    severity=Severity.WARNING,
    message=("Two key results joined into one. Split them, so each can be scored on its own."),
    docs=(
        'A key result joining two outcomes ("Increase NPS to 50 and reduce churn to 2%") '
        "cannot be scored when one half is met and the other is not, and it hides that the "
        "objective really has one more key result. Split it; if the objective then has too "
        'many, choose. The halves may be joined by "and", ";", " / ", "+", "plus", "as well as", '
        'a new subject with its own verb ("... is finished and the track is open") or a second '
        "sentence that starts with a verb. They are also two when each side can be scored "
        'alone: a gerund after "+" or ";" ("Repaint the hut; recruiting helpers"), two states '
        'each with its own complement ("checked for rust and repainted for the summer"), a new '
        'subject with no article ("... is chartered and goodwill is earned"), and measures listed '
        'after one verb that moves them ("Reduce idle time, and fuel cost"). So is a counted '
        'subject with its own verb ("..., and at least one ward in each hospital has cut its '
        'waits"), a second state with its "is" left out ("The paper form is withdrawn and the app '
        'adopted") and orders listed with commas and no joiner ("Book the venue, hire two '
        'caterers, print the tickets"). One list of things '
        'before one verb ("3 vans and 4 bikes are serviced"), verbs sharing one object, counted or '
        'not ("Design and build the booking page", "Review and file 40 expense claims"), nouns '
        'listed before any verb ("90% of riders from Leeds and York renew"), one participle pair '
        '("agreed and shared") and one counted group doing two things are one result. So are '
        'names listed as the subject of one verb ("Document how the ovens and the proofers are '
        'used"), more than one thing the same subject can do ("Patients can book appointments, '
        'and cancel them"), one measure with a target for each of two periods ("300 for the '
        'spring term & 360 for the autumn term") and a thing made then passed on with no object '
        'of its own ("Write the charter and circulate among the trustees"), and a second step that '
        'works on what the first named, by a pronoun or a demonstrative ("Survey 40 tenants and act '
        'on their answers", "Members can open an account and pay from that account"), by what the '
        'work yields ("Audit the fire doors and write up the findings") or with "together" ("Collect '
        'the kids from school and cook dinner together"); with a number '
        'of its own ("Ship the app and grow its use to 40%") the second step is a result. A joiner joins two '
        "key results only when each side could be scored alone, with its own verb and object "
        "or its own subject and predicate. So is a report of two things done, each verb with its own "
        'object ("Relaunched the allotment website and cut the waiting list"; not one object '
        'shared, "Recruited and trained 12 stewards"). Three or more listed with commas and a last '
        '"and" are as many results where each item could be finished alone: work reported done, '
        'each verb with its own object ("We\'ve mapped the bus routes, hired a dispatcher and cut the '
        'idle time"), and things each with its own article listed as the subject of one state '
        '("The rota, the stock list and the cleaning plan are published"). A list of the parts of '
        'one thing stays one result ("a packing guide covering labels, boxes and fragile items", '
        '"The sales, ops and kitchen rotas are published").'
    ),
    bad=(
        Example("Increase NPS from 41 to 50 and reduce churn from 3% to 2%", M),
        Example("Relaunched the allotment website and cut the waiting list", MS),
        Example("Launch the partner portal and migrate billing to the new provider by Q3", MS),
        Example("The intake training is finished and the mentoring track is open for sign-ups", MS),
        Example("Add a barcode scanner to the stock app. Export the stock counts as CSV.", MS),
        Example("Raise NPS from 30 to 45 / cut churn from 4% to 3%", M),
        Example("Open the second kitchen; train all cooks on the new menu by May", MS),
        Example("Launch the booking page plus migrate the mailing list by June", MS),
        Example("Repaint the scout hut; recruiting helpers for the café", MS),
        Example("Draft the allotment rules + recruiting two plot wardens", MS),
        Example("Bike racks are checked for rust and repainted for the summer", MS),
        Example("The choir is chartered and goodwill is earned with the parish", MS),
        Example("Reduce van idle time, and fuel cost per delivery", T),
        Example("Grow newsletter sign-ups + repeat visits", T),
        Example("Sign 500 members and 40 sponsors by Q3", M),
        Example("Sell 300 tickets for the spring fair & 40 sponsors for the summer fair", M),
        Example("Patients can book appointments, and the waiting room is repainted", MS),
        Example("Every ward has timed its discharges, and at least one ward in each town has cut them", MS),
        Example("The paper rota is withdrawn and the shared calendar adopted", MS),
        Example("Book the venue, hire two caterers, print the tickets", MS),
        Example("Ship the booking app and grow its use to 40%", MS),
        Example("We've mapped the bus routes, hired a dispatcher and cut the depot idle time", MS),
        Example("The rota, the stock list and the cleaning plan are published by May", MS),
        Example("Audit the fire doors and repaint the stairwell", MS),
    ),
    good=(
        Example("Increase NPS from 41 to 50", M),
        Example("Keep p95 latency between 100 and 200 ms", M),
        Example("Design and hold a tasting evening for the new bakers by May", MS),
        Example("Recruited and trained 12 stewards for the summer fair", M),
        Example("Published the rota guide and shared it with the wardens", MS),
        Example("Build and keep the booking page under 2 seconds to load", M),
        Example("Recruit and train two new volunteer mentors per term", M),
        Example("Identify and retire every unused cloud bucket by 31 May", MS),
        Example("Host 4 community evenings (1 planning night and 3 socials)", M),
        Example("Assess and document the permissions of the finance tools", MS),
        Example("Scan, sort, and label all returned parcels within 2 days", M),
        Example("All 3 vans and 4 cargo bikes are serviced every month", M),
        Example("At least 70% of the trainees pass the quiz and join a shift", M),
        Example("Run meetups/hackathons in 3 cities", M),
        Example("Publish the guide by June. See the draft in the wiki.", MS),
        Example("Supplier list agreed and shared with the kitchen", MS),
        Example("Design and build the booking page by May", MS),
        Example("Raise awareness of our brand and products among students", T),
        Example("Jointly sort, weigh, and label returns from 40 shops by May", M),
        Example("90% of riders from Leeds and York renew their season pass by June", M),
        Example("Skill with ledgers and payroll tools at the branch", T),
        Example("Have reviewed and filed 40 expense claims by June", M),
        Example("Design and print 3 menu cards by May", M),
        Example("Document how the ovens and the proofers are used at night", MS),
        Example("Patients can book appointments across clinics, and cancel them", MS),
        Example("Grow library members: 300 for the spring term & 360 for the autumn term", M),
        Example("Write the volunteer charter and circulate among the trustees for comments", MS),
        Example("Survey 40 tenants and act on their answers", M),
        Example("Audit the fire doors and write up the findings", MS),
        Example("Collect the kids from school and cook dinner together", MS),
        Example("Shortlist the venues and visit them before booking", MS),
        Example("Members can open an account and pay bills from that account", MS),
        Example("Archive: Measure and reduce returned parcels from the web shop", T),
        Example("Sand, prime, paint the garden benches by May", MS),
        Example("A board of loans approved and repayments missed is live", MS),
        Example("Cut the time from booking to dispatch to 2 days", M),
        Example("Publish a packing guide covering labels, boxes and fragile items by June", MS),
        Example("The sales, ops and kitchen rotas are published by May", MS),
        Example("We've trained the cooks, porters and drivers in first aid by May", MS),
    ),
    detect=_compound,
)

_NEGATIONS = frozenset({"no", "never", "none", "nothing", "without", "not", "nobody"})
_NEVER_NO = frozenset({"never", "no"})


def _is_negative(phrase: str) -> bool:
    words = phrase.lower().split()
    return bool(words) and words[0] in _NEGATIONS


def _is_zero(phrase: str) -> bool:
    # "Zero P1 incidents", "0 critical vulns open": a count with a target of 0, measurable.
    words = phrase.lower().split()
    return bool(words) and words[0] in {"zero", "0"}


# Subjects of a relative clause that describes a thing by what has been done with it:
# "a recipe | we've | never cooked", "a trail | you | never walked".
_CLAUSE_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "nobody", "no one"})
_PERFECT = frozenset({"'ve", "’ve", "have", "has", "'d", "’d", "had"})
# Words that may follow a closing "before" without making it a conjunction ("never ... before
# every match"); "before the launch" or "before it ships" sets a time, and the rule stands.
_FRAME_WORDS = frozenset({"every", "each", "this", "in", "by", "during", "per", "at", "on"})


# "no" before a comparative: a bound ("no later than", "no more than") or a state left behind
# ("no longer manual").
_NO_COMPARATIVE = re.compile(
    r"no\s+(?:longer|later|earlier|sooner|more|less|fewer|bigger|larger)\b", re.IGNORECASE
)


def _novelty(tokens: Sequence[Token], at: int) -> bool:
    """Whether the "never" at ``at`` says a thing is new to someone, not that something must not happen.

    "Cook a dish we have never tried before", "Walk a trail you've never walked": the
    clause picks out what to do (something new), it sets no absence to prove. Read from
    the grammar: "never" has a subject of its own (an imperative "Never ship before QA"
    is a rule), and either "before" or "yet" closes the clause or the clause is a
    relative one ("a trail [that] you've never ...") after a noun.
    """
    i = at - 1
    while i >= 0 and tokens[i].lower_ in _PERFECT:
        i -= 1
    if i < 0 or not (tokens[i].lower_ in _CLAUSE_SUBJECTS or tokens[i].pos_ in {"NOUN", "PROPN"}):
        return False
    for j in range(at + 1, min(at + 6, len(tokens))):
        word = tokens[j].lower_
        if word in {"before", "yet"}:
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            return nxt is None or nxt.is_punct or nxt.lower_ in _FRAME_WORDS
        if tokens[j].is_punct or word in {"and", "but", "or"}:
            break
    if tokens[i].lower_ not in _CLAUSE_SUBJECTS or i < 1:
        return False
    head = tokens[i - 1]
    return head.pos_ in {"NOUN", "PROPN"} or head.lower_ in {"that", "which"}


def _negative(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    if any(q.kind is not QuantityKind.PLACEHOLDER for q in context.targets):
        return  # "Cut tickets with no owner from 30 to 5": the negation defines the measure
    spans = [(m.span.start, m.span.end) for m in features.markers_of("absolute") if _is_negative(m.span.text)]
    tokens = context.tokens if not _NEVER_NO.isdisjoint(context.lowers) else ()
    for i, token in enumerate(tokens):
        lower = token.lower_
        if lower == "never":
            spans.append((token.idx, token.idx + len(token.text)))
        elif lower == "no" and i + 1 < len(tokens) and tokens[i + 1].is_alpha:
            # "No bugs in production": the pipeline marks only listed phrases.
            nxt = tokens[i + 1]
            spans.append((token.idx, nxt.idx + len(nxt.text)))
    # "a dish we have never cooked before": the clause says the thing is new, no absence to prove
    novel = {t.idx for i, t in enumerate(tokens) if t.lower_ == "never" and _novelty(tokens, i)}
    # "no later than the 5th", "no longer on paper": a bound or a change of state, no absence
    spans = [s for s in spans if s[0] not in novel and not _NO_COMPARATIVE.match(context.text, s[0])]
    if context.label is Label.MILESTONE:
        # "CI on short-lived credentials, no static keys left" is a checkable end
        # state; a key result that is nothing but an absence ("No bugs in
        # production", "Never miss a deadline") is not, whatever its label.
        body_start = features.body.start
        spans = [s for s in spans if s[0] == body_start or context.text[s[0] : s[1]].lower() == "never"]
    seen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not overlaps((start, end), seen):
            seen.append((start, end))
            yield NEGATIVE.finding(
                start,
                end,
                f"'{context.text[start:end]}' cannot be verified: an absence cannot be proven, and "
                'one slip fails it. State a rate and a threshold instead ("fewer than 2 P1 bugs per '
                'release").',
            )


NEGATIVE = Check(
    code="KRQ404",
    name="wording.negative",
    alias="negative-phrasing",
    severity=Severity.WARNING,
    message="Negative phrasing cannot be verified. State a rate and a threshold instead.",
    docs=(
        '"No bugs" and "never miss a deadline" describe an absence: nobody can prove it, '
        "one incident fails it for the quarter, and afterwards it motivates hiding problems "
        "rather than fixing them. A rate with a threshold (escaped defects per release, share "
        "of deadlines met) is measurable and still ambitious. A \"never\" that says a thing is "
        "new to someone sets no absence (\"Cook a dish we have never tried before\", \"Walk a trail "
        "you've never walked\"); one that is a rule stays (\"Never ship a release before QA signs "
        "it off\"). Nor does \"no\" before a comparative, a bound or a state left behind (\"Invoices are "
        "sent no later than the 5th\", \"Rent is no longer paid in cash at the office\")."
    ),
    bad=(
        Example("No bugs in production", T),
        Example("Never miss a customer deadline", T),
        Example("Never ship a release before QA signs it off", MS),
    ),
    good=(
        Example("Cut escaped P1 bugs from 9 to 3 per release", M),
        Example("Deliver 95% of customer commitments on the agreed date", M),
        Example("Cook a dish we have never tried before each Sunday", MS),
        Example("Walk a trail you've never walked, once a month", M),
        Example("Invoices are sent no later than the 5th of each month", T),
    ),
    detect=_negative,
)

_ABSOLUTES = frozenset(
    {
        "always",
        "perfect",
        "perfectly",
        "flawless",
        "flawlessly",
        "forever",
        "every",
        "all",
        "everyone",
        "everything",
        "fully",
        "completely",
        "totally",
        "entirely",
    }
)
# Scopes that are fine on a deliverable ("Migrate all services").
_SCOPES = frozenset({"all", "every", "everyone", "everything", "fully", "completely", "entirely"})
_UNSCOPED = _ABSOLUTES - _SCOPES


# Scopes with no edge, on any label: "all aspects of each kiln firing", "everything about the
# launch". "All services", "every branch" can be listed and checked; these cannot.
_BOUNDLESS = frozenset({"everything", "aspect", "aspects", "facet", "facets"})
_ALL_OF = frozenset({"all", "every", "each"})


# Adjectives whose edge is a judgement: "all major file formats", "every relevant supplier"
# (which are major? the reader decides), where "all file formats" could be listed.
_JUDGED_EDGE = frozenset(
    {"major", "relevant", "key", "important", "main", "significant", "necessary", "appropriate", "essential"}
)


def _boundless_scopes(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Spans of "everything", of "all/every aspect(s)" and of "all (the) major/relevant ..."
    before a noun in ``tokens``."""
    spans: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        if token.lower_ == "everything":
            spans.append((token.idx, token.idx + len(token.text)))
        elif token.lower_ in _BOUNDLESS and i > 0 and tokens[i - 1].lower_ in _ALL_OF:
            spans.append((tokens[i - 1].idx, token.idx + len(token.text)))
        elif token.lower_ in _ALL_OF:
            k = i + 1 + (i + 1 < len(tokens) and tokens[i + 1].lower_ == "the")
            if k < len(tokens) and tokens[k].lower_ in _JUDGED_EDGE and tokens[k].pos_ == "ADJ":
                noun = None
                for following in tokens[k + 1 : k + 5]:
                    if following.pos_ in {"NOUN", "PROPN"}:
                        noun = following  # the phrase's last noun: "all major spreadsheet formats"
                    elif noun is not None or following.pos_ != "ADJ":
                        break
                if noun is not None:
                    spans.append((token.idx, noun.idx + len(noun.text)))
    return spans


def _absolute(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    changes = [(c.span.start, c.span.end) for c in features.changes]
    measured = any(q.kind is not QuantityKind.PLACEHOLDER and (q.value or 0) < 100 for q in context.targets)
    spans: list[tuple[int, int]] = []
    note = progress_note(context.text) or (0, 0)
    for marker in features.markers_of("absolute"):
        if note[0] <= marker.span.start < note[1]:
            continue  # "... => 0%": where the work stands, not a goal of zero
        phrase = marker.span.text.lower().split()
        if not phrase or _is_negative(marker.span.text) or _is_zero(marker.span.text):
            continue  # negatives are wording.negative's; a zero is a count target
        if measured:
            continue  # "Perfect order rate to 92%": with a number, the words are the measure's name
        if phrase[0] in _SCOPES and (context.label is not Label.TASK or context.targets):
            continue
        if overlaps((marker.span.start, marker.span.end), changes):
            continue  # "to zero downtime" inside a measured change is a target
        spans.append((marker.span.start, marker.span.end))
    if context.label is not Label.METRIC and not _UNSCOPED.isdisjoint(context.lowers):
        spans += [(t.idx, t.idx + len(t.text)) for t in context.tokens if t.lower_ in _UNSCOPED]
    if not measured and not (_BOUNDLESS | _JUDGED_EDGE).isdisjoint(context.lowers):
        spans += _boundless_scopes(context.tokens)
    unverifiable = load_words("unverifiable")
    for q in features.quantities:
        if q.kind is not QuantityKind.PERCENT or q.value is None or q.value < 100:
            continue
        # "100% customer satisfaction", "100% uptime"; not "100% of new hires" (a coverage).
        after = [t.lower_ for t in tokens_after(context.tokens, q.span.end, 2)]
        if after[:1] != ["of"] and set(after) & unverifiable:
            spans.append((q.span.start, q.span.end))
    seen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not overlaps((start, end), seen):
            seen.append((start, end))
            yield ABSOLUTE.finding(
                start,
                end,
                f"'{context.text[start:end]}' is an absolute nobody can verify or reach. Set a "
                'threshold you can measure ("satisfaction from 4.1 to 4.5 of 5").',
            )


ABSOLUTE = Check(
    code="KRQ405",
    name="wording.absolute",
    alias="unverifiable-absolute",
    severity=Severity.WARNING,
    message="An absolute target cannot be verified. Set a measurable threshold.",
    docs=(
        '"100% customer satisfaction", "always available" or "perfect onboarding" '
        "are wishes, not targets: no survey returns 100%, and any real system has downtime. "
        "An absolute also gives the team no way to show progress. Name the measure and a "
        'threshold you can check, and accept an error budget. A scope with no edge ("all '
        'aspects of each launch", "everything about the move", "all major spreadsheet formats": '
        "which are major is the reader's call) is one too, on any kind of key "
        'result: list what is covered. "All services" can be listed, so it passes.'
    ),
    bad=(
        Example("Reach 100% customer satisfaction", M),
        Example("Make sure the app is always available", T),
        Example("Roll out a tool that tracks all aspects of each harvest", MS),
        Example("Everything about the office move is documented", MS),
        Example("The export supports all major spreadsheet formats by June", MS),
        Example("Notify every relevant supplier of the new delivery slots by May", MS),
    ),
    good=(
        Example("Raise customer satisfaction from 4.1 to 4.5 out of 5", M),
        Example("Keep monthly availability above 99.9%", M),
        Example("Migrate all services to the new cluster by May", MS),
        Example("The export supports all spreadsheet formats the accounts team uses by June", MS),
        Example("Pick the key supplier for each depot by May", MS),
    ),
    detect=_absolute,
)

# Placeholders the pipeline may not mark: "[target]", "<date>", "??", "TBD".
_PLACEHOLDER = re.compile(r"\[[a-z][a-z _./-]*\]|<[a-z][a-z _./-]*>|\?{2,}|\b(?:TBD|TBC|TBA|XX+)\b", re.I)
_PLACEHOLDER_MARKS = ("[", "<", "??", "tb", "xx")


def _placeholder(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    # A bare measure name ("share of ...", "# of ...") has no blank in it: its missing amount is
    # metric.no_target's finding.
    names = {(q.span.start, q.span.end) for q in features.quantities if is_measure_name(q)}
    spans = [(m.span.start, m.span.end) for m in features.markers_of("placeholder")]
    spans += [(q.span.start, q.span.end) for q in features.quantities if q.kind is QuantityKind.PLACEHOLDER]
    spans = [span for span in spans if span not in names]
    body = features.body
    # Searched in the body only: "[ ] Launch ..." is a Markdown checkbox, not a placeholder.
    lower = body.text.lower()
    # Each alternative of the pattern needs one of these; most key results have none.
    if any(marker in lower for marker in _PLACEHOLDER_MARKS):
        spans += [(body.start + m.start(), body.start + m.end()) for m in _PLACEHOLDER.finditer(body.text)]
    text = context.text
    spans += [(body.start + m.start(1), body.start + m.end(1)) for m in _LETTER_COUNT.finditer(body.text)]
    if "/" in body.text:
        # "to X/5": a blank over a scale is the value still to set (after a stated target it is
        # a tally to fill in at check-ins, which the metadata filter below takes out)
        spans += [(body.start + m.start(), body.start + m.end()) for m in _BLANK_OVER.finditer(body.text)]
    spans = [(a, b) for a, b in spans if not _not_a_placeholder(text, a, b)]
    if spans and ("[" in text or "/" in text):
        # "[shared with Ops]", "[Owner - Sam]": a tag is wording.metadata's, not a value to fill in;
        # so is a blank tally after a stated target ("... 10 workshops X/10 (X%)")
        tags = metadata_spans(text)
        spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in tags)]
    seen: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not overlaps((start, end), seen):
            seen.append((start, end))
            yield PLACEHOLDER.finding(
                start,
                end,
                f"'{context.text[start:end]}' is a placeholder. Fill in the real value before the "
                "OKRs are agreed.",
            )


# A letter for a value over a scale or a total: "Raise the rating to X/5".
_BLANK_OVER = re.compile(r"(?<![\w/.])[XxNn](?=\s?/\s?\d)")
# A letter standing for a count: "open x number of stalls", "Sign X stockists".
_LETTER_COUNT = re.compile(r"(?:^|(?<=[a-z] ))([xXnN])(?= (?:number of|more|new|[a-z]{3,}s)\b)")
# Bracketed words that mark an edit, not a value to fill in: "[redacted]", "[sic]".
_EDITORIAL = frozenset(
    {"redacted", "removed", "omitted", "sic", "edited", "anonymised", "anonymized", "link", "links", "..."}
)


def _not_a_placeholder(text: str, start: int, end: int) -> bool:
    """A Markdown link's text ("[the guide](https://...)") or an editorial mark ("[redacted]")."""
    inner = text[start:end].strip("[]<> ").lower()
    if text[start : start + 1] == "[" and text[end : end + 1] == "(":
        return True
    if inner in _EDITORIAL:
        return True
    # Inside the text of a Markdown link: "[draft the X guide](...)".
    opened = text.rfind("[", 0, start)
    closed = text.find("](", end)
    return opened != -1 and closed != -1 and "]" not in text[opened:start] and "[" not in text[end:closed]


PLACEHOLDER = Check(
    code="KRQ406",
    name="wording.placeholder",
    alias="placeholder",
    severity=Severity.ERROR,
    message="A placeholder is left in. Fill in the real value.",
    docs=(
        'Drafts carry placeholders ("from X to Y", "TBD", "[target]"), and they get '
        "agreed and published by accident. A key result with a placeholder has no target, "
        "so nobody can commit to it; fill it in, or say it will be set after a baseline is "
        "measured, with a date for that. A blank tally after a key result that states its target "
        '("Run 10 tastings X/10 (X%)", "... N/12", "... [ ]/5") is a progress note to fill in at '
        "check-ins (wording.metadata), not a placeholder; a blank that is the sentence's own value "
        '("Raise the rating to X/5") still is. A bare measure name ("Share of ferry crossings '
        'leaving on time", "# of active members") has no blank in it: its missing number is '
        "metric.no_target's finding."
    ),
    bad=(
        Example("Increase NPS from X to Y", M),
        Example("Reduce churn to [target] by Q3", M),
        Example("Launch the partner portal by TBD", MS),
        Example("Raise the guest rating from 3.9 to X/5 by Q3", M),
    ),
    good=(
        Example("Increase NPS from 41 to 48", M),
        Example("Launch the partner portal by 30 June", MS),
        Example("Publish the [tenant handbook](https://example.org/handbook) by 1 March", MS),
        Example("Close the supplier contract with [redacted] by the end of Q2", MS),
        Example("Share of ferry crossings leaving on time", M),
        Example("Open 12 new library reading corners [shared with the schools team]", M),
        Example("Run 10 cheese-tasting workshops by June X/10 (X%)", M),
        Example("Print 5 seasonal menus by May: [ ]/5", M),
    ),
    detect=_placeholder,
)


# A Markdown link's address: "](https://example.org/a/b)". It is where the link points, not wording.
_LINK_ADDRESS = re.compile(r"\]\([^\s()]*\)")


def _too_long(context: CheckContext) -> Iterator[Finding]:
    n = word_count(context.features)
    if "](" in context.features.body.text:
        # The tokenizer cuts an address into many pieces ("example", ".org", "a", "b").
        n = min(n, len(_LINK_ADDRESS.sub("]", context.features.body.text).split()))
    if n > context.config.max_words:
        body = context.features.body
        yield TOO_LONG.finding(
            body.start,
            body.end,
            f"{n} words; a key result should fit in {context.config.max_words}. Keep the measure, "
            "the target and the date, and move the how into the plan.",
        )


TOO_LONG = Check(
    code="KRQ407",
    name="wording.too_long",
    alias="too-long",
    severity=Severity.WARNING,
    message="Too long. Keep the measure, the target and the date.",
    docs=(
        "A long key result usually hides several results, or mixes the plan (how) into the "
        "result (what). People remember and report on short ones. The limit is "
        "`max-words` in the configuration (25 by default)."
    ),
    bad=(
        Example(
            "Increase the share of new enterprise customers who complete the onboarding checklist "
            "and invite at least three colleagues within their first two weeks from 35% to 60% by the "
            "end of the third quarter",
            M,
        ),
    ),
    good=(Example("Raise two-week team activation of new enterprise accounts from 35% to 60% by Q3", M),),
    detect=_too_long,
)


def _names_one_thing(context: CheckContext) -> bool:
    """Whether a key result of two words is a verb of making and the one thing it delivers
    ("Submit thesis", "Launch podcast"). Its length is no fault: it is done or not done, and
    milestone.no_deadline asks for its date. A topic ("Kitchen etiquette", "Payroll
    migration"), a plural ("Identify venues"), a move ("Grow revenue") or a noun that names
    no thing ("Finish stuff") still says too little. (The drafts read it the same way: a
    deliverable verb and a named thing get a date-only draft.)"""
    words = [t for t in context.body_tokens if not t.is_punct]
    if len(words) != 2:
        return False
    first, head = words
    lead = context.features.lead_verb
    if lead is None or lead.span.start != first.idx or lead.verb_class is not VerbClass.DELIVERABLE:
        return False
    return head.tag_ in {"NN", "NNP"} and head.lower_ not in _EMPTY_NOUNS


# Nouns that stand for any work at all: the thing delivered is still unnamed ("Finish stuff").
_EMPTY_NOUNS = frozenset({"stuff", "thing", "things", "work", "task", "tasks", "item", "items", "bits"})


def _too_short(context: CheckContext) -> Iterator[Finding]:
    n = word_count(context.features)
    if n < context.config.min_words and not _names_one_thing(context):
        body = context.features.body
        yield TOO_SHORT.finding(
            body.start,
            body.end,
            f"Only {n} word{'s' if n != 1 else ''}. Say what will change and by how much, or what "
            "will be done and by when.",
        )


TOO_SHORT = Check(
    code="KRQ408",
    name="wording.too_short",
    alias="too-short",
    severity=Severity.WARNING,
    message="Too short to be a key result. Say what changes, by how much, by when.",
    docs=(
        'One or two words ("Growth", "Hiring") name a topic, not a result. Nobody can '
        "tell at the end of the quarter whether it was met. The limit is `min-words` in the "
        "configuration (3 by default). A verb of making and the one thing it delivers is enough to "
        "check (\"Submit thesis\", \"Launch podcast\"): it is done or not done, and milestone.no_deadline "
        "asks for its date; a topic (\"Kitchen etiquette\", \"Payroll migration\"), a plural (\"Identify "
        "venues\"), a move (\"Grow revenue\") or a noun that names no thing (\"Finish stuff\") is not."
    ),
    bad=(
        Example("Growth", T),
        Example("Hiring", T),
        Example("Kitchen etiquette", T),
        Example("Identify venues", T),
        Example("Payroll migration", MS),
        Example("Finish stuff", MS),
    ),
    good=(
        Example("Hire a head of data by 30 June", MS),
        Example("Submit thesis", MS),
        Example("Launch podcast", MS),
    ),
    detect=_too_short,
)


# Intensified states stay uncheckable beside a count: "four truly engaged stewards".
_INTENSIFIED = ("highly active", "highly engaged", "very active")


def _uncheckable(context: CheckContext) -> Iterator[Finding]:
    features = context.features
    counted = any(q.kind is not QuantityKind.PLACEHOLDER for q in context.targets)
    # With a number only an intensified state is still unchecked ("80% of members feel welcome" is measured).
    phrases = _INTENSIFIED if counted else tuple(sorted(load_words("uncheckable")))
    vague = [(m.span.start, m.span.end) for m in features.markers_of("vague")]
    body = features.body
    seen: list[tuple[int, int]] = []
    skill = None if counted else names_a_skill(context)
    # (a state of mind, correctness or agreement stated with no test: "tenants understand the heating")
    held = [] if counted else [s for s in minds.mind_spans(context) if not _in_purpose_clause(context, s[0])]
    hits = sorted([*phrase_hits(context.tokens, phrases), *([skill] if skill is not None else []), *held])
    for start, end in hits:
        if start < body.start or end > body.end or overlaps((start, end), vague + seen):
            continue
        if part_of_a_name(context, start, end) or _COUNTED_BEFORE.search(context.text, 0, start):
            continue  # "the engagement team", "for each engagement": a thing named or counted, not a state
        seen.append((start, end))
        word = context.text[start:end]
        yield UNCHECKABLE.finding(
            start,
            end,
            f"'{word}' cannot be checked: two people would grade it differently. Name the measure "
            "and a number (share of members active each month, survey score), or the concrete end "
            "state that shows it.",
        )
        return  # once is enough: the key result needs one rewrite, not one per word


# A determiner that counts what follows: "each engagement" is one contract among several.
_COUNTED_BEFORE = re.compile(r"\b(?:each|every|per|one|another)\s+$", re.IGNORECASE)


UNCHECKABLE = Check(
    code="KRQ409",
    name="wording.uncheckable",
    alias="uncheckable-state",
    severity=Severity.WARNING,
    message="A state nobody can check. Name the measure and a number, or the concrete end state.",
    docs=(
        'A key result like "the community is highly active", "docs are properly maintained" or '
        '"the team has a general understanding of X" has no point where anyone can say it is true: '
        "each reader brings their own bar. So has a skill named alone (\"familiarity with the "
        'payroll rules", "ability to read the tax tables"). So has a state of mind stated of people '
        '("tenants understand how the portal works", "shoppers recognise the brand"; not the research '
        '"Understand the churn drivers", nor a purpose: "... so members understand the rota"), '
        'correctness with no cases named ("handles leap years correctly") and agreement ("the crews '
        'are aligned"). Say how it would be checked: a measure '
        "with a number (members posting each month, a survey score, a share who pass a quiz), or the "
        "concrete thing that will exist (a published guide, a passed audit, a test suite that passes)."
    ),
    bad=(
        Example("The volunteer forum is highly active", T),
        Example("All recipes are properly documented", MS),
        Example("Trainees have a general understanding of food safety rules", T),
        Example("Our bakery is well known across the county", T),
        Example("The night team is empowered to plan its own rota", MS),
        Example("Familiarity with the payroll rules among new clerks", T),
        Example("Tenants understand how the rent portal works", T),
        Example("The importer handles leap years correctly", T),
        Example("The kitchen crews are aligned on the winter menu", MS),
    ),
    good=(
        Example("60% of volunteers post in the forum at least once a month", M),
        Example("Every recipe card lists allergens and cooking temperatures by 30 June", MS),
        Example("85% of trainees pass the food safety quiz on the first attempt", M),
        Example("Keep the stock system up to date with a weekly count above 98% accuracy", M),
        Example("Grant rules agreed by the finance and engagement teams by May", MS),
        Example("Publish a signed scope note for each engagement by June", MS),
        Example("Publish a guide so members understand the rota by June", MS),
        Example("The importer passes all 40 leap-year cases in the test suite by May", M),
    ),
    detect=_uncheckable,
)

# Owner, priority, progress and link details that belong in columns, not in the key result.
_METADATA = re.compile(
    r"\[\s*(?:accountable|involved|owner|owners|lead|dri|responsible|consulted|informed|shared with|"
    r"status|priority|confidence)\b[^\]]*\]"
    r"|\(\s*(?:owner|dri|lead|see)\b[^)]*\)"
    r"|(?<![\w.])@[A-Za-z][\w.-]*"
    r"|\]\([^)\s]*\)"  # the address of a Markdown link, "[text](address)"
    r"|\[\s*\d+(?:\.\d+)?\s*/\s*\d+\s*\]|\[\s*\d{1,3}\s*%\s*\]"  # progress: "[2.5/4]", "[30%]"
    r"|https?://\S+"
    r"|^\s*(?:(?:p[0-4x]|\d\.\d{1,2})\s*[:\-–]\s*)+"
    r"|`\s*p[0-4x]\s*`|[\[(]\s*p[0-4x]\s*[\])]"  # priority tags: "`PX`", "[p0]"
    r"|\b(?:owner|dri|status|priority|confidence)\s*:\s*\S+",
    re.IGNORECASE,
)
# A status or commitment tag in brackets opening or closing the key result: "[COMMITTED] ...",
# "... [at risk]" (case matters for capitals; inside the sentence a bracket is the sentence's).
_TAG = rf"\[\s*(?:{STATUS_TAG})\s*\]"
_STATUS = re.compile(
    rf"^\s*{_TAG}|{_TAG}[\s.]*$"
    # ... or closing a title before the colon that opens the sentence: "Help desk [COMMITTED]: ..."
    rf"|{_TAG}(?=\s*:)"
)


def metadata_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of owner, priority, status and link details in ``text``.

    >>> text = "P1: Ship the offline mode [Accountable - @dana]"
    >>> [text[a:b] for a, b in metadata_spans(text)]
    ['P1: ', '[Accountable - @dana]']
    >>> text = "Field Ops: Ship the offline mode => 30%"
    >>> [text[a:b] for a, b in metadata_spans(text)]
    ['Field Ops: ', '=> 30%']
    """
    spans: list[tuple[int, int]] = []
    graded = LEADING_TAG.match(text)  # "P0: (1.0) ", "P2 (0.5) ": a priority and its grade
    if graded is not None:
        spans.append((len(text) - len(text.lstrip()), graded.end()))
    for match in (*_METADATA.finditer(text), *_STATUS.finditer(text)):
        if overlaps((match.start(), match.end()), spans):
            continue
        spans.append((match.start(), match.end()))
    # Team labels and progress notes: "Design Ops: ...", "...: 30%".
    extra = [span for span in annotation_spans(text) if not overlaps(span, spans)]
    # A blank tally to fill in at check-ins: "... 10 workshops X/10 (X%)".
    # Owners' initials in brackets after the sentence: "... by June (jk, ms)".
    for found in (progress_template(text), owner_tags(text)):
        if found is not None and not overlaps(found, spans + extra):
            extra.append(found)
    return sorted(spans + extra) if extra else spans


def _metadata(context: CheckContext) -> Iterator[Finding]:
    text = context.text
    for start, end in metadata_spans(text):
        if text.startswith("](", start):
            if wraps_the_key_result(text, start, end):
                # "[KR: Grow X](https://...)", "[Grow X](#kr2)": the words are the key result, the
                # address (a tracker's or the outline's anchor) is the detail
                yield METADATA.finding(start + 1, end)
                continue
            if link_in_sentence(text, start, end):
                continue  # "Publish the [allergen guide](...)": the link's words are the sentence's
            start = max(text.rfind("[", 0, start), 0)  # the whole trailing link is the detail
        if _PLACE_BEFORE.search(text, 0, start) is not None:
            continue  # "Grow views on https://...": the address is where, part of the sentence
        if glosses_a_class(text, start, end):
            continue  # "cut critical (P0) faults to 2 a week": the tag names the class counted
        yield METADATA.finding(start, end)


# A bracketed priority or severity code: "(P0)", "[Sev 2]".
_CLASS_CODE = re.compile(r"^[(\[]\s*(?:P|Sev\s?|S)\d\s*[)\]]$", re.IGNORECASE)
# Words that name a class of priority or severity in the sentence.
_CLASS_WORDS = frozenset(
    {"critical", "high", "highest", "medium", "low", "urgent", "priority", "severity", "blocker", "blocking"}
    | {"major", "minor", "severe"}
)


def glosses_a_class(text: str, start: int, end: int) -> bool:
    """Whether the bracketed code at ``text[start:end]`` glosses a class the sentence counts,
    standing inside the sentence just after its name in words: "critical (P0) faults",
    "high-severity tickets (S1) within a day". A tag opening or closing the key result
    ("[P1] Ship the app", "Ship the app (P1)") is the key result's own priority.

    >>> text = "Cut critical (P0) faults to 2 a week"
    >>> glosses_a_class(text, text.index("("), text.index(")") + 1)
    True
    >>> text = "Ship the tenant app (P1)"
    >>> glosses_a_class(text, text.index("("), text.index(")") + 1)
    False
    """
    if _CLASS_CODE.match(text[start:end].strip()) is None or not re.match(r"\s*[A-Za-z]", text[end:]):
        return False
    before = re.findall(r"[A-Za-z][\w-]*", text[:start])[-3:]
    # "high-priority" counts by its parts
    return any(part in _CLASS_WORDS for word in before for part in word.lower().split("-"))


# Link words that only point somewhere: "[link](...)", "[PROJ-12](...)", "[#431](...)".
_POINTER_TEXT = re.compile(
    r"^\s*(?:link|here|details|more|source|ticket|issue|pr|spec|see\b.*|#?\d+|[A-Z][A-Z0-9]+-\d+|https?://\S+)\s*$",
    re.IGNORECASE,
)
# What sets a trailing link apart from the sentence: a bracket, a dash, a colon, a bar, a full stop.
_SET_APART = re.compile(r"(?:[(\[|:;.]|\s[-–—])\s*$")
# A preposition that makes the address after it a place: "views on https://...".
_PLACE_BEFORE = re.compile(r"\b(?:on|at|to|from|of|in)\s+$", re.IGNORECASE)


def wraps_the_key_result(text: str, start: int, end: int) -> bool:
    """Whether the Markdown link whose address is ``text[start:end]`` wraps the whole key result,
    as when it was copied from a document's outline or a tracker: "[Cut the queue by half](#kr2)",
    "[KR: Grow sign-ups](https://...)"; only handles and a grade may follow.

    >>> text = "[Cut the queue by half](https://example.org/7) [ana] 0.5"
    >>> wraps_the_key_result(text, text.index("]("), text.index("7)") + 2)
    True
    >>> text = "[Cut the queue by half](https://example.org/7) for walk-ins"
    >>> wraps_the_key_result(text, text.index("]("), text.index("7)") + 2)
    False
    """
    if text[: max(text.rfind("[", 0, start), 0)].strip(" \t-*•>"):
        return False
    after = text[end:]
    handles = handles_note(text)
    if handles is not None and handles[0] >= end:
        after = text[handles[1] :]
    return _GRADE_TAIL.fullmatch(after) is not None


# What may close a key result wrapped in a link, after its handles: a grade, spaces, a stop.
_GRADE_TAIL = re.compile(r"(?:\s+(?:[01]\.\d{1,2}|\d+\s?/\s?\d+))?[\s.;]*")


def link_in_sentence(text: str, start: int, end: int) -> bool:
    """Whether the Markdown link whose address is ``text[start:end]`` ("](https://...)") is part
    of the sentence: its words name something the sentence is about.

    A link that only points somewhere ("[link](...)", "[PROJ-12](...)") or trails the
    sentence set apart by a bracket, dash or colon ("... - [spec](...)") is metadata.

    >>> text = "Publish the [allergen guide](https://example.org/g) by May"
    >>> link_in_sentence(text, text.index("]("), text.index(") by") + 1)
    True
    >>> text = "Publish the allergen guide ([spec](https://example.org/g))"
    >>> link_in_sentence(text, text.index("]("), text.index("))") + 1)
    False
    """
    opened = text.rfind("[", 0, start)
    if opened == -1 or _POINTER_TEXT.match(text[opened + 1 : start]):
        return False
    trailing = not text[end:].strip(" \t)].;,")
    return not (trailing and _SET_APART.search(text, 0, opened) is not None)


METADATA = Check(
    code="KRQ410",
    name="wording.metadata",
    alias="metadata-in-text",
    severity=Severity.INFO,
    message="Owner, priority, status or a link is written into the key result. Keep it in its own field.",
    docs=(
        'Tags like "[Owner - @sam]", "P0:", "`PX`", "[p1]", "Status: green" or a link inside the key '
        "result make it harder to read and to compare, and they go stale while the result stays. So do a "
        'team or role label before a colon ("Kitchen Ops: Open ...") and a progress note after the '
        'sentence ("...: 40%", "... => 0%", "... (100%)", "... 2/3", or a figure with a comment on it, '
        '"...: 30% (proofreading left)"), which read like a target. Keep them '
        "in the tool's own fields (owner, priority, status, links); krquality leaves them out of rewrites, "
        'and a progress figure is not read as the target. So is an end-of-cycle grade: after a priority '
        '("P0: (1.0) ...", "P2 (0.5) ...") or after a closing bracket ("... [dana] 0.7"). A measure named '
        'before its value ("Uptime: 99.9%", "Meals served on time: 80% → 90%") is the key result, not a '
        'label or a note, and a priority class inside the sentence ("incidents of critical (P0) severity") '
        "names what is counted. "
        'Nothing or all done set after a piece of work with only a space ("Move the rota app to the new '
        'host 100%") is a note too; not after a verb that moves a measure ("Cut paper use 100%") or a '
        'word a number follows ("coverage at 100%"), nor after a measure ("Test coverage of the till 100%"). '
        'A grade after a link or an owner tag ("[Cut the export time](#kr2) [ana] 0.7") is a note. '
        'A key result copied whole as a link or in backticks is read as the sentence inside: the '
        'link\'s address (a tracker\'s, "[KR: Grow X](https://...)", or an anchor, "[Cut X](#kr2)") and the '
        'owners\' handles after it ("... [ana, li]", escaped or not) are details. So are a blank tally '
        'to fill in at check-ins after a stated target ("Run 10 tastings X/10 (X%)", "... N/12") and '
        'owners\' initials in brackets after the sentence ("... by June (jk, ms)", "(ewd)": short, '
        "lower-case, not pronounceable as a word); a bracketed word of the sentence is not one "
        '("(beta)", "(EMEA)", "(optional)", "(v2)"). A status or commitment tag in brackets opening '
        'or closing the key result or the title before its colon ("[COMMITTED] ...", '
        '"Help desk [Stretch]: ...", "... [Aspirational]", "... [at risk]", a word in '
        'capitals such as "[STRETCH]") is a detail too, not a placeholder; capitals that name a value to '
        'fill in ("[TBD]", "[TARGET]") or sit inside the sentence still are placeholders.'
    ),
    bad=(
        Example("Open the second community kitchen by May [Accountable - @ravi]", MS),
        Example("P0: Cut food waste from 18% to 10% by Q3", M),
        Example("Publish the allergen guide (see https://example.org/guide) by June", MS),
        Example("Publish the allergen guide by June - [KITCH-214](https://example.org/t/214)", MS),
        Example("Publish the allergen guide by June ([link](https://example.org/guide))", MS),
        Example("Kitchen Ops: Open the second community kitchen by May", MS),
        Example("Publish the allergen guide by June => 40%", MS),
        Example("Train the volunteer cooks in food safety by May (2/3)", MS),
        Example("Publish the allergen guide by June: 40% (proofreading left)", MS),
        Example("PX: Publish the allergen guide by June", MS),
        Example("P1: (0.7) Publish the allergen guide by June", MS),
        Example("P2 (1.0) Open the second community kitchen by May", MS),
        Example("Move the booking app to the new host by June 100%", MS),
        Example("Ship the tenant app (P1) by May", MS),
        Example("[Shorten the payroll export by 20%.](#kr3) [sam] 0.4", M),
        Example("[KR: Open the second community kitchen by May](https://example.org/t/88)", MS),
        Example("`Open the second community kitchen by May` [ravi, lena]", MS),
        Example("Run 10 cheese-tasting workshops by June X/10 (X%)", M),
        Example("Publish the allergen guide by June (jk, ms)", MS),
        Example("[COMMITTED] Cut food waste from 18% to 10% by Q3", M),
        Example("Open the second community kitchen by May [at risk]", MS),
    ),
    good=(
        Example("Open the second community kitchen by May", MS),
        Example("Publish the [allergen guide](https://example.org/guide) by June", MS),
        Example("[Ledger](https://example.org/ledger) imports 5,000 receipts a day by June", M),
        Example("Double monthly views on https://example.org/recipes by Q3", M),
        Example("Cut food waste from 18% to 10% by Q3", M),
        Example("Reply to 95% of supplier emails within 2 days", M),
        Example("Meals served on time: 80% → 90% by Q3", M),
        Example("Meals served on time: 90% (lunch and dinner) by Q3", M),
        Example("Achieve 100% of the kitchen's food safety plan by June", M),
        Example("Cut critical (P0) and major (P1) hygiene faults to 2 a month by Q3", M),
        Example("Test coverage of the booking app 100% by June", M),
        Example("Cut critical (P0) boiler faults to 2 a week by June", M),
        Example("Answer high-priority (P1) tenant calls within 4 hours", M),
        Example("`Open the second community kitchen by May`", MS),
        Example("Open the second kitchen by May, as the [grant letter](https://example.org/g) asks", MS),
        Example("Launch the tenant app by May (beta)", MS),
        Example("Open the second community kitchen by May (optional)", MS),
        Example("Set the volunteer target at [TARGET] cooks by May", M),
    ),
    detect=_metadata,
)


def _outside(context: CheckContext) -> Iterator[Finding]:
    for start, end in outside_references(context):
        yield OUTSIDE.finding(start, end)


OUTSIDE = Check(
    code="KRQ411",
    name="wording.outside_reference",
    alias="refers-outside",
    # The result may still be clear to its team and measurable: it costs the reader, not the measure.
    severity=Severity.INFO,
    message="The key result points at text outside itself. Name what is meant, so it reads alone.",
    docs=(
        "A key result is read alone, on a dashboard or in a report. Words that point at text around it "
        '("the cooks above", "as above", "this duty", "those needs", "3 such guides", "do the same", '
        'or "them" with nothing named before) leave the reader asking what is meant. A demonstrative '
        'before a noun the key result already named ("Draft a rota and share this rota"), a span of '
        'time ("this quarter", "that half"), a clause that says which ones ("those tenants who moved"), '
        '"above" or "below" with an object ("above 90%"), a pronoun after the noun it stands for '
        '("Survey 40 tenants and act on their answers"), an "it" that holds the place of a clause '
        '("make it easy to book") and words inside quotation marks or a title are not flagged.'
    ),
    bad=(
        Example("Repaint the benches in the parks listed above by June", MS),
        Example("Hand the night shift over to the rota app to lift this burden by May", MS),
        Example("Stock such spare parts at every depot by Q3", MS),
        Example("Cut the waiting list to 20 families, as above, by June", M),
        Example("Meet the aforementioned suppliers every month", T),
        Example("Help them book a room in under 2 minutes by June", M),
    ),
    good=(
        Example("Serve 500 hot meals a week this quarter", M),
        Example("Survey 40 tenants by May and act on their answers", MS),
        Example("Build dashboards for sales, stock and staff and get these three dashboards used weekly", MS),
        Example("Keep fridge temperatures below 5 degrees all summer", M),
        Example('Publish "This Is Our Kitchen", a guide for new cooks, by June', MS),
        Example("Make it easy for members to book a court, with 90% booking online by Q3", M),
        Example("Call those tenants who moved in last year by March", MS),
    ),
    detect=_outside,
)


CHECKS: tuple[Check, ...] = (
    VAGUE,
    HEDGE,
    COMPOUND,
    NEGATIVE,
    ABSOLUTE,
    PLACEHOLDER,
    TOO_LONG,
    TOO_SHORT,
    UNCHECKABLE,
    METADATA,
    OUTSIDE,
)
