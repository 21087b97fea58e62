"""The reader on documents in the structures people write (tests/okrfile/documents, our own text):
labels, tables, nested team lists, bare labels, reStructuredText, CSV/TSV and JSON exports, plain text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krquality.okrfile import document_outline, read_okr_file, read_okr_text
from krquality.okrfile.markup import Mapped, clean_text
from krquality.okrfile.notes import for_analysis

DOCUMENTS = Path(__file__).parent / "documents"

# file -> (cycle, [(objective line, [key result lines])])
EXPECTED = {
    "a_table.md": ("Q1 2026", [(5, [5, 6]), (7, [7])]),
    "b_bare.md": ("Q2 2026", [(8, [12, 13, 14]), (18, [22, 23])]),
    "c_teams.md": (None, [(6, [7, 8]), (10, [11])]),
    "d_doc.rst": ("H2 2026", [(4, [7, 8]), (10, [13, 14])]),
    "e_export.csv": ("Q3 2026", [(2, [3, 4]), (5, [6])]),
    "f_pairs.tsv": (None, [(2, [2, 3])]),
    "g_export.json": ("Q4 2026", [(2, [2, 2]), (3, [3])]),
    "h_plain.txt": ("FY2027", [(3, [4, 5]), (7, [8])]),
    "i_numbered.md": (None, [(3, [4, 5]), (6, [7, 8])]),
    "j_prose.md": ("Q1 2027", [(13, [15, 16]), (18, [20, 21])]),
    "k_ids.md": ("2027", [(5, [6, 7])]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_objectives_key_results_and_cycle(name: str) -> None:
    outline = document_outline(read_okr_file(DOCUMENTS / name))
    cycle, objectives = EXPECTED[name]
    found = [(o["line"], [kr["line"] for kr in o["key_results"]]) for o in outline["objectives"]]
    assert (outline["cycle"], found) == (cycle, objectives)


def test_markup_and_labels_are_out_of_the_analysed_text_with_positions_kept() -> None:
    text = "## O1: Faster boarding\n- **KR1:** Cut [boarding](https://x.org) time to `8` min ✅\n"
    document = read_okr_text(text, path="okrs.md")
    (source,) = document.sources[0].key_results
    assert source.text == "Cut boarding time to 8 min"
    assert not source.verbatim
    assert source.offsets is not None
    for char, offset in zip(source.text, source.offsets, strict=False):
        assert text[offset] == char
    start = document.locate(0, 0, source.text.index("boarding"))
    end = document.locate_end(0, 0, source.text.index("boarding") + len("boarding"))
    assert text[start.offset : end.offset] == "boarding"


def test_a_key_result_in_another_language_is_reported_not_analysed() -> None:
    text = "# Crescer\n- Criar um sistema de cadastro para os autores\n- Double weekly sign-ups\n"
    document = for_analysis(read_okr_text(text, path="okrs.md"))
    assert document.objectives[0].key_results == ("Double weekly sign-ups",)
    assert [f.finding.code for f in document.findings] == ["KRQ902"]


def test_explanations_and_link_lists_are_not_key_results() -> None:
    text = (
        "# How we plan\n\n## About OKRs\n- Objectives are qualitative\n- Key results are measurable\n\n"
        "## Further reading\n- [Guide](https://example.org/a)\n- [Talk](https://example.org/b)\n"
    )
    assert read_okr_text(text, path="okrs.md").objectives == ()


def test_a_check_in_that_restates_an_objective_is_read_once() -> None:
    text = "## O\n- Calmer mornings\n## KR\n- 5 school runs on time\n\n# Week 2\n## O\n- Calmer mornings\n"
    text += "## KR\n- 5 school runs on time\n"
    outline = document_outline(read_okr_text(text, path="okrs.md"))
    assert [(o["line"], len(o["key_results"])) for o in outline["objectives"]] == [(2, 1)]


@given(st.text(alphabet=st.sampled_from(list("ab *_`[]()<>#!:/x1\\~{}|✅ ")), max_size=60))
def test_cleaned_characters_are_the_file_characters(text: str) -> None:
    mapped = Mapped.of(text, 0).clean()
    assert len(mapped.offsets) == len(mapped.text) + 1
    assert list(mapped.offsets[:-1]) == sorted(mapped.offsets[:-1])
    for char, offset in zip(mapped.text, mapped.offsets, strict=False):
        assert text[offset] == char or (char == " " and text[offset].isspace())
    assert clean_text(text) == mapped.text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("[P1] Cut wait times to 20 minutes @ana @raj", "Cut wait times to 20 minutes"),
        ("P0: Open the walk-in desk (owner: Dana) 🟢", "Open the walk-in desk"),
        ("**ACHIEVED** Serve 300 meals a day 7/10", "Serve 300 meals a day"),
        ("Grow repeat orders to 40% (Max)", "Grow repeat orders to 40% (Max)"),
    ],
)
def test_tags_around_a_key_result_are_not_its_words(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_a_wall_of_text_is_read_in_linear_time() -> None:
    import time

    text = "# Notes\n" + "a line of prose that runs on into the next one\n" * 20_000
    started = time.perf_counter()
    assert read_okr_text(text, path="notes.md").objectives == ()
    assert time.perf_counter() - started < 10  # a quadratic join took minutes here


def test_labelled_key_results_deep_in_a_list_under_the_title_belong_to_the_item_above() -> None:
    text = "# Harbour\n\n- Ferry team\n    - Reliable crossings\n        - Ferry KR: Departures 95% on time\n"
    outline = document_outline(read_okr_text(text, path="okrs.md"))
    found = [(o["text"], [kr["text"] for kr in o["key_results"]]) for o in outline["objectives"]]
    assert found == [("Reliable crossings", ["Departures 95% on time"])]
