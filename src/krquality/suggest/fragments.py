"""Telegraphic key results a date alone would not make readable.

"by [date]" after a sentence that is not one reads as a date on notes:
two jottings spliced with a comma ("Book the parish hall for the spring fair,
raffle tickets for the prize draw"), or a subject with a participle and no verb of its own
("Local baker supplying the café with bread"). Such text gets no date-only
draft; the other drafts (a measure of what it names, a split) are still
built and judged as usual.

Read from the words only, so the judgement is the same wherever the
key result is drafted.
"""

from __future__ import annotations

import re

# Words that open a part joined to the sentence before it, not a second jotting.
_CONNECTIVES = frozenset(
    {"and", "or", "but", "nor", "with", "without", "including", "incl", "which", "who", "whose", "that",
     "where", "when", "by", "to", "so", "as", "while", "such", "e.g.", "i.e.", "eg", "ie", "plus",
     "especially", "ideally", "preferably", "not", "then", "for", "in", "on", "at", "from", "of", "via",
     "using", "through", "based", "etc", "etc."}
)  # fmt: skip
# Words that open a phrase before the sentence proper: "After the fair, ...", "If funded, ...".
_OPENING = frozenset({"after", "before", "during", "within", "once", "when", "if", "each", "every", "since"})
# Words that open a list running on over the next commas.
_LIST_OPENERS = frozenset({"including", "incl", "such", "e.g.", "eg", "like", "namely"})
# The words a spliced part needs to be a second jotting rather than a list item ("G Suite, Mana").
_SPLICE_WORDS = 3
# A subject with a participle and the thing it acts on, no verb between: "baker supplying the café".
_PARTICIPLE_SUBJECT = re.compile(
    r"^(?:[A-Za-z-]+\s+){1,3}?(?P<noun>[a-z-]+[a-rt-z])\s+(?P<ing>[a-z]+ing)\s+"
    r"(?:the|a|an|our|their|its|this|these|those|his|her)\b"
)
# Prepositions before a noun make it an object, not a subject.
_PREPOSITIONS = frozenset(
    {"among", "about", "across", "between", "around", "into", "over", "under", "beyond"}
)
# The first words a participle subject does not open with: a verb or a determiner makes it a sentence.
_SENTENCE_OPENERS = frozenset({"the", "a", "an", "our", "we", "all", "each", "every", "this", "these"})


def telegraphic(core: str) -> bool:
    """Whether ``core`` is notes rather than a sentence: a comma splice of jottings, or a
    subject with a participle and no verb.

    >>> telegraphic("Book the parish hall for the spring fair, raffle tickets for the prize draw")
    True
    >>> telegraphic("Local baker supplying the café with bread")
    True
    >>> telegraphic("Move the payroll export to Paybright, Ledgerly, Tillo")
    False
    >>> telegraphic("New tenant onboarding sessions for the spring intake")
    False
    """
    return _comma_splice(core) or _participle_subject(core)


def _comma_splice(core: str) -> bool:
    """A part after a comma outside brackets that is a jotting of its own: three words or more,
    opened by no word that joins it to what came before, in no list closed by "and" or "or"
    and after no opening phrase ("For each branch, ...")."""
    parts = _top_level_parts(core)
    if len(parts) < 2 or _closes_list(parts[-1]):
        return False  # "A, B and C": a list
    if parts[0].split()[:1] and parts[0].split()[0].lower() in _CONNECTIVES | _OPENING:
        return False  # "After the fair, ...": an opening phrase, then the sentence
    for part in parts[1:]:
        words = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", part).split()  # (an aside is no jotting)
        if len(words) < _SPLICE_WORDS or all(w[:1].isupper() for w in words):
            continue  # a list item, or a name set beside the last words ("a third fund, Seed Grants Pilot")
        opener = words[0].lower().strip("(")
        if opener in _LIST_OPENERS:
            break  # "..., including A, the use of B, C": what follows is its list
        if opener not in _CONNECTIVES and not opener.endswith(("ing", "ed", "en")):
            return True  # (a participle joins its phrase: "..., keeping the fees low", "..., chosen by")
    return False


def _closes_list(part: str) -> bool:
    """Whether ``part`` closes a list: an item of up to three words, then "and" or "or"
    ("..., the rota and the keys"; not "..., paint the new sign green or ask the council", a jotting)."""
    joined = re.search(r"\b(?:and|or|&)\b", part, re.I)
    return joined is not None and len(part[: joined.start()].split()) <= _SPLICE_WORDS


def _top_level_parts(core: str) -> list[str]:
    """``core`` cut at its commas outside brackets."""
    depth, parts, last = 0, [], 0
    for at, char in enumerate(core):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0 and not _in_number(core, at):
            parts.append(core[last:at])
            last = at + 1
    parts.append(core[last:])
    return parts


def _in_number(core: str, at: int) -> bool:
    """Whether the comma at ``at`` groups digits ("10,000")."""
    return core[at - 1 : at].isdigit() and core[at + 1 : at + 4].isdigit()


def _participle_subject(core: str) -> bool:
    """A subject of a few words with a participle acting on something and no verb of its own."""
    match = _PARTICIPLE_SUBJECT.match(core)
    if match is None:
        return False
    if match["noun"].lower() in _CONNECTIVES | _PREPOSITIONS:
        return False  # "Draft a plan for growing the choir": a preposition before its -ing object, no subject
    first = core.split()[0].lower()
    before = core[: match.start("noun")].lower().split()
    if any(w in _CONNECTIVES | _PREPOSITIONS for w in before):
        return False  # "Loyalty among shoppers visiting the market": the participle's noun is an object
    return first not in _SENTENCE_OPENERS and not first.endswith("ing")
