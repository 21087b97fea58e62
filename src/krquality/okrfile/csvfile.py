"""Read objectives and key results from CSV or TSV exports of OKR tools.

Two shapes are understood, both with a header row:

* a **type column** (``type``/``kind``/``level``) saying ``objective`` or
  ``key result`` per row, the text in a ``title``/``name``/``text``/
  ``description`` column; a key result belongs to the objective above it,
  or to the one its ``parent``/``objective`` column names (by id or title);
* an **objective column and a key-result column**: each row is a key
  result, its objective's title beside it (left empty: the one above).

A ``quarter``/``cycle``/``period`` column dates the row's objective.
"""

from __future__ import annotations

import csv
import io

from krquality.cycle import find_cycle
from krquality.errors import NotOKRFileError, OKRFileError
from krquality.okrfile.language import guess_language
from krquality.okrfile.types import (
    KeyResultSource,
    ObjectiveSource,
    OKRDocument,
    OKRFormat,
    Position,
    line_starts,
    position_at,
)
from krquality.result import Objective


def _normalise(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


_TYPE = ("type", "kind", "level", "itemtype", "category", "rowtype")
_TEXT = ("title", "name", "text", "description", "summary", "statement", "content")
_PARENT = ("parent", "parentid", "parenttitle", "objectiveid", "objective", "parentobjective")
_ID = ("id", "key", "objectiveid", "uid")
_OBJECTIVE_COLUMN = ("objective", "objectives", "objectivetitle", "goal", "o")
_KR_COLUMN = (
    *("keyresult", "keyresults", "kr", "krs", "keyresulttitle", "result", "krtitle"),
    *("measure", "metric"),  # only when no column says key result
)
_CYCLE = ("quarter", "cycle", "period", "timeframe", "okrcycle", "half")
_OBJECTIVE_TYPES = ("objective", "o", "goal", "obj")
_KR_TYPES = ("keyresult", "kr", "result", "krs")


class _CsvReader:
    def __init__(self, text: str, path: str, delimiter: str) -> None:
        self.text = text
        self.path = path
        self.delimiter = delimiter
        self.starts = line_starts(text)

    def rows(self) -> list[tuple[int, list[str]]]:
        """(0-based line, cells) per row, in order."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        out = []
        line = 0
        try:
            for cells in reader:
                out.append((line, cells))
                line = reader.line_num
        except csv.Error as e:
            raise OKRFileError(f"invalid CSV: {e}", path=self.path, line=reader.line_num) from e
        return out

    def cell(self, line: int, text: str) -> tuple[str, Position, tuple[int, ...] | None]:
        stripped = text.strip()
        start = self.starts[line] if line < len(self.starts) else len(self.text)
        found = self.text.find(stripped, start)
        if found == -1:
            return stripped, position_at(self.text, start, self.starts), None
        offsets = tuple(range(found, found + len(stripped) + 1))
        return stripped, position_at(self.text, found, self.starts), offsets

    def read(self) -> OKRDocument:
        rows = self.rows()
        if not rows:
            raise NotOKRFileError("empty file: expected a header row", path=self.path)
        header = [_normalise(h) for h in rows[0][1]]

        def column(names: tuple[str, ...]) -> int | None:
            return next((header.index(n) for n in names if n in header), None)

        type_column = column(_TYPE)
        cycle_column = column(_CYCLE)
        builders: list[tuple[Objective, list[KeyResultSource], Position]] = []
        if type_column is not None and (text_column := column(_TEXT)) is not None:
            self.typed(
                rows[1:], type_column, text_column, column(_PARENT), column(_ID), cycle_column, builders
            )
        elif (kr_column := column(_KR_COLUMN)) is not None:
            self.paired(rows[1:], column(_OBJECTIVE_COLUMN), kr_column, cycle_column, builders)
        else:
            raise NotOKRFileError(
                "no objectives or key results found: expected a type column (objective / key result) "
                "with a title column, or a key result column",
                path=self.path,
            )
        objectives = [
            Objective(
                o.title, tuple(kr.text for kr in krs), o.line, tuple(kr.start.line for kr in krs), o.cycle
            )
            for o, krs, _ in builders
        ]
        sources = [ObjectiveSource(start, tuple(krs)) for _, krs, start in builders]
        cycles = list(dict.fromkeys(o.cycle for o in objectives if o.cycle))
        return OKRDocument(
            path=self.path,
            format=OKRFormat.CSV,
            text=self.text,
            objectives=tuple(objectives),
            sources=tuple(sources),
            cycle="; ".join(cycles) if cycles else None,
            cycle_stated_in="data field" if cycles else None,
        )

    def source(self, line: int, text: str) -> KeyResultSource:
        stripped, start, offsets = self.cell(line, text)
        return KeyResultSource(
            stripped, start, offsets is not None, offsets=offsets, language=guess_language(stripped)
        )

    @staticmethod
    def at(cells: list[str], index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def cycle_of(self, cells: list[str], index: int | None) -> str | None:
        value = self.at(cells, index)
        return (find_cycle(value) or value) if value else None

    def typed(
        self,
        rows: list[tuple[int, list[str]]],
        type_column: int,
        text_column: int,
        parent_column: int | None,
        id_column: int | None,
        cycle_column: int | None,
        builders: list[tuple[Objective, list[KeyResultSource], Position]],
    ) -> None:
        by_key: dict[str, int] = {}
        for line, cells in rows:
            kind = _normalise(self.at(cells, type_column))
            text = self.at(cells, text_column)
            if not text:
                continue
            if kind in _OBJECTIVE_TYPES or kind.startswith("objective"):
                title, start, _ = self.cell(line, text)
                builders.append(
                    (Objective(title, (), start.line, cycle=self.cycle_of(cells, cycle_column)), [], start)
                )
                for key in (self.at(cells, id_column), title):
                    if key:
                        by_key[key.casefold()] = len(builders) - 1
            elif kind in _KR_TYPES or kind.startswith("keyresult"):
                parent = self.at(cells, parent_column).casefold()
                index = by_key.get(parent, len(builders) - 1) if parent else len(builders) - 1
                if index < 0:
                    raise OKRFileError("key result before any objective", path=self.path, line=line + 1)
                builders[index][1].append(self.source(line, text))

    def paired(
        self,
        rows: list[tuple[int, list[str]]],
        objective_column: int | None,
        kr_column: int,
        cycle_column: int | None,
        builders: list[tuple[Objective, list[KeyResultSource], Position]],
    ) -> None:
        for line, cells in rows:
            title = self.at(cells, objective_column)
            if title and (not builders or builders[-1][0].title != title):
                stripped, start, _ = self.cell(line, title)
                builders.append(
                    (Objective(stripped, (), start.line, cycle=self.cycle_of(cells, cycle_column)), [], start)
                )
            text = self.at(cells, kr_column)
            if not text:
                continue
            if not builders:
                start = position_at(self.text, self.starts[line], self.starts)
                builders.append((Objective("(no objective)", (), start.line), [], start))
            builders[-1][1].append(self.source(line, text))


def read_csv(text: str, *, path: str = "<string>", delimiter: str | None = None) -> OKRDocument:
    """Read objectives and key results from CSV (or, with a tab, TSV) text.

    >>> doc = read_csv("type,title\\nObjective,Grow\\nKey Result,Double sign-ups\\n")
    >>> doc.objectives[0].title, doc.objectives[0].key_results, doc.objectives[0].key_result_lines
    ('Grow', ('Double sign-ups',), (3,))
    """
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = (
            "\t"
            if first.count("\t") > first.count(",")
            else (";" if first.count(";") > first.count(",") else ",")
        )
    return _CsvReader(text, path, delimiter).read()
