"""Input checks: text that is not a key result at all (a placeholder line, another language,
symbols without words). The analyser also marks such a result not confident."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from krquality.checks.base import Check, CheckContext, Example
from krquality.labels import Label
from krquality.nlp.notakr import Verdict, not_a_key_result
from krquality.result import Finding, Severity

M = Label.METRIC
MS = Label.MILESTONE
T = Label.TASK


# Texts whose verdicts are kept: a batch of the engine's, with its drafts, fits many times over.
VERDICTS_KEPT = 1024


@lru_cache(maxsize=VERDICTS_KEPT)
def verdict_of(text: str) -> Verdict | None:
    """:func:`~krquality.nlp.notakr.not_a_key_result` of ``text``, kept for the last
    :data:`VERDICTS_KEPT` texts.

    The classifier asks first (it draws the probabilities of a text that is
    not a key result toward uniform) and this check asks again for the same
    text, and each asking scans every character. The verdict depends on the
    text alone and is immutable, so sharing it between threads and between
    callers is safe; the cache is bounded, and thread-safe as
    :func:`functools.lru_cache` is.

    >>> verdict_of("TBD").kind.value
    'placeholder'
    >>> verdict_of("Increase NPS from 40 to 55") is None
    True
    """
    return not_a_key_result(text)


def _not_a_key_result(context: CheckContext) -> Iterator[Finding]:
    verdict = verdict_of(context.text)
    if verdict is not None:
        yield NOT_A_KEY_RESULT.finding(0, len(context.text), verdict.message)


NOT_A_KEY_RESULT = Check(
    code="KRQ601",
    name="input.not_a_key_result",
    alias="not-a-key-result",
    severity=Severity.ERROR,
    message="This is not a key result: a placeholder, another language, or no words.",
    docs=(
        "Drafts keep lines that hold a key result's place (\"KR 2 goes here\", \"TBD\", "
        '"INSERT METRIC HERE"), exports carry rows of symbols, digits or emoji, and some '
        "documents are in other languages. The classifier still gives them a label; this "
        "check says what they are instead, and the result is marked not confident."
    ),
    bad=(
        Example("KR 2 goes here", T),
        Example("TBD", T),
        Example("INSERT METRIC HERE", M),
        Example("something about the stockroom", T),
        Example("🚀🚀🚀🚀🚀🚀", MS),
        Example("Reducir el tiempo de respuesta de los tickets a menos de 4 horas", M),
    ),
    good=(
        Example("Cut first-response time on tickets below 4 hours", M),
        Example("Launch the TBD-free pricing page by 30 June", MS),
    ),
    detect=_not_a_key_result,
)

CHECKS: tuple[Check, ...] = (NOT_A_KEY_RESULT,)
