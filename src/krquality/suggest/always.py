"""Metric drafts for a state that must hold "always": the share of cases in which it holds.

"The kiosk always prints the receipt" or "The payroll export will always match
the ledger" states a behaviour with no error budget: nobody can check "always",
and one miss fails it. A date leaves the word in place. What an OKR coach asks
for instead is how often the behaviour holds, with a target short of every case:
"Raise the share of cases in which the kiosk prints the receipt from [baseline]
to [target] by [date]". The draft keeps every other word the author wrote; a
modal before the adverb ("will always match") goes, and the verb agrees with the
subject ("matches").

Only a statement with a subject before "always" is drafted (also after "Ensure
that" / "Make sure"); an instruction with no subject ("Always reply within a
day") names no behaviour of a thing to count, and a key result with a time frame
of its own, a number, or more than one sentence is left to the other builders.

Every draft is re-analysed and judged like any other (:mod:`krquality.suggest.rewrite`).
"""

from __future__ import annotations

import re

from krquality.features.types import Features, Form
from krquality.suggest.casing import is_english
from krquality.suggest.slots import BASELINE, DATE, TARGET
from krquality.suggest.structure import structure_of

# "Ensure (that) ...", "Make sure (that) ...": the statement they wrap is the key result.
_ENSURE = re.compile(r"^(?:ensure|make\s+sure|making\s+sure)\s+(?:that\s+)?", re.IGNORECASE)
# subject, an optional modal, "always", then the verb and the rest of the sentence
_ALWAYS = re.compile(
    r"^(?P<subject>[^,;:]+?)\s+(?:(?P<modal>will|should|must|shall|can|would)\s+|(?P<copula>is|are)\s+)?"
    r"always\s+(?P<verb>[A-Za-z]+)(?P<rest>\b[^;:]*)$",
    re.IGNORECASE,
)
# Words that open a subject: a determiner, or a name (a capital).
_DETERMINERS = frozenset({"a", "an", "the", "our", "each", "every", "this", "its", "their", "all"})
# A subject ending in one of these is the end of a clause, not a thing that behaves ("... is").
_NOT_SUBJECT_END = frozenset(
    {"is", "are", "be", "was", "were", "and", "or", "to", "of", "for", "with", "that", "we", "i", "you"}
)
_BE = {"singular": "is", "plural": "are"}
# Verbs of a state of mind: how people feel is asked in a survey, not counted in cases.
_MINDS = frozenset(
    {"feel", "feels", "think", "thinks", "know", "knows", "believe", "believes", "understand", "understands",
     "trust", "trusts", "love", "loves", "like", "likes", "enjoy", "enjoys", "want", "wants"}
)  # fmt: skip


def always_drafts(features: Features) -> list[str]:
    """ "Raise the share of cases in which <statement> from [baseline] to [target] by [date]"
    for a statement that must hold "always".

    >>> from krquality.features.types import SpanRef
    >>> text = "The till will always balance"
    >>> always_drafts(Features(text, SpanRef(0, len(text), text), Form.STATE, None))
    ['Raise the share of cases in which the till balances from [baseline] to [target] by [date]']
    """
    if features.quantities or features.dates:
        return []  # a number or a date of its own: the other builders keep it
    shape = structure_of(features)
    if shape.time_frame or shape.question or shape.trails_off or shape.sentences > 1:
        return []
    core = shape.core(features.text).strip().rstrip(" .!")
    wrapped = _ENSURE.match(core)
    if wrapped is not None:
        core = core[wrapped.end() :]
    elif features.form is not Form.STATE:
        return []  # "Always reply within a day": no subject whose behaviour is counted
    match = _ALWAYS.match(core)
    if match is None or "\n" in core or "[" in core:
        return []
    subject, verb, rest = match["subject"].strip(), match["verb"], match["rest"].rstrip()
    words = subject.split()
    if not _is_subject(words):
        return []
    if verb.lower() in _MINDS:
        return []  # "... always feel welcome": a state of mind, asked in a survey, not counted in cases
    if match["modal"] is not None:
        verb = agreeing(verb.lower(), subject_number(words))
        if verb is None:
            return []
    elif match["copula"] is not None:
        verb = f"{match['copula']} {verb}"  # "the gauge is always online" -> "the gauge is online"
    statement = f"{_lowered_first(subject)} {verb}{rest}"
    return [f"Raise the share of cases in which {statement} from {BASELINE} to {TARGET} by {DATE}"]


def _is_subject(words: list[str]) -> bool:
    """Whether ``words`` read as a subject: opened by a determiner or a name, not a clause end."""
    if not words or len(words) > 10:
        return False
    first, last = words[0], words[-1].lower().strip("()")
    # a determiner, or a name ("Tallybook"); a bare common noun ("Volunteers") names people or
    # things in general, whose share is not a share of cases
    opens = first.lower() in _DETERMINERS or not is_english(first.lower().rstrip("'s"))
    return opens and last not in _NOT_SUBJECT_END


def subject_number(words: list[str]) -> str:
    """The subject's number: "plural" when its head (its last word outside brackets) is a plural noun."""
    plain = re.sub(r"\([^()]*\)", " ", " ".join(words)).split()
    head = plain[-1].lower() if plain else ""
    plural = head.endswith("s") and not head.endswith(("ss", "us", "is"))
    return "plural" if plural or " and " in f" {' '.join(plain).lower()} " else "singular"


def agreeing(verb: str, number: str) -> str | None:
    """The present-tense form of the base ``verb`` after a modal, for a subject of ``number``;
    None when the verb is not a plain base form ("will always been")."""
    if verb == "be":
        return _BE[number]
    if verb == "have":
        return "have" if number == "plural" else "has"
    if not verb.isalpha() or verb.endswith(("ed", "ing")):
        return None
    if number == "plural":
        return verb
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _lowered_first(subject: str) -> str:
    """``subject`` with a determiner that opened the sentence in lowercase ("The app" -> "the app")."""
    first, _, rest = subject.partition(" ")
    if first.lower() in _DETERMINERS:
        return f"{first.lower()} {rest}".strip()
    return subject
