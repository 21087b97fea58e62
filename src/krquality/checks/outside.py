"""Words that point at text outside the key result, so it cannot be read alone.

On a dashboard a key result stands by itself: "the cooks above", "this duty", "such guides",
"do the same", or "them" with nothing named before, leave the reader asking what is meant.
These read the grammar around the pointing word (the pipeline has no parser: tags and words
only) and look for what it can point to inside the key result:

* a demonstrative or "such" before a noun ("this duty", "those needs", "3 such guides") points
  back unless the key result names that noun before it ("Write a rota and share this rota"),
  the noun is a span of time ("this quarter"), or a clause after it says which ones ("those
  tenants who moved", "such tools as a rota app");
* "above", "below" and "aforementioned" point at the page around the key result when they
  have no object of their own ("the cooks above", "as above"; not "above 90%");
* a third-person pronoun ("it", "they", "them", "their") or a bare demonstrative ("this")
  points back only where no noun comes before it ("Survey 40 tenants and act on their
  answers" names the tenants first), and "do the same" only where nothing is done before it.

Words inside quotation marks and capitalised words of a title are the title's, not pointers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from krquality.checks.base import CheckContext

# Determiners that point at something named elsewhere.
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Words that point at the page around the text when they have no object.
_PAGE_WORDS = frozenset({"above", "below"})
# Words that point at the page around the text wherever they stand.
_ALWAYS_POINTING = frozenset({"aforementioned", "abovementioned", "above-mentioned", "aforesaid"})
# Pronouns that stand for a thing or people named before. First and second person are the team's own.
_BACK_PRONOUNS = frozenset({"it", "they", "them", "their", "its", "theirs", "themselves"})
# Every word a span can start from: a key result with none of them has no span to find,
# and most have none, so the token walk below is skipped for them.
_TRIGGERS = _DEMONSTRATIVES | _PAGE_WORDS | _ALWAYS_POINTING | _BACK_PRONOUNS | {"such", "same"}
# Spans of time that "this"/"that" place against now, not against earlier text: "this quarter".
_TIME_NOUNS = frozenset(
    {"quarter", "year", "month", "week", "day", "cycle", "half", "sprint", "season", "semester", "term"}
    | {"period", "summer", "winter", "spring", "autumn", "fall", "weekend", "fortnight", "time", "round"}
    | {"iteration", "okr", "kr", "morning", "evening", "afternoon", "night", "decade", "century"}
)
# Words that open a clause saying which ones are meant: "those tenants who moved".
_DEFINING = frozenset({"who", "whom", "whose", "which", "that", "where", "as"})
# Tags a noun phrase runs through between its determiner and its head noun.
_MODIFIER_TAGS = frozenset(
    {"JJ", "JJR", "JJS", "CD", "HYPH", "NN", "NNS", "NNP", "NNPS", "VBN", "VBG", "NFP"}
)
# Tags after "above"/"below" that make it a preposition with an object: "above 90%", "below the line".
_OBJECT_TAGS = frozenset(
    {"CD", "DT", "PDT", "PRP$", "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "$", "RB"}
)
# Quoted stretches: straight, curly and back quotes, and single quotes around words.
_QUOTED = re.compile(r"\"[^\"]+\"|“[^”]+”|`[^`]+`|‘[^’]+’|(?<!\w)'[^']+'(?!\w)")


def _quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of quotations inside the body ``text[start:end]``. A quotation around
    nearly the whole body is the author's markup, not a title, and is left out."""
    spans = []
    for match in _QUOTED.finditer(text, start, end):
        if match.end() - match.start() >= 0.8 * (end - start):
            continue
        spans.append((match.start(), match.end()))
    return spans


def _is_noun(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"}


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.lower_).lower()


def _named_before(word: str, before: set[str]) -> bool:
    """Whether ``word`` or a word of its family ("comparison" after "compare", "training"
    after "train") was named before: a noun can point back at a verb's work."""
    if word in before:
        return True
    for earlier in before:
        shorter = min(len(word), len(earlier))
        common = next((k for k, (a, b) in enumerate(zip(word, earlier, strict=False)) if a != b), shorter)
        if common >= 4 and common >= shorter - 2:
            return True
    return False


def _noun_run(body: Sequence[Token], at: int) -> list[Token]:
    """The noun phrase after the determiner at ``at``: its modifiers and nouns, ending at the
    last noun ("such #FixIt posters" -> "#FixIt posters"). Empty where no noun follows."""
    run: list[Token] = []
    for token in body[at + 1 :]:
        if token.tag_ in _MODIFIER_TAGS or _is_noun(token) or token.text == "#":
            run.append(token)
            continue
        break
    while run and not _is_noun(run[-1]):
        run.pop()
    return run


def _second_step(body: Sequence[Token], i: int) -> bool:
    """Whether index ``i`` stands in a part joined by "and"/"then" to a part before it that names
    a noun: the demonstrative may then name that thing again in other words."""
    for j in range(i - 1, 0, -1):
        if body[j].lower_ in {"and", "then", "&"} and any(_is_noun(t) for t in body[:j]):
            return True
    return False


def _defined_after(body: Sequence[Token], after: int) -> bool:
    """Whether a clause right after index ``after`` says which ones are meant."""
    if after + 1 >= len(body):
        return False
    following = body[after + 1]
    return following.lower_ in _DEFINING or following.tag_ in {"WDT", "WP", "WP$"}


# Prepositions that say which ones after "those"/"that" + noun: "those tenants in arrears". A due
# date ("by May") or a span of time says nothing of which.
_WHICH_PREPOSITIONS = frozenset(
    {"in", "of", "from", "at", "with", "without", "under", "over", "on", "across"}
)


def _says_which(token: Token) -> bool:
    return token.tag_ in {"VBN", "VBG"} or (token.tag_ == "IN" and token.lower_ in _WHICH_PREPOSITIONS)


def _title_word(body: Sequence[Token], i: int) -> bool:
    """A capitalised word mid-sentence followed by another: part of a title ("Read These Three Essays")."""
    token = body[i]
    if i == 0 or not token.text[:1].isupper() or body[i - 1].text in {".", "!", "?", ":"}:
        return False
    return i + 1 < len(body) and body[i + 1].text[:1].isupper()


def _demonstrative(body: Sequence[Token], i: int, before: set[str]) -> tuple[int, int] | None:
    """The span a demonstrative or "such" at ``i`` points out of the key result with, or None."""
    token = body[i]
    run = _noun_run(body, i)
    if not run:
        return None
    if any(_lemma(t) in _TIME_NOUNS for t in run):
        return None  # "this quarter", "that half-year": placed against now
    if any(_named_before(_lemma(t), before) for t in run if _is_noun(t)):
        return None  # "these three dashboards" after the dashboards were named
    if token.lower_ != "such" and _second_step(body, i):
        return None  # "Launch the app and grow this product": the second step works on the first's thing
    last = body.index(run[-1])
    if _defined_after(body, last):
        return None  # "those tenants who moved", "such tools as a rota app"
    following = body[last + 1] if last + 1 < len(body) else None
    if token.lower_ in {"that", "those"} and following is not None and _says_which(following):
        return None  # "those tenants in arrears", "those shops listed in the plan": said in place
    return token.idx, run[-1].idx + len(run[-1].text)


def _page_word(body: Sequence[Token], i: int) -> tuple[int, int] | None:
    """The span of "above"/"below" used without an object ("the cooks above", "as above")."""
    token = body[i]
    previous = body[i - 1] if i > 0 else None
    following = body[i + 1] if i + 1 < len(body) else None
    if previous is not None and previous.lower_ == "the" and following is not None and _is_noun(following):
        return previous.idx, following.idx + len(following.text)  # "the above list"
    if following is not None and (following.tag_ in _OBJECT_TAGS or following.like_num):
        return None  # "above 90%", "below the line": a preposition with its object
    if previous is None:
        return None
    if previous.lower_ in {"as", "see"} or previous.tag_ in {"VBN"}:
        return previous.idx, token.idx + len(token.text)  # "as above", "listed below"
    if _is_noun(previous) and previous.tag_ != "NNP":
        return previous.idx, token.idx + len(token.text)  # "the cooks above"
    return None


def _expletive_it(body: Sequence[Token], i: int) -> bool:
    """Whether "it" at ``i`` holds the place of a clause later on: "make it easy to book",
    "ensure it is clear that ..."."""
    later = body[i + 1 :]
    for j, token in enumerate(later):
        if token.lower_ in {"that", "whether", "how", "if", "when", "for"}:
            return True
        if token.tag_ == "TO" and j + 1 < len(later) and later[j + 1].tag_ == "VB":
            return True
    return False


def outside_references(context: CheckContext) -> Iterator[tuple[int, int]]:
    """Spans of words in the key result's body that point at text outside it."""
    if context.lowers.isdisjoint(_TRIGGERS):
        return
    body_span = context.features.body
    body = list(context.body_tokens)
    quoted = _quoted_spans(context.text, body_span.start, body_span.end)
    before: set[str] = set()  # lemmas of the nouns named so far
    done: set[str] = set()  # ... and of the nouns and verbs, which a demonstrative's noun may name again
    for i, token in enumerate(body):
        lower = token.lower_
        if any(a <= token.idx < b for a, b in quoted) or _title_word(body, i):
            if _is_noun(token):
                before.add(_lemma(token))
                done.add(_lemma(token))
            continue
        span: tuple[int, int] | None = None
        if lower in _ALWAYS_POINTING:
            span = token.idx, token.idx + len(token.text)
        elif lower in _PAGE_WORDS:
            span = _page_word(body, i)
        elif (lower in _DEMONSTRATIVES and token.tag_ == "DT") or (
            lower == "such" and token.tag_ in {"JJ", "PDT"}
        ):
            span = _demonstrative(body, i, done)
            if span is None and lower == "this" and not before and not _noun_run(body, i):
                nxt = body[i + 1] if i + 1 < len(body) else None
                if nxt is None or nxt.pos_ in {"VERB", "AUX", "ADP", "PART"} or nxt.is_punct:
                    span = token.idx, token.idx + len(token.text)  # "Roll this out to every shop"
        elif lower in _BACK_PRONOUNS and token.tag_ in {"PRP", "PRP$"} and not before:
            if not (lower == "it" and _expletive_it(body, i)):
                span = token.idx, token.idx + len(token.text)
        elif lower == "same" and i > 0 and body[i - 1].lower_ == "the" and not before:
            nxt = body[i + 1] if i + 1 < len(body) else None
            if nxt is None or nxt.is_punct or (nxt.tag_ in {"IN", "CC"} and nxt.lower_ not in {"as", "than"}):
                span = body[i - 1].idx, token.idx + len(token.text)  # "do the same for the depot"
        if span is not None:
            yield span
        if _is_noun(token):
            before.add(_lemma(token))
        if _is_noun(token) or token.pos_ == "VERB":
            done.add(_lemma(token))
