"""``POST /v2/check`` and ``GET /v2/languages``: the LanguageTool-compatible contract.

Editors and browser add-ons that speak to a LanguageTool server show
key-result findings and their fixes when pointed at krquality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Form

import krquality
from krquality.api import languagetool as lt
from krquality.api.deps import AnalyzerDep, MetricsDep, RunnerDep, SettingsDep
from krquality.api.limits import check_total_chars, deadline
from krquality.api.problems import ProblemError
from krquality.api.routes import problem_responses
from krquality.api.schemas import FieldError, LTCheckForm, LTCheckResponse, LTLanguageInfo
from krquality.errors import AnalysisTimeoutError, InvalidInputError
from krquality.result import Result

if TYPE_CHECKING:
    from krquality.engine import Analyzer

router = APIRouter(prefix="/v2", tags=["languagetool"])


def _bad(field: str, detail: str) -> ProblemError:
    return ProblemError(
        400, "Bad request", detail, slug="bad-request", errors=[FieldError(field=field, message=detail)]
    )


def _descriptions() -> dict[str, str]:
    try:
        from krquality.checks import list_checks
    except ImportError:  # pragma: no cover - the registry ships with the package
        return {}
    return {check.code: check.message for check in list_checks()}


def _analyze(analyzer: Analyzer, texts: list[str], until: float) -> list[Result]:
    """The results of ``texts``, or of the first of them if the time ran out (LanguageTool's
    clients show what they get and mark the rest unchecked)."""
    results: list[Result] = []
    try:
        for result in analyzer.analyze_many(texts, suggestions=True, deadline=until):
            results.append(result)
    except AnalysisTimeoutError:
        return results
    return results


@router.post(
    "/check",
    response_model=LTCheckResponse,
    summary="Check text, LanguageTool style",
    responses=problem_responses(400, 413, 422, 503),
)
async def check(
    form: Annotated[LTCheckForm, Form()],
    analyzer: AnalyzerDep,
    settings: SettingsDep,
    runner: RunnerDep,
    metrics: MetricsDep,
) -> LTCheckResponse:
    """Takes LanguageTool's form fields (``text`` or ``data``, ``language``)
    and treats each non-empty line as a key result. Each finding comes back
    as a LanguageTool match (rule id = check code, offsets relative to the
    whole text in UTF-16 code units, replacements = the fix or the rewrites).
    Lines over the length limit, or past the item limit, are skipped and
    ``warnings.incompleteResults`` is true, as it is when the analysis runs
    out of time (the lines done by then are answered)."""
    try:
        language = lt.resolve_language(form.language)
    except lt.UnsupportedLanguageError as e:
        raise _bad("language", str(e)) from e
    form_field = "text" if form.text is not None else "data"
    if form.text is not None:
        plain = lt.PlainText(form.text)
    elif form.data is not None:
        try:
            plain = lt.plain_from_data(form.data)
        except ValueError as e:
            raise _bad("data", str(e)) from e
    else:
        raise ProblemError(
            422,
            "Invalid request",
            "give the text in the 'text' or the 'data' field",
            slug="invalid-request",
            errors=[FieldError(field="text", message="field required")],
        )
    # LanguageTool refuses a text over its maximum length with a 413 too.
    check_total_chars(form_field, len(plain.text), settings)
    lines = lt.split_key_results(plain.text)
    incomplete = len(lines) > settings.max_batch
    kept: list[lt.Line] = []
    for line in lines[: settings.max_batch]:
        try:
            krquality.validate_text(line.text, max_chars=settings.max_chars)
        except InvalidInputError:
            incomplete = True
            continue
        kept.append(line)
    results = (
        await runner(_analyze, analyzer, [line.text for line in kept], deadline(settings)) if kept else []
    )
    if len(results) < len(kept):  # out of time: the lines analysed are answered
        incomplete = True
        kept = kept[: len(results)]
    metrics.observe_results(results)
    keep = lt.rule_filter(form.enabledRules, form.disabledRules, form.enabledOnly)
    matches = lt.matches_for(results, kept, plain, descriptions=_descriptions(), keep=keep)
    return lt.response(matches, language=language, incomplete=incomplete)


@router.get(
    "/languages", response_model=list[LTLanguageInfo], summary="Supported languages, LanguageTool style"
)
async def languages() -> list[LTLanguageInfo]:
    """English and its variants: krquality reads English key results."""
    return lt.languages()
