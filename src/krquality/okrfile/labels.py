"""OKR labels at the start of a line: "Objective 2:", "O1", "KR1:", "Key Result 1.2 -", "Key results:".

A labelled line says what it is whatever its place in the document; a
header label ("Key results:", a heading "KR") says what the list after it
holds. Labels in a few other languages count too, since the structure of a
document is readable whatever language its key results are in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class LabelKind(StrEnum):
    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"
    OBJECTIVE_HEADER = "objective_header"  # the list after it holds objectives
    KEY_RESULT_HEADER = "key_result_header"  # the list after it holds key results


@dataclass(frozen=True, slots=True)
class Label:
    kind: LabelKind
    end: int  # where the labelled text starts


_SEP = r"\s*(?:[:.)\-–—|]\s*|\s+(?=\S))"
_OBJECTIVE_WORDS = r"(?:objective|objetivo|objectif|obiettivo|ziel|doel|目标|目標|goal)"
_KR_WORDS = (
    r"(?:key[\s-]*results?|resultados?[\s-]+(?:clave|chave)|résultats?[\s-]+clés?|"
    r"schlüsselergebnis(?:se)?|kernergebnis(?:se)?|关键结果|主要な成果|成果指標)"
)
_NUMBER = r"\s*#?\d{1,2}(?:\.\d{1,2})*"
_OBJECTIVE = re.compile(
    rf"^(?:{_OBJECTIVE_WORDS}(?:{_NUMBER})?\s*[:.)\-–—|]\s*|{_OBJECTIVE_WORDS}{_NUMBER}{_SEP})",
    re.IGNORECASE,
)
_UPPER_O = re.compile(rf"^O{_NUMBER}{_SEP}")
_KEY_RESULT = re.compile(
    rf"^(?:{_KR_WORDS}(?:{_NUMBER})?\s*[:.)\-–—|]\s*|{_KR_WORDS}{_NUMBER}{_SEP}|O?KR{_NUMBER}{_SEP}|KR\s*[:.)\-–—|]\s*)",
    re.IGNORECASE,
)
# "Objective 1" or "KR 2" alone: the text follows on the next line.
_BARE_OBJECTIVE = re.compile(rf"^(?:{_OBJECTIVE_WORDS}|O){_NUMBER}\s*[:.]?$", re.IGNORECASE)
_BARE_KR = re.compile(rf"^(?:{_KR_WORDS}|KR){_NUMBER}\s*[:.]?$", re.IGNORECASE)
# "Platform KR: ...", "Q3 KR2: ...": a short qualifier before the label.
# "[KR1] ...", "(O2) ...": a label in brackets.
_BRACKETED = re.compile(r"^[\[(](?P<label>O?KR\s*#?\d{1,2}(?:\.\d{1,2})*|O\s*#?\d{1,2})[\])]\s*(?=\S)")
_QUALIFIED_KR = re.compile(r"^(?:[A-Z0-9][\w&/'-]*\s+){1,3}KR\s*#?\d{0,2}(?:\.\d{1,2})?\s*:\s*")
_OBJECTIVE_HEADER = re.compile(
    rf"^(?:O|OS|{_OBJECTIVE_WORDS}s?|objectives|objetivos|ziele)\s*:?$", re.IGNORECASE
)
_KR_HEADER = re.compile(rf"^(?:KRs?|{_KR_WORDS})\s*:?$", re.IGNORECASE)


def label_of(text: str) -> Label | None:
    """The OKR label ``text`` starts with (on text without markup), or None.

    >>> label_of("KR 2: Cut churn to 3%"), label_of("Objective 1 - Run the event").end
    (Label(kind=<LabelKind.KEY_RESULT: 'key_result'>, end=6), 14)
    >>> label_of("Key results:").kind, label_of("Our key results were good") is None
    (<LabelKind.KEY_RESULT_HEADER: 'key_result_header'>, True)
    """
    text = text.strip()
    if not text:
        return None
    if _KR_HEADER.match(text) or _BARE_KR.match(text):
        return Label(LabelKind.KEY_RESULT_HEADER, len(text))
    if _BARE_OBJECTIVE.match(text) and (text[0] != "o" or len(text) > 3):
        return Label(LabelKind.OBJECTIVE_HEADER, len(text))
    if _OBJECTIVE_HEADER.match(text) and text not in ("o", "os"):
        return Label(LabelKind.OBJECTIVE_HEADER, len(text))
    if (bracketed := _BRACKETED.match(text)) is not None and bracketed.end() < len(text):
        kind = LabelKind.KEY_RESULT if "KR" in bracketed["label"].upper() else LabelKind.OBJECTIVE
        return Label(kind, bracketed.end())
    if (match := _KEY_RESULT.match(text) or _QUALIFIED_KR.match(text)) and match.end() < len(text):
        return Label(LabelKind.KEY_RESULT, match.end())
    # A lone "O" and a number is a label only in capitals ("o2 sensors" is not one).
    match = _OBJECTIVE.match(text) or _UPPER_O.match(text)
    if match is not None and match.end() < len(text):
        return Label(LabelKind.OBJECTIVE, match.end())
    return None
