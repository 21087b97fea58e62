"""Mappers from the core's frozen dataclasses to the service's pydantic schemas.

This is the one module where core results become response models; the
routes call these and nothing else converts. Nothing here classifies: it
only reshapes what :mod:`krquality` returned.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter

from krquality.api import schemas
from krquality.checks.base import Check
from krquality.checks.filelevel import FILE_SCOPE, FileCheck
from krquality.result import Finding, ObjectiveResult, OKRSetResult, Result


def result_out(result: Result) -> schemas.ResultOut:
    """A :class:`~krquality.Result` as its response model.

    >>> import krquality
    >>> result_out(krquality.analyze("Launch the partner portal")).label.value
    'milestone'
    """
    return schemas.ResultOut.model_validate(result, from_attributes=True)


def result_json(result: Result) -> bytes:
    """:func:`result_out` as the JSON body FastAPI would send for it.

    pydantic's serializer writes the bytes in one pass; returning a model
    from a route costs FastAPI a dump, a re-validation and ``json.dumps``
    (about 4x as long), so the routes that serve results send these bytes.

    >>> import json, krquality
    >>> json.loads(result_json(krquality.analyze("Launch the partner portal")))["label"]
    'milestone'
    """
    return _RESULT_JSON.dump_json(result_out(result), by_alias=True)


def batch_body(items: Sequence[bytes | schemas.Problem], *, n_ok: int, n_errors: int) -> bytes:
    """The :class:`~krquality.api.schemas.BatchResponse` JSON for ``items`` in input order:
    each a result's JSON body (:func:`result_json`, as a thread or a helper process
    rendered it) or the problem of a bad item. The same bytes as the equivalent
    model's JSON, without parsing the bodies back into models.
    """
    parts = []
    for index, item in enumerate(items):
        if isinstance(item, bytes):
            parts.append(b'{"index":%d,"result":%b,"error":null}' % (index, item))
        else:
            parts.append(_ITEM_JSON.dump_json(schemas.BatchItem(index=index, error=item), by_alias=True))
    return b'{"results":[%b],"n_ok":%d,"n_errors":%d}' % (b",".join(parts), n_ok, n_errors)


_RESULT_JSON = TypeAdapter(schemas.ResultOut)
_ITEM_JSON = TypeAdapter(schemas.BatchItem)


def finding_out(finding: Finding) -> schemas.FindingOut:
    """A :class:`~krquality.Finding` as its response model."""
    return schemas.FindingOut.model_validate(finding, from_attributes=True)


def objective_out(
    objective_result: ObjectiveResult, *, key_result_offsets: Sequence[int] = ()
) -> schemas.ObjectiveOut:
    """One objective with its analysed key results and its set-level findings."""
    objective = objective_result.objective
    return schemas.ObjectiveOut(
        title=objective.title,
        line=objective.line,
        key_result_lines=list(objective.key_result_lines),
        key_result_offsets=list(key_result_offsets),
        results=[result_out(r) for r in objective_result.results],
        findings=[finding_out(f) for f in objective_result.findings],
    )


def okr_set_out(
    result: OKRSetResult,
    *,
    key_result_offsets: Sequence[Sequence[int]] = (),
    file_findings: Sequence[Finding] = (),
) -> schemas.OKRSetOut:
    """A whole OKR set; ``key_result_offsets[i]`` are where objective ``i``'s
    key results start in a Markdown document (empty for JSON input)."""
    return schemas.OKRSetOut(
        objectives=[
            objective_out(o, key_result_offsets=key_result_offsets[i] if i < len(key_result_offsets) else ())
            for i, o in enumerate(result.objectives)
        ],
        findings=[finding_out(f) for f in result.findings],
        file_findings=[finding_out(f) for f in file_findings],
    )


def check_out(check: Check) -> schemas.CheckOut:
    """A check of the registry (``krquality.checks.list_checks()``) as catalogue entry.

    >>> from krquality.checks import get_check
    >>> check_out(get_check("KRQ101")).name
    'metric.no_baseline'
    """
    return _catalogue_entry(check, scope=check.scope.value)


def file_check_out(check: FileCheck) -> schemas.CheckOut:
    """A file-level check (``krquality.checks.filelevel``) as catalogue entry.

    >>> from krquality.checks.filelevel import list_file_checks
    >>> file_check_out(list_file_checks()[0]).scope
    'file'
    """
    return _catalogue_entry(check, scope=FILE_SCOPE)


def _catalogue_entry(check: Check | FileCheck, *, scope: str) -> schemas.CheckOut:
    return schemas.CheckOut(
        code=check.code,
        name=check.name,
        alias=check.alias,
        severity=check.severity,
        scope=scope,
        message=check.message,
        docs=check.docs,
        enabled_by_default=check.enabled_by_default,
    )


def model_out(manifest: dict[str, Any], *, version: str) -> schemas.ModelOut:
    """What ``GET /v1/model`` says about the loaded model."""
    metrics = manifest.get("metrics")
    return schemas.ModelOut(
        name=str(manifest.get("name", "")),
        version=version,
        manifest=manifest,
        metrics=metrics if isinstance(metrics, dict) else {},
    )
