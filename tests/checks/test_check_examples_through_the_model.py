"""Every key-result check's examples hold through the full engine, with the model's own label."""

from __future__ import annotations

import pytest

import krquality
from krquality.checks.base import Example
from krquality.checks.registry import list_checks

CASES = [
    pytest.param(check.code, example.text, must_flag, id=f"{check.code}-{'bad' if must_flag else 'good'}-{n}")
    for check in list_checks()
    for must_flag, examples in ((True, check.bad), (False, check.good))
    for n, example in enumerate(examples)
    if isinstance(example, Example)
]


@pytest.mark.parametrize(("code", "text", "must_flag"), CASES)
def test_the_example_flags_or_passes_through_analyze(code: str, text: str, must_flag: bool) -> None:
    codes = {f.code for f in krquality.analyze(text, suggestions=False).findings}
    assert (code in codes) is must_flag
