"""The effect an output count's own sentence says it is for: the purpose clause, measured.

"Publish 6 how-to guides to reduce billing support tickets" counts work
done, and its author has already written what the work is for. The draft
leads with that effect and keeps the count as the means:
"Reduce billing support tickets from [baseline] to [target] by [date]
through publishing 6 how-to guides". A measure of the things counted
("monthly readers of how-to guides") would drop the author's own aim.

The purpose is read from the grammar, not from its topic: a clause opened
by "to", "in order to", "aimed at", "with the aim of", "for the purpose
of", "focused on" or "designed to", then a verb and its object. It is
measured when

- the verb names a direction (increase, raise, grow, reduce, cut, lower
  ...) and its object names a measure (a plural count, "churn",
  "attendance", "the wait time"): the object is moved as written;
- the verb names an improvement (improve, streamline, simplify, speed up,
  grow, strengthen, build ...) and the object's head has a measure of its
  own: a process its cycle time, a flow its completion rate, a group its
  monthly active members, what people think or know a survey score.

Nothing else is drafted: a purpose whose object has no measure ("to lower
the barrier to entry"), two purposes joined by "and" (a measure of one
drops the other), or an object with a number or a clause of its own.
Audience measures (readers, attendance, teams using a tool) are not offered
for an improvement: a better guide is not one with more readers.
"""

from __future__ import annotations

import re

from krquality.suggest import lexicon
from krquality.suggest.aims import names_measure
from krquality.suggest.slots import BASELINE, SLOTS

# What opens a purpose clause, then its verb (with a particle) and the rest.
_PURPOSE = re.compile(
    r"\s*,?\s+(?:(?:in\s+order|so\s+as)\s+to|to|aimed\s+at|with\s+the\s+aim\s+of|for\s+the\s+purpose\s+of|"
    r"focused\s+on|designed\s+to|intended\s+to)\s+(?P<verb>[a-z]+)(?:\s+(?P<particle>up))?\s+(?P<object>.+)$",
    re.I,
)
_IMPROVING = frozenset(
    {"improve", "streamline", "simplify", "speed", "strengthen", "grow", "build", "boost", "expand", "smooth"}
)
# Measures of the object's head that say how it is better (not how many read or attend it).
_OWN_MEASURES = ("cycle time", "completion rate", "monthly active members", "survey score")
# Examples set off after the object: they illustrate it and are not part of what is measured.
_EXAMPLES = re.compile(
    r"\s*(?:[:,;]\s*|\(\s*|\s-\s)(?:e\.\s?g\.?|eg\.|for\s+example|for\s+instance)(?:\s|,|:).*$", re.I
)
# The author's amount at the end of the purpose, with its unit: "by 10%", "to 5 minutes".
_AMOUNT = re.compile(r"\s+(?:(?P<by>by)|to)\s+(?:at\s+least\s+)?\d[\d,.]*\s*(?:%|percent|[a-z]+)?$", re.I)
# A hyphen inside a word ("sign-ups") joins it, where a dash sets off an aside.
_JOINED = re.compile(r"(?<=\w)-(?=\w)")
# Where the object's head ends: before a preposition or a clause.
_HEAD_END = re.compile(r"\s+(?:of|for|in|on|at|across|among|with|from|by|within)\b", re.I)
# A second purpose or a clause in the object: a measure of one part would drop the rest.
_SECOND = re.compile(r"\s(?:and|or|&|\+|who|which|that|so|while|but|through|by)\s|[,;:()/]", re.I)


def stated_effect(means: str) -> tuple[str, str] | None:
    """The measure the purpose clause at the end of ``means`` names, led by its direction and
    with its slots, and ``means`` without that clause; None when it has none that can be measured.

    >>> stated_effect("publishing 6 how-to guides to reduce billing support tickets")
    ('Reduce billing support tickets from [baseline] to [target]', 'publishing 6 how-to guides')
    >>> stated_effect("running 3 campaigns to increase donations by 10%")[0]
    'Increase donations by 10% (from [baseline])'
    >>> stated_effect("shipping 8 fixes aimed at speeding up the checkout process")[0]
    'Reduce the cycle time of the checkout process from [baseline] to [target]'
    >>> stated_effect("hosting 5 webinars to lower the barrier to entry") is None
    True
    """
    purpose = _PURPOSE.search(means)
    if purpose is None or not purpose.start():
        return None
    before = means[: purpose.start()].strip(" ,")
    obj = " ".join(purpose.group("object").split()).strip(" .")
    obj = _EXAMPLES.sub("", obj).strip(" .")  # an illustration ("...: e.g. a faster sign-up") is no measure
    amount = _AMOUNT.search(obj)
    if amount is not None:
        obj = obj[: amount.start()]  # "to increase donations | by 10%": the author's target, kept
    if not before or not obj or re.search(r"\d", obj) or _SECOND.search(f" {obj} ") or len(obj.split()) > 8:
        return None
    verb = _base(purpose.group("verb").lower())
    if purpose.group("particle") and verb != "speed":
        return None  # "to set up the rota": a deliverable, not an effect
    if verb in (lexicon.INCREASE_VERBS | lexicon.DECREASE_VERBS) - {"improve"} and names_measure(
        _JOINED.sub("", obj)
    ):
        direction = "Reduce" if verb in lexicon.DECREASE_VERBS else "Increase"
        felt = _own_measure(obj, "raise") if direction == "Increase" else None
        if felt is not None and "survey score" in felt:
            # "to raise awareness of X": what people know is measured by asking them
            return _with_slots(felt, amount), before
        return _with_slots(f"{direction} {obj}", amount), before
    if verb not in _IMPROVING | lexicon.INCREASE_VERBS | lexicon.GROWING_VERBS or amount is not None:
        return None  # (an amount after "improve the process by 20%" says 20% of what?)
    measure = _own_measure(obj, verb)
    return (_with_slots(measure, None), before) if measure is not None else None


def _with_slots(measure: str, amount: re.Match[str] | None) -> str:
    """``measure`` with the slots it lacks: a baseline and a target, or a baseline beside the
    author's own amount ("Increase donations by 10% (from [baseline])", "... from [baseline] to 500")."""
    if amount is None:
        return f"{measure} {SLOTS}"
    if amount.group("by"):
        return f"{measure} {amount.group().strip()} (from {BASELINE})"
    return f"{measure} from {BASELINE} {amount.group().strip()}"


def _own_measure(obj: str, verb: str) -> str | None:
    """The measure of ``obj``'s head that says it is better, led by its direction ("Reduce the
    cycle time of the intake process"); None for an audience measure or none."""
    end = _HEAD_END.search(obj)
    words = (obj[: end.start()] if end is not None else obj).split()
    if not words:
        return None
    head = words[-1].lower()
    template = lexicon.OUTCOME_OF.get(head)
    if template is None or not any(kind in template for kind in _OWN_MEASURES):
        return None
    if head in lexicon.PEOPLE_NOUNS:
        return None  # people to engage or recruit: their own drafts (krquality.suggest.aims) say how
    if "active" in template and verb not in lexicon.GROWING_VERBS:
        return None  # "to improve the forum" is not "to grow it"
    if " of {x}" in template and words[0].lower() not in lexicon.DETERMINERS and not words[0][:1].isupper():
        obj = f"the {obj}"  # "the cycle time of the intake process" (not "survey score for the trust")
    measure = template.format(x=obj)
    return measure if measure[:1].isupper() else f"Increase {measure}"


def _base(verb: str) -> str:
    """The base form of a purpose verb written as a gerund ("speeding" -> "speed")."""
    if not verb.endswith("ing") or len(verb) < 6:
        return verb
    stem = verb[:-3]
    if stem in _IMPROVING | lexicon.INCREASE_VERBS | lexicon.DECREASE_VERBS:
        return stem  # "growing", "boosting"
    if stem[-1:] == stem[-2:-1] and stem[:-1] in lexicon.DECREASE_VERBS:
        return stem[:-1]  # "cutting"
    return f"{stem}e"  # "reducing", "streamlining", "improving"
