"""The Markdown OKR reader: what is an objective, what is a key result, and where they are."""

from __future__ import annotations

import pytest

from krquality import OKRFileError
from krquality.okrfile import OKRFormat, read_markdown, read_okr_file, read_okr_text


def _at(text: str, offset: int, length: int) -> str:
    return text[offset : offset + length]


def test_heading_objective_with_bullet_key_results() -> None:
    text = "# Delight customers\n\n- Raise NPS from 40 to 55\n- Launch the help centre by June 30\n"
    doc = read_markdown(text, path="okrs.md")
    (objective,) = doc.objectives
    assert objective.title == "Delight customers"
    assert objective.key_results == ("Raise NPS from 40 to 55", "Launch the help centre by June 30")
    assert objective.line == 1
    assert objective.key_result_lines == (3, 4)


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("## Objective: Delight customers", "Delight customers"),
        ("## Objective 2: Delight customers", "Delight customers"),
        ("### O1: Delight customers", "Delight customers"),
        ("# **Delight customers**", "Delight customers"),
        ("## Delight customers ##", "Delight customers"),
    ],
)
def test_objective_prefixes_and_emphasis_are_stripped(heading: str, title: str) -> None:
    doc = read_markdown(f"{heading}\n- Raise NPS to 55\n")
    assert doc.objectives[0].title == title
    start = doc.sources[0].start
    assert _at(doc.text, start.offset, len(title)) == title


def test_top_level_bullets_with_nested_key_results() -> None:
    text = "- Delight customers\n  - Raise NPS to 55\n  - Cut churn below 2%\n- Grow revenue\n  - Double ARR"
    doc = read_markdown(text)
    assert [o.title for o in doc.objectives] == ["Delight customers", "Grow revenue"]
    assert doc.objectives[0].key_results == ("Raise NPS to 55", "Cut churn below 2%")
    assert doc.objectives[1].key_result_lines == (5,)


@pytest.mark.parametrize("prefix", ["KR1: ", "KR 1: ", "**KR1:** ", "KR1.2: ", "Key result 3: ", "KR: "])
def test_kr_lines_are_key_results_without_their_prefix(prefix: str) -> None:
    doc = read_markdown(f"Objective: Delight customers\n{prefix}Raise NPS to 55\n")
    assert doc.objectives[0].title == "Delight customers"
    assert doc.objectives[0].key_results == ("Raise NPS to 55",)
    kr = doc.sources[0].key_results[0]
    assert kr.start.column == len(prefix) + 1


def test_checkbox_and_numbered_bullets() -> None:
    doc = read_markdown("# Ship it\n1. [ ] Launch the portal\n2) [x] Migrate billing by May\n")
    assert doc.objectives[0].key_results == ("Launch the portal", "Migrate billing by May")


def test_notes_nested_under_key_results_are_skipped() -> None:
    text = "## Objective: Ship\n- Launch the portal\n  - owner: Sam\n- Migrate billing\n"
    assert read_markdown(text).objectives[0].key_results == ("Launch the portal", "Migrate billing")


def test_section_headings_without_key_results_are_dropped() -> None:
    text = "# Q3 OKRs\n\nSome intro.\n\n## Delight customers\n- Raise NPS to 55\n"
    assert [o.title for o in read_markdown(text).objectives] == ["Delight customers"]


def test_heading_section_holding_bullet_objectives() -> None:
    text = "# Team Atlas\n- Delight customers\n  - Raise NPS to 55\n- Grow revenue\n  - Double ARR\n"
    assert [o.title for o in read_markdown(text).objectives] == ["Delight customers", "Grow revenue"]


def test_fenced_code_and_comments_are_ignored() -> None:
    text = "# Ship\n```\n- not a key result\n```\n<!--\n- nor this\n-->\n- Launch the portal\n"
    assert read_markdown(text).objectives[0].key_results == ("Launch the portal",)


def test_crlf_line_endings_keep_positions() -> None:
    text = "# Ship\r\n- Launch the portal\r\n"
    doc = read_markdown(text)
    kr = doc.sources[0].key_results[0]
    assert kr.text == "Launch the portal"
    assert (kr.start.line, kr.start.column) == (2, 3)
    assert _at(text, kr.start.offset, len(kr.text)) == kr.text


def test_locate_maps_a_span_inside_the_key_result() -> None:
    text = "# Ship\n  - KR1: Launch the partner portal\n"
    doc = read_markdown(text)
    position = doc.locate(0, 0, len("Launch the "))
    assert text[position.offset :].startswith("partner portal")
    assert (position.line, position.column) == (2, len("  - KR1: Launch the ") + 1)


@pytest.mark.parametrize(
    ("text", "line", "title"),
    [
        ("intro\n\nKR1: Raise NPS to 55\n", 3, "(no objective)"),
        ("\n- KR2: Raise NPS\n", 2, "(no objective)"),
        ("## Kitchen\n\nKR: Halve food waste\n", 3, "Kitchen"),
    ],
)
def test_a_key_result_before_any_objective_is_read_under_its_heading(
    text: str, line: int, title: str
) -> None:
    doc = read_markdown(text, path="okrs.md")
    assert [(o.title, o.key_result_lines) for o in doc.objectives] == [(title, (line,))]


def test_an_empty_file_has_no_objectives() -> None:
    assert read_markdown("").objectives == ()


def test_read_okr_file_detects_the_format(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "okrs.md"  # type: ignore[operator]
    path.write_text("# Ship\n- Launch the portal\n", encoding="utf-8")
    doc = read_okr_file(path)
    assert doc.format is OKRFormat.MARKDOWN
    assert doc.path == str(path)


def test_read_okr_file_names_a_file_that_is_not_utf8(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "okrs.md"  # type: ignore[operator]
    path.write_bytes(b"# Ship\n- \xff\xfe\n")
    with pytest.raises(OKRFileError, match=r"okrs\.md: not UTF-8"):
        read_okr_file(path)


@pytest.mark.parametrize(
    ("path", "fmt"), [("okrs", "markdown"), ("okrs.okr", "markdown"), ("okrs.txt", "text")]
)
def test_read_okr_text_picks_the_format_by_suffix(path: str, fmt: str) -> None:
    assert read_okr_text("# Ship\n- Launch it\n- Grow it\n", path=path).format.value == fmt
