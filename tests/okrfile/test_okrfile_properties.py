"""Invariants of both readers over arbitrary and generated files (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krquality import OKRFileError
from krquality.okrfile import OKRDocument, read_markdown, read_yaml

# Text with the characters that matter to the readers over-represented.
markdownish = st.text(
    alphabet=st.sampled_from(list("#-*+ \t\n\r1.):[]xKRObjective<!->`~é𐐀\"'{}&|")) | st.characters(),
    max_size=300,
)

words = (
    st.text(alphabet=st.sampled_from(list("abcdefgh XYZ%$0123456789éß")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


def _assert_positions(doc: OKRDocument) -> None:
    lines = doc.text.split("\n")
    for objective, source in zip(doc.objectives, doc.sources, strict=True):
        assert objective.line == source.start.line
        assert len(objective.key_results) == len(source.key_results) == len(objective.key_result_lines)
        rows = zip(objective.key_results, objective.key_result_lines, source.key_results, strict=True)
        for text, line, kr in rows:
            assert kr.text == text and kr.start.line == line
            assert 0 <= kr.start.offset <= len(doc.text)
            line_text = lines[kr.start.line - 1]
            assert doc.text[kr.start.offset - (kr.start.column - 1) :].startswith(line_text)
            if kr.verbatim:
                assert doc.text[kr.start.offset : kr.start.offset + len(kr.text)] == kr.text
            if kr.offsets is not None:
                # Every kept character is the file's character at its offset (a joined line
                # break reads as a space).
                assert len(kr.offsets) == len(kr.text) + 1
                for char, offset in zip(kr.text, kr.offsets, strict=False):
                    assert doc.text[offset] == char or (char == " " and doc.text[offset].isspace())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_markdown_raises_only_okrfileerror(text: str) -> None:
    try:
        doc = read_markdown(text, path="x.md")
    except OKRFileError as e:
        assert e.path == "x.md"
        return
    _assert_positions(doc)
    for kr_source in (kr for source in doc.sources for kr in source.key_results):
        assert kr_source.text.strip() == kr_source.text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish)
def test_yaml_raises_only_okrfileerror(text: str) -> None:
    try:
        doc = read_yaml(text, path="x.yaml")
    except OKRFileError as e:
        assert e.path == "x.yaml"
        return
    _assert_positions(doc)


objectives = st.lists(st.tuples(words, st.lists(words, max_size=4)), min_size=1, max_size=4)
# Markdown reads an objective restated with the same key results (a check-in) once.
distinct_objectives = st.lists(
    st.tuples(words, st.lists(words, max_size=4)), min_size=1, max_size=4, unique_by=lambda o: o[0]
)


@settings(max_examples=150)
@given(distinct_objectives, st.sampled_from(["- ", "* ", "1. "]), st.sampled_from(["  ", "    ", "\t"]))
def test_generated_markdown_round_trips_with_positions(
    okrs: list[tuple[str, list[str]]], bullet: str, indent: str
) -> None:
    lines = []
    for title, krs in okrs:
        lines.append(f"## Objective: {title}")
        lines.extend(f"{indent}{bullet}KR{i}: {kr}" for i, kr in enumerate(krs, start=1))
        lines.append("")
    doc = read_markdown("\n".join(lines))

    def spaced(text: str) -> str:
        return " ".join(text.split())  # runs of spaces read as one

    assert [(o.title, list(o.key_results)) for o in doc.objectives] == [
        (spaced(t), [spaced(kr) for kr in krs]) for t, krs in okrs
    ]
    _assert_positions(doc)


@settings(max_examples=150)
@given(objectives, st.booleans())
def test_generated_yaml_round_trips_with_positions(okrs: list[tuple[str, list[str]]], quoted: bool) -> None:
    def scalar(value: str) -> str:
        return json.dumps(value, ensure_ascii=False) if quoted else f"'{value}'"

    lines = ["objectives:"]
    for title, krs in okrs:
        lines.append(f"  - objective: {scalar(title)}")
        lines.append("    key_results:" + (" []" if not krs else ""))
        lines.extend(f"      - {scalar(kr)}" for kr in krs)
    doc = read_yaml("\n".join(lines) + "\n")
    assert [(o.title, list(o.key_results)) for o in doc.objectives] == okrs
    _assert_positions(doc)
    assert all(kr.verbatim for source in doc.sources for kr in source.key_results)
