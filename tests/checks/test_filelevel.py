"""File-level checks: their catalogue entries and their examples, run through the file reader."""

from __future__ import annotations

import pytest

from krquality.checks import list_checks
from krquality.checks.filelevel import list_file_checks
from krquality.checks.registry import validate_patterns
from krquality.errors import OKRFileError
from krquality.okrfile import read_okr_text
from krquality.okrfile.notes import UNREADABLE_CODE, for_analysis


def _codes(check, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The file-level codes lint reports for ``text``, read as that check's examples are."""
    if check.code == UNREADABLE_CODE:
        try:
            read_okr_text(text, path="x.yaml")
        except OKRFileError:
            return [UNREADABLE_CODE]
        return []
    document = for_analysis(read_okr_text(check.example_prefix + text, path="x.md"))
    return [f.finding.code for f in document.findings]


@pytest.mark.parametrize("check", list_file_checks(), ids=lambda c: c.code)
def test_examples_flag_and_pass(check):  # type: ignore[no-untyped-def]
    assert check.bad and check.good
    for text in check.bad:
        assert check.code in _codes(check, text), text
    for text in check.good:
        assert check.code not in _codes(check, text), text


def test_codes_names_and_aliases_are_new_and_configurable() -> None:
    taken = {key for c in list_checks() for key in (c.code, c.name, c.alias)}
    for check in list_file_checks():
        assert not {check.code, check.name, check.alias} & taken
        validate_patterns((check.code, check.name, check.alias), setting="disable")
