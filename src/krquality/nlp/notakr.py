"""Text that is not a key result at all: a placeholder line, another language, or no words.

Drafts carry lines such as "KR 3 goes here", "TBD" or "INSERT METRIC HERE";
exports carry rows of symbols, digits or emoji; and documents mix languages.
The classifier gives every input one of its three labels, often with high
probability ("9" a thousand times reads as a number, so a metric), so these
are told apart before its verdict is trusted: :func:`not_a_key_result` says
what such a text is, and the analyser marks its label not confident.

Pure string functions: cheap enough to run on every key result.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from krquality.nlp.resources import load_data


class NotAKeyResult(StrEnum):
    """Why a text is not a key result."""

    NO_WORDS = "no_words"  # symbols, digits, emoji, but (almost) no words
    PLACEHOLDER = "placeholder"  # a line left to be written ("KR 2 goes here", "TBD")
    NOT_ENGLISH = "not_english"  # written in another language


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the text is, and a sentence that says so to its author."""

    kind: NotAKeyResult
    message: str


# Whole lines that hold a key result's place without saying anything.
_PLACEHOLDER_LINE = re.compile(
    r"^(?:"
    r"(?:kr|key\s*result|okr|objective|metric|target|result|goal)s?\s*(?:#?\s*(?:\d{1,2}|[a-z]))?"
    r"(?:\s*(?:goes\s+here|here|tbd|tbc|tba|todo|to\s*do|placeholder|\?+))?"
    r"|(?:tbd|tbc|tba|todo|to\s*do|wip|n/?a|none|null|nil|placeholder|lorem\s+ipsum.*|x+|\?+|\.\.\.|etc)"
    r"|(?:placeholder|dummy|sample|example|fake|test)\s+(?:kr|key\s*result|okr|text|entry)s?"
    r"|to\s+be\s+(?:defined|determined|decided|confirmed|written|added|agreed)(?:\s+later)?"
    r")$",
    re.IGNORECASE,
)
# Instructions to a writer anywhere in the line: "INSERT METRIC HERE", "XXX need proper KRs".
_PLACEHOLDER_PHRASE = re.compile(
    r"\binsert\s+(?:your\s+|a\s+|the\s+)?(?:metric|kr|key\s*result|target|text|goal|number|here)\b"
    r"|\b(?:kr|key\s*result|metric|target)s?\s+(?:goes|go)\s+here\b"
    r"|\bx{3,}\b.*\b(?:need|needs|proper|real|write|fill|todo)\b"
    r"|\b(?:need|needs)\s+(?:proper|real|actual|better)\s+(?:krs?|key\s*results?|metrics?|targets?)\b"
    r"|\b(?:fill|write)\s+(?:in|me|this)\s*(?:in|out)?\s*(?:later|here)\b",
    re.IGNORECASE,
)
# In a short line, words that say the key result is still to be written: "KR2 - to be
# defined with the team", "(to fill in)", "todo: proper KRs", "KR3 (placeholder, owner to
# propose)", "[add KR]", "same as last quarter", "something about the stockroom".
_TO_BE_WRITTEN = re.compile(
    r"^(?:todo|to\s*do|tbd|tbc|tba|wip)\b(?!\s*%)"
    r"|^(?:kr|key\s*result|metric|target)s?\s*#?\s*\d{0,2}\s*(?:tbd|tbc|tba|\?+)(?!\s*%)"
    r"|(?:^|/\s*)(?:kr|key\s*result)s?\s*#?\s*\d{0,2}\s*(?:tbd|tbc|tba|\?+)(?!\s*%)"
    r"|\bplaceholder\b"
    r"|\bto\s+be\s+(?:defined|added|written|decided|agreed|confirmed|proposed|determined|filled)\b"
    r"|\bto\s+(?:define|propose|fill)\s*(?:in\s*)?(?:$|with\b|after\b|by\b|later\b)"
    r"|\bfill\s+(?:it\s+|this\s+)?in\b"
    r"|\badd\s+(?:the\s+)?(?:krs?|key\s*results?)\b"
    r"|\bproper\s+(?:krs?|key\s*results?)\b"
    r"|^same\s+as\s+(?:last|the\s+last|previous)\s+(?:quarter|cycle|year|time|half)\b"
    # a topic jotted down for later: "something about the stockroom", "stuff on onboarding"
    r"|^(?:something|stuff|smth)\s+(?:about|on|around|re|regarding)\b",
    re.IGNORECASE,
)
_SHORT_LINE_WORDS = 12
# A bracketed cycle tag, owner or aside: "[Q3]", "(ask Dana)", "{H2_2026}".
_ANNOTATION = re.compile(r"\[[^\]]*\]|\([^)]*\)|\{[^}]*\}")
_NON_WORD = re.compile(r"[^\w\s?#/.]+")
_NON_WORD_KEEP_PERCENT = re.compile(r"[^\w\s?#/.%]+")
_WORD = re.compile(r"[^\W\d_]+")
# Where a link points, which is no prose: the target of "[label](target)" and a bare address.
# Its host and path words ("com", "www", "issues") would otherwise be counted as the text's language.
_LINK_TARGET = re.compile(r"(?<=\])\([^()\s]*\)|\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Function words: English, and those of the languages key results are most often written in.
_WORDS = load_data("notakr")
_ENGLISH = frozenset(_WORDS["english"])
_FOREIGN = frozenset(_WORDS["foreign"])
_LETTER_SHARE = 0.15  # fewer letters than this share of the visible characters: no words
_MIN_WORDS_FOR_LANGUAGE = 4


def not_a_key_result(text: str) -> Verdict | None:
    """What ``text`` is when it is not a key result at all, else None.

    >>> not_a_key_result("Key result 3 goes here").kind.value
    'placeholder'
    >>> not_a_key_result("😀" * 20).kind.value
    'no_words'
    >>> not_a_key_result("Steigerung der Kundenzufriedenheit auf 85 % bis Ende des Jahres").kind.value
    'not_english'
    >>> not_a_key_result("Increase NPS from 40 to 55") is None
    True
    """
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return Verdict(NotAKeyResult.NO_WORDS, "This is empty: there is no key result to read.")
    letters = [c for c in visible if c.isalpha()]
    words = _WORD.findall(text)
    if not any(len(word) >= 2 for word in words) or len(letters) / len(visible) < _LETTER_SHARE:
        return Verdict(
            NotAKeyResult.NO_WORDS,
            "This has no words, only symbols, digits or emoji: it is not a key result. "
            "Write what will be true or done, in words.",
        )
    # Tags and asides around an empty line do not fill it: "[H1] TBC", "?? (check with Ravi)".
    bare = _ANNOTATION.sub(" ", text)
    stripped = " ".join(_NON_WORD.sub(" ", bare if bare.strip() else text).split()).strip(" .:-")
    with_percent = " ".join(_NON_WORD_KEEP_PERCENT.sub(" ", text).split()).strip(" .:-")
    short = len(words) <= _SHORT_LINE_WORDS
    if (
        _PLACEHOLDER_LINE.match(stripped)
        or _PLACEHOLDER_PHRASE.search(text)
        or (short and _TO_BE_WRITTEN.search(with_percent))
    ):
        return Verdict(
            NotAKeyResult.PLACEHOLDER,
            "This is a placeholder, not a key result yet: write the result itself before the "
            "OKRs are agreed.",
        )
    latin = sum(1 for c in letters if _is_latin(c))
    if latin / len(letters) < 0.5:
        return _foreign()
    lowered = [w.lower() for w in _WORD.findall(_LINK_TARGET.sub(" ", text))]
    if len(lowered) >= _MIN_WORDS_FOR_LANGUAGE:
        english = sum(w in _ENGLISH for w in lowered)
        foreign = sum(w in _FOREIGN for w in lowered)
        accented = sum(1 for c in letters if not c.isascii())
        if foreign >= 2 and foreign > english:
            return _foreign()
        if english == 0 and accented >= 3 and foreign >= 1:
            return _foreign()
    return None


def _foreign() -> Verdict:
    return Verdict(
        NotAKeyResult.NOT_ENGLISH,
        "This does not read as English, and krquality reads English only: its label and "
        "findings cannot be trusted.",
    )


def _is_latin(char: str) -> bool:
    if char.isascii():
        return True
    try:
        return unicodedata.name(char).startswith("LATIN")
    except ValueError:
        return False
