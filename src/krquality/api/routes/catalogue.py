"""``GET /v1/checks`` (the check catalogue) and ``GET /v1/model`` (the loaded model)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

from krquality.api import convert
from krquality.api.deps import AnalyzerDep
from krquality.api.routes import problem_responses
from krquality.api.schemas import ChecksOut, ModelOut

if TYPE_CHECKING:
    pass

router = APIRouter(prefix="/v1", tags=["catalogue"])


@router.get("/checks", response_model=ChecksOut, summary="The catalogue of checks")
async def list_checks() -> ChecksOut:
    """Every check krquality runs (the file-level ones last): its code, dotted
    name, default severity, message and documentation."""
    from krquality.checks import list_checks as registry
    from krquality.checks.filelevel import list_file_checks

    checks = [convert.check_out(check) for check in registry()]
    checks += [convert.file_check_out(check) for check in list_file_checks()]
    return ChecksOut(checks=checks)


@router.get("/model", response_model=ModelOut, summary="The loaded model", responses=problem_responses(503))
async def model_info(analyzer: AnalyzerDep) -> ModelOut:
    """The model's name, version, full manifest (training data sha256, library
    versions, seed) and its evaluation metrics."""
    return convert.model_out(analyzer.model.manifest, version=analyzer.model_version)
