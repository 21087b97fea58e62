"""Amounts with no number that ``wording.vague`` reads beside its word lists.

Three shapes leave "how much" to the reader where no number in the key result
answers it: an amount word standing alone ("enough documentation",
"documented sufficiently"), "more" as what a verb does ("users can learn more
about the kiosk": more than what?), and units of work in the plural with
nothing that picks them out after a verb of finishing ("Complete garden
projects": which, and how many, count as done?).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from krquality.checks.helpers import load_words

if TYPE_CHECKING:
    from spacy.tokens import Token

# Amount words that need a bar: "enough" for what, "sufficiently" by whose test?
_OPEN_AMOUNTS = frozenset({"enough", "sufficiently", "adequately"})
# Things left unnamed: "Write something every week", "do some stuff" (what counts?).
_UNNAMED = frozenset({"something", "stuff", "anything"})
# After "more": a word it measures ("more active"), a thing counted ("more members", which
# metric.no_target reads) or a comparison ("more than 40") takes "more" out of this reading.
_MORE_TAKES = ("JJ", "NN", "CD", "VBN")
# Verbs of finishing or delivering: their plural object is what "done" is judged on.
_FINISHING = frozenset(
    {"complete", "finish", "deliver", "ship", "implement", "execute", "land", "release", "launch", "do",
     "close", "wrap", "carry", "undertake", "roll"}
)  # fmt: skip
# Words inside a noun phrase that pick its things out: a number, a determiner, "all".
_PICKING_TAGS = frozenset({"DT", "CD", "PRP$", "PDT", "POS", "WDT"})
# Words that may follow the phrase and leave it open: its end, a time frame, a stop.
_OPEN_AFTER = frozenset({"by", "before", "during", "this", "next", ".", ",", ";", "!"})


def open_amounts(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Spans of amounts with no number in a key result that has none: "enough", "sufficiently",
    "adequately" anywhere, a thing left unnamed after a verb ("write something"), "some" before
    things in the plural ("some invoices") and "more" right after a verb with nothing it measures.

    The caller reads them only where the key result states no target: "enough time to
    call 50% of leavers" has its bar in the number.
    """
    for i, token in enumerate(tokens):
        lower = token.lower_
        if lower in _OPEN_AMOUNTS:
            yield token.idx, token.idx + len(token.text)
        elif (
            lower in _UNNAMED
            and i > 0
            and (tokens[i - 1].tag_ in {"VB", "VBP"} or tokens[i - 1].lower_ == "some")
        ):
            yield token.idx, token.idx + len(token.text)  # what the verb makes is left unnamed
        elif lower == "some" and i + 1 < len(tokens) and tokens[i + 1].tag_ == "NNS":
            yield token.idx, token.idx + len(token.text)  # "migrate some invoices": how many?
        elif lower == "more" and i > 0 and tokens[i - 1].tag_.startswith("VB"):
            if tokens[i - 1].lemma_.lower() == "be":
                continue  # "it is more 'advanced'": a comparison stated of a thing, not an amount done
            after = next((t for t in tokens[i + 1 :] if not t.is_punct), None)  # past a quote mark
            if after is not None and (after.lower_ == "than" or after.tag_.startswith(_MORE_TAKES)):
                continue  # "grow more vegetables", "feel more welcome", "do more than 40"
            yield token.idx, token.idx + len(token.text)


def open_work(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """The span of units of work in the plural that a finishing verb at the start takes with
    nothing picking them out: "Finish yard and paint jobs", "Ship features by June"; also
    as the subject of their own finishing ("Garden projects are completed", "Roof repairs done").

    Not "Complete the garden projects", "Ship 4 features", "Finish all repairs" or things
    picked out after them ("Ship features from the spring plan", "Finish repairs that the
    inspection listed"); nor a unit the key result names no finishing of ("Plan projects").
    """
    start = 0
    while start < len(tokens) and not tokens[start].text[:1].isalpha():
        start += 1  # a bullet or a bracket before the verb
    if start >= len(tokens):
        return
    if tokens[start].lower_ not in _FINISHING or tokens[start].tag_ != "VB":
        # "Garden projects are completed": the things first, a participle of finishing after
        unit = _open_units(tokens, start)
        if unit is not None and _finished_after(tokens, unit + 1):
            yield tokens[start].idx, tokens[unit].idx + len(tokens[unit].text)
        return
    i = start + 1
    if (
        i < len(tokens)
        and tokens[start].lower_ in {"wrap", "carry", "roll"}
        and tokens[i].lower_ in {"up", "out"}
    ):
        i += 1  # a particle: "carry out", "wrap up", "roll out"
    unit = _open_units(tokens, i)
    if unit is None:
        return
    after = tokens[unit + 1] if unit + 1 < len(tokens) else None
    if after is not None and after.lower_ not in _OPEN_AFTER:
        return  # "features from the spring plan", "repairs that the inspection listed"
    yield tokens[i].idx, tokens[unit].idx + len(tokens[unit].text)


def _open_units(tokens: Sequence[Token], i: int) -> int | None:
    """The index of the plural unit of work the noun phrase from ``i`` ends in, with nothing
    picking its things out (no determiner, number or "all"), else None."""
    units = load_words("open_work")
    while i < len(tokens) and tokens[i].lower_ not in units:
        if tokens[i].tag_ in _PICKING_TAGS or tokens[i].lower_ in {"all", "every", "each", "our"}:
            return None  # "Finish the projects", "Ship 4 features", "Complete all repairs"
        if not (tokens[i].tag_.startswith(("NN", "JJ")) or tokens[i].tag_ in {"SYM", "CC", "HYPH", "VBG"}):
            return None  # the object ended before any unit of work: "Finish writing to ..."
        i += 1
    if i >= len(tokens) or tokens[i].tag_ != "NNS":
        return None
    return i


# Forms of "be" before a participle: "projects are completed", "repairs have been done".
_BE = frozenset({"are", "were", "be", "been", "have", "get"})


def _finished_after(tokens: Sequence[Token], i: int) -> bool:
    """Whether a participle of finishing (or of any verb, after "are") follows at ``i``, and then
    nothing that picks the things out: "are completed", "done by June", "are documented"."""
    aux = False
    while i < len(tokens) and (tokens[i].lower_ in _BE or (aux and tokens[i].tag_ == "RB")):
        aux, i = aux or tokens[i].lower_ in _BE, i + 1  # (an adverb after it: "are properly documented")
    if i >= len(tokens) or tokens[i].tag_ not in {"VBN", "VBD"}:
        return False
    finished = tokens[i].lemma_.lower() in _FINISHING or tokens[i].lower_ == "done"
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return (aux or finished) and (after is None or after.lower_ in _OPEN_AFTER)
