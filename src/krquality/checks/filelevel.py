"""Checks that look at an OKR file rather than at analysed text, for the catalogue.

The registry's checks read key results, objectives and sets; a file-level
check needs what only the file has (comments), so its detector lives with the
file readers (:mod:`krquality.okrfile.suppress`). This module describes such
checks in the same terms as the registry's, so that the catalogue
(``docs/checks.md``, ``GET /v1/checks``, SARIF rules, the MCP ``list_checks``
tool) names every code a user can meet.
"""

from __future__ import annotations

from dataclasses import dataclass

from krquality.okrfile import notes
from krquality.okrfile.suppress import (
    NO_REASON_CODE,
    NO_REASON_DOCS,
    NO_REASON_MESSAGE,
    NO_REASON_NAME,
    NO_REASON_SEVERITY,
)
from krquality.result import Severity

FILE_SCOPE = "file"


@dataclass(frozen=True, slots=True, kw_only=True)
class FileCheck:
    """A file-level check: code, names, severity, docs, and Markdown files that flag and pass."""

    code: str
    name: str
    alias: str
    severity: Severity
    message: str
    docs: str
    bad: tuple[str, ...]
    good: tuple[str, ...]
    enabled_by_default: bool = True
    # Where the examples start: most need an objective above them; the
    # "lines not read" examples are about what stands outside any objective.
    example_prefix: str = "# Objective: Grow\n"

    @property
    def family(self) -> str:
        """The first part of the dotted name (``suppression``)."""
        return self.name.split(".")[0]


FILE_CHECKS: tuple[FileCheck, ...] = (
    FileCheck(
        code=NO_REASON_CODE,
        name=NO_REASON_NAME,
        alias="suppression-without-reason",
        severity=NO_REASON_SEVERITY,
        message=NO_REASON_MESSAGE.format(codes="CODE"),
        docs=NO_REASON_DOCS,
        bad=("<!-- krquality: disable KRQ101 -->\n- Raise weekly active teams to 400",),
        good=(
            "<!-- krquality: disable KRQ101 -- the tracker starts this quarter, no earlier figure -->\n"
            "- Raise weekly active teams to 400",
        ),
    ),
    FileCheck(
        code=notes.UNREADABLE_CODE,
        name=notes.UNREADABLE_NAME,
        alias="unreadable-file",
        severity=Severity.ERROR,
        message="The file cannot be read.",
        docs=notes.UNREADABLE_DOCS,
        # Reported by lint for the file as a whole, so the examples are read as
        # whole YAML files (see the test): a broken one flags, a sound one passes.
        bad=("objectives: [unclosed",),
        good=("objectives:\n  - title: Grow\n    key_results:\n      - Raise weekly active teams to 400\n",),
        example_prefix="",
    ),
    FileCheck(
        code=notes.NOT_ENGLISH_CODE,
        name=notes.NOT_ENGLISH_NAME,
        alias="not-english",
        severity=Severity.INFO,
        message=notes.NOT_ENGLISH_MESSAGE.format(language="another language"),
        docs=notes.NOT_ENGLISH_DOCS,
        bad=("- KR1: Aumentar a receita recorrente em 20% até dezembro com novos clientes",),
        good=("- KR1: Raise weekly active teams from 300 to 400",),
    ),
    FileCheck(
        code=notes.NOT_READ_CODE,
        name=notes.NOT_READ_NAME,
        alias="lines-not-read",
        severity=Severity.INFO,
        message="List items not read as key results.",
        docs=notes.NOT_READ_DOCS,
        bad=(
            "- Ask finance for the churn export\n- Maybe a survey?\n\n"
            "# Objective: Grow\n- Raise weekly active teams to 400",
        ),
        good=("# Objective: Grow\n- Raise weekly active teams to 400",),
        example_prefix="",
    ),
)


def list_file_checks() -> tuple[FileCheck, ...]:
    """Every file-level check, in code order.

    >>> [c.code for c in list_file_checks()]
    ['KRQ900', 'KRQ901', 'KRQ902', 'KRQ903']
    """
    return FILE_CHECKS
