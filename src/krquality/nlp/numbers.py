"""Parsing one token's text as a number: "1.2", "50,000", "500k", "3x", "4.5/5", "200ms", "4%".

Pure functions on strings; the quantities component decides from the
surrounding tokens whether a parsed number is a quantity at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from krquality.nlp.resources import load_data

# European grouping needs two dot groups or a decimal comma ("1.200.000", "1.250,00"):
# one dot group alone ("12.500") stays a decimal, as most writers here mean it.
_NUMBER = (
    r"(?:\d{1,3}(?:\.\d{3}){2,}(?:,\d{1,2})?(?!\d)|\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:['’]\d{3})+(?:\.\d+)?"
    r"|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?|\.\d+)"
)
_TOKEN = re.compile(
    rf"^(?P<lead>[+\-−])?(?P<currency>US\$|A\$|C\$|R\$|S\$|NZ\$|HK\$|[$€£¥₹₩₽₦₱₺])?(?P<sign>[+\-−~≈]|<=?|>=?|≤|≥)?"
    rf"(?P<number>{_NUMBER})"
    r"(?P<suffix>[A-Za-z%×µ]+?)?(?P<or_more>\+)?(?:-?ish)?$"
)
# "7m40s", "1h30m", "2h15": a duration in two units, read in the smaller one.
_COMPOUND_DURATION = re.compile(
    r"^(?P<big>\d+)(?P<units>h|m|min)(?P<small>\d{1,2})(?:m|min|s)?$", re.IGNORECASE
)
_LEADING_X = re.compile(rf"^[xX×](?P<number>{_NUMBER})$")
_RATIO = re.compile(r"^(?P<number>\d+(?:[.,]\d+)?)/(?P<scale>\d+(?:\.\d+)?)$")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_MULTIPLIER_SUFFIXES = frozenset({"x", "×"})


@dataclass(frozen=True, slots=True)
class ParsedToken:
    """What one token's text says: a number and, glued to it, a currency, scale, unit or ``%``."""

    value: float
    currency: str | None = None  # ISO code of a glued symbol: "$5" -> "USD"
    scale_word: str | None = None  # "k", "M", "bn" as written
    unit: str | None = None  # "%", "x", or a unit symbol ("ms", "h")
    ratio_scale: float | None = None  # "4.5/5" -> 5
    sign: str | None = None  # "+", "<", "≥" ...


def parse_number(text: str) -> float | None:
    """A plain number with thousands separators or a decimal comma; None otherwise.

    >>> parse_number("50,000"), parse_number("4,5"), parse_number("1.2"), parse_number("v2")
    (50000.0, 4.5, 1.2, None)
    >>> parse_number("1.200.000"), parse_number("1.250,50"), parse_number("1.2.3")
    (1200000.0, 1250.5, None)
    >>> parse_number("4'200"), parse_number("1'250'000.50"), parse_number("1,20,000")
    (4200.0, 1250000.5, 120000.0)
    """
    if not re.fullmatch(_NUMBER, text):
        return None
    if text.count(".") > 1 or ("." in text and "," in text and text.rindex(",") > text.rindex(".")):
        return float(text.replace(".", "").replace(",", "."))  # "1.200.000", "1.250,00"
    if "'" in text or "’" in text:
        return float(text.replace("'", "").replace("’", ""))  # Swiss grouping: "4'200"
    if "," in text:
        head, _, tail = text.partition(",")
        if len(tail) in (1, 2) and "," not in tail and "." not in tail:
            return float(f"{head}.{tail}")
        return float(text.replace(",", ""))
    return float(text)


def parse_token(text: str) -> ParsedToken | None:
    """Parse a numeric token, or None when it is not one ("H2O", "1st", "v2", "p95").

    >>> parse_token("500k")
    ParsedToken(value=500.0, currency=None, scale_word='k', unit=None, ratio_scale=None, sign=None)
    >>> parse_token("4.5/5").ratio_scale
    5.0
    >>> parse_token("7m40s").value, parse_token("1h30m").unit
    (460.0, 'min')
    >>> parse_token("-$40k").sign, parse_token("−30").value, parse_token("95%+").sign
    ('-', 30.0, '≥')
    """
    data = _data()
    compound = _COMPOUND_DURATION.match(text)
    if compound and int(compound.group("small")) < 60:
        hours = compound.group("units").lower() == "h"
        total = int(compound.group("big")) * 60 + int(compound.group("small"))
        return ParsedToken(float(total), unit="min" if hours else "s")
    match = _TOKEN.match(text)
    if match:
        value = parse_number(match.group("number"))
        if value is None:
            return None
        currency = data["currency_symbols"].get(match.group("currency")) if match.group("currency") else None
        suffix = match.group("suffix")
        # A trailing "+" is "or more": "10k+ users", "95%+ attendance".
        sign = match.group("lead") or match.group("sign") or ("≥" if match.group("or_more") else None)
        if sign == "−":
            sign = "-"  # the minus sign, as typeset: "−30%"
        if suffix is None:
            return ParsedToken(value, currency=currency, sign=sign)
        lower = suffix.lower()
        if lower in _ORDINAL_SUFFIXES:
            return None
        if suffix == "%":
            return ParsedToken(value, currency=currency, unit="%", sign=sign)
        if lower in _MULTIPLIER_SUFFIXES:
            return ParsedToken(value, unit="x", sign=sign)
        if suffix in data["scales"] and len(suffix) <= 3:
            return ParsedToken(value, currency=currency, scale_word=suffix, sign=sign)
        if lower in data["units"]:
            return ParsedToken(value, currency=currency, unit=data["units"][lower], sign=sign)
        if lower in data["percent_words"] and currency is None:
            return ParsedToken(value, unit=data["percent_words"][lower], sign=sign)  # "150bps", "3pp"
        if lower.endswith("%") and lower[:-1] in data["scales"]:
            return None
        return None
    match = _LEADING_X.match(text)
    if match:
        value = parse_number(match.group("number"))
        return ParsedToken(value, unit="x") if value is not None else None
    match = _RATIO.match(text)
    if match:
        value = parse_number(match.group("number"))
        scale = float(match.group("scale"))
        if value is None or scale == 0:
            return None
        return ParsedToken(value, ratio_scale=scale)
    return None


def parse_number_word_or_digits(text: str) -> float | None:
    """Digits or a single number word ("six", "a dozen" is two tokens and not handled here).

    >>> parse_number_word_or_digits("six"), parse_number_word_or_digits("12")
    (6.0, 12.0)
    """
    value = parse_number(text)
    if value is not None:
        return value
    word = _data()["number_words"].get(text.lower())
    return float(word) if word is not None else None


def _data() -> dict[str, Any]:
    return load_data("quantities")
