"""Request and response models of the HTTP service, and nothing else.

The core returns frozen dataclasses; these pydantic models mirror them at the
edge (``from_attributes=True``), so :mod:`krquality.api.convert` maps a
:class:`krquality.Result` to :class:`ResultOut` without copying it by hand.
Limits that depend on :class:`~krquality.api.settings.Settings` (longest
text, most items) are written into the OpenAPI document by
:func:`krquality.api.app.create_app`, and enforced by the routes with
:func:`krquality.validate_text`, so the messages match the CLI's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from krquality.labels import Label
from krquality.result import Severity

# Marks a string field whose maxLength is ``Settings.max_chars`` and a list
# whose maxItems is ``Settings.max_batch`` (replaced when the schema is built).
KR_TEXT: JsonDict = {"x-krq-limit": "max_chars", "pattern": r"\S"}
KR_LIST: JsonDict = {"x-krq-limit": "max_batch"}

EXAMPLE_TEXT = "Increase trial-to-paid conversion from 4% to 7% by Q3"

# A real response (model krq-svm-20261124), shortened to two decimals; the
# suggestion is what the rewriter drafts for a missing baseline.
RESULT_EXAMPLE: JsonDict = {
    "text": "Increase NPS to 48 by Q3",
    "label": "metric",
    "probabilities": {"metric": 0.99, "milestone": 0.0, "task": 0.01},
    "confident": True,
    "evidence": [
        {"span": {"start": 13, "end": 18, "text": "to 48"}, "reason": "change from baseline to target"},
        {"span": {"start": 0, "end": 8, "text": "Increase"}, "reason": "outcome verb"},
        {"span": {"start": 19, "end": 24, "text": "by Q3"}, "reason": "deadline"},
    ],
    "structured": {
        "metric": "NPS",
        "direction": "increase",
        "baseline": None,
        "target": 48.0,
        "unit": None,
        "deadline": "Q3",
        "deliverable": None,
    },
    "features": {
        "text": "Increase NPS to 48 by Q3",
        "body": {"start": 0, "end": 24, "text": "Increase NPS to 48 by Q3"},
        "form": "imperative",
        "lead_verb": {
            "span": {"start": 0, "end": 8, "text": "Increase"},
            "lemma": "increase",
            "verb_class": "outcome",
            "corrected": False,
        },
        "quantities": [
            {
                "span": {"start": 16, "end": 18, "text": "48"},
                "kind": "number",
                "value": 48.0,
                "unit": None,
                "scale": None,
            }
        ],
        "dates": [
            {"span": {"start": 19, "end": 24, "text": "by Q3"}, "normalized": "Q3", "is_deadline": True}
        ],
        "changes": [
            {
                "span": {"start": 13, "end": 18, "text": "to 48"},
                "direction": "increase",
                "baseline": None,
                "target": {
                    "span": {"start": 16, "end": 18, "text": "48"},
                    "kind": "number",
                    "value": 48.0,
                    "unit": None,
                    "scale": None,
                },
                "is_relative": False,
            }
        ],
        "markers": [{"span": {"start": 9, "end": 12, "text": "NPS"}, "kind": "measure", "lemma": "nps"}],
        "n_words": 6,
    },
    "findings": [
        {
            "code": "KRQ101",
            "name": "metric.no_baseline",
            "severity": "warning",
            "message": 'The target has no starting value. Add the baseline ("from 41 to 48") so progress '
            "can be measured and the ambition judged.",
            "start": 13,
            "end": 18,
            "fix": None,
        }
    ],
    "score": 88,
    "grade": "B",
    "suggestions": [
        {
            "text": "Increase NPS from [baseline] to 48 by Q3",
            "label": "metric",
            "score": 100,
            "fixes": ["KRQ101"],
            "placeholders": ["[baseline]"],
        }
    ],
    "model_version": "krq-svm-20261124-a4dc3640",
}


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --------------------------------------------------------------------------- results


class SpanOut(_Out):
    """``text[start:end]`` of the analysed key result (Python string indices)."""

    start: int
    end: int
    text: str


class QuantityOut(_Out):
    span: SpanOut
    kind: str = Field(description="number, percent, money, multiplier, rating or placeholder")
    value: float | None
    unit: str | None = None
    scale: float | None = None


class DateOut(_Out):
    span: SpanOut
    normalized: str | None
    is_deadline: bool


class ChangeOut(_Out):
    span: SpanOut
    direction: str
    baseline: QuantityOut | None
    target: QuantityOut | None
    is_relative: bool = False


class LeadVerbOut(_Out):
    span: SpanOut
    lemma: str
    verb_class: str
    corrected: bool = False


class MarkerOut(_Out):
    span: SpanOut
    kind: str
    lemma: str


class FeaturesOut(_Out):
    """What the spaCy pipeline found in the key result, each piece with its span."""

    text: str
    body: SpanOut
    form: str
    lead_verb: LeadVerbOut | None
    quantities: list[QuantityOut] = []
    dates: list[DateOut] = []
    changes: list[ChangeOut] = []
    markers: list[MarkerOut] = []
    n_words: int = 0


class FixOut(_Out):
    """Replace ``text[start:end]`` by ``replacement``."""

    start: int
    end: int
    replacement: str


class FindingOut(_Out):
    """One weakness found by a check, at ``text[start:end]``."""

    code: str = Field(examples=["KRQ101"])
    name: str = Field(examples=["metric.no_baseline"])
    severity: Severity
    message: str
    start: int
    end: int
    fix: FixOut | None = None


class SuggestionOut(_Out):
    """A rewritten key result, itself re-analysed."""

    text: str = Field(
        description="The rewrite; a key result joining two (KRQ403) is split into one key result per line."
    )
    label: Label
    score: int = Field(
        description="The rewrite's score with its placeholders filled by plausible values (never shown):"
        " what the key result scores once its author fills them in; for a split, its weakest line's."
    )
    fixes: list[str] = Field(description="Codes of the findings this rewrite fixes.")
    placeholders: list[str] = []


class StructuredOut(_Out):
    metric: str | None = None
    direction: str | None = None
    baseline: float | None = None
    target: float | None = None
    unit: str | None = None
    deadline: str | None = None
    deliverable: str | None = None


class EvidenceOut(_Out):
    span: SpanOut
    reason: str


class ResultOut(_Out):
    """Everything krquality says about one key result."""

    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [RESULT_EXAMPLE]})

    text: str
    label: Label
    probabilities: dict[str, float]
    confident: bool
    evidence: list[EvidenceOut]
    structured: StructuredOut
    features: FeaturesOut
    findings: list[FindingOut] = []
    score: int = Field(ge=0, le=100)
    grade: str
    suggestions: list[SuggestionOut] = []
    model_version: str
    band: str = Field(
        default="",
        description="The score's band on the scale of docs/checks.md: outcome, checkable, partial, unclear"
        " or activity.",
    )
    no_suggestion: str = Field(
        default="",
        description='Why a key result with findings has no suggestion ("no safe rewrite: ..."), or "".',
    )


# --------------------------------------------------------------------------- problems


class FieldError(BaseModel):
    """One invalid field of a request."""

    field: str = Field(description="Dotted path of the field, e.g. texts[3] or body.text.")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, served as ``application/problem+json``."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:krquality:problem:invalid-input",
                    "title": "Invalid input",
                    "status": 422,
                    "detail": "text is empty",
                    "instance": "/v1/classify",
                    "errors": [{"field": "text", "message": "text is empty"}],
                }
            ]
        }
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] = []


# --------------------------------------------------------------------------- /v1/classify


class ClassifyRequest(BaseModel):
    """One key result."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"text": EXAMPLE_TEXT, "suggestions": True}]}
    )

    text: str = Field(min_length=1, json_schema_extra=KR_TEXT, description="The key result.")
    suggestions: bool = Field(True, description="Also return rewrite suggestions (slower).")


class BatchRequest(BaseModel):
    """Many key results, analysed in one go."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "texts": [EXAMPLE_TEXT, "Launch the partner portal", "Hold weekly pipeline reviews"],
                    "suggestions": False,
                }
            ]
        },
    )

    texts: list[str] = Field(min_length=1, json_schema_extra=KR_LIST, description="Key results.")
    suggestions: bool = Field(True, description="Also return rewrite suggestions (slower).")


class BatchItem(BaseModel):
    """The outcome for ``texts[index]``: a result, or the error that item alone has."""

    index: int
    result: ResultOut | None = None
    error: Problem | None = None


class BatchResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "results": [
                        {"index": 0, "result": RESULT_EXAMPLE, "error": None},
                        {
                            "index": 1,
                            "result": None,
                            "error": {
                                "type": "urn:krquality:problem:invalid-input",
                                "title": "Invalid input",
                                "status": 422,
                                "detail": "texts[1] is empty",
                                "instance": None,
                                "errors": [{"field": "texts[1]", "message": "texts[1] is empty"}],
                            },
                        },
                    ],
                    "n_ok": 1,
                    "n_errors": 1,
                }
            ]
        }
    )

    results: list[BatchItem] = Field(description="In input order.")
    n_ok: int
    n_errors: int


# --------------------------------------------------------------------------- /v1/okrs


class ObjectiveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, description="The objective.")
    key_results: list[str] = Field(description="Its key results.")


class OKRRequest(BaseModel):
    """Objectives with their key results."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "objectives": [
                        {
                            "title": "Delight new customers",
                            "key_results": [
                                "Increase trial-to-paid conversion from 4% to 7% by Q3",
                                "Launch the in-app onboarding checklist by June 30",
                            ],
                        }
                    ],
                    "suggestions": True,
                }
            ]
        },
    )

    objectives: list[ObjectiveIn] = Field(min_length=1, json_schema_extra=KR_LIST)
    suggestions: bool = True


class MarkdownOKRRequest(BaseModel):
    """An OKR document in Markdown, read by :mod:`krquality.okrfile`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "markdown": "# Delight new customers\n"
                    "- Increase trial-to-paid conversion from 4% to 7% by Q3\n"
                    "- Launch the in-app onboarding checklist by June 30\n",
                    "suggestions": True,
                }
            ]
        },
    )

    markdown: str = Field(min_length=1, description="Objectives as headings, key results as list items.")
    suggestions: bool = True


class ObjectiveOut(BaseModel):
    title: str
    line: int | None = Field(None, description="1-based line of the objective, for Markdown input.")
    key_result_lines: list[int] = Field(
        [], description="1-based line of each key result, for Markdown input."
    )
    key_result_offsets: list[int] = Field(
        [], description="Character offset where each key result starts in the Markdown input."
    )
    results: list[ResultOut]
    findings: list[FindingOut] = Field([], description="Set-level findings on this objective.")


class OKRSetOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "objectives": [
                        {
                            "title": "Delight new customers",
                            "line": 1,
                            "key_result_lines": [2],
                            "key_result_offsets": [26],
                            "results": [RESULT_EXAMPLE],
                            "findings": [
                                {
                                    "code": "KRQ501",
                                    "name": "set.too_few_key_results",
                                    "severity": "warning",
                                    "message": "An objective needs 2 to 4 key results; this one has 1.",
                                    "start": 0,
                                    "end": 21,
                                    "fix": None,
                                }
                            ],
                        }
                    ],
                    "findings": [],
                    "file_findings": [],
                }
            ]
        }
    )

    objectives: list[ObjectiveOut]
    findings: list[FindingOut] = Field([], description="Findings on the whole set.")
    file_findings: list[FindingOut] = Field(
        [], description="Findings on the Markdown document itself; start/end are offsets into it."
    )


# --------------------------------------------------------------------------- catalogue, model, health


class CheckOut(BaseModel):
    code: str = Field(examples=["KRQ101"])
    name: str = Field(examples=["metric.no_baseline"])
    alias: str = Field(examples=["metric-without-baseline"])
    severity: Severity
    scope: str = Field(description="key_result, objective, set or file.")
    message: str
    docs: str
    enabled_by_default: bool = True


class ChecksOut(BaseModel):
    checks: list[CheckOut]


class ModelOut(BaseModel):
    model_config = ConfigDict(protected_namespaces=())

    name: str
    version: str
    manifest: dict[str, Any]
    metrics: dict[str, Any]


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyOut(BaseModel):
    model_config = ConfigDict(protected_namespaces=())

    status: Literal["ready", "loading", "failed"]
    model_version: str | None = None
    detail: str | None = None
    degraded: bool = Field(
        False, description="The worker lost its helper processes and analyses alone, on fewer cores."
    )


# --------------------------------------------------------------------------- LanguageTool /v2


class LTCheckForm(BaseModel):
    """The form fields of LanguageTool's ``POST /v2/check`` that krquality reads.

    Other LanguageTool fields (``motherTongue``, ``level``...) are accepted and ignored.
    """

    model_config = ConfigDict(extra="ignore")

    text: str | None = Field(None, description="The text; each non-empty line is one key result.")
    data: str | None = Field(
        None, description='JSON {"annotation": [{"text": ...}, {"markup": ..., "interpretAs": ...}]}.'
    )
    language: str = Field("auto", description="en, en-US, en-GB... or auto.")
    enabledRules: str | None = None
    disabledRules: str | None = None
    enabledOnly: str | None = None


class LTReplacement(BaseModel):
    value: str


class LTContext(BaseModel):
    text: str
    offset: int
    length: int


class LTCategory(BaseModel):
    id: str
    name: str


class LTRule(BaseModel):
    id: str
    description: str
    issueType: str
    category: LTCategory


class LTType(BaseModel):
    typeName: str = "Other"


class LTMatch(BaseModel):
    """One finding, as LanguageTool reports a match (offsets in UTF-16 code units)."""

    message: str
    shortMessage: str
    replacements: list[LTReplacement]
    offset: int
    length: int
    context: LTContext
    sentence: str
    type: LTType
    rule: LTRule
    ignoreForIncompleteSentence: bool = False
    contextForSureMatch: int = 0


class LTSoftware(BaseModel):
    name: str = "krquality"
    version: str
    buildDate: str = ""
    apiVersion: int = 1
    premium: bool = False
    status: str = ""


class LTDetectedLanguage(BaseModel):
    name: str
    code: str
    confidence: float = 1.0


class LTLanguage(BaseModel):
    name: str
    code: str
    detectedLanguage: LTDetectedLanguage


class LTWarnings(BaseModel):
    incompleteResults: bool = False


class LTCheckResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "software": {
                        "name": "krquality",
                        "version": "0.1.0",
                        "buildDate": "",
                        "apiVersion": 1,
                        "premium": False,
                        "status": "",
                    },
                    "warnings": {"incompleteResults": False},
                    "language": {
                        "name": "English (US)",
                        "code": "en-US",
                        "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 1.0},
                    },
                    "matches": [
                        {
                            "message": "The target has no starting value. Add the baseline "
                            '("from 41 to 48") so progress can be measured and the ambition judged.',
                            "shortMessage": "No baseline",
                            "replacements": [{"value": "Increase NPS from [baseline] to 48 by Q3"}],
                            "offset": 0,
                            "length": 24,
                            "context": {"text": "Increase NPS to 48 by Q3", "offset": 0, "length": 24},
                            "sentence": "Increase NPS to 48 by Q3",
                            "type": {"typeName": "Other"},
                            "rule": {
                                "id": "KRQ101",
                                "description": "The target has no starting value.",
                                "issueType": "style",
                                "category": {"id": "KRQ_METRIC", "name": "Key results: metric"},
                            },
                            "ignoreForIncompleteSentence": False,
                            "contextForSureMatch": 0,
                        }
                    ],
                }
            ]
        }
    )

    software: LTSoftware
    warnings: LTWarnings
    language: LTLanguage
    matches: list[LTMatch]


class LTLanguageInfo(BaseModel):
    name: str
    code: str
    longCode: str


# --------------------------------------------------------------------------- /v1/feedback


class FeedbackRequest(BaseModel):
    """A user's correction of one key result's label."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "Migrate billing to the new ledger by June",
                    "label": "milestone",
                    "model_label": "task",
                    "reason": "the migration done is the end state",
                }
            ]
        },
    )

    text: str = Field(min_length=1, json_schema_extra=KR_TEXT, description="The key result as analysed.")
    label: Literal["metric", "milestone", "task", "not_kr"] = Field(
        description="The right label, or not_kr when the text is not a key result at all."
    )
    model_label: Label | None = Field(
        None, description="The label the model gave; the service analyses the text to fill it when absent."
    )
    model_probabilities: dict[str, float] | None = Field(None, description="The model's probabilities.")
    model_version: str | None = Field(None, max_length=200, description="The model that gave them.")
    reason: str | None = Field(None, max_length=2000, description="Why the model's label is wrong.")
    suggestion: str | None = Field(
        None, max_length=2000, description="A rewrite the user took up or turned down."
    )
    suggestion_accepted: bool | None = Field(None, description="Whether the suggestion was taken up.")
    rejected_checks: list[Annotated[str, Field(pattern=r"^KRQ\d{3}$")]] = Field(
        default_factory=list, max_length=50, description="Finding codes the user says are wrong here."
    )
    user: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Opaque id of the user (an editor's installation id); default: a digest of the API key.",
    )
    source: Literal["service", "cli", "editor", "playground", "library"] = Field(
        "service", description="Where the correction was made."
    )


class StandingOut(BaseModel):
    """The label a text's corrections resolve to (latest per user, majority across users)."""

    label: Literal["metric", "milestone", "task", "not_kr"]
    users: int
    corrections: int


class CorrectionOut(_Out):
    """A stored correction."""

    id: int
    created_at: datetime
    text: str
    label: str
    user: str
    source: str
    model_label: str | None = None
    model_probabilities: dict[str, float] | None = None
    model_version: str | None = None
    reason: str | None = None
    suggestion: str | None = None
    suggestion_accepted: bool | None = None
    rejected_checks: list[str] = []
    standing: StandingOut | None = Field(
        None, description="What this text's corrections resolve to now (null: the model's label stands)."
    )


class FeedbackPage(BaseModel):
    """A page of corrections, newest first."""

    items: list[CorrectionOut]
    total: int
    offset: int
    limit: int


class ConfusionOut(BaseModel):
    model_label: str
    label: str
    count: int


class RejectedCheckOut(BaseModel):
    code: str
    count: int


class FeedbackStatsOut(BaseModel):
    """What the corrections say, counted."""

    corrections: int
    texts: int
    users: int
    standing: int = Field(description="Texts whose corrections resolve to a label.")
    contested: int = Field(description="Texts whose users' corrections tie.")
    by_label: dict[str, int]
    confusions: list[ConfusionOut] = Field(description="Model label -> corrected label, most frequent first.")
    rejected_checks: list[RejectedCheckOut]
    rejected_suggestions: int
    accepted_suggestions: int
