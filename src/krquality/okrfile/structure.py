"""Objectives and key results from blocks, read the way a person reads an OKR page.

Two readings, the first that finds anything wins:

* **labelled**: the document says what is what. "Objective 2:", "O1",
  "KR1:", "Key Result 1.2 -" mark single lines (headings, list items,
  paragraphs, table cells) at any depth; a "Key results:" line or a "KR"
  heading says the next list holds key results, an "O" heading that it
  holds objectives; unlabelled items of the list right after a labelled
  objective are its key results.
* **structural**: a heading directly followed by a list is an objective
  with the list's top-level items as key results; a list whose top-level
  items all carry sub-lists (and are bold, or sit under no heading, or hold
  the numbers while their children do) has objectives on top and key
  results below.

In both, a bold line followed by a list is an objective. Sub-items of a key
result are notes; lists of links and lists that explain OKRs are not key
results; where some objectives sit under a heading that names OKRs,
objectives elsewhere in the page (goal lists, role descriptions) are left
out; an objective repeated with the same key results (a weekly check-in) is
read once.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from krquality.okrfile.blocks import Block, Kind
from krquality.okrfile.labels import Label, LabelKind, label_of
from krquality.okrfile.markup import Mapped, is_link_only

_OKR_WORDS = re.compile(r"\bOKRs?\b|objectives?\b|key\s+results?|目标|关键结果|目標", re.IGNORECASE)
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-z][.)])\s+")
_DIGIT = re.compile(r"\d")
_KR_COLUMN = re.compile(
    r"key\s*results?|\bkrs?\b|关键结果|resultados?[\s-]+(?:clave|chave)|ergebnis", re.IGNORECASE
)
_OBJECTIVE_COLUMN = re.compile(r"objective|\bgoals?\b|目标|目標|objetivo|^o$|ziel", re.IGNORECASE)
_HEADER_LABELS = (LabelKind.OBJECTIVE_HEADER, LabelKind.KEY_RESULT_HEADER)


@dataclass
class FoundKR:
    text: Mapped
    line: int  # 0-based
    block: int


@dataclass
class FoundObjective:
    title: Mapped
    line: int  # 0-based
    block: int
    labelled: bool
    key_results: list[FoundKR] = field(default_factory=list)


@dataclass
class Reading:
    objectives: list[FoundObjective]
    doubtful_lines: list[int]  # 0-based lines that looked like OKRs and were not read as such


@dataclass
class _Claim:
    """What the list after a line holds: key results of ``owner``, or objectives."""

    kind: str  # "kr" (next list), "children" (sub-items of an item), "objectives" (next list)
    owner: FoundObjective | None
    parent: int | None = None  # for "children": the item block; for "kr": the list's top parent
    list_id: int | None = None
    started: bool = False
    from_label: bool = False  # made by a label or a "Key results:" header
    bare: bool = False  # made by "KR 1" alone: the paragraph after it is the key result
    source: int | None = None  # the block that made the claim
    absorbing: bool = False  # items after "... the following:" belong to it, not to the list


class _Reader:
    def __init__(self, blocks: list[Block], clean: list[Mapped], labels: list[Label | None]) -> None:
        self.blocks = blocks
        self.clean = clean  # each block's text without markup
        self.labels = labels
        self.objective_lists: dict[tuple[int, int | None, int, bool | None], bool] = {}
        self.siblings: dict[tuple[int, int | None], list[int]] = {}  # (list, parent item) -> items
        for index, block in enumerate(blocks):
            if block.kind is Kind.ITEM:
                self.siblings.setdefault((block.list_id, block.parent), []).append(index)
        self.objectives: list[FoundObjective] = []
        self.doubtful: list[int] = []
        self.claim: _Claim | None = None
        self.used = False  # the labelled reading found something by its labels
        self.headings_are_objectives = True
        self.pending_cell: tuple[LabelKind, int] | None = None

    # -- shared helpers -------------------------------------------------
    def text_after_label(self, index: int) -> Mapped:
        label = self.labels[index]
        text = self.clean[index]
        if label is not None and label.kind in (LabelKind.OBJECTIVE, LabelKind.KEY_RESULT):
            text = text.slice(label.end)
        return text.strip().strip(":").strip()

    def title_of(self, index: int) -> Mapped:
        text = self.text_after_label(index)
        numbering = _NUMBERING.match(text.text)
        return text.slice(numbering.end()).strip() if numbering else text

    def new_objective(self, index: int, *, labelled: bool) -> FoundObjective | None:
        title = self.title_of(index)
        if not title.text:
            return None
        objective = FoundObjective(title, self.blocks[index].line, index, labelled)
        self.objectives.append(objective)
        return objective

    def add_kr(self, index: int, owner: FoundObjective | None) -> None:
        text = self.text_after_label(index)
        if not text.text:
            return
        if owner is None:
            owner = self.anonymous(index)
        owner.key_results.append(FoundKR(text, self.blocks[index].line, index))

    def anonymous(self, index: int) -> FoundObjective:
        """Key results with no objective above them: the nearest heading stands in for one."""
        headings = [h for h in self.blocks[index].headings if not self.is_header_label(h)]
        source = headings[-1] if headings else index
        title = self.clean[source] if headings else Mapped("(no objective)", (0,) * 15)
        objective = FoundObjective(title, self.blocks[source].line, source, False)
        self.objectives.append(objective)
        return objective

    def owner_for(self, index: int) -> FoundObjective | None:
        """The objective a labelled key result belongs to: the item it is nested in (when that is
        no key result itself), else the current objective unless a section heading came between."""
        current = self.current
        block = self.blocks[index]
        if block.kind is Kind.ITEM and block.parent is not None:
            if current is not None and (
                current.block == block.parent or self.is_inside(index, current.block)
            ):
                return current
            parent_label = self.labels[block.parent]
            if parent_label is None or parent_label.kind is not LabelKind.KEY_RESULT:
                existing = next((o for o in self.objectives if o.block == block.parent), None)
                return existing or self.new_objective(block.parent, labelled=False)
        enclosing = [h for h in block.headings if not self.is_header_label(h)]
        if current is None or not enclosing or current.block >= enclosing[-1]:
            return current
        existing = next((o for o in self.objectives if o.block == enclosing[-1]), None)
        return existing or self.anonymous(index)

    def list_has_labels(self, index: int) -> bool:
        """True when the list right after block ``index`` labels any of its items, at any depth."""
        first = self.next_list_start(index)
        if first is None:
            return False
        list_id = self.blocks[first].list_id
        return any(
            self.labels[j] is not None
            for j in range(first, len(self.blocks))
            if self.blocks[j].kind is Kind.ITEM and self.blocks[j].list_id == list_id
        )

    def is_header_label(self, index: int) -> bool:
        label = self.labels[index]
        return label is not None and label.kind in _HEADER_LABELS

    def cell(self, index: int) -> bool:
        """A table cell under an "Objective" or "Key result" column; True when read."""
        header = self.blocks[index].header
        pending, self.pending_cell = self.pending_cell, None
        if pending is not None and pending[1] == self.blocks[index].line:
            # The cell after an id cell ("KR1.2 | Cut wait times ...") holds the text.
            if pending[0] is LabelKind.KEY_RESULT_HEADER:
                self.add_kr(index, self.current)
            else:
                self.new_objective(index, labelled=True)
            self.used = True
            return True
        label = self.labels[index]
        if (
            label is not None
            and label.kind in _HEADER_LABELS
            and any(c.isdigit() for c in self.clean[index].text)
        ):
            self.pending_cell = (label.kind, self.blocks[index].line)
            return True
        if _KR_COLUMN.search(header):
            self.add_kr(index, self.current)
        elif _OBJECTIVE_COLUMN.search(header):
            title = self.title_of(index).text
            if self.current is None or self.current.title.text != title or self.current.block < index - 50:
                self.new_objective(index, labelled=True)
        else:
            return False
        self.used = True
        return True

    @property
    def current(self) -> FoundObjective | None:
        return self.objectives[-1] if self.objectives else None

    def next_list_start(self, index: int, *, allow: int = 1) -> int | None:
        """The first item of the list right after block ``index``, past at most ``allow``
        emphasised or "Key results:" lines; None when prose or a heading comes first."""
        passed = 0
        for j in range(index + 1, len(self.blocks)):
            block = self.blocks[j]
            if block.kind is Kind.ITEM:
                return j if block.parent is None or self.blocks[index].kind is Kind.ITEM else None
            label = self.labels[j]
            header = label is not None and label.kind is LabelKind.KEY_RESULT_HEADER
            if block.kind is Kind.PARAGRAPH and (block.emphasised or header) and passed < allow:
                passed += 1
                continue
            return None
        return None

    def top_items(self, first: int) -> list[int]:
        """Item ``first`` and the items after it at its level of its list."""
        block = self.blocks[first]
        siblings = self.siblings[(block.list_id, block.parent)]
        return siblings[bisect.bisect_left(siblings, first) :]

    def is_reference_list(self, items: list[int]) -> bool:
        links = sum(1 for j in items if is_link_only(self.blocks[j].content.text))
        explains = sum(1 for j in items if _OKR_WORDS.search(self.clean[j].text))
        return 2 * links >= len(items) or 2 * explains > len(items)

    def is_bold_objective(self, index: int) -> bool:
        """A line wholly in bold, not an introduction ("Members:"), with a list right after it."""
        block = self.blocks[index]
        raw = block.content.text.strip()
        if not (block.emphasised and raw[:2] in ("**", "__")) or self.clean[index].text.endswith(":"):
            return False
        return self.next_list_start(index, allow=0) is not None

    # -- claims ----------------------------------------------------------
    def claimed(self, index: int) -> bool:
        """Give item ``index`` to the current claim if it belongs there; True when taken."""
        claim = self.claim
        block = self.blocks[index]
        if claim is None:
            return False
        if claim.kind == "children":
            if block.parent == claim.parent:
                self.take(index, claim)
                return True
            if self.is_inside(index, claim.parent):
                return True  # a note under a key result
            self.claim = None
            return False
        if not claim.started:
            claim.started, claim.list_id, claim.parent = True, block.list_id, block.parent
            if (
                claim.kind == "objectives"
                and claim.source is not None
                and self.is_placeholder_header(claim, index)
            ):
                # "# Objective" over several items: the heading stands for the objective.
                claim.kind = "kr"
                claim.owner = FoundObjective(
                    self.clean[claim.source], self.blocks[claim.source].line, claim.source, False
                )
                self.objectives.append(claim.owner)
        if block.list_id != claim.list_id:
            self.claim = None
            return False
        if block.parent == claim.parent:
            if claim.kind == "objectives":
                objective = self.new_objective(index, labelled=True)
                self.used = self.used or objective is not None
                return True
            self.take(index, claim)
            return True
        if self.is_below_level(index, claim.parent):
            return True  # deeper: a note
        self.claim = None  # back out of the claimed list ("- Front of house" after a team's items)
        return False

    def is_placeholder_header(self, claim: _Claim, first: int) -> bool:
        """A singular "Objective" heading over a list of several items names no objective: the
        items are its key results ("Objectives" or "O" over a list lists objectives)."""
        if claim.source is None:
            return False
        word = self.clean[claim.source].text.strip(": ").lower()
        plural = word.endswith("s") or word in ("o", "目标", "目標")
        return (
            self.blocks[claim.source].kind is Kind.HEADING and not plural and len(self.top_items(first)) > 1
        )

    def take(self, index: int, claim: _Claim) -> None:
        if claim.absorbing:
            return
        self.add_kr(index, claim.owner)
        self.used = self.used or claim.from_label
        block = self.blocks[index]
        if self.clean[index].text.endswith(":") and not block.children:
            claim.absorbing = True  # "... tell us the following:" and its items unindented below

    def is_below_level(self, index: int, parent: int | None) -> bool:
        """True when an item above ``index`` sits at the level of ``parent``'s children."""
        above = self.blocks[index].parent
        while above is not None:
            if self.blocks[above].parent == parent:
                return True
            above = self.blocks[above].parent
        return False

    def is_inside(self, index: int, ancestor: int | None) -> bool:
        parent = self.blocks[index].parent
        while parent is not None:
            if parent == ancestor:
                return True
            parent = self.blocks[parent].parent
        return False

    # -- the labelled reading ---------------------------------------------
    def labelled(self, title: int | None = None) -> None:
        for index, block in enumerate(self.blocks):
            label = self.labels[index]
            kind = label.kind if label is not None else None
            if block.kind is Kind.CELL and self.cell(index):
                continue
            if index == title and kind is None and not self.list_has_labels(index):
                # A page that opens "# Objective\n- key result" before labelling the rest.
                self.claim = None
                self.heading(index)
                continue
            if kind is LabelKind.OBJECTIVE:
                objective = self.new_objective(index, labelled=True)
                self.used = self.used or objective is not None
                if block.kind is Kind.ITEM:
                    self.claim = _Claim("children", objective, parent=index, from_label=True)
                else:
                    self.claim = _Claim("kr", objective, from_label=True)
            elif kind is LabelKind.KEY_RESULT:
                claim = self.claim
                owner = claim.owner if claim is not None and claim.owner else self.owner_for(index)
                self.add_kr(index, owner)
                self.used = True
                if claim is not None and claim.kind == "kr" and block.kind is Kind.ITEM and not claim.started:
                    # Its sub-items are notes ("Reasoning: ..."), not the objective's key results.
                    claim.started, claim.list_id, claim.parent = True, block.list_id, block.parent
                elif block.kind is Kind.ITEM and (claim is None or claim.list_id != block.list_id):
                    # Unlabelled items beside a labelled one in its list are key results too.
                    self.claim = _Claim(
                        "kr", owner or self.current, block.parent, block.list_id, True, from_label=True
                    )
                if (
                    self.claim is not None
                    and block.kind is Kind.ITEM
                    and self.clean[index].text.endswith(":")
                ):
                    self.claim.absorbing = not block.children
                if self.claim is not None and self.claim.kind == "kr" and block.kind is not Kind.ITEM:
                    self.claim = None
            elif kind is LabelKind.KEY_RESULT_HEADER:
                bare = label is not None and any(c.isdigit() for c in self.clean[index].text)
                self.claim = _Claim("kr", self.owner_for(index), from_label=True, bare=bare)
            elif kind is LabelKind.OBJECTIVE_HEADER:
                self.claim = _Claim("objectives", None, from_label=True, source=index)
            elif block.kind is Kind.ITEM:
                if not self.claimed(index):
                    self.doubt(index)
            elif block.kind is Kind.PARAGRAPH and self.claim is not None and self.claim.bare:
                self.add_kr(index, self.claim.owner)  # "KR 1" then its text on the next line
                self.claim = None
                self.used = True
            elif block.kind is Kind.PARAGRAPH and self.claim is not None and self.claim.kind == "objectives":
                # "## Objective" then one paragraph: that paragraph is the objective.
                objective = self.new_objective(index, labelled=True)
                self.used = self.used or objective is not None
                self.claim = _Claim("kr", objective, from_label=True)
            elif block.kind is Kind.PARAGRAPH and self.is_bold_objective(index):
                objective = self.new_objective(index, labelled=False)
                self.claim = _Claim("kr", objective)
            elif block.kind is Kind.PARAGRAPH and block.emphasised and self.claim is not None:
                continue  # an italic gloss under an objective
            elif block.kind is not Kind.CELL:
                self.claim = None

    # -- the structural reading --------------------------------------------
    def structural(self) -> None:
        # A page's convention holds throughout: where some heading's list is plainly its key
        # results (items without sub-lists), a heading over items that all have sub-lists is an
        # objective too, and the sub-lists are notes; elsewhere such items are the objectives.
        self.headings_are_objectives = any(
            (first := self.next_list_start(i)) is not None
            and any(not self.blocks[j].children or self.blocks[j].checkbox for j in self.top_items(first))
            for i, block in enumerate(self.blocks)
            if block.kind is Kind.HEADING
        )
        for index, block in enumerate(self.blocks):
            if block.kind is Kind.CELL:
                self.cell(index)
            elif block.kind is Kind.HEADING:
                self.claim = None
                self.heading(index)
            elif block.kind is Kind.PARAGRAPH:
                if self.is_bold_objective(index):
                    self.claim = _Claim("kr", self.new_objective(index, labelled=False))
                elif not (block.emphasised and self.claim is not None):
                    self.claim = None
            elif block.kind is Kind.ITEM:
                if self.claimed(index):
                    continue
                if block.parent is None and self.is_objective_list(index):
                    objective = self.new_objective(index, labelled=False)
                    self.claim = _Claim("children", objective, parent=index)
                elif block.parent is None:
                    self.doubt(index)

    def heading(self, index: int) -> None:
        if self.clean[index].text.endswith(":"):
            return
        first = self.next_list_start(index)
        if first is None or self.is_objective_list(first, under_heading=True):
            return
        items = self.top_items(first)
        # One numbered entry is a list just begun (a backlog), not a key result set.
        lone = self.blocks[first]
        single = len(items) == 1 and (lone.checkbox or bool(lone.children) or not lone.ordered)
        if (len(items) >= 2 or single) and not self.is_reference_list(items):
            self.claim = _Claim("kr", self.new_objective(index, labelled=False))

    def is_objective_list(self, first: int, *, under_heading: bool | None = None) -> bool:
        """Top-level items that all carry sub-lists are objectives when they are bold, sit
        under no heading, or hold the numbers while their sub-items do not (decided once per
        list: a long list asks for each of its items)."""
        block = self.blocks[first]
        siblings = self.siblings[(block.list_id, block.parent)]
        key = (block.list_id, block.parent, siblings[0], under_heading)
        if key not in self.objective_lists:
            self.objective_lists[key] = self.decide_objective_list(siblings[0], under_heading)
        return self.objective_lists[key]

    def decide_objective_list(self, first: int, under_heading: bool | None) -> bool:
        items = self.top_items(first)
        if not items or any(not self.blocks[j].children or self.blocks[j].checkbox for j in items):
            return False
        if under_heading is None:
            previous = first - 1
            while (
                previous >= 0
                and self.blocks[previous].kind is Kind.PARAGRAPH
                and self.blocks[previous].emphasised
            ):
                previous -= 1
            under_heading = previous >= 0 and self.blocks[previous].kind is Kind.HEADING
        if all(self.blocks[j].emphasised for j in items) or not under_heading:
            return True
        children = [c for j in items for c in self.blocks[j].children]
        with_digits = sum(1 for c in children if _DIGIT.search(self.clean[c].text))
        tops_with_digits = sum(1 for j in items if _DIGIT.search(self.clean[j].text))
        if 5 * with_digits >= 3 * len(children) and 2 * tops_with_digits < len(items):
            return True
        return not self.headings_are_objectives

    def doubt(self, index: int) -> None:
        if self.clean[index].text and not is_link_only(self.blocks[index].content.text):
            self.doubtful.append(self.blocks[index].line)

    # -- after either reading ------------------------------------------------
    def finish(self, title_heading: int | None) -> Reading:
        objectives = [o for o in self.objectives if o.title.text]
        objectives = self.in_okr_sections(objectives, title_heading)
        objectives = _without_repeats(objectives)
        read = {kr.line for o in objectives for kr in o.key_results} | {o.line for o in objectives}
        doubtful = sorted(set(self.doubtful) - read)
        return Reading(objectives, doubtful)

    def in_okr_sections(self, objectives: list[FoundObjective], title: int | None) -> list[FoundObjective]:
        """Where some objectives sit under a heading naming OKRs, unlabelled ones elsewhere are
        goal lists or role descriptions, not this page's OKRs."""

        objective_blocks = {o.block for o in objectives}

        def inside(objective: FoundObjective) -> bool:
            block = self.blocks[objective.block]
            headings = [h for h in block.headings if h != title and h not in objective_blocks]
            return any(_OKR_WORDS.search(self.clean[h].text) for h in headings)

        if not any(inside(o) for o in objectives):
            return objectives
        return [o for o in objectives if o.labelled or inside(o)]


def _without_repeats(objectives: list[FoundObjective]) -> list[FoundObjective]:
    """An objective restated later with the same key results (a check-in) is read once."""
    seen: set[str] = set()
    seen_krs: set[str] = set()
    out = []
    for objective in objectives:
        key = " ".join(objective.title.text.split()).casefold()
        krs = {" ".join(kr.text.text.split()).casefold() for kr in objective.key_results}
        if key in seen and krs and krs <= seen_krs:
            continue
        seen.add(key)
        seen_krs |= krs
        out.append(objective)
    return out


def read_structure(blocks: list[Block], *, title_heading: int | None = None) -> Reading:
    """The objectives and key results of ``blocks``: the labelled reading if it finds any,
    else the structural one.

    >>> from krquality.okrfile.blocks import scan
    >>> reading = read_structure(scan("## Grow\\n- Double sign-ups\\n- Launch the app\\n")[0])
    >>> [(o.title.text, [kr.text.text for kr in o.key_results]) for o in reading.objectives]
    [('Grow', ['Double sign-ups', 'Launch the app'])]
    """
    clean = [block.content.clean() for block in blocks]
    labels = [label_of(text.text) for text in clean]
    labelled = _Reader(blocks, clean, labels)
    labelled.labelled(title_heading)
    if labelled.used:
        return labelled.finish(title_heading)
    structural = _Reader(blocks, clean, labels)
    structural.structural()
    return structural.finish(title_heading)
