"""Where a word stands in its sentence, read from part-of-speech tags (the pipeline has no parser).

The wording checks flag a word by what it does in the key result, not by the word alone:
a hedge commits less only when it governs the key result's own verb, and a vague word is
what the key result is graded on only when it is not part of a statement quoted from a
survey, a kind named by a compound, or the scope of something already counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words between "to" and its verb: "plan to quickly publish".
_BEFORE_VERB = frozenset({"ADV", "PART"})


def opens_infinitive(tokens: Sequence[Token], end: int) -> bool:
    """Whether the "to" ending at character offset ``end`` opens an infinitive ("plan to publish").

    "from planning to delivery" has a noun after "to": a preposition, so "planning to" is
    no hedge.
    """
    following = [t for t in tokens if t.idx >= end][:3]
    for token in following:
        if token.pos_ in _BEFORE_VERB and token.tag_ != "TO":
            continue
        return token.tag_ == "VB" or token.pos_ in {"VERB", "AUX"}
    return False


# Relative pronouns that open a clause describing the noun before them.
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
# Subjects of a clause joined to its noun without "that": "the reports we would like to see".
_CLAUSE_SUBJECTS = frozenset({"we", "they", "i", "you", "people", "teams", "users", "members"})
# Words that may stand between a relative pronoun and its modal: "which also could".
_BETWEEN = frozenset({"also", "then", "still", "later", "easily"})


def in_relative_clause(tokens: Sequence[Token], at: int) -> bool:
    """Whether the word at character offset ``at`` is the verb of a clause that describes a noun.

    "Publish 2 recipes that could be reused", "the figures we would want to watch": the clause
    says which things qualify, so a modal in it does not weaken the commitment. "Ensure that
    we could ..." has a verb before "that": a clause of its own, not a description.
    """
    before = [t for t in tokens if t.idx < at]
    while before and before[-1].lower_ in _BETWEEN:
        before.pop()
    if len(before) < 2:
        return False
    word, previous = before[-1], before[-2]
    if word.lower_ in _RELATIVE:
        if word.lower_ == "that" and previous.pos_ not in {"NOUN", "PROPN", "NUM", "PUNCT"}:
            return False  # "report that ...", "so that ...": a clause of its own
        # ", which could ..." and "(...) that could ..." describe; a colon or a full stop does not.
        return previous.pos_ != "PUNCT" or previous.text in {",", ")"}
    # "the figures we would like": a plural noun, not a time ("In the coming weeks we could ...").
    return (
        word.lower_ in _CLAUSE_SUBJECTS
        and previous.tag_ == "NNS"
        and (previous.lemma_ or previous.lower_).lower() not in _PERIODS
    )


_PERIODS = frozenset({"day", "week", "month", "quarter", "year", "season", "sprint", "cycle", "term"})


# Verbs and adjectives with which counted people give a view: what follows is the statement
# they are asked about, and the share of them is the bar ("60% of tenants say the forms are
# easier", "70% of staff are confident they can use the new tools well").
_REPORTING = frozenset(
    {
        "report",
        "say",
        "state",
        "agree",
        "feel",
        "believe",
        "think",
        "find",
        "rate",
        "confirm",
        "tell",
        "indicate",
        "respond",
        "answer",
        "consider",
        "confident",
        "satisfied",
        "sure",
        "aware",
        "comfortable",
        "convinced",
    }
)
# Words that may stand between the counted people and the reporting word ("or more", "strongly").
_SUBJECT_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "ADP", "CCONJ", "NUM", "ADV", "AUX", "PUNCT"})
_SENTENCE_END = frozenset({".", ";", "!", "?"})


def in_reported_statement(tokens: Sequence[Token], at: int, counts: Sequence[tuple[int, int]]) -> bool:
    """Whether ``at`` lies in a statement that counted people report, the item of a survey.

    ``counts`` are the spans of the key result's targets. "40% of riders say the app got
    better": "better" is the question put to riders; the share answering yes is what the key
    result is graded on, so the statement is no vague aim. The people come first: a target,
    then only the words of a noun phrase ("of the night-shift drivers", "or more") and a form
    of "be", then the reporting word, and ``at`` after it in the same sentence. Or the people
    are named in a relative clause of a measured key result ("the share of riders who say
    the app got better, from 40% to 60%").
    """
    if counts and _reported_by_those_counted(tokens, at):
        return True
    for _start, end in counts:
        if end > at:
            continue
        between = [t for t in tokens if end <= t.idx < at]
        for i, token in enumerate(between):
            if token.text in _SENTENCE_END:
                break
            if (token.lemma_ or token.lower_).lower() in _REPORTING and i > 0:
                rest = between[i + 1 :]
                return bool(rest) and not any(t.text in _SENTENCE_END for t in rest)
            if token.pos_ not in _SUBJECT_TAGS:
                break
    return False


_COORDINATORS = frozenset({"/", "and", "or", "&"})


def modifies_coordinated_noun(tokens: Sequence[Token], i: int) -> bool:
    """Whether the noun at token ``i`` is one of two modifiers of a noun after them.

    "kitchen improvement / repair jobs", "renewal and growth plans": the word names a kind of
    the head noun ("jobs", "plans"), not an aim. The other conjunct is a noun before a noun.
    """
    token = tokens[i]
    if token.pos_ != "NOUN" or i + 3 >= len(tokens):
        return False
    joiner, first, head = tokens[i + 1], tokens[i + 2], tokens[i + 3]
    return (
        joiner.lower_ in _COORDINATORS
        and first.pos_ == "NOUN"
        and head.pos_ == "NOUN"
        and first.tag_ in {"NN", "NNP"}
    )


def scopes_a_count(tokens: Sequence[Token], i: int) -> bool:
    """Whether the amount word at token ``i`` opens the scope of things already counted.

    "Recruit 12 volunteers for various depots": the count is the bar; "for various depots"
    says where they come from, it is no amount with no number. The pattern is a number, its
    noun (with any adjectives), a preposition, then the word.
    """
    if i < 3 or tokens[i - 1].pos_ != "ADP" or tokens[i - 2].pos_ not in {"NOUN", "PROPN"}:
        return False
    j = i - 3
    while j >= 0 and tokens[j].pos_ in {"NOUN", "PROPN", "ADJ"}:
        j -= 1  # "12 new volunteers", "12 volunteer drivers"
    return j >= 0 and tokens[j].like_num


def means_follow(tokens: Sequence[Token], i: int, counts: Sequence[tuple[int, int]]) -> bool:
    """Whether the verb at token ``i`` is followed by its means with a number in it.

    "Tighten data security by retiring 100% of the old servers": the "by" + verb-ing phrase
    says what will be done, with its bar; the vague verb only names the aim it serves.
    """
    token = tokens[i]
    if token.pos_ != "VERB":
        return False
    for j in range(i + 1, min(len(tokens) - 1, i + 8)):
        word = tokens[j]
        if word.text in _SENTENCE_END:
            return False
        if word.lower_ == "by" and tokens[j + 1].tag_ == "VBG":
            after = tokens[j + 1].idx
            return any(start > after for start, _ in counts)
    return False


def _reported_by_those_counted(tokens: Sequence[Token], at: int) -> bool:
    """Whether ``at`` follows "who"/"that" and a reporting word in its sentence: "riders who say ..."."""
    before = [t for t in tokens if t.idx < at]
    for k in range(len(before) - 1, 0, -1):
        token = before[k]
        if token.text in _SENTENCE_END:
            return False
        if (token.lemma_ or token.lower_).lower() in _REPORTING and before[k - 1].lower_ in {"who", "that"}:
            return True
    return False
