"""The effect of asking people to do something: how many of them do it.

"Invite 30 parents to join the PTA", "Contact 40 alumni and ask them to
mentor a student", "Identify 12 growers and encourage them to sell at the
market": a count of people asked is work done; what it is for is written in
the sentence itself, the act they are asked to do. The measure is the number
of them who do it ("the number of parents who join the PTA"), and the count
asked stays as the means ("through inviting 30 parents").

Read from the shape alone: a verb of asking (invite, ask, encourage, urge,
persuade, convince, get) whose people are the count, either as its own
object ("Invite 30 parents to ...") or as "them" after a first verb on the
count ("Identify 20 growers and invite them to ..."), then "to" and the act
in its base form. Not an act that is no action of theirs ("to be ...", "to
have ...") nor one with a number of its own ("to give 2 talks": how many
talks each is a second bar), nor a purpose beyond it ("... to join so that
...").
"""

from __future__ import annotations

import re

# The means as :mod:`krquality.suggest.counts` writes it: the work's gerund, the count, the people.
_ASKING = r"(?:invit|ask|encourag|urg|persuad|convinc|gett?)ing"
_COUNT = r"\d[\d,]*\+?|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty"
# (a plural head: "growers", or one of the plurals with no "s": "alumni", "people", "staff")
_PEOPLE = (
    r"(?P<people>(?:[A-Za-z][\w'-]*\s+){0,3}?(?=[A-Za-z])[\w'-]*(?:s|people|alumni|children|men|staff|folk))"
)
_ACT = r"to\s+(?P<act>[a-z]+)\b(?P<rest>[^,;:()\d]*)"
# "inviting 30 parents to join the PTA"
_ASKED = re.compile(rf"^(?P<means>{_ASKING}\s+(?:{_COUNT})\s+{_PEOPLE})\s+{_ACT}$", re.IGNORECASE)
# "identifying 20 growers and invite(ing) them to sell at the market" (the second verb as written)
_ASK_VERBS = {"invite": "inviting", "ask": "asking", "encourage": "encouraging", "urge": "urging",
              "persuade": "persuading", "convince": "convincing", "get": "getting"}  # fmt: skip
_FOUND_THEN_ASKED = re.compile(
    rf"^(?P<first>[a-z]+ing\s+(?:{_COUNT})\s+{_PEOPLE}\s+and)\s+(?P<ask>{'|'.join(_ASK_VERBS)}|{_ASKING})"
    rf"\s+them\s+{_ACT}$",
    re.IGNORECASE,
)
# Acts that are no doing of theirs, or that leave a purpose or a condition after them.
_NOT_ACTS = frozenset({"be", "have", "get", "make", "do", "help", "consider"})
# Words after "to" that open a noun phrase, not an act: "Invite 50 neighbours to the street party".
_NOT_VERBS = frozenset(
    {"the", "a", "an", "our", "their", "my", "your", "his", "her", "its", "this", "that", "these", "those",
     "each", "every", "all", "some", "any", "one", "two", "three", "next", "new"}
)  # fmt: skip
_BEYOND = re.compile(r"\b(?:so|because|in order|if|unless|when|while|and|or)\b", re.IGNORECASE)


def asked_effect(means: str) -> tuple[str, str] | None:
    """The measure of the people who do what they are asked, and the means left, or None.

    ``means`` is the key result's work as a count draft states it after "through".

    >>> asked_effect("inviting 30 parents to join the PTA")
    ('the number of parents who join the PTA', 'inviting 30 parents')
    >>> asked_effect("identifying 20 growers and invite them to sell at the market")
    ('the number of growers who sell at the market', 'identifying 20 growers and inviting them')
    >>> asked_effect("inviting 30 parents to be governors") is None
    True
    >>> asked_effect("inviting 50 neighbours to the street party") is None
    True
    """
    text = " ".join(means.split()).rstrip(" .")
    match = _ASKED.match(text) or _FOUND_THEN_ASKED.match(text)
    if match is None:
        return None
    act, rest = match["act"].lower(), " ".join(match["rest"].split())
    if act in _NOT_ACTS | _NOT_VERBS or act.endswith(("ing", "ed")) or _BEYOND.search(rest):
        return None
    people = match["people"]
    if "first" in match.groupdict():
        ask = match["ask"].lower()
        left = f"{match['first']} {_ASK_VERBS.get(ask, ask)} them"
    else:
        left = match["means"]
    return f"the number of {people} who {' '.join([act, rest]).strip()}", left
