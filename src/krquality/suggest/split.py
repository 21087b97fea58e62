"""Cut a key result that joins two results into one (``wording.compound``) into its parts.

Each part comes out complete, as its author would have written it alone:
what the halves share goes to both. A subject and verb written once
("Sign 6 new sponsors and 2 new venues") lead the part that lacks them
("Sign 2 new venues"); a time frame at the end ("... by June")
or at the start ("By June, ...") and a cycle tag ("[Q2]") close every part.
A part the author hedged ("... and consider opening a second site")
becomes the decision it leaves open ("Decide whether to open a second
site"): a key result cannot be half-wanted, and a decision by a date is
a result an OKR coach can score.

Pure functions of the tagged ``Doc`` and its features: no model. The parts
are only candidates; :mod:`krquality.suggest.splitting` re-analyses each one
and drafts it as a key result of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import takewhile
from typing import TYPE_CHECKING

from krquality.checks.helpers import FINITE_TAGS, cycle_tag, load_words
from krquality.checks.joined import finite_clause_after, subject_end
from krquality.features.types import DateRef, Features
from krquality.nlp.notes import progress_note
from krquality.suggest.casing import capitalise_first
from krquality.suggest.structure import date_lead_start, structure_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# What a part's edges may carry that belongs to the joint, not to either part.
_EDGE = " \t,;.:-–+&/"
# The words that open a decision made of a hedged part.
DECISION = "Decide whether to"
_PARTICIPLES = frozenset({"VBN", "VBD"})
_BE_HAVE = frozenset({"is", "are", "was", "were", "has", "have", "will", "be"})
# Hedges whose part becomes a decision: the hedge word is dropped, the rest is what to decide.
_DECIDING = frozenset(
    {"consider", "considering", "maybe", "perhaps", "possibly", "potentially", "ideally", "if possible"}
)


@dataclass(frozen=True, slots=True)
class Part:
    """One key result cut out of a compound one; ``decision`` when it was hedged."""

    text: str
    decision: bool = False


def split_parts(
    doc: Doc, features: Features, joins: Sequence[tuple[int, int]], hedges: Sequence[tuple[int, int]] = ()
) -> tuple[Part, ...] | None:
    """The key result in ``doc`` cut at each of ``joins`` (character spans of the joiners
    the compound check found), each part completed; None when a part cannot be completed.

    ``hedges`` are the spans of hedge findings: a part holding one becomes a decision.

    >>> import krquality
    >>> nlp = krquality.get_analyzer().nlp
    >>> doc = nlp("Sign 6 new sponsors and 2 new venues by October")
    >>> [p.text for p in split_parts(doc, doc._.krq_features, [(20, 23)])]
    ['Sign 6 new sponsors by October', 'Sign 2 new venues by October']
    """
    text = features.text
    # From the core's start: a team label or a priority tag is not copied into the parts. Up to
    # a progress note ("(100%)", "=> 40%"), which says where the work stands, not what a part
    # is; any other tag at the end stays, so a part that keeps it is refused rather than a
    # sentence cut short.
    body_start, body_end = structure_of(features).start, features.body.end
    note = progress_note(text)
    if note is not None and body_start < note[0] < body_end:
        body_end = note[0]  # "... and turn off the old wiki (100%)": the note is where the work stands
    cuts = sorted((s, e) for s, e in joins if body_start < s and e < body_end)
    if not cuts:
        return None
    bounds = [body_start, *[x for cut in cuts for x in cut], body_end]
    segments = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    removed: list[tuple[int, int]] = []
    suffix = prefix = ""
    tag = cycle_tag(text)
    if tag is not None:
        removed.append(tag)
        suffix = " " + text[tag[0] : tag[1]]
    shared = _shared_time_frame(text, features.dates, segments)
    lent = ""  # a date inside one part, lent to the parts without one
    holder = -1
    if shared is not None:
        (start, end), where = shared
        phrase = text[start:end].strip(_EDGE)
        if where == "start":
            removed.append((start, end))
            prefix = capitalise_first(phrase) + ", "
        elif where == "end":
            removed.append((start, end))
            suffix = " " + phrase + suffix
        else:
            lent = " " + phrase
            holder = next(i for i, (a, b) in enumerate(segments) if a <= start < b)
    tokens = list(doc)
    texts = [_words(text, a, b, removed) for a, b in segments]
    if any(not t for t in texts):
        return None
    parts = [Part(texts[0])]
    first_tokens = _tokens_in(tokens, *segments[0])
    for (a, b), own, (join, _) in zip(segments[1:], texts[1:], cuts, strict=True):
        if text[join] == ".":  # a sentence of its own (the check saw to it)
            parts.append(Part(capitalise_first(own)))
            continue
        completed = _completed(text, own, _tokens_in(tokens, a, b), first_tokens, features, segments[0])
        if completed is None:
            return None
        parts.append(Part(completed))
    out = []
    for i, (part, (a, b)) in enumerate(zip(parts, segments, strict=True)):
        hedged = [h for h in hedges if a <= h[0] < b]
        if hedged:
            decided = _decision(part.text, text[hedged[0][0] : hedged[0][1]], _tokens_in(tokens, a, b))
            if decided is None:
                return None
            part = Part(decided, decision=True)
        closing = suffix if i == holder or not lent else lent + suffix
        out.append(Part(_closed(prefix, part.text, closing), part.decision))
    return tuple(out)


def _closed(prefix: str, text: str, suffix: str) -> str:
    body = text[:1].lower() + text[1:] if prefix and not _proper(text) else text
    out = (prefix + body + suffix).strip()
    return capitalise_first(out)


def _proper(text: str) -> bool:
    word = text.split(maxsplit=1)[0] if text.split() else ""
    return len(word) > 1 and word[1:2].isupper()  # "NPS", "CRM": keep the capitals


def _words(text: str, start: int, end: int, removed: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` without the ``removed`` spans inside it, its edges trimmed."""
    out = []
    at = start
    for a, b in sorted(removed):
        if b <= start or a >= end:
            continue
        out.append(text[at:a])
        at = max(at, b)
    out.append(text[at:end])
    joined = re.sub(r"\s{2,}", " ", "".join(out))
    return joined.strip(_EDGE)


def _tokens_in(tokens: Sequence[Token], start: int, end: int) -> list[Token]:
    return [t for t in tokens if start <= t.idx < end and not t.is_space]


def _shared_time_frame(
    text: str, dates: Sequence[DateRef], segments: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int], str] | None:
    """The span of the only date, which every part shares, and where it is: at the end of the last
    part ("... and Y by June"), at the start of the first ("By June, ...") or "inside" one part
    ("Hire A by June so that ... and B"), which lends it to the others; None for a date that
    belongs to a thing ("a plan for 2027")."""
    if len(dates) != 1:
        return None
    span = dates[0].span
    first, last = segments[0], segments[-1]
    start = date_lead_start(text, span.start, first[0])  # with "by the end of" before it
    words = text[start : span.end].lower().split()
    before = text[first[0] : start].lower().split()[-1:]
    if words[0] in _OWNING or (words[0] not in _FRAMING and before and before[0] in _OWNING):
        return None  # "a roadmap for the first half of 2027": the date belongs to a thing, not to the parts
    if last[0] <= span.start and not text[span.end : last[1]].strip(_EDGE):
        return (start, span.end), "end"
    if not text[first[0] : start].strip(_EDGE) and text[span.end : first[1]].lstrip().startswith(","):
        return (start, span.end), "start"
    inside = any(a <= start and span.end <= b for a, b in segments)
    return ((start, span.end), "inside") if inside and words[0] in _FRAMING else None


# Words that make a date the time frame of a whole key result, and words that make it part of a thing.
_FRAMING = frozenset({"by", "before", "until", "till", "in", "within", "during", "on", "at", "no"})
_OWNING = frozenset({"of", "for", "from", "since", "about"})


def _completed(
    text: str,
    own: str,
    tokens: Sequence[Token],
    first: Sequence[Token],
    features: Features,
    first_segment: tuple[int, int],
) -> str | None:
    """A later part made complete with what the first part shares: its own verb or clause keeps
    it as written; a participle takes the first part's subject ("Field testing is done ... and
    started ..."); a count or a noun takes the first part's verb ("Sign 6 ... and 2 ...")."""
    if not tokens:
        return None
    head = tokens[0]
    restored = _with_be_restored(own, tokens, first)
    if restored is not None:
        return capitalise_first(restored)
    if _opens_clause(tokens) or finite_clause_after(tokens, 0) or _is_verb(head) or _misread_verb(tokens):
        return capitalise_first(own)
    if head.tag_ == "VBG" and len(tokens) > 1:  # "...; recruiting two helpers": an order, as a gerund
        return capitalise_first(head.lemma_) + own[len(head.text) :]
    if head.tag_ in _PARTICIPLES:
        aux = next((t for t in first if t.lower_ in _BE_HAVE), None)
        if aux is None:
            return None
        return f"{text[first_segment[0] : aux.idx + len(aux.text)]} {own}"
    numbered = _is_number(head) or head.lower_ in {"another", "at", "over", "up"}
    if numbered:
        counted = next((t for t in first if _is_number(t)), None)
        if counted is None or counted.idx == first_segment[0]:
            return None
        first_share = _is_share([t for t in first if t.i >= counted.i])
        if _names_own_share(tokens) or (_is_share(tokens) and not first_share):
            # "Hire 3 engineers; 40% retention", "... and 95% of tickets answered in a day": a
            # share of its own, not more of what the first part's verb counts.
            return capitalise_first(own)
        lead = text[first_segment[0] : counted.idx]
        lead = re.sub(r"(?:\b(?:at least|over|up to|about|around)\s+)$", "", lead, flags=re.I)
        return f"{lead.rstrip()} {own}"
    verb = features.lead_verb
    nominal = head.pos_ in {"NOUN", "PROPN", "ADJ", "DET"}
    if nominal and verb is not None and first_segment[0] <= verb.span.start < first_segment[1]:
        return f"{text[first_segment[0] : verb.span.end]} {own}"
    return None


def _with_be_restored(own: str, tokens: Sequence[Token], first: Sequence[Token]) -> str | None:
    """A second state whose "is" was left out after a first state, with it put back: "the
    shared calendar adopted" after "The paper rota is withdrawn" -> "the shared calendar is
    adopted" ("are" after a plural subject). None when the part is not such a state, or its
    verb has an object ("the team adopted the calendar" is a clause of its own)."""
    if not any(t.lower_ in {"is", "are", "was", "were"} for t in first):
        return None
    end = subject_end(tokens, 0)
    if end is None or end >= len(tokens) or tokens[end].tag_ not in {"VBN", "VBD"}:
        return None
    if end + 1 < len(tokens) and tokens[end + 1].pos_ in {"DET", "NUM", "NOUN", "PROPN", "PRON"}:
        return None
    subject = list(takewhile(lambda t: t.pos_ != "ADP", tokens[:end]))
    nouns = [t for t in subject if t.pos_ in {"NOUN", "PROPN"}]
    if not nouns:
        return None
    be = "are" if nouns[-1].tag_ in {"NNS", "NNPS"} else "is"
    verb = tokens[end]
    at = re.search(rf"\s{re.escape(verb.text)}\b", own)
    if at is None:
        return None
    return f"{own[: at.start()]} {be}{own[at.start() :]}"


def _is_number(token: Token) -> bool:
    return bool(token.like_num) or token.text[:1].isdigit()


def _first_number(tokens: Sequence[Token]) -> int | None:
    """The index of the first number in ``tokens``, if any."""
    return next((i for i, token in enumerate(tokens) if _is_number(token)), None)


def _is_share(tokens: Sequence[Token]) -> bool:
    """Whether the first number in ``tokens`` is a percentage ("40%", "40 percent")."""
    i = _first_number(tokens)
    if i is None:
        return False
    after = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    return tokens[i].text.endswith("%") or after in {"%", "percent", "per cent"}


def _names_own_share(tokens: Sequence[Token]) -> bool:
    """Whether ``tokens`` open with a share of a population they name ("95% of tickets ...")."""
    i = _first_number(tokens[:4])
    if i is None:
        return False
    rest = [t.lower_ for t in tokens[i + 1 : i + 3]]
    return rest in (["%", "of"], ["percent", "of"])


_SUBJECT_POS = frozenset({"DET", "NOUN", "PROPN", "ADJ"})


def _opens_clause(tokens: Sequence[Token]) -> bool:
    """Whether a part has a subject and a finite verb of its own ("the track is open", "senior
    staff have agreed"), not a complement with a clause after a comma ("complete, and includes")."""
    for i, token in enumerate(tokens[:8]):
        if i and token.lower_ in {"and", "&"} and i + 1 < len(tokens) and tokens[i + 1].pos_ in _SUBJECT_POS:
            continue  # a listed subject: "the kiosk and the app are live"
        if token.is_punct or token.pos_ in {"CCONJ", "ADP"}:
            return False
        if i and (token.tag_ in FINITE_TAGS or token.lower_ in _BE_HAVE):
            return tokens[0].pos_ in {"DET", "NOUN", "PROPN", "PRON"} or (
                tokens[0].pos_ == "ADJ" and tokens[1].pos_ in {"NOUN", "PROPN"}
            )
    return False


def _is_verb(token: Token) -> bool:
    """Whether ``token`` opens an order ("migrate", "Support"): a base form, or a key result verb
    the tagger took for a noun at the start of a sentence."""
    if token.tag_ in {"VB", "VBP"}:
        return True
    # (not an adjective: "complete, and includes ..." goes on describing the first part)
    return token.lower_ in load_words("kr_verbs") and token.tag_ not in _PARTICIPLES | {"VBG", "JJ"}


def _misread_verb(tokens: Sequence[Token]) -> bool:
    """Whether a part opens with a key result verb the tagger read as an adjective or a noun,
    with an object after it ("... and migrate billing to the new provider"): the part has a
    verb of its own, and lending it the first part's verb would garble it ("Launch migrate")."""
    if len(tokens) < 2 or tokens[0].lower_ not in load_words("kr_verbs"):
        return False
    head, after = tokens[0], tokens[1]
    if head.tag_ == "JJ":
        return after.pos_ in {"NOUN", "PROPN", "DET", "ADJ"}
    return head.pos_ == "NOUN" and after.pos_ == "DET"


def _decision(part: str, hedge: str, tokens: Sequence[Token]) -> str | None:
    """A hedged part as the decision it leaves open: "consider opening a second site" ->
    "Decide whether to open a second site"; None when no order follows the hedge."""
    if hedge.lower() not in _DECIDING:
        return None
    at = part.lower().find(hedge.lower())
    if at < 0:
        return None
    rest = (part[:at] + part[at + len(hedge) :]).strip(_EDGE + " ")
    rest = re.sub(r"\s{2,}", " ", rest)
    words = rest.split(maxsplit=1)
    if not words:
        return None
    token = next((t for t in tokens if t.text == words[0]), None)
    if token is None:
        return None
    if token.tag_ == "VBG":
        verb = token.lemma_
    elif _is_verb(token):
        verb = token.text.lower()
    else:
        return None
    tail = f" {words[1]}" if len(words) > 1 else ""
    return f"{DECISION} {verb}{tail}"
