"""What the suggestion tests share: plain features of a text, and the engine's suggestions."""

from __future__ import annotations

import krquality
from krquality.features.types import Features, Form, SpanRef

# The slots a metric draft with no baseline, target or date of its own ends with.
SLOTS = "from [baseline] to [target] by [date]"


def features(text: str) -> Features:
    """Features with only the text: the structure rules read no more."""
    return Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)


def suggested(text: str) -> list[str]:
    """The texts of the suggestions the real engine keeps for ``text``."""
    return [s.text for s in krquality.analyze(text).suggestions]


def suggested_checked(text: str) -> list[str]:
    """The suggestions' texts for ``text``, after checking that each one-line suggestion's score
    is what ``analyze()`` gives its filled text (the property every draft keeps)."""
    from krquality.suggest import fill_placeholders

    result = krquality.analyze(text)
    for suggestion in result.suggestions:
        if "\n" not in suggestion.text:
            assert suggestion.score == krquality.analyze(fill_placeholders(suggestion.text)).score
    return [s.text for s in result.suggestions]
