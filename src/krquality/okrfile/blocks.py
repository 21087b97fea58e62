"""A text document as blocks: headings, list items, paragraph lines and table cells.

Markdown, reStructuredText and plain text share this scanner; the OKR
structure is inferred from the blocks afterwards (:mod:`.structure`). A
block knows its line, where its content starts, its heading level or list
nesting, and the enclosing headings; its ``content`` is a :class:`Mapped`
text with markup still in it (continuation lines of a list item or a
paragraph joined with a space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from krquality.okrfile.markup import CHECKBOX_MARK, Mapped
from krquality.okrfile.types import line_starts


class Kind(StrEnum):
    HEADING = "heading"
    ITEM = "item"
    PARAGRAPH = "paragraph"
    CELL = "cell"  # a table cell: its column's header (if any) is in ``header``


@dataclass
class Block:
    kind: Kind
    line: int  # 0-based
    content: Mapped
    level: int = 0  # heading level; item indent width
    ordered: bool = False
    checkbox: bool = False
    header: str = ""  # a cell's column header, lower-cased
    column_index: int = -1  # a cell's column, counted from 0
    row: int = -1  # a cell's table row, counted from 0 per table
    parent: int | None = None  # index of the item this item is nested in
    children: list[int] = field(default_factory=list)
    headings: tuple[int, ...] = ()  # indices of the enclosing heading blocks, outermost first
    comment_lines: tuple[int, ...] = ()  # HTML comment lines just before this block (suppressions)
    list_id: int = -1  # items of one list share it
    emphasised: bool = False  # the whole content is bold or italic


_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.])\1{2,}[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?:(?P<mark>[-*+•◦▪‣●○■□➢➤►·–])|(?P<number>\d{1,3}[.)]|[a-z][.)](?=[ \t])))"
    r"(?:[ \t]+|$)"
)
_CHECKBOX = re.compile(rf"^{CHECKBOX_MARK}(?:[ \t]+|$)")
_TABLE_ROW = re.compile(r"^\s*\|?.*\|.*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_CELL = re.compile(r"<(?P<tag>td|th)\b[^>]*>(?P<body>.*?)(?:</(?P=tag)>|$)", re.IGNORECASE)
_HTML_ROW = re.compile(r"<tr\b", re.IGNORECASE)
_ROWSPAN = re.compile(r"rowspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)
# Continuation lines past this many are read (not started as new blocks) but not kept:
# nobody writes a key result that long, and a wall of text must stay cheap.
_MAX_PIECES = 400
_WHOLLY_EMPHASISED = re.compile(r"^\s*(\*\*|__|\*|_)(?=\S).*\S\1[\s:]*$")


def width(indent: str) -> int:
    return len(indent.expandtabs(4))


class _Scanner:
    def __init__(self, text: str, *, rst: bool = False) -> None:
        self.text = text
        self.starts = line_starts(text)
        self.lines = [line.rstrip("\r") for line in text.split("\n")]
        self.rst = rst
        self.blocks: list[Block] = []
        self.heading_stack: list[int] = []  # block indices
        self.item_stack: list[int] = []
        self.comments: list[int] = []
        self.list_id = 0
        self.front_matter_end = 0
        self.rst_levels: list[str] = []
        self.table_header: list[str] | None = None
        self.table_row = -1
        self.html_headers: list[str] = []
        self.html_column = 0
        self.tails: dict[int, list[Mapped]] = {}  # continuation lines of a block, joined at the end
        self.tail_lines: dict[int, int] = {}  # the last line of a block with continuation lines
        self.html_spans: dict[int, int] = {}  # column -> rows still covered by a rowspan above
        self.html_occupied: set[int] = set()

    def mapped(self, index: int, column: int, end: int | None = None) -> Mapped:
        line = self.lines[index]
        end = len(line) if end is None else end
        return Mapped.of(line[column:end], self.starts[index] + column)

    def add(self, block: Block) -> int:
        block.headings = tuple(self.heading_stack)
        block.comment_lines = tuple(self.comments)
        self.comments = []
        plain = block.content.text
        block.emphasised = bool(_WHOLLY_EMPHASISED.match(plain))
        self.blocks.append(block)
        return len(self.blocks) - 1

    def heading(self, index: int, column: int, level: int, end: int | None = None) -> None:
        while self.heading_stack and self.blocks[self.heading_stack[-1]].level >= level:
            self.heading_stack.pop()
        self.item_stack = []
        self.heading_stack.append(
            self.add(Block(Kind.HEADING, index, self.mapped(index, column, end), level))
        )

    def scan(self) -> list[Block]:
        lines = self.lines
        index = self.front_matter()
        fence: str | None = None
        in_comment = False
        previous_blank = True
        last: int | None = None  # the block a continuation line joins
        while index < len(lines):
            line = lines[index]
            stripped = line.strip()
            if fence is not None:
                if line.lstrip().startswith(fence):
                    fence = None
                index += 1
                continue
            if in_comment:
                in_comment = "-->" not in line
                index += 1
                continue
            if not stripped:
                previous_blank = True
                last = None
                index += 1
                continue
            opening = _FENCE.match(line)
            if opening:
                fence = opening.group(1)[:3]
                last = None
                index += 1
                continue
            if stripped.startswith("<!--"):
                self.comments.append(index)
                in_comment = "-->" not in stripped[4:]
                last = None
                index += 1
                continue
            indent = width(line[: len(line) - len(line.lstrip())])
            if indent >= 4 and previous_blank and not self.item_stack and not self.rst:
                index += 1  # an indented code block
                continue
            previous_blank = False
            next_line = lines[index + 1] if index + 1 < len(lines) else ""
            if atx := _ATX.match(line):
                closing = _ATX_CLOSE.search(line)
                end = closing.start() if closing is not None else None
                if line[atx.end() :].strip("# \t"):
                    self.heading(index, atx.end(), len(atx["marks"]), end)
                last = None
                index += 1
                continue
            if self.is_underlined(line, next_line, indent):
                self.heading(index, len(line) - len(line.lstrip()), self.underline_level(next_line))
                last = None
                index += 2
                continue
            if _THEMATIC.match(line) or (self.rst and _RST_UNDERLINE.match(line)):
                last = None
                index += 1
                continue
            if _HTML_ROW.search(line):
                self.start_html_row()
            if "<t" in line.lower() and _HTML_CELL.search(line):
                self.html_cells(index, line)
                last = None
                index += 1
                continue
            if _TABLE_ROW.match(line) and (self.table_header is not None or _TABLE_RULE.match(next_line)):
                self.table_line(index, line, next_line)
                last = None
                index += 1
                continue
            self.table_header = None
            if bullet := _BULLET.match(line):
                last = self.item(index, line, bullet)
                index += 1
                continue
            if (
                last is not None
                and self.blocks[last].kind in (Kind.ITEM, Kind.PARAGRAPH)
                and not self.starts_new(line, last)
            ):
                column = len(line) - len(line.lstrip())
                pieces = self.tails.setdefault(last, [self.blocks[last].content])
                self.tail_lines[last] = index
                if len(pieces) < _MAX_PIECES:
                    # Joined once at the end: adding to a tuple per line is quadratic.
                    pieces.append(Mapped(" ", (self.starts[index] - 1, self.starts[index] + column)))
                    pieces.append(self.mapped(index, column))
                index += 1
                continue
            if indent <= 1 or not self.item_stack:
                self.item_stack = []
            column = len(line) - len(line.lstrip())
            last = self.add(Block(Kind.PARAGRAPH, index, self.mapped(index, column), indent))
            index += 1
        for position, pieces in self.tails.items():
            self.blocks[position].content = Mapped.join(pieces)
        return self.blocks

    def starts_new(self, line: str, last: int) -> bool:
        """A line after a paragraph or item starts a new block when the block above reads as
        finished (a hard line break, a closing colon) or either line carries an OKR label."""
        from krquality.okrfile.labels import label_of

        block = self.blocks[last]
        text = block.content.text
        end = self.tails[last][-1].text if last in self.tails else text
        end_line = self.lines[self.tail_lines.get(last, block.line)]
        if end_line.endswith(("  ", "\\")) or end.rstrip().endswith((":", "<br>", "<br/>", "<br />")):
            return True
        return label_of(line.strip()) is not None or label_of(text) is not None

    def is_underlined(self, line: str, next_line: str, indent: int) -> bool:
        if indent > 3 or _BULLET.match(line) or not next_line.strip():
            return False
        if self.rst:
            return bool(_RST_UNDERLINE.match(next_line)) and len(next_line.strip()) >= len(line.strip()) - 1
        return bool(_SETEXT.match(next_line))

    def underline_level(self, underline: str) -> int:
        char = underline.strip()[0]
        if not self.rst:
            return 1 if char == "=" else 2
        if char not in self.rst_levels:
            self.rst_levels.append(char)
        return self.rst_levels.index(char) + 1

    def front_matter(self) -> int:
        if not self.lines or self.lines[0].strip() not in ("---", "+++"):
            return 0
        marker = self.lines[0].strip()
        for index in range(1, len(self.lines)):
            if self.lines[index].strip() in (marker, "..."):
                self.front_matter_end = index + 1
                return index + 1
        return 0

    def item(self, index: int, line: str, bullet: re.Match[str]) -> int:
        indent = width(bullet["indent"])
        column = bullet.end()
        content = line[column:]
        checkbox = _CHECKBOX.match(content)
        if checkbox:
            column += checkbox.end()
        while self.item_stack and self.blocks[self.item_stack[-1]].level >= indent:
            self.item_stack.pop()
        parent = self.item_stack[-1] if self.item_stack else None
        if parent is None:
            previous = self.blocks[-1] if self.blocks else None
            if (
                previous is None
                or previous.kind is not Kind.ITEM
                or (previous.line < index - 2 and not self.is_loose(previous.line, index))
            ):
                self.list_id += 1
        block = Block(
            Kind.ITEM,
            index,
            self.mapped(index, column),
            indent,
            ordered=bullet["number"] is not None,
            checkbox=checkbox is not None,
            parent=parent,
            list_id=self.list_id if parent is None else self.blocks[parent].list_id,
        )
        position = self.add(block)
        if parent is not None:
            self.blocks[parent].children.append(position)
        self.item_stack.append(position)
        return position

    def is_loose(self, previous_line: int, index: int) -> bool:
        """True when only blank lines or nested content separate two items (one loose list)."""
        for line in self.lines[previous_line + 1 : index]:
            if line.strip() and not line.startswith((" ", "\t")):
                return False
        return True

    def start_html_row(self) -> None:
        self.html_column = 0
        self.html_occupied = {column for column, rows in self.html_spans.items() if rows > 0}
        self.html_spans = {column: rows - 1 for column, rows in self.html_spans.items() if rows > 1}

    def html_cells(self, index: int, line: str) -> None:
        for match in _HTML_CELL.finditer(line):
            while self.html_column in self.html_occupied:
                self.html_column += 1
            span = _ROWSPAN.search(match.group(0)[: match.start("body") - match.start()])
            if span is not None and int(span.group(1)) > 1:
                self.html_spans[self.html_column] = int(span.group(1)) - 1
            body = match["body"]
            if match["tag"].lower() == "th":
                if self.html_column == 0:
                    self.html_headers = []
                self.html_headers.append(body.strip().lower())
                self.html_column += 1
                continue
            start = match.start("body")
            header = self.html_headers[self.html_column] if self.html_column < len(self.html_headers) else ""
            if body.strip():
                self.add(
                    Block(
                        Kind.CELL,
                        index,
                        self.mapped(index, start, match.end("body")),
                        header=header,
                        column_index=self.html_column,
                    )
                )
            self.html_column += 1

    def table_line(self, index: int, line: str, next_line: str) -> None:
        if self.table_header is None:
            self.table_header = [cell.strip().lower() for cell in self.split_row(line)[1]]
            self.table_row = -1
            self.list_id += 1
            return
        if _TABLE_RULE.match(line):
            return
        self.table_row += 1
        starts, cells = self.split_row(line)
        for column_index, (start, cell) in enumerate(zip(starts, cells, strict=True)):
            if not cell.strip():
                continue
            header = self.table_header[column_index] if column_index < len(self.table_header) else ""
            lead = len(cell) - len(cell.lstrip())
            content = self.mapped(index, start + lead, start + len(cell.rstrip()))
            self.add(
                Block(
                    Kind.CELL,
                    index,
                    content,
                    header=header,
                    column_index=column_index,
                    row=self.table_row,
                    list_id=self.list_id,
                )
            )

    @staticmethod
    def split_row(line: str) -> tuple[list[int], list[str]]:
        """Cells of a pipe-table row and the column where each starts (escaped pipes kept)."""
        starts: list[int] = []
        cells: list[str] = []
        start = 0
        body = line.rstrip()
        if body.lstrip().startswith("|"):
            start = body.index("|") + 1
        end = len(body) - 1 if body.endswith("|") and not body.endswith("\\|") else len(body)
        position = start
        for match in re.finditer(r"(?<!\\)\|", body[start:end]):
            stop = start + match.start()
            starts.append(position)
            cells.append(body[position:stop])
            position = stop + 1
        starts.append(position)
        cells.append(body[position:end])
        return starts, cells


def scan(text: str, *, rst: bool = False) -> tuple[list[Block], int]:
    """The blocks of ``text`` and the number of front-matter lines before them.

    >>> blocks, _ = scan("# Grow\\n- Double sign-ups\\n  - note\\n")
    >>> [(b.kind.value, b.content.text, b.parent) for b in blocks]
    [('heading', 'Grow', None), ('item', 'Double sign-ups', None), ('item', 'note', 1)]
    """
    scanner = _Scanner(text, rst=rst)
    return scanner.scan(), scanner.front_matter_end
