"""File-level checks: their catalogue entries and their examples, run through the file reader."""

from __future__ import annotations

import pytest

from krquality.checks import list_checks
from krquality.checks.filelevel import list_file_checks
from krquality.checks.registry import validate_patterns
from krquality.okrfile import read_okr_text


@pytest.mark.parametrize("check", list_file_checks(), ids=lambda c: c.code)
def test_examples_flag_and_pass(check):  # type: ignore[no-untyped-def]
    assert check.bad and check.good
    for text in check.bad:
        codes = [f.finding.code for f in read_okr_text("# Objective: Grow\n" + text, path="x.md").findings]
        assert check.code in codes, text
    for text in check.good:
        codes = [f.finding.code for f in read_okr_text("# Objective: Grow\n" + text, path="x.md").findings]
        assert check.code not in codes, text


def test_codes_names_and_aliases_are_new_and_configurable() -> None:
    taken = {key for c in list_checks() for key in (c.code, c.name, c.alias)}
    for check in list_file_checks():
        assert not {check.code, check.name, check.alias} & taken
        validate_patterns((check.code, check.name, check.alias), setting="disable")
