"""docs/checks.md is generated from the registry and must not drift."""

from __future__ import annotations

from pathlib import Path

from krquality.checks import list_checks, render_checks_markdown

PAGE = Path(__file__).resolve().parent.parent / "docs" / "checks.md"


def test_the_checks_page_is_current() -> None:
    assert PAGE.read_text(encoding="utf-8") == render_checks_markdown(), (
        "docs/checks.md is stale: run `python -m krquality.checks.docs > docs/checks.md`"
    )


def test_every_check_has_a_section_with_its_examples() -> None:
    page = render_checks_markdown()
    for check in list_checks():
        assert f"### {check.code} `{check.name}`" in page
        assert check.bad[0].markdown().splitlines()[0].lstrip("- ") in page
        assert check.good[0].markdown().splitlines()[0].lstrip("- ") in page


def test_the_score_formula_is_documented() -> None:
    assert "score = min(ceiling, 100 - 30 * E - 12 * W - 4 * I)" in render_checks_markdown()
