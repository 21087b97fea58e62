"""Plain-text OKR lists: one key result a line, ``#`` comments, suppressions."""

from __future__ import annotations

from krquality.lsp.plaintext import read_plain_text


def test_one_key_result_per_line_with_positions() -> None:
    text = "# Q3 goals\n\n  Raise NPS to 48\r\nLaunch the portal\n"
    doc = read_plain_text(text)
    assert [(kr.text, kr.start.line, kr.start.column) for kr in doc.key_results] == [
        ("Raise NPS to 48", 3, 3),
        ("Launch the portal", 4, 1),
    ]
    for kr in doc.key_results:
        assert text[kr.start.offset : kr.start.offset + len(kr.text)] == kr.text


def test_suppression_applies_to_the_next_line_and_needs_a_reason() -> None:
    doc = read_plain_text("# krquality: disable KRQ101\nRaise NPS to 48\nLaunch it\n")
    first, second = doc.key_results
    assert [s.codes for s in first.suppressions] == [("KRQ101",)]
    assert second.suppressions == ()
    assert [f.finding.code for f in doc.findings] == ["KRQ900"]
