"""Work done that a key result names without counting it, and shares of planned work done.

The count paths of ``metric.output_count`` need a number in front of the thing
made ("Publish 12 posts"). These find the same kind of key result in its other
shapes:

- a share of the team's own work items done: "Fix 60% of the defects from
  the inspection", "85% of the renovation work scheduled for spring finished";
- a plural of work products with the participle that says it was done:
  "Cooking demos given at three markets", "Draft recipe cards published";
- a plural of work products that recurs: "Monthly mentoring sessions held",
  "Hold weekly pipeline reviews";
- a placeholder count of work products: "Write X number of help articles".

Each returns the character span to flag, or None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from krquality.checks.handled import share_time_limited
from krquality.checks.helpers import load_words, verb_lexicon
from krquality.features.types import Form, Quantity, QuantityKind

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# Word lists (checks/data): the team's own work items, verbs that say one was
# done, words that say work recurs, participles of reaching people.
WORK_ITEMS = load_words("work_items")
DONE_VERBS = load_words("done_verbs")
RECURRING = load_words("recurring")
_REACHED = load_words("reached")
# Auxiliaries of a passive: "are called", "get contacted".
_PASSIVE = frozenset({"are", "is", "were", "was", "be", "been", "get", "gets", "got"})


def _end_of_word(context: CheckContext, words: frozenset[str]) -> int:
    """The character end of the first token that is one of ``words``."""
    token = next(t for t in context.tokens if t.lower_ in words)
    return token.idx + len(token.text)


# A duration limit makes a share of work items a service level ("resolve 90% of
# tickets within 24 hours"): what the people waiting get, not work counted.
_SERVICE = frozenset({"within", "under", "in less than", "before"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PLACEHOLDER_COUNT = re.compile(r"\b(?:x|y|n|some|a|the)\s+number\s+of\b", re.IGNORECASE)


def share_of_work_done(context: CheckContext, *, improving: bool = False) -> tuple[int, int] | None:
    """A percentage of the team's work items done ("Fix 60% of the defects found in the inspection").

    >>> import krquality
    >>> result = krquality.analyze("Fix 60% of the defects found in the fire inspection", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    features = context.features
    reached = frozenset(
        t.lower_
        for i, t in enumerate(context.tokens[1:], 1)
        if t.lower_ in _REACHED and context.tokens[i - 1].lower_ in _PASSIVE
    )
    # "Improve 4 of the oldest vans" counts items from zero (no baseline), but the improvement
    # itself may be the outcome, so only ``improving`` callers read it as work counted.
    fixing = _FIXING | {"improve"} if improving else _FIXING
    done = bool(context.words & (DONE_VERBS | fixing)) and not context.words & _SERVICE
    if not done and not reached:
        return None
    for quantity in features.quantities:
        if quantity.kind is QuantityKind.NUMBER and done:
            span = _items_of_the(context, quantity)
            if span is not None:
                return span
        if quantity.kind is not QuantityKind.PERCENT:
            continue
        if reached and context.text[quantity.span.end :].lstrip().lower().startswith("of "):
            # "100% of late payers are called": a share of people the team reached, its own work;
            # "... called within 2 days" is a service level, what the people waiting get.
            end = _end_of_word(context, reached)
            if share_time_limited(context.text, end):
                return None
            return quantity.span.start, end
        after = context.text[quantity.span.end :].lower()
        if not after.lstrip().startswith("of "):
            continue
        if not done:
            continue
        phrase = [t for t in context.tokens if t.idx >= quantity.span.end][:7]
        nouns = [t for t in phrase[1:] if t.pos_ in {"NOUN", "PROPN"}]
        work = any(t.lower_ in {"work", "backlog"} for t in nouns[:2])
        if (nouns and nouns[0].lower_ in WORK_ITEMS) or work:
            lead = features.lead_verb
            before = lead is not None and lead.span.end <= quantity.span.start
            start = lead.span.start if lead is not None and before else quantity.span.start
            end = nouns[0].idx + len(nouns[0].text)
            return start, end
    return None


# Verbs of working on one's own items beside the done verbs: "Speed up 4 of the slowest pages".
_FIXING = frozenset({"optimise", "optimize", "refactor", "rewrite", "speed", "tune", "update", "upgrade"})


def _items_of_the(context: CheckContext, quantity: Quantity) -> tuple[int, int] | None:
    """A number of the team's own items worked on: "Fix 5 of the slowest report pages"
    (a count of work done, not a change in what the pages do). The verb comes first."""
    lead = context.features.lead_verb
    if lead is None or lead.span.end > quantity.span.start or quantity.value is None or quantity.value < 2:
        return None
    if context.text[lead.span.end : quantity.span.start].strip():
        return None
    after = [t for t in context.tokens if t.idx >= quantity.span.end][:7]
    if len(after) < 3 or after[0].lower_ != "of" or after[1].lower_ not in {"the", "our", "its", "their"}:
        return None
    for token in after[2:]:
        if _plural(token):
            return lead.span.start, token.idx + len(token.text)
        if token.pos_ not in {"ADJ", "NOUN", "PROPN"}:
            return None
    return None


# Verbs that bring a named figure down: the things it counts are what is left, a backlog or a
# flaw, never work the team did.
_REDUCING = frozenset({"reduce", "decrease", "cut", "lower", "halve", "minimise", "minimize", "shrink"})


def named_count(context: CheckContext) -> tuple[int, int] | None:
    """A count of work products written as a named figure: "Number of webinars: 12",
    "Number of newsletters sent: 4".

    >>> import krquality
    >>> result = krquality.analyze("Number of repair guides: 8", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    if not any(q.kind is QuantityKind.NUMBER for q in context.features.quantities):
        return None
    nouns = load_words("output_nouns")
    tokens = context.tokens
    for i, token in enumerate(tokens[:-2]):
        if token.lower_ not in {"number", "no", "count", "#"} or tokens[i + 1].lower_ != "of":
            continue
        if any(t.lemma_.lower() in _REDUCING for t in tokens[max(i - 3, 0) : i]):
            return None  # "Reduce the number of open issues from 40 to 10": what is left, not work done
        phrase = tokens[i + 2 : i + 6]
        for k, word in enumerate(phrase):
            if _plural(word):
                return (token.idx, word.idx + len(word.text)) if _listed(phrase, k, nouns) else None
            if word.pos_ not in {"ADJ", "NOUN", "PROPN"}:
                return None
    return None


def uncounted_output(
    context: CheckContext, *, outcome_words: frozenset[str], done_words: frozenset[str]
) -> tuple[int, int] | None:
    """A plural of work products marked done (``done_words``) or recurring, with no count of them.

    ``outcome_words`` are nouns of people or effects: a key result naming one
    ("Weekly sessions attended by 40 members") counts the effect, so it is not
    flagged.

    >>> import krquality
    >>> result = krquality.analyze("Cooking demos given at three farmers' markets", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    nouns = load_words("output_nouns")
    tokens = context.body_tokens
    if _names_effect(tokens, outcome_words):
        # "Weekly sessions attended by 40 members": the effect is counted. Only a bare
        # plural made for people is still work ("Send rota summaries to the volunteers").
        return _made_plural(context, tokens, nouns)
    for i, token in enumerate(tokens):
        if not _plural(token) or not _listed(tokens, i, nouns):
            continue
        if (i > 0 and tokens[i - 1].pos_ == "ADP") or (i > 1 and tokens[i - 2].pos_ == "ADP"):
            continue  # "tasting notes used in weekly menu meetings": a setting, not the thing made
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is not None and following.lower_ in {"are", "were", "is", "get", "got", "being", "been"}:
            following = tokens[i + 2] if i + 2 < len(tokens) else None
        start = _phrase_start(tokens, i)
        if start > 0 and tokens[start - 1].pos_ in {"DET", "PRON"}:
            continue  # "The parcels sent by the depot", "all the vans are serviced": they exist already
        if start > 0 and verb_lexicon().is_level_verb((tokens[start - 1].lemma_ or "").lower()):
            continue  # "Keep the seed packets sorted by month": things held in a state, not work made
        if _joined_to_named(tokens, start):
            continue  # "The menu of the café and leaflets is checked": part of a named thing
        participle = following is not None and following.tag_ in {"VBN", "VBD", "JJ"}
        if following is not None and participle and following.lower_ in done_words:
            return tokens[start].idx, following.idx + len(following.text)
        recurring = [t for t in tokens[start : i + 3] if t.lower_ in RECURRING]
        if recurring and any(_share_sign(t) for t in tokens[max(0, start - 1) : i]):
            continue  # "% of weekly orders with gift wrap": a share of things with a property, a level
        if recurring and not _counted(tokens):
            end = max(token.idx + len(token.text), *(t.idx + len(t.text) for t in recurring))
            return tokens[start].idx, end
    return _made_plural(context, tokens, nouns) or _recurring_product(tokens, nouns)


def _share_sign(token: Token) -> bool:
    """Whether ``token`` makes what follows a share ("%", "percent", "share")."""
    return token.text == "%" or token.lower_ in {"percent", "percentage", "share", "proportion"}


def _made_plural(
    context: CheckContext, tokens: Sequence[Token], nouns: frozenset[str]
) -> tuple[int, int] | None:
    """A verb of making or doing with a plural of work products as its bare object:
    "Conduct kitchen inspections at the pantries", "Write blog posts" (an unbounded plural of work)."""
    lead = context.features.lead_verb
    if lead is None:
        return _named_plural(context, tokens, nouns)
    verb = lead.lemma.split()[0].lower()
    if verb not in load_words("output_verbs") | _MAKING_VERBS or verb in load_words("settling_verbs"):
        return None  # "Identify venues for the fair": the chosen list is one deliverable
    if _counted(tokens):
        return None
    after = [t for t in tokens if t.idx >= lead.span.end]
    if len(after) > 2 and after[0].pos_ == "CCONJ" and after[1].pos_ == "VERB":
        # "Run and write up quarterly listening sessions": two verbs, one object.
        skip = 3 if after[2].tag_ == "RP" or after[2].lower_ in {"up", "out"} else 2
        after = after[skip:]
    after = after[:5]
    for k, token in enumerate(after):
        if _plural(token) and (k + 1 == len(after) or after[k + 1].pos_ not in {"NOUN", "PROPN"}):
            return (lead.span.start, token.idx + len(token.text)) if _listed(after, k, nouns) else None
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return None  # a determiner ("Publish the guides"), a preposition, a verb: not a bare plural
    return None


def _named_plural(
    context: CheckContext, tokens: Sequence[Token], nouns: frozenset[str]
) -> tuple[int, int] | None:
    """A plural of work products named alone, with no verb and no count: "Podcast episodes
    on urban cycling", "Leaflets or blog posts about the new route" (more of them, open-ended)."""
    if context.features.form is Form.IMPERATIVE or context.features.lead_verb is not None:
        return None
    if _counted(tokens):
        return None
    # The first noun phrase, lists included ("Leaflets, posters and blog posts"); its last noun is the head.
    run = 0
    while run < len(tokens) and (
        tokens[run].pos_ in {"NOUN", "PROPN", "ADJ", "CCONJ"} or tokens[run].text in {",", "/", "-"}
    ):
        run += 1
    heads = [k for k in range(run) if tokens[k].pos_ in {"NOUN", "PROPN"}]
    if not heads or not _plural(tokens[heads[-1]]):
        return None  # "Posts, talks and newsletter tracking system": one thing made
    if any(t.tag_ == "VBN" or t.lower_.endswith("ed") for t in tokens[:run]):
        return None  # "Automated reminder emails": a feature of a product, not more work products
    if any(_share_sign(t) for t in tokens[:run]):
        return None  # "% monthly bookings with an add-on": a share of things with a property, a level
    following = tokens[run] if run < len(tokens) else None
    if following is not None and following.pos_ not in {"ADP", "PUNCT"} and following.lower_ not in _ABOUT:
        return None  # "Newsletters go out on time", "Solar panels installed": a sentence about them
    if not _listed(tokens, heads[-1], nouns):
        return None  # "Fun evenings + new members": the last thing named is people, not work
    head = tokens[heads[-1]]
    return tokens[0].idx, head.idx + len(head.text)


# Participles that say what a work product is about: "Blog posts related to housing".
_ABOUT = frozenset({"related", "relating", "focused", "based", "covering", "featuring", "explaining"})


def recurring_event(context: CheckContext) -> tuple[int, int] | None:
    """One work product held or made again and again: "Twice a year, host an open day",
    "Run a repair session every month" (the sessions are the work, not their effect).

    >>> import krquality
    >>> result = krquality.analyze("Twice a year, host an open day at the depot", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    if _RECURRENCE.search(context.text) is None:
        return None
    held = _held_again(context)
    if held is not None:
        return held
    verbs = load_words("output_verbs") | load_words("event_verbs") | _MAKING_VERBS
    lead = context.features.lead_verb
    if lead is not None:
        if lead.lemma.split()[0].lower() not in verbs:
            return None
        start, verb_end = lead.span.start, lead.span.end
    else:
        # "Twice a year, host an open day": the verb comes after the frequency and a comma.
        tokens = context.tokens
        comma = next((i for i, t in enumerate(tokens[:7]) if t.text == ","), None)
        if comma is None or comma + 1 >= len(tokens):
            return None
        verb = tokens[comma + 1]
        if (verb.lemma_ or verb.lower_).lower() not in verbs and verb.lower_ not in verbs:
            return None
        start, verb_end = verb.idx, verb.idx + len(verb.text)
    nouns = load_words("output_nouns")
    # What a hosting verb takes is an event whatever its name ("Host Soup Club 101 each week"),
    # named with "the" or not; other verbs need a listed work product made again and again.
    verb_text = context.text[start:verb_end].lower()
    lemma = lead.lemma.split()[0].lower() if lead is not None else verb_text
    hosting = verb_text in _HOSTING_VERBS or lemma in _HOSTING_VERBS
    after = [t for t in context.tokens if t.idx >= verb_end][:6]
    if after and after[0].pos_ == "DET":
        # ("hold the line", "hold the price": "hold" with "the" is too often not an event)
        if after[0].lower_ not in {"a", "an", "one"} and not (hosting and lemma not in {"hold", "holds"}):
            return None  # "Publish the annual report every year": one named thing, due each year
        after = after[1:]
    name = {"NOUN", "PROPN", "NUM"} if hosting else {"NOUN", "PROPN"}
    for k, token in enumerate(after):
        last = k + 1 == len(after) or after[k + 1].pos_ not in name
        if token.pos_ in name and last:
            if hosting or _listed(after, k, nouns) or (token.lemma_ or "").lower() in nouns:
                return start, token.idx + len(token.text)
            return None
        if token.pos_ not in name | {"ADJ"}:
            return None
    return None


# How often, as words: "twice a year", "once per term", "every month", "monthly".
# Participles of hosting after "is"/"are": "a study group is hosted each term".
_HELD = frozenset({"hosted", "held", "organised", "organized", "convened", "staged"})
_HELD_AUX = frozenset({"is", "are", "gets", "get", "be", "been"})


def _held_again(context: CheckContext) -> tuple[int, int] | None:
    """An event said to be held again and again, in the passive: "Each term, ensure a study
    group is hosted on budgeting" (the span runs from the event's first word to the participle)."""
    tokens = context.tokens
    for i, token in enumerate(tokens):
        if token.lower_ not in _HELD or i < 2 or tokens[i - 1].lower_ not in _HELD_AUX:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is not None and (
            following.pos_ in {"ADJ", "ADV"} or following.lower_ in {"at", "below", "above", "under", "to"}
        ):
            return None  # "prices are held flat", "held at 4%": a level kept, not an event
        first = i - 1
        while first > 0 and tokens[first - 1].pos_ in {"NOUN", "PROPN", "ADJ", "NUM", "DET"}:
            first -= 1
        if first == i - 1 or not any(t.pos_ in {"NOUN", "PROPN"} for t in tokens[first : i - 1]):
            return None  # "it is held": no event named
        return tokens[first].idx, token.idx + len(token.text)
    return None


# Verbs whose object is an event held, whatever it is called.
_HOSTING_VERBS = frozenset({"host", "hosts", "hold", "holds", "organise", "organize", "convene", "stage"})
_RECURRENCE = re.compile(
    r"\b(?:(?:once|twice|\d+\s+times|three\s+times|four\s+times)\s+(?:a|an|per|each|every)\s+\w+"
    r"|every\s+(?:\w+\s+)?(?:day|week|fortnight|month|quarter|term|year|sprint|season|meeting)s?"
    r"|each\s+(?:week|month|quarter|term|year|sprint|season)"
    r"|daily|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annually)\b",
    re.IGNORECASE,
)


def _recurring_product(tokens: Sequence[Token], nouns: frozenset[str]) -> tuple[int, int] | None:
    """A work product named first, then how often: "Recipe card once a fortnight", "Demo every sprint"."""
    for k, token in enumerate(tokens[:3]):
        if token.pos_ == "VERB":
            return None  # "Document each app's set-up": a verb, then what it works on
        if token.lower_ in nouns or (token.lemma_ and token.lemma_.lower() in nouns):
            following = tokens[k + 1 : k + 3]
            if any(t.lower_ in RECURRING | _RATE_WORDS for t in following):
                last = following[-1]
                return tokens[0].idx, last.idx + len(last.text)
            return None
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return None
    return None


# Verbs of doing beside the output verbs, whose bare plural object is work done.
_MAKING_VERBS = frozenset(
    {"share", "lead", "facilitate", "moderate", "teach", "organise", "organize", "review"}
)
_RATE_WORDS = frozenset({"once", "twice", "per"})


def placeholder_count(context: CheckContext) -> tuple[int, int] | None:
    """A count of work products left open: "Write X number of help articles", "Publish X posts".

    >>> import krquality
    >>> result = krquality.analyze("Write X number of help articles", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    nouns = load_words("output_nouns")
    match = _PLACEHOLDER_COUNT.search(context.text)
    candidates: list[tuple[int, int]] = []  # where each stand-in starts and ends
    if match is not None and not match.group(0).lower().startswith(("a ", "the ")):
        candidates.append((match.start(), match.end()))
    candidates += [
        (q.span.start, q.span.end) for q in context.features.quantities if q.kind is QuantityKind.PLACEHOLDER
    ]
    lead = context.features.lead_verb
    # After a verb of making ("Release X number of plugins") any plural is a thing made.
    making = lead is not None and lead.lemma.split()[0].lower() in load_words("output_verbs")
    for begin, offset in candidates:
        after = [t for t in context.tokens if t.idx >= offset][:5]
        for k, token in enumerate(after):
            # (a listed plural right after the stand-in is the thing counted even where the
            # tagger reads the stand-in as a subject and the plural as its verb: "Held X calls")
            counted = _plural(token) or (k == 0 and token.lower_ in nouns and token.lower_.endswith("s"))
            if counted and (making or _listed(after, k, nouns) or token.lower_ in nouns):
                start = lead.span.start if lead is not None and lead.span.end <= offset else begin
                return start, token.idx + len(token.text)
            if token.pos_ in {"VERB", "ADP", "PUNCT"} and token.text != "-":
                break
    return None


_FINITE_OR_PARTICIPLE = frozenset({"VBG", "VBN", "VBD", "VBZ", "VBP"})


def listed_head(context: CheckContext, offset: int) -> bool:
    """Whether the first plural noun after ``offset`` names a work product ("40 checkout test cases").

    The search stops at a preposition, a punctuation mark or a verb that is not
    a base form (a base form inside a compound is often a tagging slip: "end to end").

    >>> import krquality
    >>> text = "40 checkout test cases pass before each release"
    >>> result = krquality.analyze(text, suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    """
    nouns = load_words("output_nouns")
    after = [t for t in context.tokens if t.idx >= offset][:8]
    for k, token in enumerate(after):
        if token.tag_ in _PLURAL_TAGS:
            return _listed(after, k, nouns)
        if token.pos_ in {"ADP", "PUNCT", "SCONJ", "CCONJ"} or token.tag_ in _FINITE_OR_PARTICIPLE:
            return False
    return False


def _plural(token: Token) -> bool:
    """Whether ``token`` is a plural noun, also when the tagger took it for a singular ("safety audits")."""
    if token.tag_ in _PLURAL_TAGS:
        return True
    form = token.lower_
    return token.pos_ == "NOUN" and form.endswith("s") and not form.endswith(("ss", "is", "us"))


def _listed(tokens: Sequence[Token], i: int, nouns: frozenset[str]) -> bool:
    """Whether ``tokens[i]`` (a plural noun) names a work product, alone or with the word before it."""
    token = tokens[i]
    if token.lower_ in nouns or (token.lemma_ and token.lemma_.lower() in nouns):
        return True
    return i > 0 and f"{tokens[i - 1].lower_} {token.lower_}" in nouns


def _joined_to_named(tokens: Sequence[Token], start: int) -> bool:
    """Whether the phrase at ``start`` is joined ("and", "of") to a noun phrase opened by a determiner."""
    k = start - 1
    if k < 0 or tokens[k].pos_ != "CCONJ":
        return False
    while k > 0 and tokens[k - 1].pos_ in {"NOUN", "PROPN", "ADJ", "ADP", "CCONJ"}:
        k -= 1
    return k > 0 and tokens[k - 1].pos_ == "DET" and tokens[k - 1].lower_ not in {"no", "some", "more", "any"}


def _phrase_start(tokens: Sequence[Token], i: int) -> int:
    """The first token of the noun phrase that ends at ``tokens[i]``."""
    start = i
    while (
        start > 0
        and tokens[start - 1].pos_ in {"ADJ", "NOUN", "PROPN", "NUM", "VERB"}
        and (tokens[start - 1].tag_ not in {"VBD", "VBZ", "VBP", "VB"})
    ):
        start -= 1
    return start


# Prepositions of place: "demos given at three markets" names where, not who acts.
_PLACE = frozenset({"in", "at", "across", "on", "around", "throughout"})


def _names_effect(tokens: Sequence[Token], outcome_words: frozenset[str]) -> bool:
    """Whether the key result names people or effects (not as a place: "at four campuses")."""
    for i, token in enumerate(tokens):
        if token.lower_ in outcome_words and not any(t.lower_ in _PLACE for t in tokens[max(0, i - 4) : i]):
            return True
    return False


def _counted(tokens: Sequence[Token]) -> bool:
    """Whether some number is in the key result (the count paths judge those)."""
    return any(t.like_num for t in tokens)
