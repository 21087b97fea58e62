"""The streaming readers: every format, the awkward corners, and arbitrary content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from krquality.batch.readers import UNDECODABLE, InputRow, open_reader, sniff_delimiter
from krquality.errors import InvalidInputError


def rows_of(path: Path, **options: str) -> list[InputRow]:
    return list(open_reader(path, **options))


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "krs.csv"
    lines = [["team", "text", "quarter"], ["A", "Grow revenue, fast", "Q1"], ["B", "Launch the portal", "Q2"]]
    body = "\n".join(delimiter.join(f'"{v}"' if "," in v else v for v in line) for line in lines) + "\n"
    path.write_text(body, encoding="utf-8")
    rows = rows_of(path)
    assert [(r.number, r.text, r.columns) for r in rows] == [
        (1, "Grow revenue, fast", {"team": "A", "quarter": "Q1"}),
        (2, "Launch the portal", {"team": "B", "quarter": "Q2"}),
    ]


def test_csv_quoted_newlines_keep_their_row_and_line(tmp_path: Path) -> None:
    path = tmp_path / "krs.csv"
    path.write_text('text,team\n"Launch the\nportal",A\nShip it,B\n', encoding="utf-8")
    rows = rows_of(path)
    assert [(r.number, r.line, r.text) for r in rows] == [(1, 2, "Launch the\nportal"), (2, 4, "Ship it")]


def test_csv_byte_order_mark_is_not_part_of_the_header(tmp_path: Path) -> None:
    path = tmp_path / "krs.csv"
    path.write_bytes("\ufefftext;team\r\nShip it;A\r\n".encode())
    (row,) = rows_of(path)
    assert (row.text, row.columns) == ("Ship it", {"team": "A"})


def test_csv_chosen_column(tmp_path: Path) -> None:
    path = tmp_path / "krs.csv"
    path.write_text("id,kr,notes\n7,Hire a head of data,x\n", encoding="utf-8")
    (row,) = rows_of(path, column="kr")
    assert (row.text, row.columns) == ("Hire a head of data", {"id": "7", "notes": "x"})


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("id,kr\n1,x\n", "no column named 'text'"),
        ("", "empty"),
    ],
)
def test_csv_without_a_usable_column_is_refused(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "krs.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InvalidInputError, match=message):
        open_reader(path)


def test_csv_unknown_column_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "krs.csv"
    path.write_text("id,kr\n1,x\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"no column 'text'.*'id', 'kr'"):
        open_reader(path, column="text")


def test_csv_single_column_needs_no_name(tmp_path: Path) -> None:
    path = tmp_path / "krs.csv"
    path.write_text("key result\nShip it\n\nHire a PM\n", encoding="utf-8")
    assert [(r.number, r.line, r.text) for r in rows_of(path)] == [(1, 2, "Ship it"), (2, 4, "Hire a PM")]


def test_csv_bad_rows_are_flagged_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "krs.csv"
    path.write_bytes(b"team,text\nA,Ship \xff it\nB,too,many\nC,fine\n")
    rows = rows_of(path)
    assert [(r.number, r.line, r.error) for r in rows] == [
        (1, 2, UNDECODABLE),
        (2, 3, "3 fields where the header has 2"),
        (3, 4, None),
    ]
    assert rows[0].text == "Ship \ufffd it"


def test_jsonl_rows_and_errors_carry_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "krs.jsonl"
    path.write_bytes(
        b'{"text": "Ship it", "team": "A"}\n\n{"text": 5}\nnot json\n"Hire a PM"\n{"team": "B"}\n[1]\n\xff\n'
    )
    rows = rows_of(path)
    assert [(r.number, r.line, r.text, r.error is None) for r in rows] == [
        (1, 1, "Ship it", True),
        (2, 3, "5", False),
        (3, 4, "not json", False),
        (4, 5, "Hire a PM", True),
        (5, 6, "", False),
        (6, 7, "[1]", False),
        (7, 8, "\ufffd", False),
    ]
    assert rows[0].columns == {"team": "A"}
    assert rows[4].error == "no field 'text'"


def test_jsonl_field_option_and_union_of_keys(tmp_path: Path) -> None:
    path = tmp_path / "krs.jsonl"
    path.write_text('{"kr": "Ship it", "team": "A"}\n{"kr": "Hire", "quarter": "Q1"}\n', encoding="utf-8")
    reader = open_reader(path, field="kr")
    assert reader.columns == ("team", "quarter")
    assert [r.columns for r in reader] == [{"team": "A", "quarter": None}, {"team": None, "quarter": "Q1"}]


def test_jsonl_unknown_field_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "krs.jsonl"
    path.write_text('{"kr": "Ship it"}\n', encoding="utf-8")
    with pytest.raises(InvalidInputError, match="no line has a field 'text'"):
        open_reader(path, field="text")


def test_txt_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "krs.txt"
    path.write_bytes(b"\xef\xbb\xbfShip it\r\n\nHire a PM\nBad \xfe\n")
    assert [(r.number, r.line, r.text, r.error) for r in rows_of(path)] == [
        (1, 1, "Ship it", None),
        (2, 3, "Hire a PM", None),
        (3, 4, "Bad \ufffd", UNDECODABLE),
    ]


def test_xlsx_sheet_and_column(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "krs.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    sheet = workbook.create_sheet("OKRs")
    sheet.append(["team", "key result", "weight"])
    sheet.append(["A", "Launch the partner portal", 2])
    sheet.append([None, None, None])
    sheet.append(["B", None, 1.5])
    workbook.save(path)
    reader = open_reader(path, sheet="OKRs", column="key result")
    assert reader.total == 3
    rows = list(reader)
    assert [(r.number, r.line, r.text, r.columns) for r in rows] == [
        (1, 2, "Launch the partner portal", {"team": "A", "weight": 2}),
        (2, 4, "", {"team": "B", "weight": 1.5}),
    ]


def test_xlsx_unknown_sheet_names_the_sheets(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "krs.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InvalidInputError, match="no sheet 'OKRs'; the sheets are 'Sheet'"):
        open_reader(path, sheet="OKRs")


def test_parquet_keeps_types_and_reads_in_batches(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "krs.parquet"
    n = 10_000
    table = pa.table({"text": [f"Ship feature {i}" for i in range(n)], "weight": list(range(n))})
    pq.write_table(table, path, row_group_size=3000)
    reader = open_reader(path)
    assert reader.total == n and str(reader.native_columns["weight"]) == "int64"
    rows = list(reader)
    assert len(rows) == n
    last = rows[-1]
    assert (last.number, last.text, last.columns) == (n, f"Ship feature {n - 1}", {"weight": n - 1})


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "krs.docx"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"cannot read \.docx"):
        open_reader(path)


@pytest.mark.parametrize(
    ("sample", "delimiter"),
    [
        ("text\nShip it\n", ","),
        ("text\nGrow revenue, fast, and well\nShip it, now\n", ";"),
        ('text,team\n"Grow revenue; fast",A\n"Ship; it",B\n', ","),
        ("team;text\nA;Grow revenue, fast, and well\nB;Ship it, now\n", ";"),
        ("text|team\nGrow, revenue|A\nShip; it|B\n", "|"),
    ],
)
def test_sniffer(sample: str, delimiter: str) -> None:
    assert sniff_delimiter(sample) == delimiter


def test_single_column_with_unquoted_commas(tmp_path: Path) -> None:
    path = tmp_path / "krs.csv"
    path.write_text("text\nGrow revenue, fast\nShip it\n", encoding="utf-8")
    assert [(r.text, r.error) for r in rows_of(path)] == [("Grow revenue, fast", None), ("Ship it", None)]


def check_rows(rows: list[InputRow], line_count: int) -> None:
    """The reader's promises: rows numbered 1..n in order, lines increasing and in the file."""
    assert [r.number for r in rows] == list(range(1, len(rows) + 1))
    lines = [r.line for r in rows]
    assert lines == sorted(lines)
    assert all(1 <= line <= line_count + 1 for line in lines)
    for row in rows:
        assert isinstance(row.text, str)
        assert row.error is None or row.error.strip()
        assert "\udcff" not in row.text  # no lone surrogate leaks out


settings_for_files = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@settings_for_files
@given(body=st.binary(max_size=400))
def test_arbitrary_csv_bytes_never_crash(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(b"team,text\n" + body)
    try:
        reader = open_reader(path, column="text", delimiter=",")
    except InvalidInputError as e:
        assert "fuzz.csv: not a text file" in str(e)  # binary: refused as a whole, naming the file
        return
    check_rows(list(reader), body.count(b"\n") + 1)


@settings_for_files
@given(
    cells=st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=20),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
)
def test_arbitrary_csv_text_never_crashes(tmp_path: Path, cells: list[list[str]], delimiter: str) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["text", "team"])
    writer.writerows(cells)
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        reader = open_reader(path, column="text")
    except InvalidInputError:
        return  # a sniffed header without a 'text' column: refused up front, with a reason
    check_rows(list(reader), buffer.getvalue().count("\n") + 1)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)


@settings_for_files
@given(
    lines=st.lists(
        st.one_of(
            st.binary(max_size=60),
            json_values.map(lambda v: json.dumps(v).encode()),
            st.fixed_dictionaries({"text": json_values}).map(lambda v: json.dumps(v).encode()),
        ),
        max_size=15,
    )
)
def test_arbitrary_jsonl_never_crashes(tmp_path: Path, lines: list[bytes]) -> None:
    path = tmp_path / "fuzz.jsonl"
    body = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    path.write_bytes(body)
    try:
        reader = open_reader(path, field="text")
    except InvalidInputError:
        return  # no line has the field at all: refused up front
    rows = list(reader)
    check_rows(rows, body.count(b"\n") + 1)
    good = [r for r in rows if r.error is None]
    assert all(isinstance(r.text, str) for r in good)
