"""A count of things the team itself makes, does or sends, read from the sentence's shape.

The word-list paths of ``metric.output_count`` know which nouns are work
products and which verbs make them. This path needs neither: it reads the
count's grammar. A number counts the team's own work when

- a verb the team does governs it: an imperative ("Proofread 6 grant bids"),
  a gerund ("Recording four explainer clips"), a finite verb after a subject
  that is the team or one of its units ("Every depot logs 3 drills a term",
  "Our crew speaks at 5 trade fairs"), or a participle after the counted
  thing with no agent ("12 recipes added to the wiki");
- the verb is not one of getting or moving an outcome (its lexicon class is
  outcome or multiplier, a level kept, or a verb of acquiring or taking up:
  "Sign 12 partners", "Keep 5 spare vans", "40 families join");
- what is counted is not people or organisations, money, faults, time or a
  measure, and the count is not a threshold ("10 days without a fall").

What the thing counted is called does not matter: "Validate 300 records",
"Finish 4 quilts" and "Describe 3 routes" are all counted work.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from krquality.checks.handled import share_time_limited
from krquality.checks.helpers import TENSED_TAGS, clause_start, is_noun_base, verb_lexicon
from krquality.features.types import Quantity, QuantityKind, VerbClass
from krquality.nlp.lemma_tables import lemmatizer_tables
from krquality.nlp.lexicon import VerbLexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# Verbs of acquiring something from others or of people taking something up: what they
# count is an effect ("Hire 3 nurses", "Close 4 deals", "Members join 2 clubs").
ACQUIRING = frozenset(
    {
        "hire",
        "recruit",
        "sign",
        "obtain",
        "onboard",
        "appoint",
        "enrol",
        "enroll",
        "register",
        "purchase",
        "buy",
        "license",
        "secure",
        "win",
        "attract",
        "raise",
        "collect",
        "receive",
        "get",
        "have",
        "close",
        "land",
        "reach",
        "convert",
        "retain",
        "sell",
        "gain",
        "earn",
        "pass",
        "qualify",
        "contribute",
        "participate",
        "respond",
        "reply",
        "vote",
        "volunteer",
        "return",
        "join",
        "attend",
        "subscribe",
        "visit",
        "download",
        "use",
        "adopt",
        "donate",
        "apply",
        "renew",
        "book",
        "be",
        "become",
        "see",
        "keep",
        "serve",
        "welcome",
        "engage",
        "involve",
        "find",
    }
)
# Verbs that state what a product covers, not work done: "Support 5 file formats".
_SCOPE = frozenset({"support", "include", "contain", "cover", "span", "feature", "offer", "accept", "allow"})
# Counted faults: a count of them is what was found or left, not the team's output (a share of
# them worked on is: "Triage 80% of the reported faults").
_FAULTS = frozenset(
    {
        "bugs",
        "defects",
        "errors",
        "incidents",
        "issues",
        "failures",
        "crashes",
        "outages",
        "complaints",
        "vulnerabilities",
        "regressions",
        "alerts",
        "escalations",
        "tickets",
    }
)
# Counted things that are time or a scale: never the team's output, counted or shared.
_SCALE = frozenset(
    {
        "days",
        "weeks",
        "months",
        "years",
        "hours",
        "minutes",
        "seconds",
        "quarters",
        "times",
        "points",
        "percent",
        "stars",
    }
)
_NOT_MADE = _FAULTS | _SCALE
# Subjects that are the team or one of its parts, though the word also names people.
_OWN_PEOPLE = frozenset({"members", "volunteers", "staff", "teams", "team", "leaders", "mentors", "speakers"})
# Words between a verb and its count: "Write at least 6", "Give up to 4", "Run over 10".
_BOUND_WORDS = frozenset(
    {
        "at",
        "least",
        "up",
        "to",
        "over",
        "more",
        "than",
        "about",
        "around",
        "approximately",
        "a",
        "total",
        "of",
        "minimum",
        "maximum",
        "another",
        "further",
        "additional",
        "no",
        "fewer",
        "+",
    }
)
_AUX = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "get",
        "gets",
        "got",
        "have",
        "has",
        "had",
        "will",
        "shall",
        "should",
        "can",
        "must",
        "to",
        "would",
    }
)
_VERB_TAGS = frozenset({"VB", "VBP", "VBZ", "VBD", "VBG", "VBN"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def made_count(
    context: CheckContext, *, people: frozenset[str], effects: frozenset[str], measures: frozenset[str]
) -> tuple[int, int] | None:
    """The span of a count of the team's own work (verb to counted thing), or None.

    ``people`` are nouns of people and organisations, ``effects`` nouns of things
    others do or give (downloads, orders): a count of either is an effect.
    ``measures`` are units ("km", "hours"): a number with one is a measure.

    >>> import krquality
    >>> result = krquality.analyze("Proofread 6 grant bids for the charity", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    ['KRQ104']
    >>> result = krquality.analyze("Sell 6 quilts at the craft fair", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    []
    """
    features = context.features
    if any(c.baseline is not None for c in features.changes):
        return None  # "from 2 to 6 guides": a level with a start, tracked as a metric
    tokens = context.body_tokens
    dated = [(d.span.start, d.span.end) for d in features.dates]
    lexicon = verb_lexicon()
    for quantity in features.quantities:
        if quantity.kind is QuantityKind.PERCENT:
            span = (
                _share_making(tokens, quantity, lexicon, people | effects)
                or _share_worked(context, tokens, quantity, lexicon, people | effects | measures)
                or _share_applied(context, tokens, quantity, lexicon, people | effects | measures)
            )
            if span is not None:
                return span
        if not _counts_things(quantity, measures) or any(a <= quantity.span.start < b for a, b in dated):
            continue
        at = next((k for k, t in enumerate(tokens) if t.idx >= quantity.span.end), None)
        first = next(k for k, t in enumerate(tokens) if t.idx >= quantity.span.start)
        head = _counted_head(tokens, at) if at is not None else None
        bracketed = None if head is not None else _bracketed_count(tokens, first)
        if bracketed is not None:
            head, first = bracketed  # "Run tasting evenings (at least 3)": the count of the plural
        if head is None:
            continue
        noun = tokens[head]
        words = {noun.lower_, (noun.lemma_ or "").lower(), f"{(noun.lemma_ or '').lower()}s"}
        if words & (people | effects | _NOT_MADE) or _threshold(tokens, head):
            continue
        verb = _verb_before(tokens, first)
        if bracketed is not None and verb is None:
            continue  # only a verb's object is counted that way
        caused = _caused(tokens, first, head, lexicon)
        if caused is not None:
            return tokens[caused[0]].idx, tokens[caused[1]].idx + len(tokens[caused[1]].text)
        if verb is not None:
            committed = _committed_gerund(tokens, verb, lexicon)
            if not (committed or _team_does(tokens, verb, lexicon, people | effects)):
                continue
            if _complement(tokens, verb):
                continue
            if _vague(tokens[verb], lexicon) and any(t.lower_ == "of" for t in tokens[first:head]):
                continue  # "Improve 4 of the oldest vans": the improvement may be the outcome
            end = noun.idx + len(noun.text)
            if bracketed is not None:  # the span takes in the bracket with the count
                close = next((t for t in tokens[first:] if t.text == ")"), None)
                end = close.idx + 1 if close is not None else quantity.span.end
            return tokens[verb].idx, end
        opens = first == 0 or tokens[first - 1].text in {":", "-", "–"}
        done = _participle_after(tokens, head)
        if done is not None and opens and doing(tokens[done], lexicon):
            return tokens[first].idx, tokens[done].idx + len(tokens[done].text)
        if opens and _acts_toward(tokens, head) and not _has_verb(tokens, head):
            return tokens[first].idx, noun.idx + len(noun.text)
    return None


def _bracketed_count(tokens: Sequence[Token], first: int) -> tuple[int, int] | None:
    """The plural a count in brackets right after it counts, and where its phrase starts:
    "tasting evenings (at least 3)", "garden projects (at least one; up to three)"; or None."""
    k = first - 1
    while k >= 0 and (tokens[k].lower_ in _BOUND_WORDS or tokens[k].like_num or tokens[k].text in {";", ","}):
        k -= 1
    if k < 1 or tokens[k].text != "(" or not _plural(tokens[k - 1]):
        return None
    head = k - 1
    start = head
    while start > 0 and (tokens[start - 1].pos_ in _NOUNS | {"ADJ"} or tokens[start - 1].text == "-"):
        start -= 1
    if _untagged_verb(tokens, start) and start < head:
        start += 1  # "Lead community clean-ups (...)": the imperative read as a modifier
    if start > 1 and tokens[start - 1].pos_ == "CCONJ" and tokens[start - 2].tag_ in {"VBG", "VB"}:
        start -= 1  # "leading or co-leading garden projects": two verbs, one object
    return head, start


def _committed_gerund(tokens: Sequence[Token], verb: int, lexicon: VerbLexicon) -> bool:
    """Whether the gerund at ``verb`` is work the opening imperative commits the team to: "Commit
    to running 3 repair cafés", "Pledge to hosting ..." (the imperative, then "to", then the
    gerund of doing; "Explore forming 2 ties", with no "to", only looks into it)."""
    if tokens[verb].tag_ != "VBG" or verb < 2 or tokens[verb - 1].lower_ != "to":
        return False
    opener = verb - 2
    if opener != clause_start(tokens) or not (tokens[opener].tag_ == "VB" or _untagged_verb(tokens, opener)):
        return False
    both_done = doing(tokens[opener], lexicon) and doing(tokens[verb], lexicon)
    return both_done and not _vague(tokens[opener], lexicon)


def _share_making(
    tokens: Sequence[Token], quantity: Quantity, lexicon: VerbLexicon, others: frozenset[str]
) -> tuple[int, int] | None:
    """A share of the team's own units that each make at least one work product: "100% of the
    depots have run at least one fire drill" (the span runs from the share to the thing made)."""
    at = next((k for k, t in enumerate(tokens) if t.idx >= quantity.span.end), None)
    if at is None or at + 1 >= len(tokens) or tokens[at].lower_ != "of":
        return None
    k = at + 1
    while k < len(tokens) and (
        tokens[k].pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM"} or tokens[k].text == "-"
    ):
        k += 1
    units = [t for t in tokens[at + 1 : k] if t.pos_ in _NOUNS]
    if not units or units[-1].lower_ in others or units[-1].lower_ in _OWN_PEOPLE:
        return None  # "80% of users complete at least one lesson": what people do
    while k < len(tokens) and tokens[k].lower_ in _AUX:
        k += 1
    if k >= len(tokens) or tokens[k].tag_ not in TENSED_TAGS | {"VBN"} or not doing(tokens[k], lexicon):
        return None
    rest = " ".join(t.lower_ for t in tokens[k + 1 : k + 4]) + " "
    if not rest.startswith(("at least one ", "one or more ", "at least 1 ")):
        return None
    head = None
    for token in tokens[k + 4 : k + 8]:
        if token.pos_ not in {"ADJ", "NOUN", "PROPN"}:
            break
        if token.pos_ in _NOUNS:
            head = token  # the last noun of the phrase: "one fire drill"
    if head is None or head.lower_ in others:
        return None
    first = next(i for i, t in enumerate(tokens) if t.idx >= quantity.span.start)
    return tokens[first].idx, head.idx + len(head.text)


def _has_verb(tokens: Sequence[Token], start: int) -> bool:
    """Whether a verb comes after ``tokens[start]`` (not a noun the tagger read as one at the end of
    a phrase: "... to the staff handbook:")."""
    for k in range(start, len(tokens)):
        token = tokens[k]
        if token.tag_ not in _VERB_TAGS:
            continue
        ends = k + 1 == len(tokens) or tokens[k + 1].is_punct
        if not (token.tag_ == "VBP" and tokens[k - 1].pos_ == "NOUN" and ends):
            return True
    return False


def _acts_toward(tokens: Sequence[Token], head: int) -> bool:
    """Whether the counted thing is an act derived from a verb and aimed at something:
    "12 revisions to the style guide", "4 consultations with tenants" (the team's own acts;
    "120 applications from schools" is what others do)."""
    if head + 1 >= len(tokens) or tokens[head + 1].lower_ not in {"to", "towards", "toward", "with"}:
        return False
    return _names_an_act(tokens[head])


def _names_an_act(token: Token) -> bool:
    """Whether ``token`` is a noun made from a verb by a suffix ("migration" <- "migrate")."""
    lemma = (token.lemma_ or token.lower_).lower()
    verbs = _verb_index()
    for suffix, endings in _DEVERBAL:
        if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
            stem = lemma[: -len(suffix)]
            if any(stem + ending in verbs for ending in endings):
                return True
    return False


# Suffixes that turn a verb into the name of its act, and the verb endings they replace:
# "revision" <- "revise", "consultation" <- "consult", "inquiry" <- "inquire".
_DEVERBAL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ation", ("ate", "e", "")),
    ("sion", ("se", "de", "t")),
    ("ion", ("e", "")),
    ("ment", ("",)),
    ("al", ("e", "")),
    ("ance", ("", "e")),
    ("ence", ("", "e")),
    ("y", ("e",)),
)


def not_made(context: CheckContext, quantity: Quantity, *, others: frozenset[str]) -> bool:
    """Whether the sentence's grammar says ``quantity`` is not a count of the team's work, for
    the word-list paths that found a work product after it:

    - the verb before it keeps a level or states what a product covers ("Maintain 85%
      recall on three error types", "Support 5 file formats");
    - its subject is people outside the team (``others``: "Customers write 50 reviews");
    - the thing counted is a mass noun ("20k newsletter readership");
    - it itemises part of something else ("... a plan, including up to three goals").

    >>> import krquality
    >>> result = krquality.analyze("Support 5 file formats in the photo editor", suggestions=False)
    >>> [f.code for f in result.findings if f.code == "KRQ104"]
    []
    """
    features = context.features
    tokens = context.body_tokens
    first = next((k for k, t in enumerate(tokens) if t.idx >= quantity.span.start), None)
    if first is None:
        return False
    if any(t.lower_ in {"including", "incl"} for t in tokens[:first]):
        return True
    at = next((k for k, t in enumerate(tokens) if t.idx >= quantity.span.end), len(tokens))
    head = _head_noun(tokens, at)
    if head is not None:
        head = _verb_read_head(tokens, head)
    if head is not None and not _plural(tokens[head]) and (quantity.value or 0) >= 1000:
        return True  # "20k newsletter readership": thousands of a mass noun, not things made
    lead = features.lead_verb
    verb = _verb_before(tokens, first)
    if verb is not None:
        if verb > 0 and tokens[verb - 1].pos_ == "CCONJ":
            return False  # "Write and support 5 guides": the verbs of a chain do the work together
        lemma = (tokens[verb].lemma_ or tokens[verb].lower_).lower()
    elif lead is not None and lead.span.end <= quantity.span.start:
        lemma = lead.lemma.split()[0].lower()  # "Hold 90% precision on the four ...": the lead verb
    else:
        return False
    if lemma == "have" and head is not None and _stated_state(tokens, first, head):
        return True  # "Have 2,000 photos tagged with the club's name": what is there, not work held
    if lemma in _SCOPE and (head is None or not _names_an_act(tokens[head])):
        return True  # "Support 5 file formats" (but "Support 4 library migrations" is work helped)
    if verb_lexicon().is_level_verb(lemma) and lemma != "hold":
        return True
    return verb is not None and _external_subject(tokens, verb, others)


def _stated_state(tokens: Sequence[Token], first: int, head: int) -> bool:
    """Whether "have" + count + thing is followed by a participle that states how the things are
    ("Have 300 photos tagged with ..."), with no set of the team's own ("5 of our essays printed",
    a causative of the team's work): the count is of what exists, like "Have 2 vans parked"."""
    k = head + 1
    listing = {"etc", "and", "or"}
    while k < len(tokens) and (tokens[k].is_punct or tokens[k].lower_ in listing or tokens[k].pos_ in _NOUNS):
        k += 1  # "posts / clips / etc. linked": a list of the things counted
    if k >= len(tokens) or tokens[k].tag_ not in {"VBN", "VBD"}:
        return False
    return not any(t.lower_ == "of" for t in tokens[first:head])


def _head_noun(tokens: Sequence[Token], at: int) -> int | None:
    """The index of the last noun of the phrase starting at ``at``, plural or not."""
    head = None
    for k in range(at, min(at + 6, len(tokens))):
        token = tokens[k]
        if token.pos_ in _NOUNS:
            head = k
        elif token.pos_ != "ADJ" and token.text not in {"-", "/", "&", "+"}:
            break
    return head


def _verb_read_head(tokens: Sequence[Token], head: int) -> int:
    """The real head of a noun phrase whose last word the tagger read as a verb ("10k social
    media | reach | in May": "reach" is a noun the lemmatizer also knows, with no object after
    it), else ``head``. A verb with an object ("12 posts reach 500 readers") keeps ``head``."""
    k = head + 1
    if k >= len(tokens) or tokens[k].tag_ not in {"VB", "VBP"} or not is_noun_base(tokens[k].lower_):
        return head
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    if following is None or following.is_punct or following.pos_ == "ADP":
        return k
    return head


def _external_subject(tokens: Sequence[Token], verb: int, others: frozenset[str]) -> bool:
    """Whether the finite verb at ``verb`` has people outside the team as its subject."""
    if tokens[verb].tag_ not in TENSED_TAGS:
        return False
    subject = [t for t in tokens[:verb] if t.pos_ in _NOUNS or t.pos_ == "PRON"]
    return bool(subject) and subject[-1].lower_ in others and subject[-1].lower_ not in _OWN_PEOPLE


def _counts_things(quantity: Quantity, measures: frozenset[str]) -> bool:
    """Whether ``quantity`` is a count of two or more things ("12 km" is a measure)."""
    if quantity.kind is not QuantityKind.NUMBER or quantity.value is None or quantity.value < 2:
        return False
    unit = (quantity.unit or "").lower()
    return not unit or (unit.isalpha() and unit not in measures)


def _counted_head(tokens: Sequence[Token], at: int) -> int | None:
    """The index of the plural noun the count counts ("6 | grant bids" -> "bids"), or None."""
    k = at
    while k < len(tokens) and (tokens[k].text in {"+", ")", "-"} or tokens[k].lower_ in {"or", "more"}):
        k += 1
    if k + 1 < len(tokens) and tokens[k].lower_ == "of" and tokens[k + 1].lower_ in _OWNED_SET:
        k += 2  # "5 of our case studies": the count picks some of a set, still counted things
        at = k
    head = None
    while k < len(tokens) and k - at < 6:
        token = tokens[k]
        if token.pos_ in _NOUNS or token.pos_ == "ADJ" or token.tag_ == "VBN" or token.text == "-":
            if token.pos_ in _NOUNS:
                head = k
            k += 1
            continue
        break
    if head is None or not _plural(tokens[head]):
        return None
    return head


# Determiners of a set a count picks from: "4 of the", "5 of our".
_OWNED_SET = frozenset({"the", "our", "its", "their", "these", "those", "my"})
# Verbs that have something done by others and may be followed by the thing and a participle:
# "Get 5 of our recipes featured in magazines", "Have 3 essays printed".
_CAUSING = frozenset({"get", "have"})


def _caused(tokens: Sequence[Token], first: int, head: int, lexicon: VerbLexicon) -> tuple[int, int] | None:
    """The verb and participle of a causative ("Get | 5 of our recipes | featured in magazines"):
    the team gets its own things placed, made or done, a count of work (their indexes).
    People got to act ("Get 50 tenants signed up") are vetoed by the caller as counted people."""
    verb = first - 1
    while verb >= 0 and tokens[verb].lower_ in _BOUND_WORDS - {"a", "of", "to"}:
        verb -= 1
    if verb < 0 or (tokens[verb].lemma_ or tokens[verb].lower_).lower() not in _CAUSING:
        return None
    if verb > 0 and tokens[verb - 1].text not in {":", "-", "–"}:
        return None  # only the imperative: "The van has 3 seats fitted" states what is there
    k = head + 1
    if k >= len(tokens) or tokens[k].tag_ not in {"VBN", "VBD"}:
        return None
    if k + 1 < len(tokens) and tokens[k + 1].lower_ == "by":
        return None  # "Have 3 papers reviewed by the board": what others do
    lemma = (tokens[k].lemma_ or tokens[k].lower_).lower()
    found = lexicon.lookup(lemma, "")
    if lemma in ACQUIRING or lexicon.is_level_verb(lemma):
        return None
    if found is not None and found[1] in {VerbClass.OUTCOME, VerbClass.MULTIPLIER}:
        return None
    # The things must be the team's own ("5 of our recipes") or be put somewhere ("... featured in
    # magazines"); "Get 3 grants approved" is a decision won from others. "Have" with no set of
    # the team's own states what is there ("Have 2 vans parked at the depot").
    owned = any(t.lower_ == "of" for t in tokens[first:head])
    placed = k + 1 < len(tokens) and tokens[k + 1].lower_ in {"in", "on", "at", "into", "onto", "across"}
    causing = (tokens[verb].lemma_ or tokens[verb].lower_).lower()
    if not (owned or (placed and causing == "get")):
        return None
    return verb, k


def _share_worked(
    context: CheckContext,
    tokens: Sequence[Token],
    quantity: Quantity,
    lexicon: VerbLexicon,
    others: frozenset[str],
) -> tuple[int, int] | None:
    """A share of the team's own items worked on by a verb of doing in the imperative: "Triage 80%
    of the reported faults", "Index 60% of the archive photos" (the span runs from the verb to the
    thing). Not a share of people or effects, of time or a measure, and not one handled within a
    time limit for each item, which is a service level ("Answer 95% of emails within a day")."""
    first = next((k for k, t in enumerate(tokens) if t.idx >= quantity.span.start), None)
    at = next((k for k, t in enumerate(tokens) if t.idx >= quantity.span.end), None)
    if first is None or at is None or at + 1 >= len(tokens) or tokens[at].lower_ != "of":
        return None
    verb = _verb_before(tokens, first)
    chained = verb is not None and _chained_imperative(tokens, verb, lexicon)
    tags = {"VB", "NN", "NNP", "RB", "JJ"} | ({"VBP"} if chained else set())  # "and shelve": read as VBP
    if verb is None or tokens[verb].tag_ not in tags:
        return None
    if verb > 0 and tokens[verb - 1].text not in {":", "-", "–"} and not chained:
        return None  # only the imperative that opens the key result (or follows a label)
    if (not chained and not _team_does(tokens, verb, lexicon, others)) or _complement(tokens, verb):
        return None
    if not doing(tokens[verb], lexicon):
        return None
    if _pronoun_them(tokens[at + 1]):
        # "Sort all the donated books and shelve 70% of them": the share is of the items the
        # first imperative named, the plural noun before the second verb.
        head = verb - 2 if chained and _object_end(tokens, verb - 2) else None
        if head is None:
            return None
    else:
        head = _head_noun(tokens, at + 1 + (tokens[at + 1].pos_ == "DET"))
    if head is None or not (_plural(tokens[head]) or head < verb):
        return None
    noun = tokens[head]
    if {noun.lower_, (noun.lemma_ or "").lower(), f"{(noun.lemma_ or '').lower()}s"} & (others | _SCALE):
        return None
    if head + 1 < len(tokens) and (tokens[head + 1].tag_ in TENSED_TAGS | {"MD"}):
        return None  # "Ensure 100% of the forms include a date": the share is a clause's subject
    end = noun.idx + len(noun.text)
    if head < verb:  # the share of "them": the span runs to the pronoun
        end = tokens[at + 1].idx + len("them")
    if share_time_limited(context.text, end) or _threshold(tokens, head):
        return None
    return tokens[verb].idx, end


# Marks that may open a key result's text before its first word: a link's or a quote's.
_OPENING_MARKS = frozenset({"[", "(", "`", '"', "“", "'"})


def _pronoun_them(token: Token) -> bool:
    """Whether ``token`` is "them", also where the tokenizer kept a link's marks on it ("them.](#kr2")."""
    word = token.lower_
    return word == "them" or (word.startswith("them") and not word[4:5].isalpha())


# Prepositions that aim a thing made at the items it is put on: "Add alt text to 60% of ...".
_APPLIED_TO = frozenset({"to", "on", "for"})


def _share_applied(
    context: CheckContext,
    tokens: Sequence[Token],
    quantity: Quantity,
    lexicon: VerbLexicon,
    others: frozenset[str],
) -> tuple[int, int] | None:
    """A thing the team makes put on a share of its own items, said as an imperative: "Add alt text
    to 60% of the gallery images", "Sand and fit handles on 40% of the old doors" (the span runs
    from the verb to the items). Not a share of people or effects ("Send a card to 70% of our
    donors"), of time or a measure, nor one handled within a time limit for each item."""
    first = next((k for k, t in enumerate(tokens) if t.idx >= quantity.span.start), None)
    at = next((k for k, t in enumerate(tokens) if t.idx >= quantity.span.end), None)
    if first is None or at is None or first < 3 or tokens[first - 1].lower_ not in _APPLIED_TO:
        return None
    start = clause_start(tokens)
    while start < first and tokens[start].text in _OPENING_MARKS:
        start += 1
    k = first - 2
    nouns = 0
    while k >= start and (tokens[k].pos_ in _NOUNS | {"DET", "ADJ", "CCONJ"} or tokens[k].text == "-"):
        nouns += tokens[k].pos_ in _NOUNS
        k -= 1
    if k == start - 1 and _untagged_verb(tokens, start):
        k = start  # "Fit new handles on ...": the imperative read as a modifier
    elif k == start + 1 and tokens[start].tag_ == "VB" and tokens[k].tag_ == "VB":
        k = start  # "Add alt text to ...": a modifier of the thing read as a second verb
    if k < start or nouns == 0 or tokens[k + 1].pos_ == "CCONJ":
        return None  # no verb before the thing made, or no thing made
    verb = k
    chained = _chained_imperative(tokens, verb, lexicon)
    opens = verb == start
    if not (opens and (tokens[verb].tag_ == "VB" or _untagged_verb(tokens, verb))) and not chained:
        return None  # only the imperative: "The van adds ... to 60% of ..." states a fact
    if not doing(tokens[verb], lexicon) or _vague(tokens[verb], lexicon):
        return None
    if at < len(tokens) and tokens[at].lower_ == "of":
        at += 1
    if at < len(tokens) and tokens[at].pos_ == "DET" and tokens[at].lower_ not in {"our", "its"}:
        at += 1
    head = _head_noun(tokens, at)
    if head is None or not _plural(tokens[head]):
        return None
    noun = tokens[head]
    if {noun.lower_, (noun.lemma_ or "").lower(), f"{(noun.lemma_ or '').lower()}s"} & (others | _SCALE):
        return None
    end = noun.idx + len(noun.text)
    if share_time_limited(context.text, end) or _threshold(tokens, head):
        return None
    return tokens[verb].idx, end


def _chained_imperative(tokens: Sequence[Token], verb: int, lexicon: VerbLexicon) -> bool:
    """Whether the verb at ``verb`` is the second imperative of a chain that opens the key result
    ("Sort the donated books and shelve ..."): after "and", in a clause whose first word (or the
    first after a label) is a verb of doing in its base form, with no finite verb between."""
    if verb < 2 or tokens[verb - 1].lower_ not in {"and", "then"}:
        return False
    start = clause_start(tokens)
    while start < verb and tokens[start].text in _OPENING_MARKS:
        start += 1  # "[Sort the books and shelve ...](#kr2)": the text of a link
    if start >= verb - 1:
        return False
    opener = tokens[start]
    # A capitalised first word before a determiner is read as the imperative even where the
    # lemmatizer does not list the verb ("Triage all the ..."): a noun does not open that way.
    capital = opener.text[:1].isupper() and opener.tag_ in {"NN", "NNP", "JJ", "RB"}
    determined = start + 1 < verb and tokens[start + 1].tag_ in {"DT", "PDT"}
    paired = start + 2 == verb  # "Sand and varnish ...": two verbs joined, one object after them
    base = opener.tag_ == "VB" or (capital and (opener.lower_ in _verb_index() or determined or paired))
    if not base or not doing(opener, lexicon):
        return False
    between = range(start + 1, verb - 1)
    return not any(tokens[k].tag_ in TENSED_TAGS and not _object_end(tokens, k) for k in between)


def _object_end(tokens: Sequence[Token], k: int) -> bool:
    """Whether ``tokens[k]`` ends a plural object: a plural noun ("the donated books"), or a
    plural the tagger read as a verb after a noun of its compound ("the kiln fires"), which
    only the last word before "and" can be."""
    token = tokens[k]
    if token.pos_ in _NOUNS:
        return _plural(token)
    last = k + 1 < len(tokens) and tokens[k + 1].lower_ in {"and", "then"}
    return last and token.tag_ == "VBZ" and k > 0 and tokens[k - 1].pos_ in _NOUNS


def _plural(token: Token) -> bool:
    """Whether ``token`` is a plural noun, also where the tagger read it as singular ("10 confs")."""
    if token.tag_ in {"NNS", "NNPS"}:
        return True
    form = token.lower_
    return token.pos_ in _NOUNS and form.endswith("s") and not form.endswith(("ss", "is", "us"))


def _threshold(tokens: Sequence[Token], head: int) -> bool:
    """Whether the count is a threshold ("10 days without a fall", "3 runs in a row") or a
    machine's throughput ("500 requests per second": a rate within the hour is capacity)."""
    following = [t.lower_ for t in tokens[head + 1 : head + 4]]
    if following[:1] in (["per"], ["a"], ["an"], ["each"]) and following[1:2] in (
        ["second"],
        ["minute"],
        ["hour"],
    ):
        return True
    return bool(following) and (following[0] in {"without", "free"} or following == ["in", "a", "row"])


def _verb_before(tokens: Sequence[Token], first: int) -> int | None:
    """The verb the count is the object of: "Finish | 4 quilts", "Speak at | 5 fairs"."""
    k = first - 1
    while k >= 0 and (tokens[k].lower_ in _BOUND_WORDS or tokens[k].pos_ == "ADV"):
        if tokens[k].pos_ == "ADV" and _untagged_verb(tokens, k):
            return k  # "Proofread 6 bids", the verb read as an adverb
        if tokens[k].lower_ == "at" and k > 0 and tokens[k + 1].lower_ != "least":
            return _verb_of_place(tokens, k)
        k -= 1
    if k >= 0 and tokens[k].tag_ not in _VERB_TAGS and _untagged_verb(tokens, k):
        return k  # "Q3: Source 50 ...": an imperative after a label, tagged as a noun
    if k < 0 or tokens[k].tag_ not in _VERB_TAGS or tokens[k].lower_ in _AUX:
        return None
    return k


def _verb_of_place(tokens: Sequence[Token], at: int) -> int | None:
    """The verb before "at N places" ("Speak on our tools at 5 fairs"): the events where the team
    does it. Only nouns, modifiers and prepositions may stand between."""
    for k in range(at - 1, max(at - 8, -1), -1):
        token = tokens[k]
        if token.tag_ in _VERB_TAGS and token.lower_ not in _AUX:
            return k
        if token.pos_ not in {"NOUN", "PROPN", "ADJ", "ADP", "DET", "NUM"}:
            return None
    return None


def _untagged_verb(tokens: Sequence[Token], k: int) -> bool:
    """Whether ``tokens[k]``, tagged a noun or modifier, opens the clause after a label (or the text) and is a
    verb's base form in the lemmatizer's index ("Draft: | Source 6 ..."): an imperative."""
    if k > 0 and tokens[k - 1].text not in {":", "-", "–"}:
        return False
    token = tokens[k]
    if token.lower_ in _RANKS:
        return False  # "Top 3 apps": a rank, not a verb
    if token.tag_ not in {"NN", "NNP", "RB", "JJ"} or not token.text[:1].isupper():
        return False  # (the slip is a capitalised first word: "Label 200 ...", "Proofread 6 ...")
    return token.lower_ in _verb_index()


def _team_does(tokens: Sequence[Token], verb: int, lexicon: VerbLexicon, others: frozenset[str]) -> bool:
    """Whether the verb at ``verb`` is work the team does: not an outcome verb, and said
    with no subject, or with the team (or a part of it) as the subject."""
    chain = [verb]
    k = verb - 1
    # "Amplify and share 20 ...": every verb of the chain must be work done
    while k >= 1 and tokens[k].pos_ == "CCONJ" and tokens[k - 1].tag_ in _VERB_TAGS:
        chain.append(k - 1)
        k -= 2
    if not all(doing(tokens[i], lexicon) for i in chain):
        return False
    start = min(chain)
    while start > 0 and tokens[start - 1].lower_ in _AUX:
        start -= 1  # "has delivered", "will write"
    if start == 0:
        return tokens[verb].tag_ != "VBN" or verb == 0  # "Written 4 ..." is a form, not a passive
    if tokens[start - 1].text in {":", "-", "–"}:
        return True  # "Q3: write 4 guides": a label, then the imperative
    subject = [t for t in tokens[:start] if t.pos_ in _NOUNS or t.pos_ == "PRON"]
    if not subject:
        return False
    last = subject[-1]
    if last.pos_ == "PRON":
        return last.lower_ in {"we", "i", "us"}
    if tokens[verb].tag_ not in TENSED_TAGS and tokens[verb].tag_ != "VBN":
        return False  # "Posts write 4": no clause
    if last.lower_ in others and last.lower_ not in _OWN_PEOPLE:
        return False  # "Customers write 50 reviews": people outside the team act
    # The subject must read as the team: its own units ("Every clinic", "Our crew", a name)
    # or work it has done ("The unit has logged ..."); "The platform runs 3 regions" is a state.
    noun_phrase = tokens[max(0, tokens.index(last) - 4) : start] if last in tokens else []
    owned = any(t.lower_ in _TEAM_DETERMINERS or t.pos_ == "PROPN" for t in noun_phrase)
    done = start < verb and any(t.lower_ in {"has", "have", "will"} for t in tokens[start:verb])
    return owned or done or last.lower_ in _OWN_PEOPLE


# Determiners that make a subject the team's own: "every clinic", "each squad", "our crew".
_TEAM_DETERMINERS = frozenset({"every", "each", "all", "our", "we"})


def _complement(tokens: Sequence[Token], verb: int) -> bool:
    """Whether the verb at ``verb`` is a gerund after another verb ("Explore forming 2-3 ties"):
    the count is what is looked into or aimed at, not work committed."""
    return tokens[verb].tag_ == "VBG" and verb > 0 and tokens[verb - 1].tag_ in _VERB_TAGS


def _participle_after(tokens: Sequence[Token], head: int) -> int | None:
    """The participle after the counted thing with no agent: "12 recipes (are) added to the wiki"."""
    k = head + 1
    while k < len(tokens) and tokens[k].lower_ in _AUX:
        k += 1
    if k >= len(tokens) or tokens[k].tag_ not in {"VBN", "VBD"}:
        return None
    if k + 1 < len(tokens) and tokens[k + 1].lower_ == "by":
        return None  # "reviews written by customers": others made them
    for token in tokens[k + 1 :]:
        if token.is_punct:
            break
        if token.tag_ in TENSED_TAGS or token.lower_ in {"is", "are", "was", "were", "will"}:
            return None  # "3 faults found in the audit are fixed": the participle only says which
    return k


def _vague(token: Token, lexicon: VerbLexicon) -> bool:
    """Whether the lexicon calls the verb at ``token`` vague ("improve", "tune")."""
    found = lexicon.lookup((token.lemma_ or token.lower_).lower(), "")
    return found is not None and found[1] is VerbClass.VAGUE


def doing(token: Token, lexicon: VerbLexicon) -> bool:
    """Whether ``token`` is a verb of making or doing: not one of getting or moving an outcome."""
    return doing_lemma((token.lemma_ or token.lower_).lower(), lexicon)


def doing_lemma(lemma: str, lexicon: VerbLexicon) -> bool:
    """Whether the verb ``lemma`` is one of making or doing: not one of getting or moving an outcome."""
    if lemma in ACQUIRING or lemma in _SCOPE or lexicon.is_level_verb(lemma):
        return False
    found = lexicon.lookup(lemma, "")
    return found is None or found[1] not in {VerbClass.OUTCOME, VerbClass.MULTIPLIER}


def is_verb_base(word: str) -> bool:
    """Whether ``word`` is a verb's base form in the spaCy model's lemmatizer index ("manage")."""
    return word in _verb_index()


@cache
def _verb_index() -> frozenset[str]:
    """The base forms of verbs the spaCy model's rule lemmatizer knows (its ``lemma_index``
    table, read from the installed model; empty where the model has none)."""
    lookups = lemmatizer_tables()
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", ()))


# Words of rank that the verb index also lists ("to top a chart").
_RANKS = frozenset({"top", "bottom", "first", "last", "best"})
