"""Is a key result written in English? The model and the checks only read English.

A cheap guess from the script (CJK, Cyrillic, Arabic... letters) and, for
Latin script, from function words that English does not have. Good enough
to say "not analysed: not English" instead of labelling a Portuguese key
result with an English model.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "for",
        "in",
        "on",
        "with",
        "by",
        "at",
        "from",
        "our",
        "we",
        "is",
        "are",
        "be",
        "as",
        "all",
        "each",
        "per",
        "than",
        "into",
        "more",
        "less",
        "least",
        "most",
        "new",
        "first",
        "every",
        "this",
        "that",
        "its",
        "their",
        "your",
        "my",
    ]
)
# Frequent short words of other languages written in Latin script that are not English words.
_OTHER = {
    "pt": frozenset(
        [
            "de",
            "da",
            "do",
            "das",
            "dos",
            "para",
            "com",
            "uma",
            "um",
            "os",
            "ao",
            "até",
            "não",
            "são",
            "pelo",
            "pela",
            "cada",
            "mais",
            "seus",
            "nosso",
            "nossa",
        ]
    ),
    "es": frozenset(
        [
            "de",
            "del",
            "los",
            "las",
            "para",
            "con",
            "una",
            "un",
            "por",
            "cada",
            "más",
            "nuestro",
            "nuestra",
            "sus",
            "hasta",
            "el",
        ]
    ),
    "fr": frozenset(
        [
            "de",
            "des",
            "les",
            "le",
            "la",
            "du",
            "pour",
            "avec",
            "une",
            "un",
            "par",
            "chaque",
            "plus",
            "nos",
            "notre",
            "aux",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "den",
            "dem",
            "und",
            "für",
            "mit",
            "eine",
            "ein",
            "von",
            "zu",
            "jede",
            "mehr",
            "unsere",
            "bis",
            "auf",
        ]
    ),
    "it": frozenset(
        ["di", "della", "delle", "il", "gli", "per", "con", "una", "ogni", "più", "nostro", "nostra", "fino"]
    ),
    "nl": frozenset(["het", "een", "voor", "met", "van", "onze", "elke", "meer", "tot"]),
}


def guess_language(text: str) -> str | None:
    """None for English (or too little text to tell), else a rough language code.

    >>> guess_language("Raise NPS from 40 to 55"), guess_language("身体健康")
    (None, 'zh')
    >>> guess_language("Criar um sistema de cadastro")
    'pt'
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for char in letters:
        script = _script(char)
        counts[script] = counts.get(script, 0) + 1
    others = {script: n for script, n in counts.items() if script != "latin"}
    if others:
        script, count = max(others.items(), key=lambda item: item[1])
        # A few words of another script ("AWS の取得") make the line that language.
        if count >= 2 and 8 * sum(others.values()) >= len(letters):
            return script
    words = [w.lower() for w in _WORD.findall(text)]
    english = sum(1 for w in words if w in _ENGLISH)
    best, hits = max(
        ((code, sum(1 for w in words if w in vocabulary)) for code, vocabulary in _OTHER.items()),
        key=lambda item: item[1],
    )
    if hits >= 2 and hits > english:
        return best
    return None


def _script(char: str) -> str:
    code = ord(char)
    if code < 0x250:
        return "latin"
    if 0x3040 <= code <= 0x30FF:
        return "ja"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "zh"
    if 0xAC00 <= code <= 0xD7AF:
        return "ko"
    if 0x0400 <= code <= 0x04FF:
        return "ru"
    if 0x0600 <= code <= 0x06FF:
        return "ar"
    if 0x0370 <= code <= 0x03FF:
        return "el"
    return "other"
