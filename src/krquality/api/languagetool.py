"""The LanguageTool ``/v2`` contract: text in, findings out as LanguageTool matches.

Pure reshaping, no classification: the text is split into key results (each
list item and each sentence, :func:`split_key_results`), :mod:`krquality` analyses them, and each finding
becomes a match. LanguageTool reports offsets in UTF-16 code units (Java
strings), and its clients convert them back, so this module does the same.

A finding becomes a match with:

* the finding's span and its fix as the one replacement, when it has a fix;
* else, when rewrite suggestions address the finding's code, the whole key
  result as the span and the rewrites as replacements (applying one replaces
  the key result, as the playground's "apply" does);
* else the finding's span and no replacement.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from krquality import __version__
from krquality.api import schemas
from krquality.result import Finding, Result, Severity
from krquality.suggest.layout import continued_lines

LANGUAGES: tuple[tuple[str, str], ...] = (
    ("English", "en"),
    ("English (US)", "en-US"),
    ("English (GB)", "en-GB"),
    ("English (Australian)", "en-AU"),
    ("English (Canadian)", "en-CA"),
    ("English (New Zealand)", "en-NZ"),
    ("English (South African)", "en-ZA"),
)

# How LanguageTool clients colour a match depends on its ITS issue type.
ISSUE_TYPES = {Severity.ERROR: "non-conformance", Severity.WARNING: "style", Severity.INFO: "uncategorized"}


class UnsupportedLanguageError(ValueError):
    """The request asked for a language other than English."""


def languages() -> list[schemas.LTLanguageInfo]:
    """What ``GET /v2/languages`` lists: English and its variants."""
    return [schemas.LTLanguageInfo(name=name, code="en", longCode=code) for name, code in LANGUAGES]


def resolve_language(tag: str) -> tuple[str, str]:
    """``(name, longCode)`` for a requested language; ``auto`` means English (US).

    >>> resolve_language("en-gb")
    ('English (GB)', 'en-GB')
    """
    wanted = tag.strip()
    if wanted.lower() in ("auto", ""):
        return "English (US)", "en-US"
    for name, code in LANGUAGES:
        if code.lower() == wanted.lower():
            return name, code
    if wanted.lower().startswith("en-") or wanted.lower() == "en":
        return "English", wanted
    raise UnsupportedLanguageError(
        f"language {tag!r} is not supported: krquality checks English key results "
        "(en, en-US, en-GB... or auto)"
    )


@dataclass(frozen=True, slots=True)
class PlainText:
    """The text to check, and where each of its characters came from in the request.

    ``origin(i)`` is the offset, in the original request text (markup
    included), of character ``i`` of ``text``.
    """

    text: str
    starts: tuple[int, ...] = ()  # plain offsets where a run of original text begins
    origins: tuple[int, ...] = ()  # the original offset of each run's first character
    original: str = ""

    def origin(self, index: int) -> int:
        """Map a plain-text offset to an offset in the original request text."""
        if not self.starts:
            return index
        run = max(0, bisect.bisect_right(self.starts, index) - 1)
        return self.origins[run] + (index - self.starts[run])


def plain_from_data(data: str) -> PlainText:
    """Read LanguageTool's ``data`` field (``{"annotation": [...]}``).

    Text parts are checked; markup parts are skipped, except their
    ``interpretAs`` (e.g. ``"\\n\\n"`` for ``<p>``), which splits lines.

    >>> p = plain_from_data('{"annotation": [{"markup": "<b>"}, {"text": "Ship it"}, {"markup": "</b>"}]}')
    >>> p.text, p.origin(0)
    ('Ship it', 3)
    """
    try:
        parsed = json.loads(data)
        parts = parsed["annotation"]
        if not isinstance(parts, list):
            raise TypeError("annotation is not a list")
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise ValueError(f'data must be JSON like {{"annotation": [{{"text": "..."}}]}}: {e}') from e
    except RecursionError as e:  # nested deeper than the JSON reader's stack
        raise ValueError('data is nested too deeply; it must be {"annotation": [...]}') from e
    plain: list[str] = []
    original: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    plain_len = original_len = 0
    for part in parts:
        if not isinstance(part, dict):
            raise ValueError("each annotation part must be an object with 'text' or 'markup'")
        if isinstance(part.get("text"), str):
            piece, source = part["text"], part["text"]
        elif isinstance(part.get("markup"), str):
            piece, source = str(part.get("interpretAs", "")), part["markup"]
        else:
            raise ValueError("each annotation part must have a string 'text' or 'markup'")
        starts.append(plain_len)
        origins.append(original_len)
        plain.append(piece)
        original.append(source)
        plain_len += len(piece)
        original_len += len(source)
    return PlainText("".join(plain), tuple(starts), tuple(origins), "".join(original))


@dataclass(frozen=True, slots=True)
class Line:
    """One key result: ``text`` starts at ``offset`` of the plain text."""

    offset: int
    text: str


_ITEM = re.compile(r"^\s*(?:(?:[-*+•]|\d{1,3}[.)])\s+)?(?:\[[ xX]\]\s+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    {
        "e.g", "i.e", "etc", "vs", "approx", "incl", "excl", "esp", "mr", "mrs", "ms", "dr", "prof",
        "inc", "ltd", "co", "corp", "no", "nr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "fig", "est", "min", "max", "avg", "dept",
    }
)


def split_key_results(text: str) -> list[Line]:
    """Each list item or sentence of ``text``, without bullets and checkboxes, with its offset.

    LanguageTool clients send whole paragraphs; every sentence and every
    list item is checked as one key result. Markdown headings and lines
    labelled as objectives are not key results and are left out.

    >>> split_key_results("- [ ] Ship it by May. Grow sign-ups 10% e.g. in Spain.\\n## Goals\\n")
    [Line(offset=6, text='Ship it by May.'), Line(offset=22, text='Grow sign-ups 10% e.g. in Spain.')]
    """
    from krquality.okrfile.labels import LabelKind, label_of

    out: list[Line] = []
    for line in split_lines(text):
        stripped = line.text.strip()
        label = label_of(stripped.lstrip("#*_ "))
        if stripped.startswith("#") or (label is not None and label.kind is not LabelKind.KEY_RESULT):
            continue
        start = _ITEM.match(line.text)
        begin = start.end() if start else 0
        body = line.text[begin:]
        position = 0
        for match in _SENTENCE_END.finditer(body):
            before = body[position : match.start()].rstrip()
            word = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.split() else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            _add(out, line.offset + begin + position, body[position : match.start()])
            position = match.end()
        _add(out, line.offset + begin + position, body[position:])
    return out


def _add(out: list[Line], offset: int, text: str) -> None:
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if text and any(c.isalnum() for c in text):
        out.append(Line(offset + lead, text))


def split_lines(text: str) -> list[Line]:
    """Each non-empty line, without its line break, with its offset.

    >>> split_lines("Ship it\\r\\n\\n  Grow 10%")
    [Line(offset=0, text='Ship it'), Line(offset=10, text='  Grow 10%')]
    """
    lines = []
    offset = 0
    for raw in text.split("\n"):
        line = raw.removesuffix("\r")
        if line.strip():
            lines.append(Line(offset, line))
        offset += len(raw) + 1
    return lines


class Utf16Offsets:
    """Convert Python string offsets of ``text`` to UTF-16 code units.

    >>> Utf16Offsets("a😀b").at(2)
    3
    """

    def __init__(self, text: str) -> None:
        self.ascii = text.isascii()
        self.prefix: list[int] = []
        if not self.ascii:
            total = 0
            self.prefix = [0]
            for char in text:
                total += 2 if ord(char) > 0xFFFF else 1
                self.prefix.append(total)

    def at(self, index: int) -> int:
        """The UTF-16 offset of Python offset ``index``."""
        return index if self.ascii else self.prefix[max(0, min(index, len(self.prefix) - 1))]


def _short(finding: Finding) -> str:
    return finding.name.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def _family(finding: Finding) -> str:
    return finding.name.split(".", 1)[0]


# Characters of the line shown on each side of a match in its ``context``.
CONTEXT_CHARS = 40


def match_for(
    finding: Finding,
    result: Result,
    line: Line,
    *,
    description: str,
    to_original: Callable[[int], int],
    utf16: Utf16Offsets,
    source: str | None = None,
) -> schemas.LTMatch:
    """One finding of the key result on ``line`` as a LanguageTool match; ``source`` is the
    request's text, where a split suggestion's later parts take the bullet of the key result."""
    start, end = finding.start, finding.end
    replacements: list[str] = []
    if finding.fix is not None:
        start, end = finding.fix.start, finding.fix.end
        replacements = [finding.fix.replacement]
    else:
        rewrites = [s.text for s in result.suggestions if finding.code in s.fixes]
        if rewrites and source is not None:  # a split's later parts open like the key result's line
            rewrites = [continued_lines(r, source, to_original(line.offset)) for r in rewrites]
        if rewrites:
            start, end = 0, len(line.text)
            replacements = rewrites
    start, end = max(0, min(start, len(line.text))), max(0, min(end, len(line.text)))
    begin = utf16.at(to_original(line.offset + start))
    finish = utf16.at(to_original(line.offset + end)) if end > start else begin
    # The context is a window around the match, not the whole line: a long line
    # with many findings repeated itself in every match (1,000 such lines made a
    # 106 MB response); ``sentence`` carries the line once per match.
    window_start = max(0, start - CONTEXT_CHARS)
    window = line.text[window_start : end + CONTEXT_CHARS]
    window_utf16 = Utf16Offsets(window)
    family = _family(finding)
    return schemas.LTMatch(
        message=finding.message,
        shortMessage=_short(finding),
        replacements=[schemas.LTReplacement(value=r) for r in replacements],
        offset=begin,
        length=finish - begin,
        context=schemas.LTContext(
            text=window,
            offset=window_utf16.at(start - window_start),
            length=window_utf16.at(end - window_start) - window_utf16.at(start - window_start),
        ),
        sentence=line.text,
        type=schemas.LTType(typeName="Other"),
        rule=schemas.LTRule(
            id=finding.code,
            description=description,
            issueType=ISSUE_TYPES.get(finding.severity, "uncategorized"),
            category=schemas.LTCategory(id=f"KRQ_{family.upper()}", name=f"Key results: {family}"),
        ),
    )


def rule_filter(enabled: str | None, disabled: str | None, enabled_only: str | None) -> Callable[[str], bool]:
    """LanguageTool's ``enabledRules``/``disabledRules``/``enabledOnly`` as a predicate on rule ids."""
    on = {r.strip() for r in (enabled or "").split(",") if r.strip()}
    off = {r.strip() for r in (disabled or "").split(",") if r.strip()}
    only = (enabled_only or "").lower() == "true"
    return lambda rule_id: rule_id not in off and (not only or rule_id in on)


def matches_for(
    results: Sequence[Result],
    lines: Sequence[Line],
    plain: PlainText,
    *,
    descriptions: dict[str, str],
    keep: Callable[[str], bool],
) -> list[schemas.LTMatch]:
    """All matches, in text order, for the analysed ``lines``."""
    source = plain.original or plain.text
    utf16 = Utf16Offsets(source)
    out: list[schemas.LTMatch] = []
    for result, line in zip(results, lines, strict=True):
        for finding in result.findings:
            if keep(finding.code):
                out.append(
                    match_for(
                        finding,
                        result,
                        line,
                        description=descriptions.get(finding.code, finding.name),
                        to_original=plain.origin,
                        utf16=utf16,
                        source=source,
                    )
                )
    out.sort(key=lambda m: (m.offset, m.length))
    return out


def response(
    matches: Iterable[schemas.LTMatch], *, language: tuple[str, str], incomplete: bool
) -> schemas.LTCheckResponse:
    """The ``/v2/check`` response around ``matches``."""
    name, code = language
    return schemas.LTCheckResponse(
        software=schemas.LTSoftware(name="krquality", version=__version__, status=""),
        warnings=schemas.LTWarnings(incompleteResults=incomplete),
        language=schemas.LTLanguage(
            name=name,
            code=code,
            detectedLanguage=schemas.LTDetectedLanguage(name=name, code=code, confidence=1.0),
        ),
        matches=list(matches),
    )
