"""The YAML OKR reader: shape, positions from node marks, and errors naming the line."""

from __future__ import annotations

import pytest

from krquality import OKRFileError
from krquality.okrfile import OKRFormat, read_okr_text, read_yaml

HEAD = "objectives:\n  - objective: Ship\n    key_results:\n"
TEXT = """\
quarter: Q3
objectives:
  - objective: Delight customers
    owner: Sam
    key_results:
      - Raise NPS from 40 to 55
      - "Cut churn below 2%"
      - text: Launch the help centre by June 30
  - title: Grow revenue
    krs:
      - 'Double ARR'
"""


def test_objectives_and_key_results() -> None:
    doc = read_yaml(TEXT, path="okrs.yaml")
    assert doc.format is OKRFormat.YAML
    assert [o.title for o in doc.objectives] == ["Delight customers", "Grow revenue"]
    assert doc.objectives[0].key_results == (
        "Raise NPS from 40 to 55",
        "Cut churn below 2%",
        "Launch the help centre by June 30",
    )
    assert doc.objectives[0].line == 3
    assert doc.objectives[0].key_result_lines == (6, 7, 8)
    assert doc.objectives[1].key_results == ("Double ARR",)


def test_positions_point_at_the_text_for_plain_and_quoted_scalars() -> None:
    doc = read_yaml(TEXT)
    for source in doc.sources:
        for kr in source.key_results:
            assert kr.verbatim
            assert TEXT[kr.start.offset : kr.start.offset + len(kr.text)] == kr.text
            line = TEXT.split("\n")[kr.start.line - 1]
            assert line[kr.start.column - 1 :].startswith(kr.text)


def test_a_block_scalar_starts_at_its_first_line() -> None:
    text = HEAD + "      - >\n        Launch the portal\n        by June\n"
    kr = read_yaml(text).sources[0].key_results[0]
    assert kr.text == "Launch the portal by June"
    assert (kr.start.line, kr.start.column) == (5, 9)
    assert not kr.verbatim


def test_an_escape_makes_the_text_not_verbatim() -> None:
    text = 'objectives:\n  - objective: Ship\n    key_results: ["Launch \\u00e9 portal"]\n'
    kr = read_yaml(text).sources[0].key_results[0]
    assert kr.text == "Launch é portal"
    assert not kr.verbatim
    assert read_yaml(text).locate(0, 0, 5) == kr.start


def test_missing_and_null_key_results_mean_none() -> None:
    doc = read_yaml("objectives:\n  - objective: Ship\n  - objective: Grow\n    key_results:\n")
    assert [o.key_results for o in doc.objectives] == [(), ()]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("objectives: [\n", r"2:1", "invalid YAML"),
        ("", "", "empty file"),
        ("- a\n- b\n", "", "no objectives or key results found"),
        ("quarter: Q3\n", "", "no objectives or key results found"),
        ("objectives: {a: 1}\n", r"1:13", "'objectives' must be a list"),
        ("objectives:\n  - Ship it\n", r"2:5", "each objective must be a mapping"),
        ("objectives:\n  - key_results: []\n", r"2:5", "objective without an 'objective' title"),
        ("objectives:\n  - objective: Ship\n    key_results: x\n", r"3:18", "'key_results' must be a list"),
        (HEAD + "      - 42\n", r"4:9", r"must be a string, got '42' \(int\)"),
        (HEAD + "      - [a]\n", r"4:9", "must be a string, got a list"),
        (HEAD + "      - {txt: a}\n", r"4:9", "needs a 'text' key"),
        (HEAD + "      - {owner: Ana}\n", r"4:9", "needs a 'text' key"),
        (HEAD + "      - ''\n", r"4:9", "key result is empty"),
        ("objectives:\n  - objective: yes\n", r"2:16", "objective title must be a string"),
    ],
)
def test_malformed_files_raise_okrfileerror_naming_file_and_line(text: str, where: str, message: str) -> None:
    location = "okrs.yaml" + (f":{where}" if where else "")
    with pytest.raises(OKRFileError, match=rf"^{location}: .*{message}"):
        read_okr_text(text, path="okrs.yaml")


def test_error_carries_path_and_line() -> None:
    with pytest.raises(OKRFileError) as info:
        read_yaml("objectives:\n  - objective: Ship\n    key_results: [1]\n", path="a.yml")
    assert (info.value.path, info.value.line) == ("a.yml", 3)


def test_other_key_names_for_titles_and_key_results() -> None:
    text = "objectives:\n  - name: Calm wards\n    keyResults:\n      - description: Noise below 40 dB\n"
    doc = read_yaml(text)
    assert [(o.title, o.key_results) for o in doc.objectives] == [("Calm wards", ("Noise below 40 dB",))]
