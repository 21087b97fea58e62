"""Where the project lives on the web: the one place its URLs are written.

SARIF and rdjson name the tool by :data:`PROJECT_URL` and link each rule to
its section of ``docs/checks.md`` (:func:`check_help_uri`); ``pyproject.toml``
repeats the URL in ``[project.urls]``, and a test keeps the two the same.
"""

from __future__ import annotations

import re

PROJECT_URL = "https://github.com/krquality/krquality"
DOCS_URL = f"{PROJECT_URL}/blob/main/docs"
CHECKS_DOC_URL = f"{DOCS_URL}/checks.md"

# GitHub keeps letters, digits, spaces, '-' and '_' of a heading, then turns spaces into '-'.
_NOT_IN_SLUG = re.compile(r"[^\w\- ]")


def heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading (without its ``#`` marks).

    >>> heading_anchor("KRQ101 `metric.no_baseline`")
    'krq101-metricno_baseline'
    """
    return _NOT_IN_SLUG.sub("", heading.strip().lower()).replace(" ", "-")


def check_heading(code: str, name: str) -> str:
    """The heading of a check's section in ``docs/checks.md``.

    >>> check_heading("KRQ900", "suppression.no_reason")
    'KRQ900 `suppression.no_reason`'
    """
    return f"{code} `{name}`"


def check_help_uri(code: str, name: str) -> str:
    """The web address of a check's section in the catalogue.

    >>> check_help_uri("KRQ101", "metric.no_baseline")
    'https://github.com/krquality/krquality/blob/main/docs/checks.md#krq101-metricno_baseline'
    """
    return f"{CHECKS_DOC_URL}#{heading_anchor(check_heading(code, name))}"
