"""The project's URL is written once, and every rule's help link lands on a section of docs/checks.md."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from krquality.links import CHECKS_DOC_URL, PROJECT_URL, heading_anchor
from krquality.lintformat import LintFormat, render, rules

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_urls_are_the_project_url() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls["Source"] == PROJECT_URL
    assert all(url.startswith(PROJECT_URL) for url in urls.values())


def test_every_rule_links_to_its_own_section_of_the_checks_page() -> None:
    page = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    anchors = {heading_anchor(m[1]) for m in re.finditer(r"^#{1,6} (.+)$", page, flags=re.MULTILINE)}
    sarif = json.loads(render(LintFormat.SARIF, [], rules=rules()))
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == PROJECT_URL
    links = {rule["id"]: rule["helpUri"] for rule in driver["rules"]}
    assert "KRQ900" in links and len(links) == len(rules())
    for code, link in links.items():
        page_url, _, anchor = link.partition("#")
        assert page_url == CHECKS_DOC_URL
        assert anchor in anchors, code
        assert anchor.startswith(code.lower() + "-")


def test_rdjson_names_the_project() -> None:
    rdjson = json.loads(render(LintFormat.RDJSON, [], rules=rules()))
    assert rdjson["source"] == {"name": "krquality", "url": PROJECT_URL}


def test_the_docs_checks_page_lists_the_file_level_check() -> None:
    page = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert "| KRQ900 | `suppression.no_reason` | warning | file |" in page
    assert "### KRQ900 `suppression.no_reason`" in page


@given(st.text(max_size=60))
def test_an_anchor_is_lower_case_with_no_spaces_or_punctuation_but_dashes(heading: str) -> None:
    anchor = heading_anchor(heading)
    assert " " not in anchor and anchor == anchor.lower()
    assert all(ch.isalnum() or ch in "-_" for ch in anchor)
    assert heading_anchor(anchor) == anchor  # an anchor is its own anchor
