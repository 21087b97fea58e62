"""Markup out of the analysed text, with every kept character's place in the file.

A key result written ``- [ ] Ship the [partner portal](https://x) **by June** [due:: 2025-06-30]``
is analysed as ``Ship the partner portal by June``. :class:`Mapped` keeps,
for each character of the cleaned text, its offset in the file, so a
finding on "partner portal" lands on those characters in the editor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# HTML elements people put in OKR pages; a bare "<Crime & Punishment>" is not one of them.
_TAGS = (
    "a|abbr|aside|b|big|blockquote|br|center|code|del|details|div|em|font|h[1-6]|hr|i|img|ins|kbd|"
    "li|mark|ol|p|s|small|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|u|ul"
)
_HTML_TAG = re.compile(rf"</?(?:{_TAGS})\b[^<>]*/?>", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_ATTRIBUTES = re.compile(r"\s*\{[:#.][^{}]*\}")
_DATAVIEW = re.compile(r"\s*\[\[?[A-Za-z_][\w -]*::[^\]]*\]\]?")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?(?P<keep>[^\]|]+)\]\]")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<keep>[^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REFERENCE_LINK = re.compile(r"\[(?P<keep>[^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?P<keep>https?://[^>\s]+)>")
_CODE = re.compile(r"`+(?P<keep>[^`]+?)`+")
_STRONG = re.compile(r"(?<![\\\w])(\*\*|__)(?=\S)(?P<keep>.+?)(?<=\S)\1(?!\w)")
_EMPTY_STRONG = re.compile(r"\*{4,}|_{4,}")
_EMPHASIS = re.compile(r"(?<![\\\w*])([*_])(?=[^\s*_])(?P<keep>[^*_]+?)(?<=[^\s*_\\])\1(?![\w*])")
_STRIKE = re.compile(r"~~(?P<keep>.+?)~~")
_ESCAPE = re.compile(r"\\(?P<keep>[\\`*_{}\[\]()#+\-.!|<>])")
# A task-list box, empty or ticked ("[ ]", "[x]", "[✓]"); the block reader uses it too.
CHECKBOX_MARK = r"\[[ xX✓✔-]?\]"
_CHECKBOX = re.compile(rf"^\s*{CHECKBOX_MARK}\s+")
_STATUS = re.compile(
    r"^(?:(?:NOT |PARTIALLY |PARTLY )?ACHIEVED|DONE|COMPLETED?|IN PROGRESS|ON TRACK|AT RISK|OFF TRACK|"
    r"BLOCKED|MISSED|DROPPED)\b\s*[:\-–—|]?\s*"
)
_EMOJI = re.compile(
    "^[\\s\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2705\u274c\u2b55\ufe0f\u200d]+"
    "|[\\s\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2705\u274c\u2b55\ufe0f\u200d]+$"
)
_PRIORITY = re.compile(r"^(?:\[P[0-4]\]|\(P[0-4]\)|P[0-4]\s*[:\-–—|])\s*")
_OWNER = re.compile(
    r"\s*[\[(](?:owner|owners|lead|dri|assignee|responsible)\s*:[^\])]*[\])]"
    r"|(?:\s+@[\w.-]+)+\s*$",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\s+\d{0,2}(?:\.\d)?/10\s*$")
_SPACES = re.compile(r"\s{2,}|\t|\n")


@dataclass(frozen=True, slots=True)
class Mapped:
    """Text and, per character, its offset in the file (``offsets`` has one more entry: where
    the text's run ends in the file, markup after it included).

    >>> m = Mapped.of("a **b**", 10).clean()
    >>> m.text, m.offsets
    ('a b', (10, 11, 14, 17))
    """

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, text: str, start: int) -> Mapped:
        """``text`` as it stands in the file from offset ``start``."""
        return cls(text, tuple(range(start, start + len(text) + 1)))

    @classmethod
    def join(cls, pieces: list[Mapped]) -> Mapped:
        """The pieces one after the other (each piece's end offset gives way to the next piece).

        >>> Mapped.join([Mapped.of("ab", 0), Mapped.of("c", 5)]).offsets
        (0, 1, 5, 6)
        """
        offsets: list[int] = []
        for piece in pieces:
            offsets.extend(piece.offsets[:-1])
        offsets.append(pieces[-1].offsets[-1])
        return cls("".join(piece.text for piece in pieces), tuple(offsets))

    def __add__(self, other: Mapped) -> Mapped:
        return Mapped(self.text + other.text, self.offsets[:-1] + other.offsets)

    def slice(self, start: int, end: int | None = None) -> Mapped:
        """Characters ``start`` to ``end`` (end exclusive) with their offsets."""
        end = len(self.text) if end is None else end
        return Mapped(self.text[start:end], (*self.offsets[start:end], self.offsets[end]))

    def strip(self, chars: str | None = None) -> Mapped:
        """Without leading and trailing whitespace (or ``chars``)."""
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.slice(left, max(left, right))

    def sub(
        self, pattern: re.Pattern[str], keep: Callable[[re.Match[str]], str | None] | None = None
    ) -> Mapped:
        """Replace each match of ``pattern`` by its ``keep`` group (or by ``keep(match)``'s group
        name), or drop it when there is none."""
        out_text: list[str] = []
        out_offsets: list[int] = []
        position = 0
        for match in pattern.finditer(self.text):
            out_text.append(self.text[position : match.start()])
            out_offsets.extend(self.offsets[position : match.start()])
            group = keep(match) if keep is not None else ("keep" if "keep" in match.groupdict() else None)
            if group is not None and match.group(group) is not None:
                a, b = match.span(group)
                out_text.append(self.text[a:b])
                out_offsets.extend(self.offsets[a:b])
            position = match.end()
        if position == 0 and not out_text:
            return self
        out_text.append(self.text[position:])
        out_offsets.extend(self.offsets[position:])
        return Mapped("".join(out_text), tuple(out_offsets))

    def spaced(self) -> Mapped:
        """Runs of whitespace become one space (the first one's offset)."""
        out_text: list[str] = []
        out_offsets: list[int] = []
        position = 0
        for match in _SPACES.finditer(self.text):
            out_text.append(self.text[position : match.start()] + " ")
            out_offsets.extend(self.offsets[position : match.start() + 1])
            position = match.end()
        out_text.append(self.text[position:])
        out_offsets.extend(self.offsets[position:])
        return Mapped("".join(out_text), tuple(out_offsets))

    def clean(self) -> Mapped:
        """Markup out: HTML, links (their text kept), emphasis, code ticks, checkboxes, inline
        fields, status badges and emoji, priority tags ("P1:", "[P0]"), owner tags ("@ana",
        "(owner: Ana)"), a trailing "/10" confidence score."""
        m = self.sub(_HTML_COMMENT).sub(_HTML_TAG).sub(_ATTRIBUTES).sub(_DATAVIEW).sub(_WIKI_LINK)
        m = m.sub(_IMAGE).sub(_LINK).sub(_REFERENCE_LINK).sub(_AUTOLINK).sub(_CODE)
        m = m.sub(_EMPTY_STRONG).sub(_STRONG).sub(_STRONG).sub(_EMPHASIS).sub(_STRIKE).sub(_ESCAPE)
        m = m.spaced().strip().sub(_CHECKBOX).sub(_EMOJI).strip().sub(_STATUS).sub(_PRIORITY)
        m = m.sub(_OWNER).sub(_SCORE)
        return m.strip()

    @property
    def verbatim(self) -> bool:
        """True when the text is one unbroken run of the file."""
        return all(b - a == 1 for a, b in zip(self.offsets, self.offsets[1:], strict=False))


def clean_text(text: str) -> str:
    """``text`` without its markup.

    >>> clean_text("- [x] Ship the [portal](https://example.com) **by June** ✅")
    '- [x] Ship the portal by June'
    >>> clean_text("[ ] Ship the `cli` <br>by June")
    'Ship the cli by June'
    """
    return Mapped.of(text, 0).clean().text


def is_link_only(text: str) -> bool:
    """True when ``text`` is nothing but links (a reference list item).

    >>> is_link_only("[Guide](https://example.com) ([slides](https://example.com/s))")
    True
    >>> is_link_only("Read [x](y) twice")
    False
    """
    rest = _LINK.sub("", _CHECKBOX.sub("", _AUTOLINK.sub("", text)))
    rest = re.sub(r"https?://\S+", "", rest)
    return bool(text.strip()) and not re.search(r"\w", rest) and text.strip() != rest.strip()
