"""The registry: every check well formed, documented and exemplified."""

from __future__ import annotations

import pytest

from krquality.checks import Scope, UnknownCheckError, get_check, list_checks
from krquality.checks.registry import matching, validate_patterns

CHECKS = list_checks()
FAMILY_DIGIT = {"metric": "1", "milestone": "2", "task": "3", "wording": "4", "set": "5", "input": "6"}


def test_every_check_has_a_bad_and_a_good_example() -> None:
    missing = [c.code for c in CHECKS if not c.bad or not c.good]
    assert missing == []


def test_codes_names_and_aliases_are_unique() -> None:
    for attribute in ("code", "name", "alias"):
        values = [getattr(c, attribute) for c in CHECKS]
        assert len(values) == len(set(values)), attribute


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_the_code_hundreds_digit_is_the_family(check) -> None:
    assert check.code[3] == FAMILY_DIGIT[check.family]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.code)
def test_every_check_explains_itself(check) -> None:
    assert check.message.strip() and len(check.docs) > 80


def test_set_checks_come_after_key_result_checks() -> None:
    scopes = [c.scope is Scope.KEY_RESULT for c in CHECKS]
    assert scopes == sorted(scopes, reverse=True)


@pytest.mark.parametrize(
    "key", ["KRQ101", "krq101", "metric.no_baseline", "metric-without-baseline", " KRQ101 "]
)
def test_a_check_is_found_by_code_name_or_alias(key) -> None:
    assert get_check(key).code == "KRQ101"


def test_an_unknown_check_is_an_error_naming_it() -> None:
    with pytest.raises(UnknownCheckError, match="'KRQ999'"):
        get_check("KRQ999")


@pytest.mark.parametrize(
    ("pattern", "codes"),
    [
        ("milestone", {"KRQ201", "KRQ202"}),
        ("milestone.", {"KRQ201", "KRQ202"}),
        ("KRQ2", {"KRQ201", "KRQ202"}),
        ("wording.hedge", {"KRQ402"}),
        ("hedge", {"KRQ402"}),
    ],
)
def test_patterns_match_families_and_checks(pattern, codes) -> None:
    assert {c.code for c in matching(pattern)} == codes


def test_the_wildcard_matches_everything() -> None:
    assert matching("*") == CHECKS


def test_a_pattern_naming_no_check_is_rejected() -> None:
    with pytest.raises(UnknownCheckError, match=r"disable: unknown check 'metrics\.no_baseline'"):
        validate_patterns(("metric", "metrics.no_baseline"), setting="disable")


def test_the_file_level_suppression_code_may_be_configured() -> None:
    validate_patterns(("KRQ900", "suppression.no_reason"), setting="severity")
