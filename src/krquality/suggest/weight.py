"""How much a finding weighs, and whether a draft that only fills slots leaves a weightier one.

A draft that only adds a slot (``by [date]``, ``from [baseline]``, ``to [target]``) keeps
every other word of the key result, so every other weakness stays. Blind reviews judged
such drafts bad where what stayed mattered more than what was filled: a date on a result
with no target, on an activity, on a vague or uncheckable word, on two results in one.

The weight is defined here only:

- **severity**: info 1, warning 2, error 3;
- plus the finding's **kind**: 0 for form (metadata tags, length, a unit the reader can
  infer), 1 for a missing slot (baseline, target, date, a share of work done), 2 for what
  the key result says (an activity, a count of work, a vague, uncheckable, hedged,
  negative or absolute word, two results in one, a placeholder, too short to say anything,
  a pointer to text outside it, not a key result), since filling a slot cannot mend it.

A draft that fixes only slots and form is returned only when no finding it leaves weighs
more than the weightiest it fixes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from krquality.result import Finding, Severity

_SEVERITY = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}

# The rules (the part of a check's name after the family) reporting a gap a slot fills.
SLOT_RULES = frozenset({"no_baseline", "no_target", "no_deadline", "percent_complete"})
# Findings about form: tags left in, length, a unit the reader can infer.
_FORM = frozenset({"wording.metadata", "wording.too_long", "metric.no_unit"})

# Findings about the key result's substance: a slot added beside them leaves them whole.
_SUBSTANCE = frozenset(
    {
        "metric.output_count",
        "task.activity",
        "wording.vague",
        "wording.hedge",
        "wording.compound",
        "wording.negative",
        "wording.absolute",
        "wording.placeholder",
        "wording.too_short",
        "wording.uncheckable",
        "wording.outside_reference",
        "input.not_a_key_result",
    }
)


def is_slot_finding(finding: Finding) -> bool:
    """Whether ``finding`` reports a value left out that a placeholder slot stands for."""
    return finding.name.rsplit(".", 1)[-1] in SLOT_RULES


def finding_weight(finding: Finding) -> int:
    """The weight of ``finding``: its severity (1-3) plus its kind (form 0, slot 1, substance 2).

    >>> w = lambda name, sev: finding_weight(Finding("KRQ000", name, sev, "", 0, 1))
    >>> w("metric.no_deadline", Severity.INFO), w("task.activity", Severity.WARNING)
    (2, 4)
    >>> w("metric.no_target", Severity.ERROR), w("wording.metadata", Severity.INFO)
    (4, 1)
    """
    if finding.name in _SUBSTANCE:
        kind = 2
    elif finding.name in _FORM:
        kind = 0
    else:
        kind = 1  # a missing slot, or a finding this table does not class yet
    return _SEVERITY.get(finding.severity, 1) + kind


def weightier_left(
    original: Sequence[Finding], fixes: Collection[str], left: Sequence[Finding]
) -> Finding | None:
    """The weightiest finding a slot-only draft leaves when it outweighs every finding of
    ``original`` the draft fixes (``fixes``: their codes); None when the draft fixes something
    besides slots and form, or what it leaves is no weightier.

    ``left`` are the findings of the draft re-analysed with its slots filled: what the
    author still has once the blanks are filled in (a task dated may read as a milestone
    and lose its activity finding; a state dated may now lack a target).

    >>> f = lambda code, name, sev: Finding(code, name, sev, "", 0, 1)
    >>> date = f("KRQ105", "metric.no_deadline", Severity.INFO)
    >>> target = f("KRQ102", "metric.no_target", Severity.ERROR)
    >>> weightier_left([date, target], ["KRQ105"], [target]).name
    'metric.no_target'
    >>> weightier_left([date, target], ["KRQ105", "KRQ102"], []) is None
    True
    """
    fixed = [f for f in original if f.code in fixes]
    if not fixed or not all(is_slot_finding(f) or f.name in _FORM for f in fixed):
        return None
    # What the key result had and still has, and any error the filled draft brings (a state
    # dated that now lacks a target); not a warning the re-tagged words alone raise.
    had = {f.code for f in original}
    kept = [
        f
        for f in left
        if (f.code in had or f.severity is Severity.ERROR)
        and f.name != "wording.placeholder"
        and not f.name.startswith("set.")
    ]
    if not kept:
        return None
    heaviest = max(kept, key=finding_weight)
    return heaviest if finding_weight(heaviest) > max(finding_weight(f) for f in fixed) else None
