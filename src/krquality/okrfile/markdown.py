"""Read objectives and key results from Markdown, reStructuredText or plain text.

The text is cut into blocks (:mod:`.blocks`), the OKR structure is read from
them (:mod:`.structure`), markup is taken out of each text with every
character still mapped to the file (:mod:`.markup`), and the cycle the page
states in a heading, its title, its front matter or its file name dates
the objectives under it (:mod:`krquality.cycle`).
"""

from __future__ import annotations

from pathlib import PurePath

import yaml

from krquality.cycle import find_cycle, with_year
from krquality.okrfile.blocks import Block, Kind, scan
from krquality.okrfile.language import guess_language
from krquality.okrfile.markup import Mapped
from krquality.okrfile.structure import FoundKR, FoundObjective, read_structure
from krquality.okrfile.suppress import markdown_suppression, no_reason_finding
from krquality.okrfile.types import (
    FileFinding,
    KeyResultSource,
    ObjectiveSource,
    OKRDocument,
    OKRFormat,
    Position,
    Suppression,
    line_starts,
    position_at,
)
from krquality.result import Objective

_CYCLE_KEYS = ("cycle", "quarter", "period", "okr_cycle", "okr-cycle", "timeframe", "time_frame", "half")


def file_name_cycle(path: str) -> str | None:
    """The cycle a file name states ("okrs-2025-q1.md"), or None.

    >>> file_name_cycle("planning/2020-q1.md"), file_name_cycle("2022-09-17-team-okr.md")
    ('Q1 2020', None)
    """
    stem = PurePath(path).stem.replace("_", " ")
    return find_cycle(stem)


class _Builder:
    def __init__(self, text: str, path: str, fmt: OKRFormat) -> None:
        self.text = text
        self.path = path
        self.format = fmt
        self.starts = line_starts(text)
        self.lines = text.split("\n")
        self.findings: list[FileFinding] = []

    def build(self) -> OKRDocument:
        blocks, front_matter_end = scan(self.text, rst=self.format is OKRFormat.RST)
        title = self.title_heading(blocks)
        reading = read_structure(blocks, title_heading=title)
        cycle, stated_in = self.document_cycle(blocks, title, front_matter_end)
        objectives: list[Objective] = []
        sources: list[ObjectiveSource] = []
        for found in reading.objectives:
            objective_cycle = self.objective_cycle(blocks, found, title, cycle)
            key_results = tuple(self.key_result(blocks, kr) for kr in found.key_results)
            start = self.position(found.title)
            objectives.append(
                Objective(
                    title=found.title.text,
                    key_results=tuple(kr.text for kr in key_results),
                    line=start.line,
                    key_result_lines=tuple(kr.start.line for kr in key_results),
                    cycle=objective_cycle,
                )
            )
            sources.append(ObjectiveSource(start=start, key_results=key_results))
        cycles = list(dict.fromkeys(o.cycle for o in objectives if o.cycle))
        if cycles and (cycle is None or cycles != [cycle]):
            cycle, stated_in = "; ".join(cycles), stated_in or "heading"
        return OKRDocument(
            path=self.path,
            format=self.format,
            text=self.text,
            objectives=tuple(objectives),
            sources=tuple(sources),
            findings=tuple(self.findings),
            cycle=cycle,
            cycle_stated_in=stated_in if cycle else None,
            doubtful_lines=tuple(line + 1 for line in reading.doubtful_lines),
        )

    def position(self, mapped: Mapped) -> Position:
        offset = mapped.offsets[0] if mapped.text else mapped.offsets[-1]
        return position_at(self.text, offset, self.starts)

    def key_result(self, blocks: list[Block], found: FoundKR) -> KeyResultSource:
        suppressions: list[Suppression] = []
        for line in blocks[found.block].comment_lines:
            raw = self.lines[line].rstrip("\r")
            column = len(raw) - len(raw.lstrip())
            suppression = markdown_suppression(
                raw, position_at(self.text, self.starts[line] + column, self.starts)
            )
            if suppression is not None:
                suppressions.append(suppression)
                if suppression.reason is None:
                    self.findings.append(no_reason_finding(suppression, line_text=raw[column:]))
        return KeyResultSource(
            text=found.text.text,
            start=self.position(found.text),
            verbatim=found.text.verbatim,
            suppressions=tuple(suppressions),
            offsets=found.text.offsets,
            language=guess_language(found.text.text),
        )

    @staticmethod
    def title_heading(blocks: list[Block]) -> int | None:
        """The page's title: its first heading when that is level 1 or alone at its level."""
        headings = [i for i, b in enumerate(blocks) if b.kind is Kind.HEADING]
        if not headings:
            return None
        first = blocks[headings[0]]
        same_level = sum(1 for i in headings if blocks[i].level == first.level)
        return headings[0] if first.level == 1 or same_level == 1 else None

    def document_cycle(
        self, blocks: list[Block], title: int | None, front_matter_end: int
    ) -> tuple[str | None, str | None]:
        if front_matter_end:
            found = self.front_matter_cycle(front_matter_end)
            if found is not None:
                return found, "front matter"
        if title is not None:
            found = find_cycle(blocks[title].content.clean().text)
            if found is not None:
                return found, "title"
        elif blocks and blocks[0].kind is Kind.PARAGRAPH and len(blocks[0].content.text) <= 100:
            # Plain text: a short first line is the title ("Team plan for FY2027").
            found = find_cycle(blocks[0].content.clean().text)
            if found is not None:
                return found, "title"
        found = file_name_cycle(self.path)
        return (found, "file name") if found is not None else (None, None)

    def front_matter_cycle(self, end: int) -> str | None:
        try:
            data = yaml.safe_load("\n".join(self.lines[1 : end - 1]))
        except yaml.YAMLError:
            return None
        if not isinstance(data, dict):
            return None
        for key in _CYCLE_KEYS:
            value = data.get(key)
            if value is not None and str(value).strip():
                return find_cycle(str(value)) or str(value).strip()
        title = data.get("title")
        return find_cycle(str(title)) if title is not None else None

    @staticmethod
    def objective_cycle(
        blocks: list[Block], found: FoundObjective, title: int | None, cycle: str | None
    ) -> str | None:
        """The innermost cycle stated by the headings above the objective."""
        chain = [h for h in blocks[found.block].headings if h != title]
        outer = cycle.split("; ")[0] if cycle else None
        current = cycle
        for heading in chain:
            stated = find_cycle(blocks[heading].content.clean().text)
            if stated is not None:
                current = with_year(stated, outer)
                outer = current if current[:1].isdigit() else outer
        return current


def read_markdown(
    text: str, *, path: str = "<string>", format: OKRFormat = OKRFormat.MARKDOWN
) -> OKRDocument:
    """Read the objectives and key results of a Markdown (or reStructuredText, or plain text) page.

    >>> text = "## Q3 2025\\n### Delight customers\\n- **KR1:** Raise NPS from 40 to 55\\n- Ship it\\n"
    >>> doc = read_markdown(text)
    >>> doc.objectives[0].key_results, doc.objectives[0].cycle, doc.sources[0].key_results[0].start.column
    (('Raise NPS from 40 to 55', 'Ship it'), 'Q3 2025', 12)
    """
    return _Builder(text, path, format).build()
