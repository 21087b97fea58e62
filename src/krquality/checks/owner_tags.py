"""Owners' initials or handles in brackets after a key result: "... by June (ewd)", "(jk, ms)".

Sheets copied from a tracker keep who owns each key result as a short lower-case tag in
brackets after the sentence. It is metadata (``wording.metadata``) and drafts leave it out.
A bracketed word that is part of the sentence is not one: a word ("(beta)", "(optional)"),
an acronym ("(EMEA)"), a version ("(v2)").

Initials are told from words by their shape, not by a list of words: lower-case letters only,
short, and not pronounceable as an English word: no vowel ("jk", "ms"), or a closing pair of
consonants no English word ends in ("ewd"). A list of tags needs one such tag ("(jk, ana)").
"""

from __future__ import annotations

import re

# A bracket closing the text, with a list of short lower-case tags in it.
_TAGS = re.compile(
    r"(?P<sep>\s+)\(\s*(?P<tags>[a-z][a-z._-]{0,11}(?:\s*[,/&]\s*[a-z][a-z._-]{0,11}){0,4})\s*\)[\s.;]*$"
)
_VOWELS = frozenset("aeiouy")
# Pairs of consonants English words end in: "and", "elm", "ask", "act", "inn".
_CODAS = frozenset(
    {
        "ck", "ct", "ft", "ld", "lf", "lk", "ll", "lm", "lp", "lt", "mb", "mp", "nd", "ng", "nk", "nt",
        "ps", "pt", "rb", "rc", "rd", "rf", "rk", "rl", "rm", "rn", "rp", "rs", "rt", "sh", "sk", "sp",
        "ss", "st", "th", "ch", "ff", "gg", "nn", "tt", "zz", "xt", "wl", "wn", "ws", "ls", "ms", "ns",
        "ts", "ks", "gh", "dd", "bb", "cs", "lb", "lc", "nc", "nx", "rg", "rv", "sm", "dz", "rr", "mn",
        "gn", "ph",
    }
)  # fmt: skip
# Abbreviations of writing, not of names: "(etc)", "(tbc)" (a placeholder's), "(nb)".
_ABBREVIATIONS = frozenset({"etc", "tbc", "tbd", "tba", "nb", "cf", "eg", "ie", "vs", "ps", "ff", "pp"})
_MIN_SENTENCE_WORDS = 3
_MAX_INITIALS = 4  # "jk", "ewd", "jkmr": longer runs of letters are words or handles


def _initials(tag: str) -> bool:
    """Whether ``tag`` reads as someone's initials, not a word.

    >>> [_initials(t) for t in ("jk", "ewd", "beta", "web", "and", "n")]
    [True, True, False, False, False, False]
    """
    if not tag.isalpha() or not 2 <= len(tag) <= _MAX_INITIALS:  # "(n)", a lone letter, says nothing of who
        return False
    if not set(tag) & _VOWELS:
        return True
    tail = tag[-2:]
    return len(tag) >= 3 and not set(tail) & _VOWELS and tail not in _CODAS


def owner_tags(text: str) -> tuple[int, int] | None:
    """Span of owners' initials or handles in brackets closing ``text`` (with the space before).

    >>> text = "Publish the allergen guide by June (jk, ms)"
    >>> span = owner_tags(text); text[span[0] : span[1]]
    ' (jk, ms)'
    >>> owner_tags("Launch the tenant app (beta)"), owner_tags("Open 3 sales desks (EMEA)")
    (None, None)
    """
    if not text.rstrip(" .;").endswith(")"):
        return None
    match = _TAGS.search(text)
    if match is None or len(text[: match.start()].split()) < _MIN_SENTENCE_WORDS:
        return None
    if re.search(r"(?<![\w-])\d[\d,.]*$", text[: match.start()].rstrip()):
        return None  # "Cut page load time to 300 (ms)", "to 12 (km)": the unit of the number
    tags = re.split(r"\s*[,/&]\s*", match["tags"])
    if any(tag in _ABBREVIATIONS for tag in tags) or not any(_initials(tag) for tag in tags):
        return None
    return match.start(), len(text.rstrip(" \t.;"))
