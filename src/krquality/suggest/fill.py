"""Plausible values for placeholders, used only to score a draft.

A draft with ``[baseline]``/``[target]``/``[date]`` cannot be scored as it
stands: the placeholder check (``wording.placeholder``) fires on it by
design. To judge whether the draft *would be* better once its author fills
it in, the re-analysis scores a copy with plausible values put in:
numbers consistent with the draft's direction and with any value the author
wrote ("to 48" after "Increase" gets a baseline below 48, in the same unit),
and a quarter for the date. These values are never shown to the user.

The filling reads the draft text only, so anyone (the property test, a
client) can reproduce the score of a returned :class:`~krquality.result.Suggestion`.
"""

from __future__ import annotations

import re

from krquality.suggest.lexicon import DECREASE_VERBS
from krquality.suggest.slots import BASELINE, DATE, EFFECT, EFFECT_KIND_PATTERN, PEOPLE_BAR, TARGET

FILLED_DATE = "Q4"
# A named measure for the effect slot: the draft scores what it will once its author names one.
FILLED_EFFECT = "the weekly count"
_COUNT_TARGET = "5000"  # "Reach [target] weekly active users"
_COUNT_BASELINE = "40"
_RATE_LOW, _RATE_HIGH = "40%", "55%"  # a unit keeps metric.no_unit quiet on rates and times

_PEOPLE_BAR_FILLED = "lead an event each month"
# The chunks drafts most often add, filled and as shown ("from [baseline] to [target] by [date]",
# "from 40% to 55% by Q4"): warmed in the tokenizer at load (krquality.nlp.warm).
DRAFT_WORDS: tuple[str, ...] = (
    "by", "By", "from", "to", BASELINE, TARGET, DATE, f"{DATE},",
    FILLED_DATE, f"{FILLED_DATE},", _RATE_LOW, _RATE_HIGH, _COUNT_TARGET, _COUNT_BASELINE,
)  # fmt: skip
_SCOPE_SLOT = re.compile(r"\[which ([a-z-]+)\]")
_BLANK = re.compile(r"\[[a-z][a-z _./-]*\]")  # as the placeholder check reads one
_NUMBER = re.compile(r"(?P<pre>[^\d\s]*)(?P<num>\d[\d,]*(?:\.\d+)?)(?P<post>[^\s]*)")
_QUALIFIER = r"(?:(?:below|under|above|over|at least|at most|less than|more than)\s+)?"
_BASELINE_BEFORE = re.compile(re.escape(BASELINE) + r"\s+to\s+" + _QUALIFIER + r"(?P<value>\S+)")
_TARGET_AFTER = re.compile(r"from\s+(?P<value>\S+)\s+to\s+" + re.escape(TARGET))


def _decreasing(text: str) -> bool:
    first = text.split(maxsplit=1)[0].lower() if text.split() else ""
    return first in DECREASE_VERBS


def _scaled(written: str, factor: float) -> str | None:
    """``written`` ("48", "4%", "$1.2M", "2h") with its number multiplied by ``factor``."""
    match = _NUMBER.fullmatch(written.rstrip(".,;"))
    if match is None:
        return None
    raw = match["num"].replace(",", "")
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    value = float(raw)
    new = round(value * factor, max(decimals, 0))
    if new == value:
        new = round(value * factor, decimals + 1)
    if match["post"].startswith("%") and new > 100:
        new = round((value + 100) / 2, decimals + 1)
    number = f"{new:.{decimals if new == round(new, decimals) else decimals + 1}f}"
    return f"{match['pre']}{number}{match['post']}"


def fill_placeholders(text: str) -> str:
    """``text`` with every placeholder replaced by a plausible value.

    >>> fill_placeholders("Increase NPS from [baseline] to 48 by [date]")
    'Increase NPS from 38 to 48 by Q4'
    >>> fill_placeholders("Reduce churn from [baseline] to [target] by [date]")
    'Reduce churn from 55% to 40% by Q4'
    >>> fill_placeholders("Reach [target] weekly active users of the app by [date]")
    'Reach 5000 weekly active users of the app by Q4'
    >>> fill_placeholders("Move [effect measure] from [baseline] to [target] by [date] via 6 fairs")
    'Move the weekly count from 40% to 55% by Q4 via 6 fairs'
    >>> fill_placeholders("Increase [adoption of the till apps] from [baseline] to [target] by [date]")
    'Increase adoption of the till apps from 40% to 55% by Q4'
    >>> fill_placeholders("Four stewards who [what they do and how often] track [which parts]")
    'Four stewards who lead an event each month track the agreed parts'
    """
    text = text.replace(EFFECT, FILLED_EFFECT)
    text = EFFECT_KIND_PATTERN.sub(r"\g<measure>", text)  # "[adoption of the widgets]": the measure named
    down = _decreasing(text)
    if BASELINE in text and TARGET in text and text.index(BASELINE) < text.index(TARGET):
        low, high = (_RATE_HIGH, _RATE_LOW) if down else (_RATE_LOW, _RATE_HIGH)
        text = text.replace(BASELINE, low, 1).replace(TARGET, high, 1)
    if (match := _BASELINE_BEFORE.search(text)) is not None:
        baseline = _scaled(match["value"], 1.25 if down else 0.8)
        text = text.replace(BASELINE, baseline or (_RATE_HIGH if down else _RATE_LOW), 1)
    if (match := _TARGET_AFTER.search(text)) is not None:
        target = _scaled(match["value"], 0.8 if down else 1.25)
        text = text.replace(TARGET, target or (_RATE_LOW if down else _RATE_HIGH), 1)
    text = text.replace(BASELINE, _COUNT_BASELINE)  # "Double weekly active teams from [baseline]"
    text = text.replace(TARGET, _COUNT_TARGET)
    text = text.replace(PEOPLE_BAR, _PEOPLE_BAR_FILLED)  # "organisers who [what they do and how often]"
    text = _SCOPE_SLOT.sub(r"the agreed \1", text)  # "[which aspects]"
    return text.replace(DATE, FILLED_DATE)
