"""Located diagnostics for OKR files and their output formats (text, JSON, SARIF, rdjson).

>>> render(LintFormat.JSON, [], rules=())
'[]\\n'
"""

from __future__ import annotations

from krquality.lintformat.diagnostics import (
    FINGERPRINT_KEY,
    Diagnostic,
    Region,
    Replacement,
    Rule,
    collect_diagnostics,
    fingerprint,
    has_errors,
    rules,
)
from krquality.lintformat.formats import (
    LintFormat,
    render,
    render_json,
    render_rdjson,
    render_sarif,
    render_text,
)

__all__ = [
    "FINGERPRINT_KEY",
    "Diagnostic",
    "LintFormat",
    "Region",
    "Replacement",
    "Rule",
    "collect_diagnostics",
    "fingerprint",
    "has_errors",
    "render",
    "render_json",
    "render_rdjson",
    "render_sarif",
    "render_text",
    "rules",
]
