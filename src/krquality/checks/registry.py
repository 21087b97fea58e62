"""The registry: every check, collected explicitly, and lookup by code, name or prefix.

Adding a check means adding it to its family's ``CHECKS`` tuple; the
registry, the docs page and the example tests pick it up from there.
"""

from __future__ import annotations

from krquality.checks import metric, milestone, not_a_kr, okr_set, task, wording
from krquality.checks.base import Check, Scope
from krquality.errors import KRQualityError

CHECKS: tuple[Check, ...] = (
    *metric.CHECKS,
    *milestone.CHECKS,
    *task.CHECKS,
    *wording.CHECKS,
    *not_a_kr.CHECKS,
    *okr_set.CHECKS,
)

KEY_RESULT_CHECKS: tuple[Check, ...] = tuple(c for c in CHECKS if c.scope is Scope.KEY_RESULT)
SET_CHECKS: tuple[Check, ...] = tuple(c for c in CHECKS if c.scope is not Scope.KEY_RESULT)

_BY_KEY: dict[str, Check] = {}
for _check in CHECKS:
    for _key in (_check.code.lower(), _check.name, _check.alias):
        if _key in _BY_KEY:
            raise ValueError(f"duplicate check code, name or alias {_key!r}")
        _BY_KEY[_key] = _check

# The wildcard matches every check, least specifically: `disable = ["*"]`
# with `enable = ["KRQ406"]` runs the placeholder check alone.
WILDCARD = "*"


class UnknownCheckError(KRQualityError, LookupError):
    """No check has this code, name or alias."""


def list_checks() -> tuple[Check, ...]:
    """Every check, per key result first, in code order.

    >>> [c.code for c in list_checks()][:2]
    ['KRQ101', 'KRQ102']
    """
    return CHECKS


def get_check(code_or_name: str) -> Check:
    """The check with this code (``KRQ101``), dotted name or kebab alias.

    >>> get_check("metric-without-baseline").code
    'KRQ101'
    >>> get_check("krq101").name
    'metric.no_baseline'
    """
    try:
        return _BY_KEY[code_or_name.strip().lower()]
    except KeyError:
        raise UnknownCheckError(f"unknown check {code_or_name!r}") from None


def specificity(pattern: str, check: Check) -> int | None:
    """How specifically ``pattern`` names ``check``, or None if it does not.

    An exact code, name or alias beats a prefix; a longer prefix beats a
    shorter one; the wildcard ``*`` matches everything with specificity 0.

    >>> check = get_check("KRQ101")
    >>> specificity("KRQ101", check) > specificity("metric.", check) > specificity("*", check)
    True
    >>> specificity("wording", check) is None
    True
    """
    p = pattern.strip().lower()
    if p == WILDCARD:
        return 0
    if p in (check.code.lower(), check.name, check.alias):
        return 1000
    family = p if p.endswith(".") else p + "."
    if check.name.startswith(family):
        return len(family)
    if p.startswith("krq") and check.code.lower().startswith(p):
        return len(p)
    return None


def matching(pattern: str) -> tuple[Check, ...]:
    """The checks a configuration pattern names (code, name, alias, prefix or ``*``).

    >>> [c.code for c in matching("milestone")]
    ['KRQ201', 'KRQ202']
    """
    return tuple(c for c in CHECKS if specificity(pattern, c) is not None)


def validate_patterns(patterns: tuple[str, ...] | list[str], *, setting: str) -> None:
    """Raise :class:`UnknownCheckError` naming the first pattern that matches no check.

    >>> validate_patterns(("KRQ101", "wording."), setting="disable")
    """
    # Codes emitted outside this registry that configuration may still name:
    # the file-level checks (krquality.checks.filelevel); imported here, as they import the file readers.
    from krquality.checks.filelevel import list_file_checks

    others = {key.lower() for c in list_file_checks() for key in (c.code, c.name, c.alias)}
    for pattern in patterns:
        if pattern.strip().lower() in others:
            continue
        if not matching(pattern):
            raise UnknownCheckError(
                f"{setting}: unknown check {pattern!r} (use a code like KRQ101, a name like "
                "metric.no_baseline, a family prefix like metric., or *)"
            )
