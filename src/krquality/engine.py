"""The analysis engine: one spaCy pipeline and one trained model, loaded once.

Data flows one way: text -> ``Doc`` (``doc._.krq_features``) -> feature dict
-> classifier -> label and probabilities -> checks -> score -> suggestions.
An :class:`Analyzer` is safe to share between threads after construction:
it holds no per-call state, and spaCy and scikit-learn prediction do not
mutate the loaded objects.
"""

from __future__ import annotations

import gc
import itertools
import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from krquality.cache import Key, ResultCache
from krquality.checks import CheckContext, run_checks, run_set_checks
from krquality.checks.not_a_kr import verdict_of
from krquality.checks.score import score_findings, scored_kind
from krquality.config import Config, load_config
from krquality.errors import AnalysisTimeoutError, InvalidInputError
from krquality.evidence import collect_evidence, structure
from krquality.features.types import Features, SpanRef
from krquality.feedback.overlay import CorrectionIndex
from krquality.feedback.types import Override
from krquality.labels import Label
from krquality.model.io import LoadedModel, load_model
from krquality.nlp import build_nlp
from krquality.nlp.warm import warm_tokenizer
from krquality.nlp.zone import memory_zone
from krquality.parallel import AnalyzerSpec, analyze_parallel
from krquality.result import Evidence, Objective, ObjectiveResult, OKRSetResult, Result
from krquality.suggest import suggest_many
from krquality.suggest.fill import DRAFT_WORDS

DEFAULT_MAX_CHARS = 1000
# How far the probabilities of a text that is not a key result are drawn toward uniform.
NOT_A_KR_UNIFORM_SHARE = 0.5
# How many of the model's most common words the tokenizer learns at load (krquality.nlp.warm),
# each in lower case and capitalised: some 1,000 cached chunks, about 50 ms of start-up.
WARM_WORDS = 500
# With a deadline, analyze_many looks at the clock after every this many key
# results: a chunk of 32 long (1,000-character) key results takes about 2 s.
DEADLINE_CHUNK = 32


def validate_text(text: object, *, field: str = "text", max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return ``text`` if it can be analysed, else raise :class:`InvalidInputError`.

    >>> validate_text("Ship offline mode")
    'Ship offline mode'
    """
    if not isinstance(text, str):
        raise InvalidInputError(f"{field} must be a string, got {type(text).__name__}", field=field)
    if not text.strip():
        raise InvalidInputError(f"{field} is empty", field=field)
    if len(text) > max_chars:
        raise InvalidInputError(
            f"{field} is {len(text)} characters long; the limit is {max_chars}", field=field
        )
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as e:
            # Lone surrogates are not text, and spaCy raises on them.
            raise InvalidInputError(f"{field} is not valid Unicode text: {e.reason}", field=field) from e
    return text


@dataclass(frozen=True, slots=True)
class Classification:
    """The classifier's verdict on one key result."""

    label: Label
    probabilities: dict[str, float]
    confident: bool
    correction: Override | None = None  # a user's standing correction, which ``label`` follows


def corrected(verdict: Classification, override: Override | None) -> Classification:
    """``verdict`` after a standing correction: the users' label, confident (or, for
    "not a key result", the model's label, not confident).

    >>> from krquality.feedback.types import CorrectedLabel
    >>> v = Classification(Label.TASK, {"metric": 0.2, "milestone": 0.3, "task": 0.5}, False)
    >>> corrected(v, Override(CorrectedLabel.MILESTONE, 2, 3)).label
    <Label.MILESTONE: 'milestone'>
    """
    if override is None:
        return verdict
    if not override.label.is_key_result:
        return Classification(verdict.label, verdict.probabilities, False, override)
    return Classification(Label(override.label.value), verdict.probabilities, True, override)


def correction_evidence(text: str, override: Override) -> Evidence:
    """The evidence a corrected result carries: who corrected it, over the whole text."""
    users = f"{override.users} user" + ("s" if override.users != 1 else "")
    what = "not a key result" if not override.label.is_key_result else override.label.value
    return Evidence(
        SpanRef(0, len(text), text),
        f"corrected by {users} to {what} ({override.corrections} correction"
        + ("s" if override.corrections != 1 else "")
        + " in all)",
    )


def cache_key(text: str, suggestions: bool, cycle: str | None, override: Override | None) -> Key:
    """The result cache's key: the text, whether suggestions were asked, the document's
    cycle (it dates the key result) and any correction (one made since is not answered
    from the cache).

    >>> cache_key("Launch the portal", True, None, None)
    ('Launch the portal', True)
    """
    if cycle is None and override is None:
        return (text, suggestions)
    return (text, suggestions, cycle, override)


class Analyzer:
    """Holds the spaCy pipeline, the trained model and the configuration.

    >>> analyzer = Analyzer.load()
    >>> analyzer.analyze("Increase NPS from 40 to 55").label
    <Label.METRIC: 'metric'>
    """

    def __init__(
        self,
        nlp: Language,
        model: LoadedModel,
        config: Config,
        *,
        cache_size: int = 0,
        cache_bytes: int | None = None,
        corrections: CorrectionIndex | None = None,
    ) -> None:
        self.nlp = nlp
        self.model = model
        self.config = config
        # Users' standing corrections (krquality.feedback), applied before the
        # checks run; None or empty costs one truth test per key result.
        self.corrections = corrections
        # Off by default: a library caller analysing a backlog once gains
        # nothing from it; the service, which sees the same texts again and
        # again, turns it on (KRQ_CACHE_SIZE).
        self.cache = ResultCache(cache_size, max_bytes=cache_bytes) if cache_size > 0 else None
        # The parser is shared; spaCy components are not documented as
        # re-entrant, so on-demand parsing for suggestions is serialised.
        self.parse_lock = threading.Lock()
        # Every analysis runs in the pipeline's shared memory zone, so the
        # strings of new words are freed after it (see krquality.nlp.zone).
        self.zone = memory_zone(nlp)

    @classmethod
    def load(
        cls,
        model_path: str | Path | None = None,
        *,
        spacy_model: str | None = None,
        config: Config | None = None,
        cache_size: int = 0,
        cache_bytes: int | None = None,
        corrections: CorrectionIndex | None = None,
    ) -> Analyzer:
        """Load the spaCy pipeline and the (checksum-verified) model once.

        ``cache_size`` > 0 keeps that many finished results, and at most
        ``cache_bytes`` bytes of them (see :mod:`krquality.cache`), so a text
        analysed again is answered from memory.

        The loaded objects are then moved out of the garbage collector's
        generations (:func:`gc.freeze`): they live as long as the process, and
        every full collection walking them cost about 20 us per key result in
        ``analyze_many``. Reference counting still frees them if the analyzer
        is dropped.
        """
        loaded = load_model(model_path)
        config = config if config is not None else load_config()
        nlp = build_nlp(spacy_model, vague_words=config.vague_words, activity_verbs=config.activity_verbs)
        # Inside the memory zone every analysis runs in, spaCy caches no split and keeps no new
        # lexeme: the common words are learnt once here, so requests (and each draft) find them.
        common = loaded.common_words(WARM_WORDS)
        warm_tokenizer(nlp, [*common, *(word.capitalize() for word in common), *DRAFT_WORDS])
        analyzer = cls(
            nlp, loaded, config, cache_size=cache_size, cache_bytes=cache_bytes, corrections=corrections
        )
        gc.freeze()
        return analyzer

    @property
    def spacy_model(self) -> str:
        """The installed package name of the spaCy model in use."""
        return str(self.nlp.meta.get("lang", "en")) + "_" + str(self.nlp.meta.get("name", ""))

    @property
    def model_version(self) -> str:
        return self.model.version

    def correction_for(self, text: str) -> Override | None:
        """The standing correction of ``text`` (:mod:`krquality.feedback`), if any."""
        corrections = self.corrections
        return corrections.lookup(text) if corrections else None

    def classify_features(self, features: Sequence[Features]) -> list[Classification]:
        """Label already-extracted features (a batch at a time is faster)."""
        if not features:
            return []
        probas = self.model.predict_proba(features)
        out = []
        for row, feature in zip(probas, features, strict=True):
            not_kr = verdict_of(feature.text) is not None
            if not_kr:
                # Not a key result at all: the label is a guess, and its probability says so.
                row = (1.0 - NOT_A_KR_UNIFORM_SHARE) * row + NOT_A_KR_UNIFORM_SHARE / len(row)
            probabilities = {label.value: float(p) for label, p in zip(self.model.labels, row, strict=True)}
            best = max(probabilities, key=lambda k: probabilities[k])
            out.append(
                Classification(
                    label=Label(best),
                    probabilities=probabilities,
                    confident=not not_kr and probabilities[best] >= self.model.abstain_threshold,
                )
            )
        return out

    def _checked(
        self, text: str, doc: Doc, verdict: Classification, cycle: str | None = None
    ) -> tuple[Result, CheckContext]:
        features: Features = doc._.krq_features
        context = CheckContext(
            text=text,
            doc=doc,
            features=features,
            label=verdict.label,
            probabilities=verdict.probabilities,
            config=self.config,
            cycle=cycle,
        )
        findings = run_checks(context)
        # A metric whose number only sizes one thing made is scored, and structured, as the
        # deliverable it is: no target, the body as the thing delivered.
        kind = scored_kind(context)
        score, grade = score_findings(findings, config=self.config, label=kind)
        result = Result(
            text=text,
            label=verdict.label,
            probabilities=verdict.probabilities,
            confident=verdict.confident,
            evidence=(
                (correction_evidence(text, verdict.correction),) if verdict.correction is not None else ()
            )
            + collect_evidence(features, verdict.label),
            structured=structure(features, kind, cycle=cycle),
            features=features,
            findings=findings,
            score=score,
            grade=grade,
            model_version=self.model_version,
        )
        return result, context

    def analyze(self, text: str, *, suggestions: bool = True, cycle: str | None = None) -> Result:
        """Analyse one key result; ``cycle`` is the OKR cycle its document states ("Q3 2025"),
        which dates it when its text names no date."""
        text = validate_text(text, max_chars=self.config.max_chars)
        cache = self.cache
        key = cache_key(text, suggestions, cycle, self.correction_for(text))
        if cache is not None and (hit := cache.get(key)) is not None:
            return hit
        with self.zone:
            (result,) = self._finish_batch([(text, self.nlp(text))], suggestions, cycle)
        if cache is not None:
            cache.put(key, result)
        return result

    def analyze_many(
        self,
        texts: Iterable[str],
        *,
        batch_size: int = 256,
        n_process: int = 1,
        suggestions: bool = True,
        cached: bool = True,
        cycle: str | None = None,
        deadline: float | None = None,
    ) -> Iterator[Result]:
        """Analyse many key results lazily, in input order, with ``nlp.pipe``.

        Raises :class:`InvalidInputError` naming ``texts[i]`` for a bad item;
        callers that want to go on past bad items validate first (the CLI and
        the HTTP batch route do). With a result cache (``cache_size``) and
        ``cached``, texts analysed before are answered from it and repeats
        within a batch are analysed once; ``n_process`` > 1 does not use it.
        ``cycle`` is the OKR cycle of all ``texts`` (see :meth:`analyze`).

        ``deadline`` (a :func:`time.monotonic` value) bounds the time: past
        it, the next chunk is not started and :class:`AnalysisTimeoutError`
        is raised (the results yielded so far stand). The clock is read
        between chunks of at most :data:`DEADLINE_CHUNK` key results.
        """
        max_chars = self.config.max_chars

        def checked() -> Iterator[str]:
            for i, text in enumerate(texts):
                yield validate_text(text, field=f"texts[{i}]", max_chars=max_chars)

        if n_process != 1:
            yield from analyze_parallel(
                AnalyzerSpec(
                    model_path=self.model.path,
                    spacy_model=self.spacy_model,
                    config=self.config,
                    suggestions=suggestions,
                    cycle=cycle,
                ),
                checked(),
                n_process=n_process if n_process > 0 else (os.cpu_count() or 1),
                chunk_size=batch_size,
            )
            return

        if deadline is not None:
            yield from self._before(
                deadline, min(batch_size, DEADLINE_CHUNK), suggestions, checked(), cached, cycle
            )
            return

        if self.cache is not None and cached:
            yield from self._analyze_cached(checked(), self.cache, batch_size, suggestions, cycle)
            return

        texts_left = checked()
        while chunk := list(itertools.islice(texts_left, batch_size)):
            yield from self._analyze_chunk(chunk, batch_size, suggestions, cycle)

    def _before(
        self,
        deadline: float,
        batch_size: int,
        suggestions: bool,
        texts: Iterator[str],
        cached: bool,
        cycle: str | None,
    ) -> Iterator[Result]:
        """:meth:`analyze_many` in chunks of ``batch_size``, none started past ``deadline``."""
        done = 0
        while chunk := list(itertools.islice(texts, batch_size)):
            if time.monotonic() > deadline:
                raise AnalysisTimeoutError(
                    f"the analysis ran out of time after {done} key results", done=done
                )
            chunk_results = (
                self._analyze_cached(iter(chunk), self.cache, batch_size, suggestions, cycle)
                if self.cache is not None and cached
                else self._analyze_chunk(chunk, batch_size, suggestions, cycle)
            )
            for result in chunk_results:
                done += 1
                yield result

    def _analyze_chunk(
        self, texts: list[str], batch_size: int, suggestions: bool, cycle: str | None
    ) -> list[Result]:
        """Results for ``texts``, analysed together in the pipeline's memory zone.

        The results hold only plain values (no ``Doc``, ``Token`` or string
        hash), so they stay valid when the zone frees the texts' strings.
        """
        with self.zone:
            # The text rides along as the context: ``doc.text`` re-joins the tokens on every call.
            docs = self.nlp.pipe(((t, t) for t in texts), batch_size=batch_size, as_tuples=True)
            return self._finish_batch([(text, doc) for doc, text in docs], suggestions, cycle)

    def _analyze_cached(
        self, texts: Iterator[str], cache: ResultCache, batch_size: int, suggestions: bool, cycle: str | None
    ) -> Iterator[Result]:
        """:meth:`analyze_many` through ``cache``, a batch of ``batch_size`` texts at a time."""
        while chunk := list(itertools.islice(texts, batch_size)):
            keys = [cache_key(text, suggestions, cycle, self.correction_for(text)) for text in chunk]
            found = [cache.get(key) for key in keys]
            missing = list(dict.fromkeys(text for text, hit in zip(chunk, found, strict=True) if hit is None))
            fresh: dict[str, Result] = {}
            if missing:
                for result in self._analyze_chunk(missing, batch_size, suggestions, cycle):
                    fresh[result.text] = result
                    cache.put(
                        cache_key(result.text, suggestions, cycle, self.correction_for(result.text)), result
                    )
            for text, hit in zip(chunk, found, strict=True):
                yield hit if hit is not None else fresh[text]

    def analyze_docs(
        self, batch: Sequence[tuple[str, Doc]], *, cycle: str | None = None, suggestions: bool = False
    ) -> list[Result]:
        """Results, without suggestions unless asked, for texts already annotated by this
        analyzer's pipeline.

        For callers that build their docs another way than ``nlp.pipe``: the
        rewrite drafts, whose tags are borrowed from their key result
        (:func:`krquality.nlp.borrow.borrowed_docs`), and the parts of a split
        key result, drafted as key results of their own.
        """
        return self._finish_batch(list(batch), suggestions, cycle) if batch else []

    def _finish_batch(
        self, batch: list[tuple[str, Doc]], suggestions: bool, cycle: str | None = None
    ) -> list[Result]:
        verdicts = self.classify_features([doc._.krq_features for _, doc in batch])
        if self.corrections:
            verdicts = [
                corrected(v, self.correction_for(text)) for (text, _), v in zip(batch, verdicts, strict=True)
            ]
        checked = [self._checked(text, doc, v, cycle) for (text, doc), v in zip(batch, verdicts, strict=True)]
        if not suggestions:
            return [result for result, _ in checked]
        # All drafts of the batch are re-analysed in one classifier call.
        return suggest_many(checked, analyzer=self)

    def analyze_okrs(
        self,
        objectives: Sequence[Objective],
        *,
        suggestions: bool = True,
        cycle: str | None = None,
        deadline: float | None = None,
    ) -> OKRSetResult:
        """Analyse objectives with their key results, plus set-level checks.

        Each objective's key results are analysed in its ``cycle``, or in
        ``cycle`` (the document's) when it states none. ``deadline`` as in
        :meth:`analyze_many`: past it, :class:`AnalysisTimeoutError`.
        """
        by_cycle: dict[str | None, list[str]] = {}
        for objective in objectives:
            by_cycle.setdefault(objective.cycle or cycle, []).extend(objective.key_results)
        analysed = {
            # Listed at once, so that a deadline passed shows here and not halfway through.
            group: iter(
                list(self.analyze_many(texts, suggestions=suggestions, cycle=group, deadline=deadline))
            )
            for group, texts in by_cycle.items()
        }
        per_objective = [
            (objective, tuple(next(analysed[objective.cycle or cycle]) for _ in objective.key_results))
            for objective in objectives
        ]
        objective_findings, set_findings = run_set_checks(per_objective, config=self.config)
        return OKRSetResult(
            objectives=tuple(
                ObjectiveResult(objective=objective, results=krs, findings=objective_findings.get(i, ()))
                for i, (objective, krs) in enumerate(per_objective)
            ),
            findings=set_findings,
        )
