# pyarrow, openpyxl and dask are only partly annotated; their calls are checked by the tests.
# mypy: disable-error-code="no-untyped-call"
"""Streaming readers: one :class:`InputRow` at a time, whatever the file size.

Each reader yields the data rows of one file in order, numbered from 1
(``InputRow.number``), with the physical line (or sheet row) where the row
starts (``InputRow.line``), the text to analyse and the other columns, which
the output keeps. A row the reader cannot make sense of (undecodable bytes,
broken JSON, a missing field, a wrong number of CSV fields) is still yielded,
with ``error`` set, so the runner can report it and go on.

Blank lines in CSV, JSONL and plain-text files are not rows and are skipped
(their line numbers still count). Formats, chosen by suffix:

- ``.csv``, ``.tsv``: any delimiter (sniffed from the first 64 KiB among
  ``, ; TAB |``), a header row, quoted fields with newlines, an optional
  UTF-8 byte-order mark;
- ``.jsonl``, ``.ndjson``: one JSON object (or string) per line;
- ``.txt``: one key result per line;
- ``.xlsx``: one sheet (openpyxl ``read_only`` streaming), a header row;
- ``.parquet``: pyarrow ``iter_batches``, original column types kept.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from krquality.errors import InvalidInputError

InputFormat = Literal["csv", "jsonl", "txt", "xlsx", "parquet"]

SUFFIXES: dict[str, InputFormat] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "txt",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
}
DEFAULT_TEXT_COLUMN = "text"
SNIFF_BYTES = 64 * 1024
SNIFF_DELIMITERS = ",;\t|"
PARQUET_BATCH_ROWS = 4096

_SURROGATES = re.compile("[\udc80-\udcff]")
UNDECODABLE = "undecodable bytes (the file is not UTF-8 here)"


@dataclass(frozen=True, slots=True)
class InputRow:
    """One data row of an input file.

    ``number`` counts data rows from 1 (the header and blank lines are not
    rows); ``line`` is the 1-based line (CSV, JSONL, text) or sheet row
    (xlsx) where the row starts, or the row number again for Parquet.
    ``text`` is what will be analysed; ``columns`` are the row's other
    columns, kept in the output. ``error`` says why the row cannot be used.
    """

    number: int
    line: int
    text: str
    columns: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class Reader:
    """Base class of the readers: iterate to get :class:`InputRow` objects.

    ``columns`` lists the kept columns (every column but the text one) in
    file order; ``total`` and ``unit`` size the work for a progress bar
    (bytes for text formats, rows otherwise); :meth:`position` says how much
    of ``total`` has been read.
    """

    format: InputFormat
    unit: Literal["bytes", "rows"] = "bytes"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.header: tuple[str, ...] = ()  # every column, the text one included, in file order
        self.text_column: str = DEFAULT_TEXT_COLUMN
        self.columns: tuple[str, ...] = ()
        self.native_columns: dict[str, Any] = {}  # column -> pyarrow type, when the input is typed
        self.total: int | None = None
        self._position = 0

    def position(self) -> int:
        return self._position

    def __iter__(self) -> Iterator[InputRow]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the file (iterating to the end does it too)."""

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def require_extra(module: str, purpose: str) -> Any:
    """Import ``module`` from the ``batch`` extra, or say how to install it.

    >>> require_extra("json", "testing").__name__
    'json'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise InvalidInputError(
            f"{purpose} needs {module.split('.')[0]}: pip install 'krquality[batch]'", field="input"
        ) from e


def detect_format(path: str | Path) -> InputFormat:
    """The input format of ``path``, from its suffix.

    >>> detect_format("backlog.CSV")
    'csv'
    """
    suffix = Path(path).suffix.lower()
    try:
        return SUFFIXES[suffix]
    except KeyError:
        known = ", ".join(sorted(SUFFIXES))
        raise InvalidInputError(
            f"{path}: cannot read {suffix or 'files without a suffix'} (known: {known})", field="input"
        ) from None


def open_reader(
    path: str | Path,
    *,
    column: str | None = None,
    field: str | None = None,
    sheet: str | None = None,
    delimiter: str | None = None,
) -> Reader:
    """Open ``path`` with the reader its suffix calls for.

    ``column`` names the CSV/xlsx/Parquet column and ``field`` the JSONL
    field holding the key results (either name works for any format); the
    default is ``text``, or the only column there is. ``sheet`` names an
    xlsx sheet (default: the first). Raises :class:`InvalidInputError` for
    an unknown format, column or sheet.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "krs.csv"
    >>> _ = p.write_text("team;text\\nA;Launch the portal\\n", encoding="utf-8")
    >>> [(r.number, r.text, r.columns) for r in open_reader(p)]
    [(1, 'Launch the portal', {'team': 'A'})]
    """
    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(f"{path}: no such file", field="input")
    fmt = detect_format(path)
    name = column if column is not None else field
    if fmt == "csv":
        return CsvReader(path, column=name, delimiter=delimiter)
    if fmt == "jsonl":
        return JsonlReader(path, field=name)
    if fmt == "txt":
        return TextReader(path)
    if fmt == "xlsx":
        return XlsxReader(path, column=name, sheet=sheet)
    return ParquetReader(path, column=name)


def _choose_column(path: Path, header: list[str], wanted: str | None) -> int:
    if wanted is not None:
        if wanted in header:
            return header.index(wanted)
        raise InvalidInputError(
            f"{path}: no column {wanted!r}; the columns are {', '.join(map(repr, header))}", field="column"
        )
    if DEFAULT_TEXT_COLUMN in header:
        return header.index(DEFAULT_TEXT_COLUMN)
    if len(header) == 1:
        return 0
    raise InvalidInputError(
        f"{path}: no column named 'text'; choose one with --column (the columns are "
        f"{', '.join(map(repr, header))})",
        field="column",
    )


def _unique_header(names: list[str]) -> list[str]:
    """Blank names become ``column_N``; repeats get ``_2``, ``_3`` ... so every column is kept."""
    out: list[str] = []
    seen: set[str] = set()
    for i, raw in enumerate(names, start=1):
        name = _SURROGATES.sub("\ufffd", raw.strip()) or f"column_{i}"
        candidate, n = name, 2
        while candidate in seen:
            candidate, n = f"{name}_{n}", n + 1
        seen.add(candidate)
        out.append(candidate)
    return out


def _clean(text: str) -> str:
    return _SURROGATES.sub("\ufffd", text)


class _ByteLines:
    """Lines of a binary file decoded with ``surrogateescape``, counting bytes read.

    Bad bytes survive as lone surrogates, so a row holding them can be
    reported (and the rest of the file read) instead of failing the file.
    """

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.bytes_read = 0
        self.lines_read = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.handle:
            self.bytes_read += len(raw)
            self.lines_read += 1
            line = raw.decode("utf-8", "surrogateescape")
            if self.lines_read == 1 and line.startswith("\ufeff"):
                line = line[1:]
            yield line


def sniff_delimiter(sample: str) -> str:
    """Guess the delimiter of CSV text among ``, ; TAB |`` (default ``,``).

    >>> sniff_delimiter("team;text\\nA;Ship it, finally\\n")
    ';'
    >>> sniff_delimiter("text\\nShip it, finally\\n")  # one column: a delimiter the data lacks
    ';'
    """
    complete = sample[: sample.rfind("\n") + 1] or sample
    header = complete.splitlines()[0] if complete.strip() else ""
    if not any(d in header for d in SNIFF_DELIMITERS):
        # One column: choose a delimiter the data does not use, so that
        # unquoted commas in a key result do not split it.
        return min(SNIFF_DELIMITERS, key=lambda d: (complete.count(d), SNIFF_DELIMITERS.index(d)))
    try:
        dialect = csv.Sniffer().sniff(complete, delimiters=SNIFF_DELIMITERS)
        if dialect.delimiter in SNIFF_DELIMITERS:
            return dialect.delimiter
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in SNIFF_DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def check_text_file(path: Path, sample: bytes) -> None:
    """Raise :class:`InvalidInputError` unless ``sample`` (the file's start) looks like UTF-8 text.

    NUL bytes, or more than one character in ten undecodable or a control
    character, mean a binary file (an image, a zip, a workbook saved as .csv)
    or another encoding (UTF-16): the whole file is refused, naming it,
    rather than read as rows of garbage. A few bad bytes in a text file are
    reported row by row instead.

    >>> check_text_file(Path("krs.csv"), "text\\nShip the café menu\\n".encode())
    >>> check_text_file(Path("logo.csv"), b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    krquality.errors.InvalidInputError: logo.csv: not a text file (it holds NUL bytes); ...
    """
    hint = "inputs in .csv, .tsv, .jsonl and .txt files must be UTF-8 text"
    if b"\0" in sample:
        raise InvalidInputError(f"{path}: not a text file (it holds NUL bytes); {hint}", field="input")
    text = sample.decode("utf-8", "replace")
    if len(sample) == SNIFF_BYTES:
        text = text[:-3]  # a character cut at the end of the sample is not a bad byte
    bad = sum(1 for ch in text if ch == "\ufffd" or (ch < " " and ch not in "\t\n\r\f"))
    if text and bad * 10 > len(text):
        raise InvalidInputError(
            f"{path}: not a text file ({bad} of its first {len(text)} characters are not UTF-8 text); {hint}",
            field="input",
        )


class _ByteFileReader(Reader):
    """A reader of one text file, opened in binary when iterated and closed at the end."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.total = path.stat().st_size
        self._handle: IO[bytes] | None = None
        with path.open("rb") as handle:
            self._sample = handle.read(SNIFF_BYTES)
        check_text_file(path, self._sample)

    def _nonblank_lines(self) -> Iterator[tuple[int, int, bytes]]:
        """Yield ``(row number, line number, raw line)`` for each non-blank line."""
        self._handle = self.path.open("rb")
        number = 0
        try:
            for line, raw in enumerate(self._handle, start=1):
                self._position += len(raw)
                if not raw.strip():
                    continue
                number += 1
                yield number, line, raw
        finally:
            self.close()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class CsvReader(_ByteFileReader):
    """Delimited text with a header row; the delimiter is sniffed unless given."""

    format: InputFormat = "csv"

    def __init__(self, path: Path, *, column: str | None = None, delimiter: str | None = None) -> None:
        super().__init__(path)
        sample = self._sample.decode("utf-8", "replace").removeprefix("\ufeff")
        if delimiter is None:
            delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(sample)
        self.delimiter = delimiter
        try:
            header_row = next(csv.reader(io.StringIO(sample), delimiter=delimiter), None)
        except csv.Error as e:
            raise InvalidInputError(f"{path}: the header row is not valid CSV: {e}", field="input") from e
        if not header_row:
            raise InvalidInputError(f"{path}: the file is empty; a header row is needed", field="input")
        self._header = _unique_header(header_row)
        self.header = tuple(self._header)
        self._text_index = _choose_column(path, self._header, column)
        self.text_column = self._header[self._text_index]
        self.columns = tuple(h for i, h in enumerate(self._header) if i != self._text_index)

    def __iter__(self) -> Iterator[InputRow]:
        self._handle = self.path.open("rb")
        lines = _ByteLines(self._handle)
        reader = csv.reader(iter(lines), delimiter=self.delimiter)
        try:
            try:
                next(reader)  # the header, already parsed in __init__
            except (StopIteration, csv.Error):
                return
            number = 0
            width = len(self._header)
            while True:
                start = lines.lines_read + 1
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except csv.Error as e:
                    number += 1
                    self._position = lines.bytes_read
                    yield InputRow(number, start, "", error=f"malformed CSV: {e}")
                    continue
                self._position = lines.bytes_read
                if not record or (len(record) == 1 and not record[0].strip() and width > 1):
                    continue  # a blank line is not a row
                number += 1
                yield self._row(number, start, record, width)
        finally:
            self.close()

    def _row(self, number: int, line: int, record: list[str], width: int) -> InputRow:
        text = record[self._text_index] if self._text_index < len(record) else ""
        columns = {
            name: _clean(record[i]) if i < len(record) else ""
            for i, name in enumerate(self._header)
            if i != self._text_index
        }
        error = None
        if len(record) != width:
            error = f"{len(record)} fields where the header has {width}"
        elif _SURROGATES.search(text):
            error = UNDECODABLE
        return InputRow(number, line, _clean(text), columns, error)


class JsonlReader(_ByteFileReader):
    """One JSON object per line (or a bare JSON string); kept fields are the union of all keys.

    A first pass over the file collects the keys in order of appearance, so
    tabular outputs have fixed columns; it holds only the key names.
    """

    format: InputFormat = "jsonl"

    def __init__(self, path: Path, *, field: str | None = None) -> None:
        super().__init__(path)
        keys: dict[str, None] = {}
        with path.open("rb") as handle:
            for raw in handle:
                try:
                    value = json.loads(raw)
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(value, dict):
                    keys.update(dict.fromkeys(str(k) for k in value))
        if field is not None:
            self.text_field = field
            if keys and field not in keys:
                raise InvalidInputError(
                    f"{path}: no line has a field {field!r}; the fields are {', '.join(map(repr, keys))}",
                    field="field",
                )
        elif DEFAULT_TEXT_COLUMN in keys or not keys:
            self.text_field = DEFAULT_TEXT_COLUMN
        elif len(keys) == 1:
            self.text_field = next(iter(keys))
        else:
            raise InvalidInputError(
                f"{path}: no field named 'text'; choose one with --field (the fields are "
                f"{', '.join(map(repr, keys))})",
                field="field",
            )
        self.columns = tuple(k for k in keys if k != self.text_field)
        self.text_column = self.text_field
        self.header = tuple(keys) if self.text_field in keys else (self.text_field, *keys)

    def __iter__(self) -> Iterator[InputRow]:
        for number, line, raw in self._nonblank_lines():
            yield self._row(number, line, raw)

    def _row(self, number: int, line: int, raw: bytes) -> InputRow:
        try:
            decoded = raw.decode("utf-8").removeprefix("\ufeff") if line == 1 else raw.decode("utf-8")
        except UnicodeDecodeError:
            undecoded = raw.rstrip(b"\r\n").decode("utf-8", "surrogateescape")
            return InputRow(number, line, _clean(undecoded), error=UNDECODABLE)
        try:
            value = json.loads(decoded)
        except ValueError as e:
            return InputRow(number, line, decoded.strip(), error=f"not valid JSON: {e}")
        if isinstance(value, str):
            return InputRow(number, line, _clean(value), dict.fromkeys(self.columns))
        if not isinstance(value, dict):
            return InputRow(
                number, line, decoded.strip(), error=f"a JSON {type(value).__name__}, not an object"
            )
        columns = {k: value.get(k) for k in self.columns}
        text: Any = value.get(self.text_field)
        if text is None:
            return InputRow(number, line, "", columns, error=f"no field {self.text_field!r}")
        if not isinstance(text, str):
            return InputRow(
                number,
                line,
                json.dumps(text),
                columns,
                error=f"field {self.text_field!r} is not a string but {json.dumps(text)[:40]}",
            )
        if _SURROGATES.search(text):
            return InputRow(number, line, _clean(text), columns, error=UNDECODABLE)
        return InputRow(number, line, text, columns)


class TextReader(_ByteFileReader):
    """One key result per line, no header."""

    format: InputFormat = "txt"

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.text_column = DEFAULT_TEXT_COLUMN
        self.header = (DEFAULT_TEXT_COLUMN,)

    def __iter__(self) -> Iterator[InputRow]:
        for number, line, raw in self._nonblank_lines():
            text = raw.rstrip(b"\r\n").decode("utf-8", "surrogateescape")
            if line == 1:
                text = text.removeprefix("\ufeff")
            error = UNDECODABLE if _SURROGATES.search(text) else None
            yield InputRow(number, line, _clean(text), {}, error)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class XlsxReader(Reader):
    """One sheet of an Excel workbook, streamed with openpyxl's ``read_only`` mode; row 1 is the header."""

    format: InputFormat = "xlsx"
    unit: Literal["bytes", "rows"] = "rows"

    def __init__(self, path: Path, *, column: str | None = None, sheet: str | None = None) -> None:
        super().__init__(path)
        openpyxl = require_extra("openpyxl", "reading .xlsx files")
        try:
            self._workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises zipfile, KeyError and its own errors alike
            raise InvalidInputError(f"{path}: not a readable .xlsx workbook: {e}", field="input") from e
        names = list(self._workbook.sheetnames)
        if sheet is None:
            self.sheet = names[0]
        elif sheet in names:
            self.sheet = sheet
        else:
            self._workbook.close()
            raise InvalidInputError(
                f"{path}: no sheet {sheet!r}; the sheets are {', '.join(map(repr, names))}", field="sheet"
            )
        worksheet = self._workbook[self.sheet]
        header_cells = next(worksheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
        if not header_cells:
            self._workbook.close()
            raise InvalidInputError(
                f"{path}: sheet {self.sheet!r} is empty; a header row is needed", field="input"
            )
        self._header = _unique_header([_cell_text(v) for v in header_cells])
        self.header = tuple(self._header)
        self._text_index = _choose_column(path, self._header, column)
        self.text_column = self._header[self._text_index]
        self.columns = tuple(h for i, h in enumerate(self._header) if i != self._text_index)
        max_row = worksheet.max_row
        self.total = max_row - 1 if isinstance(max_row, int) and max_row > 1 else None

    def __iter__(self) -> Iterator[InputRow]:
        worksheet = self._workbook[self.sheet]
        number = 0
        try:
            for line, cells in enumerate(worksheet.iter_rows(min_row=2, values_only=True), start=2):
                self._position = line - 1
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells):
                    continue
                number += 1
                values = list(cells) + [None] * (len(self._header) - len(cells))
                columns = {name: values[i] for i, name in enumerate(self._header) if i != self._text_index}
                yield InputRow(number, line, _cell_text(values[self._text_index]), columns)
        finally:
            self.close()

    def close(self) -> None:
        self._workbook.close()


class ParquetReader(Reader):
    """A Parquet file read a record batch at a time; kept columns keep their Arrow types."""

    format: InputFormat = "parquet"
    unit: Literal["bytes", "rows"] = "rows"

    def __init__(self, path: Path, *, column: str | None = None) -> None:
        super().__init__(path)
        pq = require_extra("pyarrow.parquet", "reading .parquet files")
        try:
            self._file = pq.ParquetFile(path)
        except Exception as e:  # pyarrow raises ArrowInvalid, OSError ...
            raise InvalidInputError(f"{path}: not a readable Parquet file: {e}", field="input") from e
        schema = self._file.schema_arrow
        header = list(schema.names)
        self.header = tuple(header)
        self.text_column = header[_choose_column(path, header, column)]
        self.columns = tuple(h for h in header if h != self.text_column)
        self.native_columns = {name: schema.field(name).type for name in self.columns}
        self.total = self._file.metadata.num_rows

    def __iter__(self) -> Iterator[InputRow]:
        number = 0
        try:
            for batch in self._file.iter_batches(batch_size=PARQUET_BATCH_ROWS):
                for record in batch.to_pylist():
                    number += 1
                    self._position = number
                    text: Any = record.pop(self.text_column)
                    error = None
                    if text is not None and not isinstance(text, str):
                        error = f"column {self.text_column!r} is not a string but {type(text).__name__}"
                        text = str(text)
                    yield InputRow(number, number, text or "", record, error)
        finally:
            self.close()

    def close(self) -> None:
        self._file.close()
