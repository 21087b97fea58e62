"""Running the checks under a configuration: which are enabled, at what severity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from krquality.checks.base import Check, CheckContext, Placed, SetContext
from krquality.checks.registry import KEY_RESULT_CHECKS, SET_CHECKS, specificity
from krquality.config import Config
from krquality.result import Finding, Objective, Result, Severity

_Plan = tuple[tuple[Check, Severity], ...]


def _best(patterns: tuple[str, ...], check: Check) -> int | None:
    scores = [s for p in patterns if (s := specificity(p, check)) is not None]
    return max(scores, default=None)


def is_enabled(check: Check, config: Config) -> bool:
    """Whether ``config`` runs ``check``: the most specific matching pattern wins, ``disable`` on a tie.

    >>> from krquality.checks import get_check
    >>> is_enabled(get_check("KRQ101"), Config(disable=("metric",), enable=("KRQ101",)))
    True
    >>> is_enabled(get_check("KRQ102"), Config(disable=("metric",), enable=("KRQ101",)))
    False
    """
    on = _best(config.enable, check)
    off = _best(config.disable, check)
    if on is None and off is None:
        return check.enabled_by_default
    if off is None:
        return True
    return on is not None and on > off


def severity_of(check: Check, config: Config) -> Severity:
    """The severity ``config`` gives ``check`` (the most specific override, else the default).

    >>> from krquality.checks import get_check
    >>> severity_of(get_check("KRQ105"), Config(severity={"metric.": Severity.ERROR})).value
    'error'
    """
    best: tuple[int, Severity] | None = None
    for pattern, severity in config.severity.items():
        score = specificity(pattern, check)
        if score is not None and (best is None or score > best[0]):
            best = (score, severity)
    return best[1] if best is not None else check.severity


@lru_cache(maxsize=128)
def _plan(
    checks: tuple[Check, ...],
    enable: tuple[str, ...],
    disable: tuple[str, ...],
    severity: tuple[tuple[str, Severity], ...],
) -> _Plan:
    # Config holds a dict, so it is not hashable; the plan is cached on its parts.
    config = Config(enable=enable, disable=disable, severity=dict(severity))
    return tuple((c, severity_of(c, config)) for c in checks if is_enabled(c, config))


_plans: dict[tuple[int, int], tuple[Config, tuple[Check, ...], _Plan]] = {}


def _plan_for(checks: tuple[Check, ...], config: Config) -> _Plan:
    # Hashing the checks (every field of every Check) costs more than running
    # them, so the plan is looked up by identity first: one Config and one
    # registry tuple serve a whole process.
    key = (id(checks), id(config))
    hit = _plans.get(key)
    if hit is not None and hit[0] is config and hit[1] is checks:
        return hit[2]
    plan = _plan(checks, config.enable, config.disable, tuple(sorted(config.severity.items())))
    if len(_plans) > 128:
        _plans.clear()
    _plans[key] = (config, checks, plan)
    return plan


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    return finding if finding.severity is severity else replace(finding, severity=severity)


def _order(finding: Finding) -> tuple[int, int, str]:
    return (finding.start, finding.end, finding.code)


def run_checks(context: CheckContext) -> tuple[Finding, ...]:
    """Run every enabled per-key-result check; findings sorted by where they start.

    >>> import spacy
    >>> from krquality.features.types import Features, Form, SpanRef
    >>> from krquality.labels import Label
    >>> text = "Launch the partner portal"
    >>> features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None, n_words=4)
    >>> context = CheckContext(text, spacy.blank("en")(text), features, Label.MILESTONE, {}, Config())
    >>> [f.code for f in run_checks(context)]
    ['KRQ201']
    """
    findings: list[Finding] = []
    for check, severity in _plan_for(KEY_RESULT_CHECKS, context.config):
        if check.detect is not None:  # always, for this scope (Check.__post_init__)
            findings.extend(_with_severity(f, severity) for f in check.detect(context))
    findings.sort(key=_order)
    return tuple(findings)


def run_set_checks(
    per_objective: Sequence[tuple[Objective, tuple[Result, ...]]], *, config: Config
) -> tuple[dict[int, tuple[Finding, ...]], tuple[Finding, ...]]:
    """Run the set checks: findings per objective index (spans on its title), and on the whole set.

    >>> objectives = [(Objective("Grow ARR to $2M", ()), ())]
    >>> per_objective, whole = run_set_checks(objectives, config=Config())
    >>> sorted(f.code for f in per_objective[0])
    ['KRQ501', 'KRQ507']
    """
    context = SetContext(tuple((o, tuple(r)) for o, r in per_objective), config)
    by_objective: dict[int, list[Finding]] = {}
    whole: list[Finding] = []
    for check, severity in _plan_for(SET_CHECKS, config):
        if check.detect_set is None:  # never, for these scopes (Check.__post_init__)
            continue
        for placed in check.detect_set(context):
            finding = _with_severity(placed.finding, severity)
            if placed.objective is None:
                whole.append(finding)
            else:
                by_objective.setdefault(placed.objective, []).append(finding)
    return (
        {i: tuple(sorted(f, key=_order)) for i, f in sorted(by_objective.items())},
        tuple(sorted(whole, key=_order)),
    )


__all__ = ["Placed", "is_enabled", "run_checks", "run_set_checks", "severity_of"]
