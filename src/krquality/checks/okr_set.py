"""Set checks: the shape of an objective's key results and of the whole OKR set.

Objective findings index the objective's title; set findings have the span
0..0 (they belong to no one line).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np
import scipy.sparse as sp

from krquality.checks.base import Check, Placed, Scope, SetContext, okrs
from krquality.labels import Label
from krquality.result import Result, Severity

M = Label.METRIC
MS = Label.MILESTONE
T = Label.TASK

_BALANCED = (
    "Win mid-market customers",
    [
        ("Grow mid-market ARR from $1.2M to $2M by Q3", M),
        ("Launch the self-serve purchase flow by 31 July", MS),
    ],
)


def _count(context: SetContext) -> Iterator[Placed]:
    config = context.config
    for i, (objective, results) in enumerate(context.objectives):
        n = len(results)
        title = (0, len(objective.title))
        if n < config.min_key_results:
            message = (
                f"{n} key result{'s' if n != 1 else ''}; an objective needs at least "
                f"{config.min_key_results} to show from more than one side whether it was met."
            )
            yield Placed(i, TOO_FEW.finding(*title, message))
        elif n > config.max_key_results:
            message = (
                f"{n} key results; more than {config.max_key_results} dilutes focus. Keep the ones "
                "that best show the objective is met, and move the rest to the plan."
            )
            yield Placed(i, TOO_MANY.finding(*title, message))


def _too_few(context: SetContext) -> Iterator[Placed]:
    yield from (p for p in _count(context) if p.finding.code == TOO_FEW.code)


def _too_many(context: SetContext) -> Iterator[Placed]:
    yield from (p for p in _count(context) if p.finding.code == TOO_MANY.code)


TOO_FEW = Check(
    code="KRQ501",
    name="set.too_few_key_results",
    alias="too-few-key-results",
    severity=Severity.WARNING,
    scope=Scope.OBJECTIVE,
    message="Too few key results for this objective.",
    docs=(
        "With one key result the objective is that number, and it can be gamed: hitting "
        "sign-ups by lowering their quality meets the key result and misses the objective. "
        "Two to four key results look at it from several sides (a volume and a quality, an "
        "outcome and a deliverable). The bounds are `min-key-results` and `max-key-results`."
    ),
    bad=(okrs(("Win mid-market customers", [("Grow mid-market ARR from $1.2M to $2M by Q3", M)])),),
    good=(okrs(_BALANCED),),
    detect_set=_too_few,
)

TOO_MANY = Check(
    code="KRQ502",
    name="set.too_many_key_results",
    alias="too-many-key-results",
    severity=Severity.WARNING,
    scope=Scope.OBJECTIVE,
    message="Too many key results for this objective.",
    docs=(
        "OKRs are a choice of what matters most. Five or more key results on one objective "
        "spread attention thin, and usually mean the plan's tasks have crept in as key "
        "results. The bound is `max-key-results` (4 by default)."
    ),
    bad=(
        okrs(
            (
                "Win mid-market customers",
                [
                    ("Grow mid-market ARR from $1.2M to $2M by Q3", M),
                    ("Launch the self-serve purchase flow by 31 July", MS),
                    ("Raise trial-to-paid conversion from 4% to 7%", M),
                    ("Cut sales cycle length from 60 to 45 days", M),
                    ("Hire two mid-market account executives by 30 June", MS),
                ],
            )
        ),
    ),
    good=(okrs(_BALANCED),),
    detect_set=_too_many,
)


def _too_many_objectives(context: SetContext) -> Iterator[Placed]:
    n = len(context.objectives)
    limit = context.config.max_objectives
    if n > limit:
        yield Placed(
            None,
            TOO_MANY_OBJECTIVES.finding(
                0, 0, f"{n} objectives; more than {limit} means nothing is a priority. Choose."
            ),
        )


TOO_MANY_OBJECTIVES = Check(
    code="KRQ503",
    name="set.too_many_objectives",
    alias="too-many-objectives",
    severity=Severity.WARNING,
    scope=Scope.SET,
    message="Too many objectives.",
    docs=(
        "A team that has six objectives has no priorities: everything it does fits one of "
        "them. Three to five objectives per cycle is the usual ceiling. The bound is "
        "`max-objectives` (5 by default)."
    ),
    bad=(
        okrs(
            *[
                (title, _BALANCED[1])
                for title in (
                    "Win mid-market customers",
                    "Delight existing customers",
                    "Be the fastest in the market",
                    "Build a team that ships",
                    "Make the platform reliable",
                    "Expand into Germany",
                )
            ]
        ),
    ),
    good=(
        okrs(
            _BALANCED,
            (
                "Make the platform reliable",
                [
                    ("Raise monthly availability from 99.5% to 99.9%", M),
                    ("Move all services to the new cluster by 31 August", MS),
                ],
            ),
        ),
    ),
    detect_set=_too_many_objectives,
)


def _all_tasks(context: SetContext) -> Iterator[Placed]:
    for i, (objective, results) in enumerate(context.objectives):
        if results and all(r.label is Label.TASK for r in results):
            yield Placed(i, ALL_TASKS.finding(0, len(objective.title)))


ALL_TASKS = Check(
    code="KRQ504",
    name="set.all_tasks",
    alias="to-do-list",
    severity=Severity.WARNING,
    scope=Scope.OBJECTIVE,
    message=(
        "Every key result here is a task: this is a to-do list, not OKRs. Rewrite at least one "
        "as a measurable outcome."
    ),
    docs=(
        'When every key result is an activity, the objective can be "done" with nothing '
        "achieved: the team held the meetings and wrote the posts. Key results are the "
        "evidence that the objective is met; the activities are the plan that produces them."
    ),
    bad=(
        okrs(
            (
                "Delight customers",
                [
                    ("Hold weekly customer calls", T),
                    ("Research competitor support tools", T),
                ],
            )
        ),
    ),
    good=(
        okrs(
            (
                "Delight customers",
                [
                    ("Hold weekly customer calls", T),
                    ("Raise CSAT from 4.1 to 4.5 out of 5", M),
                ],
            )
        ),
    ),
    detect_set=_all_tasks,
)


def _milestone_without_metric(context: SetContext) -> Iterator[Placed]:
    for i, (objective, results) in enumerate(context.objectives):
        labels = {r.label for r in results}
        if Label.MILESTONE in labels and Label.METRIC not in labels:
            first = next(r for r in results if r.label is Label.MILESTONE)
            message = (
                f"'{first.text}' is a deliverable, but nothing on this objective measures what it "
                "should achieve. Add a metric key result for its effect."
            )
            yield Placed(i, MILESTONE_WITHOUT_METRIC.finding(0, len(objective.title), message))


MILESTONE_WITHOUT_METRIC = Check(
    code="KRQ505",
    name="set.milestone_without_metric",
    alias="milestone-without-metric",
    severity=Severity.INFO,
    scope=Scope.OBJECTIVE,
    message="Milestones with no metric beside them. Add a metric for their effect.",
    docs=(
        'A deliverable is an output: "Launch the app" can ship on time and change nothing. '
        "Pairing each milestone with a metric on the same objective (downloads, activation, "
        "revenue through the new channel) keeps the team accountable for the outcome, not "
        "only the launch."
    ),
    bad=(
        okrs(
            (
                "Win mid-market customers",
                [
                    ("Launch the self-serve purchase flow by 31 July", MS),
                    ("Publish the mid-market pricing page by 30 June", MS),
                ],
            )
        ),
    ),
    good=(okrs(_BALANCED),),
    detect_set=_milestone_without_metric,
)

_WORD = re.compile(r"[a-z0-9%$.]+")


def _tokens(result: Result) -> tuple[str, ...]:
    return tuple(w.strip(".") for w in _WORD.findall(result.features.body.text.lower()) if w.strip("."))


@dataclass(frozen=True, slots=True)
class _Words:
    """A key result's words, prepared once for pairwise comparison."""

    words: frozenset[str]
    joined: str

    @classmethod
    def of(cls, tokens: tuple[str, ...]) -> _Words:
        return cls(frozenset(tokens), " ".join(tokens))


def _first_similar(prepared: list[_Words]) -> list[int | None]:
    """For each key result, the index of the first earlier one it is similar to, or None.

    Similar: the same words reordered (word-set Jaccard >= 0.8), or one
    number changed (difflib ratio >= 0.9 of the joined words). Comparing every
    pair in Python cost seconds for a 1,000-key-result document, so the word
    overlap, a length bound and difflib's quick ratio (matching characters,
    counted per character), which bound its ratio from above, are computed
    for all earlier key results at once with arrays; only the pairs they leave
    open pay for the full ratio. A test checks the answers against the plain
    pairwise loop.
    """
    n = len(prepared)
    vocabulary: dict[str, int] = {}
    alphabet: dict[str, int] = {}
    rows, cols = [], []
    for i, item in enumerate(prepared):
        for word in item.words:
            rows.append(i)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
        for char in item.joined:
            alphabet.setdefault(char, len(alphabet))
    incidence = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(len(vocabulary), 1)))
    chars = np.zeros((n, max(len(alphabet), 1)), dtype=np.int32)
    for i, item in enumerate(prepared):
        for char, count in Counter(item.joined).items():
            chars[i, alphabet[char]] = count
    lengths = np.array([len(item.joined) for item in prepared], dtype=np.float64)
    sizes = np.array([len(item.words) for item in prepared], dtype=np.float64)
    first: list[int | None] = [None] * n
    for i in range(1, n):
        if not prepared[i].words:
            continue
        shared = np.asarray((incidence[:i] @ incidence[i].T).todense()).ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            jaccard = shared / (sizes[:i] + sizes[i] - shared)
        total = lengths[:i] + lengths[i]
        matches = np.minimum(chars[:i], chars[i]).sum(axis=1)
        maybe = (2 * np.minimum(lengths[:i], lengths[i]) >= 0.9 * total) & (2.0 * matches / total >= 0.9)
        candidates = np.flatnonzero(((jaccard >= 0.8) | maybe) & (sizes[:i] > 0))
        for j in candidates.tolist():
            joined = prepared[i].joined, prepared[j].joined
            if jaccard[j] >= 0.8 or SequenceMatcher(None, *joined).ratio() >= 0.9:
                first[i] = j
                break
    return first


def _duplicate(context: SetContext) -> Iterator[Placed]:
    flat = [
        (i, result, _Words.of(_tokens(result)))
        for i, (_, results) in enumerate(context.objectives)
        for result in results
    ]
    for n, earlier in enumerate(_first_similar([words for _, _, words in flat])):
        if earlier is None:
            continue
        i, result, _ = flat[n]
        j, other, _ = flat[earlier]
        objective = context.objectives[i][0]
        where = "on this objective" if i == j else f"on objective '{context.objectives[j][0].title}'"
        message = (
            f"'{result.text}' repeats '{other.text}' {where}. Keep one, or make the difference explicit."
        )
        span = (0, len(objective.title)) if i == j else (0, 0)
        yield Placed(i if i == j else None, DUPLICATE.finding(*span, message))


DUPLICATE = Check(
    code="KRQ506",
    name="set.duplicate",
    alias="duplicate-key-result",
    severity=Severity.WARNING,
    scope=Scope.OBJECTIVE,
    message="Two key results say the same thing.",
    docs=(
        "A key result written twice (often with a different number, after a copy and edit) "
        "counts one result twice and, with two targets, leaves the team unsure which is real. "
        "Near-duplicates are found by word overlap (Jaccard 0.8) or character similarity "
        "(0.9) after lower-casing."
    ),
    bad=(
        okrs(
            (
                "Delight customers",
                [
                    ("Increase NPS from 41 to 48", M),
                    ("Increase NPS from 41 to 50", M),
                ],
            )
        ),
    ),
    good=(
        okrs(
            (
                "Delight customers",
                [
                    ("Increase NPS from 41 to 48", M),
                    ("Cut median first response time from 9 to 4 hours", M),
                ],
            )
        ),
    ),
    detect_set=_duplicate,
)

# A target in a title: money, percent, a multiplier, or a plain number that
# is not a year, a quarter ("Q3"), a version ("v2"), a rank ("#1") or an ordinal.
_TITLE_NUMBER = re.compile(
    r"(?<![\w.#])(?:[$€£]\s?)?\d+(?:[.,]\d+)*(?!\d|st\b|nd\b|rd\b|th\b)\s?(?:%|percent\b|[kmx]\b|bn\b)?"
    r"|\b(?:double|triple|halve|quadruple)\b(?!\s+down)",
    re.I,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _objective_is_metric(context: SetContext) -> Iterator[Placed]:
    for i, (objective, _) in enumerate(context.objectives):
        for match in _TITLE_NUMBER.finditer(objective.title):
            if _YEAR.match(match.group().strip()):
                continue
            yield Placed(
                i,
                OBJECTIVE_IS_METRIC.finding(
                    match.start(),
                    match.end(),
                    f"The objective holds a target ('{match.group().strip()}'). Say why it matters "
                    "in words, and move the number into a key result.",
                ),
            )
            break


OBJECTIVE_IS_METRIC = Check(
    code="KRQ507",
    name="set.objective_is_metric",
    alias="objective-is-a-metric",
    severity=Severity.WARNING,
    scope=Scope.OBJECTIVE,
    message="The objective is written as a metric. Move the number into a key result.",
    docs=(
        "The objective says what you want and why, in words that motivate; the key results "
        'say how you will know. An objective with a target ("Grow ARR to $2M") has no room '
        "for key results that measure it from other sides, and loses the why."
    ),
    bad=(okrs(("Grow ARR to $2M", _BALANCED[1])),),
    good=(okrs(_BALANCED), okrs(("Ship v2 of the mobile app in 2026", _BALANCED[1]))),
    detect_set=_objective_is_metric,
)


CHECKS: tuple[Check, ...] = (
    TOO_FEW,
    TOO_MANY,
    TOO_MANY_OBJECTIVES,
    ALL_TASKS,
    MILESTONE_WITHOUT_METRIC,
    DUPLICATE,
    OBJECTIVE_IS_METRIC,
)
