"""A second step that points back at the first: one piece of work, not two key results.

"Survey 40 tenants and act on their answers", "Shortlist the venues and visit them",
"Members can open an account and pay from that account", "Audit the fire doors and write
up the findings", "Collect the kids and cook dinner together": the part after the joiner
has no object of its own, it works on what the first part found, made or met, named by a
pronoun, a demonstrative, what the work yields ("the results") or "together". Split in
two, the second half would not stand alone ("Visit them"), so ``wording.compound`` does
not ask for the split. A second part with a number of
its own ("Ship the app and grow its use to 40%") is a second result whatever it refers to.

The pipeline has no parser: these read tags and words only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Pronouns that stand for a thing or people named before: "them", "their answers".
_BACK_PRONOUNS = frozenset({"them", "it", "their", "its", "theirs"})
# Determiners that point back at a noun already named: "that account", "the same list".
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "same"})
# What a piece of work yields, after "the": "Audit the fire doors and write up the findings",
# "Run the pilot and publish the results": the results of the first part, not a second result.
_YIELDS = frozenset(
    {"result", "results", "finding", "findings", "outcome", "outcomes", "lessons", "learnings"}
)
# An adverb that joins the second part to the people or things of the first: "Collect the
# kids and cook dinner together".
_TOGETHER = frozenset({"together"})
# What ends the second part: a stop, another joiner.
_PART_END = frozenset({".", ";", "!", "?", ",", "and", "&", "+", "or"})


def refers_back(body: Sequence[Token], at: int) -> bool:
    """Whether the part after the joiner at index ``at`` of ``body`` opens with a verb and works
    on what the part before named: a back pronoun, or a demonstrative before a noun already used.

    A number in the second part makes it a result of its own: never one step.
    """
    if at + 1 >= len(body) or body[at + 1].tag_ not in {"VB", "VBP"}:
        return False
    before = {t.lemma_.lower() or t.lower_ for t in body[:at] if t.pos_ in {"NOUN", "PROPN"}}
    part: list[Token] = []
    for token in body[at + 2 :]:
        if token.lower_ in _PART_END:
            break
        part.append(token)
    if any(t.like_num or t.pos_ == "NUM" for t in part):
        return False
    for i, token in enumerate(part):
        if token.lower_ in _BACK_PRONOUNS and token.tag_ in {"PRP", "PRP$"}:
            return True
        following = part[i + 1].lower_ if i + 1 < len(part) else ""
        if token.lower_ in _YIELDS and i > 0 and part[i - 1].lower_ == "the" and following != "of":
            return True  # "... and publish the results": what the first part found (not "the results of ...")
        if token.lower_ in _TOGETHER and i == len(part) - 1:
            return True  # "... and cook dinner together": with those the first part named
        if token.lower_ in _DEMONSTRATIVES and i + 1 < len(part):
            noun = part[i + 1]
            if noun.pos_ in {"NOUN", "PROPN"} and (noun.lemma_.lower() or noun.lower_) in before:
                return True
    return False
