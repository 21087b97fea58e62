"""Read objectives and key results from YAML, with positions.

The shape::

    objectives:
      - objective: Delight customers
        key_results:
          - Raise NPS from 40 to 55 by Q3
          - text: Launch the self-service portal by June 30

``title`` is accepted for ``objective`` and ``krs`` for ``key_results``;
other keys (owner, quarter...) are ignored. Files without a top-level
``objectives`` list (an OKR tool's export, a project file) are walked: any
mapping holding a list under a key-results key (``KeyResults``, ``krs``,
``results``...) is an objective, titled by its ``objective``/``title``/
``goal``/``name`` value, and a key whose name is a cycle ("Q4:") or a
``quarter``/``cycle``/``period`` field dates the objectives under it. JSON
is read the same way (it parses as YAML). Positions come from PyYAML's
node marks (:func:`yaml.compose`), so no line is guessed; comments, which
YAML drops, are scanned line by line for suppressions.
"""

from __future__ import annotations

from dataclasses import replace

import yaml

from krquality.cycle import find_cycle
from krquality.errors import NotOKRFileError, OKRFileError
from krquality.okrfile.language import guess_language
from krquality.okrfile.suppress import no_reason_finding, yaml_suppression
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

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_TITLE_KEYS = ("objective", "title")
_KR_KEYS = ("key_results", "krs")
# Names compared lower-case with separators dropped ("KeyResults", "key-results" -> "keyresults").
_ANY_KR_KEYS = ("keyresults", "krs", "keyresult", "kr", "results", "resultadoschave", "schlusselergebnisse")
_ANY_TITLE_KEYS = ("objective", "title", "goal", "name", "text", "description", "objetivo", "ziel")
_ANY_KR_TEXT_KEYS = ("text", "keyresult", "kr", "metric", "title", "name", "description", "result", "summary")
_CYCLE_KEYS = ("cycle", "quarter", "period", "okrcycle", "timeframe", "half", "season")


def _normalise(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


class _YamlReader:
    def __init__(self, text: str, path: str, fmt: OKRFormat = OKRFormat.YAML) -> None:
        self.text = text
        self.path = path
        self.format = fmt
        self.starts = line_starts(text)

    def fail(self, message: str, node: yaml.Node | None = None) -> OKRFileError:
        if node is None:
            return OKRFileError(message, path=self.path)
        mark = node.start_mark
        return OKRFileError(message, path=self.path, line=mark.line + 1, column=mark.column + 1)

    def read(self) -> OKRDocument:
        try:
            root = yaml.compose(self.text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line = None if mark is None else mark.line + 1
            column = None if mark is None else mark.column + 1
            message = f"invalid YAML: {e.problem or e}"
            raise OKRFileError(message, path=self.path, line=line, column=column) from e
        except yaml.YAMLError as e:
            raise OKRFileError(f"invalid YAML: {e}", path=self.path) from e
        except RecursionError as e:
            raise OKRFileError("invalid YAML: nested too deeply", path=self.path) from e
        if root is None:
            raise NotOKRFileError("empty file: expected a mapping with an 'objectives' list", path=self.path)
        objectives_node = self.value(root, ("objectives",)) if isinstance(root, yaml.MappingNode) else None
        objectives: list[Objective] = []
        sources: list[ObjectiveSource] = []
        cycle = None
        if objectives_node is not None:
            if not isinstance(objectives_node, yaml.SequenceNode):
                raise self.fail("'objectives' must be a list", objectives_node)
            cycle = self.field_cycle(root)
            for node in objectives_node.value:
                objective, source = self.objective(node)
                objectives.append(objective)
                sources.append(source)
        else:
            self.walk(root, None, objectives, sources)
            if not objectives:
                raise NotOKRFileError(
                    "no objectives or key results found: expected a mapping with an 'objectives' list, "
                    "or objectives with a key-results list under any key",
                    path=self.path,
                )
            cycles = list(dict.fromkeys(o.cycle for o in objectives if o.cycle))
            cycle = "; ".join(cycles) if cycles else None
        if cycle is not None:
            objectives = [o if o.cycle else replace(o, cycle=cycle) for o in objectives]
        sources, findings = self.attach_suppressions(sources)
        return OKRDocument(
            path=self.path,
            format=self.format,
            text=self.text,
            objectives=tuple(objectives),
            sources=tuple(sources),
            findings=tuple(findings),
            cycle=cycle,
            cycle_stated_in="data field" if cycle else None,
        )

    # -- any shape: objectives wherever a mapping holds a key-results list --------
    def walk(
        self, node: yaml.Node, cycle: str | None, objectives: list[Objective], sources: list[ObjectiveSource]
    ) -> None:
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                self.walk(child, cycle, objectives, sources)
            return
        if not isinstance(node, yaml.MappingNode):
            return
        cycle = self.field_cycle(node) or cycle
        krs_node = self.value_like(node, _ANY_KR_KEYS)
        if isinstance(krs_node, yaml.SequenceNode):
            title_node = self.value_like(node, _ANY_TITLE_KEYS)
            titled = isinstance(title_node, yaml.ScalarNode) and title_node.tag == _STR_TAG
            if titled and isinstance(title_node, yaml.ScalarNode) and str(title_node.value).strip():
                title, start = self.string(title_node, what="objective title")
            else:
                title, start = "(no objective)", position_at(self.text, node.start_mark.index, self.starts)
            key_results = [kr for child in krs_node.value if (kr := self.any_key_result(child)) is not None]
            objectives.append(
                Objective(
                    title=title,
                    key_results=tuple(kr.text for kr in key_results),
                    line=start.line,
                    key_result_lines=tuple(kr.start.line for kr in key_results),
                    cycle=cycle,
                )
            )
            sources.append(ObjectiveSource(start=start, key_results=tuple(key_results)))
            return
        for key, value in node.value:
            key_cycle = None
            if isinstance(key, yaml.ScalarNode) and len(str(key.value)) <= 24:
                key_cycle = find_cycle(str(key.value))
            self.walk(value, key_cycle or cycle, objectives, sources)

    def any_key_result(self, node: yaml.Node) -> KeyResultSource | None:
        if isinstance(node, yaml.MappingNode):
            text_node = self.value_like(node, _ANY_KR_TEXT_KEYS)
            if text_node is None:
                text_node = next(
                    (v for _, v in node.value if isinstance(v, yaml.ScalarNode) and v.tag == _STR_TAG), None
                )
            if text_node is None:
                return None
            node = text_node
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR_TAG or not str(node.value).strip():
            return None
        return self.key_result(node)

    def value_like(self, mapping: yaml.MappingNode, names: tuple[str, ...]) -> yaml.Node | None:
        """The value of the first key, in ``names`` order, whose normalised name is in ``names``."""
        by_name: dict[str, yaml.Node] = {}
        for key, value in mapping.value:
            if isinstance(key, yaml.ScalarNode):
                by_name.setdefault(_normalise(str(key.value)), value)
        return next((by_name[name] for name in names if name in by_name), None)

    def field_cycle(self, mapping: yaml.Node) -> str | None:
        if not isinstance(mapping, yaml.MappingNode):
            return None
        node = self.value_like(mapping, _CYCLE_KEYS)
        if isinstance(node, yaml.ScalarNode) and str(node.value).strip():
            return find_cycle(str(node.value)) or str(node.value).strip()
        return None

    def value(self, mapping: yaml.MappingNode, keys: tuple[str, ...]) -> yaml.Node | None:
        for key, value in mapping.value:
            if isinstance(key, yaml.ScalarNode) and key.value in keys:
                return value  # type: ignore[no-any-return]
        return None

    def objective(self, node: yaml.Node) -> tuple[Objective, ObjectiveSource]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail("each objective must be a mapping with 'objective' and 'key_results'", node)
        title_node = self.value(node, _TITLE_KEYS) or self.value_like(node, _ANY_TITLE_KEYS)
        if title_node is None:
            raise self.fail("objective without an 'objective' title", node)
        title, title_start = self.string(title_node, what="objective title")
        krs_node = self.value(node, _KR_KEYS) or self.value_like(node, _ANY_KR_KEYS)
        key_results: list[KeyResultSource] = []
        if krs_node is not None and not (isinstance(krs_node, yaml.ScalarNode) and krs_node.tag == _NULL_TAG):
            if not isinstance(krs_node, yaml.SequenceNode):
                raise self.fail("'key_results' must be a list", krs_node)
            for kr_node in krs_node.value:
                key_results.append(self.key_result(kr_node))
        return (
            Objective(
                title=title,
                key_results=tuple(kr.text for kr in key_results),
                line=title_start.line,
                key_result_lines=tuple(kr.start.line for kr in key_results),
            ),
            ObjectiveSource(start=title_start, key_results=tuple(key_results)),
        )

    def key_result(self, node: yaml.Node) -> KeyResultSource:
        if isinstance(node, yaml.MappingNode):
            text_node = self.value(node, ("text",)) or self.value_like(node, _ANY_KR_TEXT_KEYS)
            if text_node is None:
                raise self.fail("a key result mapping needs a 'text' key (or title, name, description)", node)
            node = text_node
        text, start = self.string(node, what="key result")
        verbatim = self.text[start.offset : start.offset + len(text)] == text
        return KeyResultSource(text=text, start=start, verbatim=verbatim, language=guess_language(text))

    def string(self, node: yaml.Node, *, what: str) -> tuple[str, Position]:
        """The stripped text of a string scalar and where it starts in the file."""
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR_TAG:
            if isinstance(node, yaml.SequenceNode):
                kind = "a list"
            elif isinstance(node, yaml.MappingNode):
                kind = "a mapping"
            else:
                kind = f"{node.value!r} ({node.tag.rsplit(':', 1)[-1]})"
            raise self.fail(f"{what} must be a string, got {kind}", node)
        raw: str = node.value
        text = raw.strip()
        if not text:
            raise self.fail(f"{what} is empty", node)
        return text, self.start_of(node, text)

    def start_of(self, node: yaml.ScalarNode, text: str) -> Position:
        index = node.start_mark.index
        if node.style in ('"', "'"):
            index += 1
        elif node.style in ("|", ">"):
            newline = self.text.find("\n", index)
            index = len(self.text) if newline == -1 else newline + 1
        # Skip the indentation and blank lines before the first character.
        found = self.text.find(text[0], index, node.end_mark.index + 1)
        if found != -1:
            index = found
        return position_at(self.text, index, self.starts)

    def attach_suppressions(
        self, sources: list[ObjectiveSource]
    ) -> tuple[list[ObjectiveSource], list[FileFinding]]:
        suppressions: list[tuple[Suppression, str]] = []
        for index, line in enumerate(self.text.split("\n")):
            column = len(line) - len(line.lstrip())
            suppression = yaml_suppression(line, Position(index + 1, column + 1, self.starts[index] + column))
            if suppression is not None:
                suppressions.append((suppression, line[column:]))
        findings = [no_reason_finding(s, line_text=t) for s, t in suppressions if s.reason is None]
        if not suppressions:
            return sources, findings
        # Each suppression applies to the first key result after it.
        krs = sorted(
            (kr.start.offset, i, j) for i, src in enumerate(sources) for j, kr in enumerate(src.key_results)
        )
        attached: dict[tuple[int, int], list[Suppression]] = {}
        for suppression, _ in suppressions:
            following = next(((i, j) for offset, i, j in krs if offset > suppression.position.offset), None)
            if following is not None:
                attached.setdefault(following, []).append(suppression)
        out = []
        for i, src in enumerate(sources):
            krs_out = tuple(
                replace(kr, suppressions=tuple(attached.get((i, j), ())))
                for j, kr in enumerate(src.key_results)
            )
            out.append(ObjectiveSource(start=src.start, key_results=krs_out))
        return out, findings


def read_yaml(text: str, *, path: str = "<string>", format: OKRFormat = OKRFormat.YAML) -> OKRDocument:
    """Read the objectives and key results of a YAML OKR file.

    Raises :class:`~krquality.errors.OKRFileError`, naming ``path`` and the
    line, for invalid YAML or the wrong shape (no ``objectives`` list, an
    objective without a title, a key result that is not a string...).

    >>> text = "objectives:\\n  - objective: Delight\\n    key_results:\\n      - Raise NPS to 55\\n"
    >>> doc = read_yaml(text)
    >>> doc.objectives[0].key_result_lines, doc.sources[0].key_results[0].start.column
    ((4,), 9)
    """
    return _YamlReader(text, path, format).read()
