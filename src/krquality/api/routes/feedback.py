"""``/v1/feedback``: record, list, count and delete users' corrections of labels."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, Path, Query, Request, Response

import krquality
from krquality.api.deps import SettingsDep, get_analyzer, get_batcher, get_helpers, get_runner
from krquality.api.feedbackstate import FeedbackState
from krquality.api.problems import ProblemError
from krquality.api.routes import problem_responses
from krquality.api.schemas import (
    ConfusionOut,
    CorrectionOut,
    FeedbackPage,
    FeedbackRequest,
    FeedbackStatsOut,
    RejectedCheckOut,
    StandingOut,
)
from krquality.feedback import CorrectedLabel, Correction, NewCorrection, Override, Source

router = APIRouter(prefix="/v1", tags=["feedback"])


async def get_feedback(request: Request) -> FeedbackState:
    """The app's :class:`FeedbackState`."""
    state: FeedbackState = request.app.state.feedback
    return state


FeedbackDep = Annotated[FeedbackState, Depends(get_feedback)]
# Ids are 64-bit in both stores; a larger number is a 422, not a database error.
CorrectionId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The correction's id.")]


def _user(request: Request, body_user: str | None, settings: SettingsDep) -> str:
    """The author: the id the client sent, else a digest of the API key (never the key), else anonymous."""
    if body_user:
        return body_user
    key = request.headers.get(settings.api_key_header)
    if settings.api_key is not None and key:
        return "key-" + hashlib.sha256(key.encode()).hexdigest()[:12]
    return "anonymous"


def _out(correction: Correction, standing: Override | None = None) -> CorrectionOut:
    out = CorrectionOut.model_validate(correction)
    if standing is not None:
        out.standing = StandingOut(
            label=standing.label.value, users=standing.users, corrections=standing.corrections
        )
    return out


@router.post(
    "/feedback",
    response_model=CorrectionOut,
    status_code=201,
    summary="Correct a label",
    responses=problem_responses(400, 413, 415, 422, 503),
)
async def add_feedback(
    body: FeedbackRequest,
    request: Request,
    feedback: FeedbackDep,
    settings: SettingsDep,
) -> CorrectionOut:
    """Record that ``text`` should be labelled ``label`` (or is not a key result). From then on
    the service answers the text with the label its corrections resolve to (see ``standing``)."""
    text = krquality.validate_text(body.text, field="text", max_chars=settings.max_chars)
    model_label = body.model_label.value if body.model_label is not None else None
    probabilities, version = body.model_probabilities, body.model_version
    if model_label is None and getattr(request.app.state, "analyzer", None) is not None:
        # Through the micro-batcher, like /v1/classify: concurrent corrections are
        # analysed together (and in the helper processes), not one thread call each.
        # Its dependencies are called here, not declared: a correction that names
        # the model's label is stored even while the model is still loading.
        batcher = await get_batcher(
            request, await get_analyzer(request), await get_runner(request), await get_helpers(request)
        )
        answer = json.loads((await batcher.analyze(text, suggestions=False)).body)
        # The model's own label, not a correction's: the top probability.
        probabilities = {str(k): float(v) for k, v in answer["probabilities"].items()}
        model_label = max(probabilities, key=lambda k: probabilities[k])
        version = str(answer["model_version"])
    correction = NewCorrection(
        text=text,
        label=CorrectedLabel(body.label),
        user=_user(request, body.user, settings),
        source=Source(body.source),
        model_label=model_label,
        model_probabilities=probabilities,
        model_version=version,
        reason=body.reason,
        suggestion=body.suggestion,
        suggestion_accepted=body.suggestion_accepted,
        rejected_checks=tuple(body.rejected_checks),
    )

    def write() -> tuple[Correction, Override | None]:
        stored = feedback.require().add(correction)
        return stored, feedback.settle(text)

    stored, standing = await anyio.to_thread.run_sync(write)
    return _out(stored, standing)


@router.get(
    "/feedback",
    response_model=FeedbackPage,
    summary="List corrections",
    responses=problem_responses(422, 503),
)
async def list_feedback(
    feedback: FeedbackDep,
    offset: Annotated[int, Query(ge=0, le=2**63 - 1, description="Corrections to skip (newest first).")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000, description="Most corrections to return.")] = 100,
    user: Annotated[str | None, Query(max_length=200, description="Only this user's corrections.")] = None,
) -> FeedbackPage:
    """Corrections, newest first, a page at a time; ``total`` counts them all."""
    items, total = await anyio.to_thread.run_sync(
        lambda: feedback.require().page(offset=offset, limit=limit, user=user)
    )
    return FeedbackPage(items=[_out(c) for c in items], total=total, offset=offset, limit=limit)


@router.get(
    "/feedback/stats",
    response_model=FeedbackStatsOut,
    summary="Count corrections",
    responses=problem_responses(503),
)
async def feedback_stats(feedback: FeedbackDep) -> FeedbackStatsOut:
    """How many corrections, the label pairs the model confused most, the checks users rejected most."""
    stats = await anyio.to_thread.run_sync(lambda: feedback.require().stats())
    return FeedbackStatsOut(
        corrections=stats.corrections,
        texts=stats.texts,
        users=stats.users,
        standing=stats.standing,
        contested=stats.contested,
        by_label=stats.by_label,
        confusions=[ConfusionOut(model_label=a, label=b, count=n) for a, b, n in stats.confusions],
        rejected_checks=[RejectedCheckOut(code=code, count=n) for code, n in stats.rejected_checks],
        rejected_suggestions=stats.rejected_suggestions,
        accepted_suggestions=stats.accepted_suggestions,
    )


@router.get(
    "/feedback/{correction_id}",
    response_model=CorrectionOut,
    summary="Read one correction",
    responses=problem_responses(404, 422, 503),
)
async def get_correction(correction_id: CorrectionId, feedback: FeedbackDep) -> CorrectionOut:
    """One correction by id."""
    found = await anyio.to_thread.run_sync(lambda: feedback.require().get(correction_id))
    if found is None:
        raise _not_found(correction_id)
    return _out(found)


@router.delete(
    "/feedback/{correction_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a correction",
    responses=problem_responses(404, 422, 503),
)
async def delete_correction(correction_id: CorrectionId, feedback: FeedbackDep) -> Response:
    """Delete a correction for good (a retention or erasure request); the text's label is
    resolved again from the corrections left."""

    def remove() -> bool:
        store = feedback.require()
        found = store.get(correction_id)
        if found is None or not store.delete(correction_id):
            return False
        feedback.settle(found.text)
        return True

    if not await anyio.to_thread.run_sync(remove):
        raise _not_found(correction_id)
    return Response(status_code=204)


def _not_found(correction_id: int) -> ProblemError:
    return ProblemError(404, "Not Found", f"no correction with id {correction_id}", slug="no-such-correction")
