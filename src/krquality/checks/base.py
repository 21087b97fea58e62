"""What a check is: data (code, name, severity, message, docs, examples) plus a detector.

Per-key-result checks read a :class:`CheckContext`; set checks read a
:class:`SetContext` (objectives with their analysed key results). Each check
carries examples that must flag (``bad``) and must pass (``good``): the tests
run every one, and ``docs/checks.md`` is rendered from them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from krquality.checks.helpers import targets
from krquality.config import Config
from krquality.features.types import Features, Quantity
from krquality.labels import Label
from krquality.result import Finding, Fix, Objective, Result, Severity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_T = TypeVar("_T")

_CODE = re.compile(r"^KRQ\d{3}$")
_NAME = re.compile(r"^[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*$")
_ALIAS = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")


class Scope(StrEnum):
    """What a check looks at."""

    KEY_RESULT = "key_result"  # one key result: spans index its text
    OBJECTIVE = "objective"  # one objective with its key results: spans index the title
    SET = "set"  # the whole set of objectives: spans are 0..0


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Everything a per-key-result check may read.

    ``doc`` is the spaCy ``Doc`` of ``text`` (``doc._.krq_features`` is
    ``features``); detectors read ``features`` first and use tokens only
    for wording. ``tokens``, ``lowers``, ``words`` and ``targets`` are
    derived once here: spaCy builds a new ``Token`` object on every pass over
    a ``Doc``, and a dozen checks each walking the doc cost more than the
    classifier. A check that looks for a word tests ``lowers`` first. What
    several checks work out from the context alone they share through
    :meth:`once`.
    """

    text: str
    doc: Doc
    features: Features
    label: Label
    probabilities: dict[str, float]
    config: Config
    cycle: str | None = None  # the OKR cycle the document states: it dates a key result that names no date
    tokens: tuple[Token, ...] = field(init=False, repr=False, compare=False)
    # The tokens of the body only: a label's number ("Objective 2:", "KR 3 -") is not the key result's.
    body_tokens: tuple[Token, ...] = field(init=False, repr=False, compare=False)
    lowers: frozenset[str] = field(init=False, repr=False, compare=False)  # the tokens' lower-case forms
    words: frozenset[str] = field(init=False, repr=False, compare=False)  # ... and their lemmas
    targets: tuple[Quantity, ...] = field(init=False, repr=False, compare=False)
    # What ``once`` worked out, by the function that did: it lives and dies with this context.
    memo: dict[Callable[[CheckContext], object], object] = field(init=False, repr=False, compare=False)

    @classmethod
    def read(cls, text: str, label: Label = Label.TASK) -> CheckContext:
        """The context of ``text`` read by the shared classification pipeline, with ``label``
        and the default configuration: for examples and tests of the readings checks share.

        >>> CheckContext.read("Open the second depot", Label.MILESTONE).features.lead_verb.lemma
        'open'
        """
        from krquality import get_analyzer  # imported here: the engine runs the checks, not the reverse

        doc = get_analyzer().nlp(text)
        return cls(text, doc, doc._.krq_features, label, {}, Config())

    def __post_init__(self) -> None:
        object.__setattr__(self, "memo", {})
        tokens = tuple(self.doc)
        lowers = frozenset([t.lower_ for t in tokens])
        object.__setattr__(self, "tokens", tokens)
        body = self.features.body
        inside = tuple(t for t in tokens if body.start <= t.idx < body.end)
        object.__setattr__(self, "body_tokens", inside)
        object.__setattr__(self, "lowers", lowers)
        # Lemmas are empty on a blank pipeline.
        object.__setattr__(self, "words", lowers | {t.lemma_.lower() for t in tokens if t.lemma_})
        object.__setattr__(self, "targets", targets(self.features))

    def once(self, derive: Callable[[CheckContext], _T]) -> _T:
        """``derive(self)``, worked out on the first call and remembered for this context.

        For a judgement several checks make on the same key result (whether it
        names one deliverable, whether it is dated): ``derive`` must read only
        the context, so its answer cannot change while the context lives. A
        context serves one key result in one thread, so the memo needs no lock.

        >>> import spacy
        >>> from krquality.features.types import Form, SpanRef
        >>> text = "Launch the partner portal"
        >>> features = Features(text, SpanRef(0, len(text), text), Form.IMPERATIVE, None)
        >>> context = CheckContext(text, spacy.blank("en")(text), features, Label.MILESTONE, {}, Config())
        >>> context.once(lambda c: len(c.tokens))
        4
        """
        memo = self.memo
        if derive in memo:
            return memo[derive]  # type: ignore[return-value]
        value = derive(self)
        memo[derive] = value
        return value


@dataclass(frozen=True, slots=True)
class SetContext:
    """Objectives with their analysed key results, for set checks."""

    objectives: tuple[tuple[Objective, tuple[Result, ...]], ...]
    config: Config


@dataclass(frozen=True, slots=True)
class Placed:
    """A set-check finding and where it belongs: an objective index, or None for the set."""

    objective: int | None
    finding: Finding


@dataclass(frozen=True, slots=True)
class Example:
    """A key result and the label it carries (until the trained model labels examples)."""

    text: str
    label: Label

    def markdown(self) -> str:
        """One line of Markdown for the docs.

        >>> Example("Launch the portal", Label.MILESTONE).markdown()
        '`Launch the portal` *(milestone)*'
        """
        return f"`{self.text}` *({self.label.value})*"


@dataclass(frozen=True, slots=True)
class ExampleObjective:
    """An objective with its labelled key results, inside a :class:`SetExample`."""

    title: str
    key_results: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True)
class SetExample:
    """A small set of objectives, the example unit of a set check."""

    objectives: tuple[ExampleObjective, ...]

    def to_objectives(self) -> tuple[Objective, ...]:
        """The example as analyser input (labels dropped), e.g. for ``Analyzer.analyze_okrs``.

        >>> okrs(("Grow", [("Double sign-ups", Label.METRIC)])).to_objectives()[0].key_results
        ('Double sign-ups',)
        """
        return tuple(Objective(o.title, tuple(kr.text for kr in o.key_results)) for o in self.objectives)

    def markdown(self) -> str:
        """A nested Markdown list for the docs.

        >>> print(okrs(("Grow", [("Double sign-ups", Label.METRIC)])).markdown())
        - Objective: `Grow`
          - `Double sign-ups` *(metric)*
        """
        lines = []
        for objective in self.objectives:
            lines.append(f"- Objective: `{objective.title}`")
            lines.extend(f"  - {kr.markdown()}" for kr in objective.key_results)
        return "\n".join(lines)


def okrs(*objectives: tuple[str, Sequence[tuple[str, Label]]]) -> SetExample:
    """Build a :class:`SetExample` from ``(title, [(key result, label), ...])`` pairs.

    >>> okrs(("Grow", [("Double sign-ups", Label.METRIC)])).objectives[0].key_results[0].label
    <Label.METRIC: 'metric'>
    """
    return SetExample(
        tuple(
            ExampleObjective(title, tuple(Example(text, label) for text, label in krs))
            for title, krs in objectives
        )
    )


Detector = Callable[[CheckContext], Iterator[Finding]]
SetDetector = Callable[[SetContext], Iterator[Placed]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """A check: its identity, what it says and why, examples, and its detector.

    ``code`` (``KRQ101``) never changes once released; ``name``
    (``metric.no_baseline``) is ``family.rule`` and its family is the
    prefix configuration enables or disables; ``alias`` is a kebab-case
    name for people (``metric-without-baseline``). ``message`` is the
    default text of a finding, written to the author of the key result;
    ``docs`` says why it matters in OKR terms. Exactly one of ``detect``
    (key-result scope) and ``detect_set`` (objective or set scope) is set.
    """

    code: str
    name: str
    alias: str
    severity: Severity
    message: str
    docs: str
    bad: tuple[Example, ...] | tuple[SetExample, ...]
    good: tuple[Example, ...] | tuple[SetExample, ...]
    scope: Scope = Scope.KEY_RESULT
    detect: Detector | None = field(default=None, repr=False, compare=False)
    detect_set: SetDetector | None = field(default=None, repr=False, compare=False)
    enabled_by_default: bool = True

    def __post_init__(self) -> None:
        # Registry mistakes are programming errors, caught by the tests at import.
        problems = []
        if not _CODE.match(self.code):
            problems.append(f"code {self.code!r} is not KRQ + 3 digits")
        if not _NAME.match(self.name):
            problems.append(f"name {self.name!r} is not family.rule in snake_case")
        if not _ALIAS.match(self.alias):
            problems.append(f"alias {self.alias!r} is not kebab-case")
        per_kr = self.scope is Scope.KEY_RESULT
        if per_kr != (self.detect is not None) or per_kr == (self.detect_set is not None):
            problems.append("a key-result check needs detect, a set check needs detect_set")
        wanted = Example if per_kr else SetExample
        if not all(isinstance(e, wanted) for e in (*self.bad, *self.good)):
            problems.append(f"examples must be {wanted.__name__}")
        if problems:
            raise ValueError(f"check {self.code}: " + "; ".join(problems))

    @property
    def family(self) -> str:
        """The family, the part of the name before the dot.

        >>> from krquality.checks import get_check
        >>> get_check("KRQ101").family
        'metric'
        """
        return self.name.split(".", 1)[0]

    def finding(self, start: int, end: int, message: str | None = None, fix: Fix | None = None) -> Finding:
        """A finding of this check on ``[start, end)``, with its default severity.

        >>> from krquality.checks import get_check
        >>> get_check("KRQ101").finding(0, 3).name
        'metric.no_baseline'
        """
        return Finding(
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=message if message is not None else self.message,
            start=start,
            end=end,
            fix=fix,
        )
