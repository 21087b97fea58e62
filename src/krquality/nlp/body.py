"""``krq_body``: the key result without bullets, numbering, KR labels, owner tags and notes.

"- KR 2.3 - Launch the portal (@maria)" has the body "Launch the portal"; so do
"`Launch the portal`" and "[KR: Launch the portal](https://...) [maria] 0.5", copied with
their document's markup around them.
Works on token text only, so it can run straight after the tokenizer.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from krquality.nlp.annotations import priority_end
from krquality.nlp.extensions import register_extensions
from krquality.nlp.notes import handles_note, owner_label, progress_note
from krquality.nlp.resources import load_data, lower_set
from krquality.nlp.state import DocState

# A numbering token: "1", "12", "a", "iv", "2.3", or with its separator glued on ("i.", "1.2").
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*|[a-hA-H]|[ivxIVX]{1,4})[.)]?$")
# A KR label token with its number glued on: "KR1", "KR-1", "KR1.2", "O1.KR2", "KR#3".
_KR_LABEL = re.compile(r"^(?:[Oo]\d+[.\-])?(?:KR|Kr|kr|OKR|okr)[\-#]?\d*(?:\.\d+)*[.:]?$")
# A tracker's ticket key: "PLAT-212", "INFRA-77" (in brackets, or first with a separator).
_TICKET = re.compile(r"^[A-Z][A-Z0-9]{1,9}-\d{1,6}$")
_MAX_TAG_TOKENS = 10  # an owner tag longer than this is not an owner tag
# What a bracketed note holds when it is about the key result, not part of it: a priority
# ("p0", "P1"), a cycle ("Q2", "Q4_2022", "H1 2025", "2024-Q3"), a progress score ("2/3",
# "2.5/4"), a ticket ("#123"), a placeholder count "n".
_ANNOTATION = re.compile(
    r"(?:[Pp][0-4Xx]"
    r"|(?:Q[1-4]|H[12])(?:[\s_/'-]*(?:FY)?\d{2,4})?"
    r"|(?:FY)?\d{2,4}[\s_/-]*(?:Q[1-4]|H[12])"
    r"|\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?"
    r"|#\s*\d{1,6}"
    r"|n)"
)
# The tagger's guesses for names it does not know ("Tomás" JJ, "Reyes" NNS).
_NAME_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ"})
# The whole key result in backticks, with no other backtick inside: "`Ship the app`".
_WRAPPED_CODE = re.compile(r"`\s*(?P<inner>[^`]*[^`\s])\s*`")
# The whole key result as a Markdown link: "[Cut the queue.](#kr2)", "[KR: Grow X](https://...)".
# The text holds no other link seam; the target holds no spaces.
_WRAPPED_LINK = re.compile(r"\[\s*(?P<inner>(?:(?!\]\().)*[^\s\]])\s*\]\([^\s()]*(?:\([^\s()]*\)[^\s()]*)*\)")
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {")": "(", "]": "[", "}": "{"}


class BodyFinder:
    """Finds the body and starts the doc's :class:`DocState` with it (``doc._.krq_body`` reads it)."""

    def __init__(self) -> None:
        register_extensions()
        data = load_data("body")
        self.bullets = frozenset(data["bullets"])
        self.checkbox_marks = frozenset(data["checkbox_marks"])
        self.separators = frozenset(data["number_separators"])
        self.kr_labels = lower_set(data["kr_labels"])
        self.section_labels = lower_set(data["section_labels"])
        self.owner_words = lower_set(data["owner_words"])
        self.trailing = frozenset(data["trailing_punct"])
        self.column_separators = frozenset(data["column_separators"])
        self.metadata_words = lower_set(data["metadata_words"])
        self.status_words = lower_set(data["status_words"])

    def __call__(self, doc: Doc) -> Doc:
        start, end = self.find(doc)
        doc._.krq_state = DocState(start, end)
        return doc

    def find(self, doc: Doc) -> tuple[int, int]:
        """Token range ``(start, end)`` of the body; empty when nothing remains."""
        # spaCy joins the tokens anew on each read of ``doc.text``: read once, handed down.
        text = doc.text
        i, n = self._column(doc, text)
        while i < n:
            j = self._skip_prefix(doc, i)
            if j == i:
                break
            i = j
        end = self._trim(doc, i, self._before_owner_column(doc, text, i, n))
        i, end = _without_notes(doc, text, i, end)
        end = self._trim(doc, i, end)
        inner = _unwrapped(doc, text, i, end)
        if inner is None:
            return i, end
        # Inside a wrapper the key result may open with its own label ("[KR: Grow ...](...)")
        # and close with notes, as an unwrapped one does.
        i, n = inner
        while i < n:
            j = self._skip_prefix(doc, i)
            if j == i:
                break
            i = j
        i, end = _without_notes(doc, text, i, self._trim(doc, i, n))
        return i, self._trim(doc, i, end)

    def _trim(self, doc: Doc, start: int, end: int) -> int:
        """``end`` moved back past trailing spaces, stops, owner tags and notes."""
        while end > start:
            j = self._skip_suffix(doc, start, end)
            if j == end:
                break
            end = j
        return end

    def _column(self, doc: Doc, text: str) -> tuple[int, int]:
        """The token range of the key result in a row exported with columns
        ("O1 › KR1.2 | Klarna live in DE | Owner: Payments | 70 % | On track"): the
        longest column that is not metadata. The whole doc when there are no columns."""
        if not any(separator in text for separator in self.column_separators):
            return 0, len(doc)  # most key results: no Token is made to look
        cuts = [k for k, t in enumerate(doc) if t.text in self.column_separators]
        if not cuts:
            return 0, len(doc)
        best = (0, len(doc))
        best_size = -1
        any_metadata = False
        for a, b in zip([-1, *cuts], [*cuts, len(doc)], strict=True):
            start, end = a + 1, b
            words = [t for t in doc[start:end] if not t.is_space]
            if not words:
                continue
            if self._is_metadata(words):
                any_metadata = True
            elif len(words) > best_size:
                best, best_size = (start, end), len(words)
        # Without an owner, status or progress column the bars are the author's own ("SSO | SAML").
        return best if any_metadata else (0, len(doc))

    def _is_metadata(self, words: list[Token]) -> bool:
        """An owner, status, progress or confidence column ("Owner: Jonas", "70 %", "On track")."""
        if words[0].lower_ in self.metadata_words:
            return True
        text = " ".join(t.lower_ for t in words)
        if text in self.status_words:
            return True
        return all(t.like_num or t.is_punct or t.text in "%/" or t.lower_ in self.status_words for t in words)

    def _before_owner_column(self, doc: Doc, text: str, start: int, end: int) -> int:
        """Where a dashed owner column starts ("... — owner: Brand — 🔴"), else ``end``."""
        if ":" not in text:
            return end  # no "owner:" anywhere: no Token is made to look
        for k in range(start + 1, end - 2):
            if (
                doc[k].text in ("—", "–", "-")
                and doc[k].whitespace_
                and doc[k + 1].lower_ in self.owner_words
                and doc[k + 2].text == ":"
            ):
                return k
        return end

    def _skip_prefix(self, doc: Doc, i: int) -> int:
        token = doc[i]
        text = token.text
        n = len(doc)
        if token.is_space or text in self.bullets:
            if text == "o" and not (i + 1 < n and doc[i + 1].is_title):
                return i
            if text == "#" and i + 1 < n and doc[i + 1].lower_ == "of":
                return i  # "# of active members": the count, not a heading mark
            return i + 1
        if text in _OPENERS and (close := self._annotation_end(doc, i, n)):
            return close  # "[p0]", "{Q4_2022}"
        if text in ("[", "(") and i + 2 < n:
            # "[ ]", "[x]" checkboxes; "(@maria)", "[Owner: X]" owner tags.
            if doc[i + 1].text == "]" and text == "[":
                return i + 2
            if doc[i + 1].text in self.checkbox_marks and doc[i + 2].text == "]" and text == "[":
                return i + 3
            close = self._owner_tag_end(doc, i)
            if close:
                return close
            if _TICKET.match(doc[i + 1].text) and doc[i + 2].text == ("]" if text == "[" else ")"):
                return i + 3
            # "(1)", "(a)" numbering
            if _NUMBERING.match(doc[i + 1].text) and doc[i + 2].text == ")":
                return i + 3
            return i
        if text.startswith("@") and len(text) > 1:
            return i + 1
        if (after := priority_end(doc, i)) > i:
            return after  # "P1:", "`PX`"
        if _TICKET.match(text) and i + 2 < n and doc[i + 1].text in (":", "-", "–", "—", "|"):
            return i + 2
        lower = token.lower_
        if _KR_LABEL.match(text) or lower in self.kr_labels:
            return self._skip_label(doc, i + 1)
        if i + 1 < n and f"{lower} {doc[i + 1].lower_}" in self.kr_labels:
            return self._skip_label(doc, i + 2)
        if lower in self.section_labels:
            return self._skip_section_label(doc, i + 1)
        if _NUMBERING.match(text) and i + 1 < n:
            nxt = doc[i + 1]
            if text[-1] in ".)" and len(text) > 1 and not text[:-1].replace(".", "").isdigit():
                return i + 1  # "i.", "a)"
            if nxt.text in self.separators and nxt.whitespace_ and i + 2 < n:
                return i + 2
            if text.endswith(")") or (text.endswith(".") and not text[0].isdigit()):
                return i + 1
        return i

    def _skip_label(self, doc: Doc, i: int) -> int:
        """After "KR": an optional number ("2.3", "#1") and separator (":", "-")."""
        n = len(doc)
        if i < n and doc[i].text == "#":
            i += 1
        if i < n and _NUMBERING.match(doc[i].text) and doc[i].text[0].isdigit():
            i += 1
        if i < n and doc[i].text in self.separators:
            i += 1
        return i

    def _skip_section_label(self, doc: Doc, i: int) -> int:
        """After "Objective" or "Goal": its number and a separator ("Objective 2:", "Goal -").

        Without a separator the word is part of the key result ("Goals for the spring fair are agreed"),
        so nothing is skipped (the label word's own index is returned)."""
        start = i - 1
        end = self._skip_label(doc, i)
        return end if end > i and doc[end - 1].text in self.separators else start

    def _owner_tag_end(self, doc: Doc, i: int) -> int:
        """End of an owner tag opening at ``doc[i]`` ("(" or "["), else 0."""
        closer = ")" if doc[i].text == "(" else "]"
        first = doc[i + 1]
        if not (first.text.startswith("@") or first.lower_ in self.owner_words):
            return 0
        # "(owner: X)" needs the colon; "(team growth)" is not a tag.
        if (
            first.lower_ in self.owner_words
            and not first.text.startswith("@")
            and (i + 2 >= len(doc) or doc[i + 2].text not in (":", "-", "="))
        ):
            return 0
        for j in range(i + 2, min(len(doc), i + _MAX_TAG_TOKENS)):
            if doc[j].text == closer:
                return j + 1
        return 0

    def _annotation_end(self, doc: Doc, i: int, limit: int) -> int:
        """End of a bracketed note ("[p0]", "{Q4_2022}", "[2/3]", "(#12)") opening at ``doc[i]``, else 0."""
        closer = _OPENERS[doc[i].text]
        for j in range(i + 2, min(limit, i + 6)):
            if doc[j].text == closer:
                inner = doc.text[doc[i].idx + 1 : doc[j].idx].strip()
                return j + 1 if _ANNOTATION.fullmatch(inner) else 0
        return 0

    def _suffix_note_start(self, doc: Doc, start: int, end: int) -> int:
        """Start of a note closing the key result: a bracketed annotation, an owner's
        name ("- Ravi", "(Tomasz)") or a link; else ``end``."""
        last = doc[end - 1]
        text = last.text
        if last.like_url and end - 1 > start:
            return end - 1
        if text in _CLOSERS:
            opener = _CLOSERS[text]
            for j in range(end - 2, max(start, end - 6), -1):
                if doc[j].text == opener:
                    if text == ")" and _link_target(doc, j):
                        break  # "[guide](https://...)": the link's text is part of the sentence
                    if self._annotation_end(doc, j, end) == end or self._is_name(doc[j + 1 : end - 1]):
                        return j
                    if all(t.like_url for t in doc[j + 1 : end - 1]):
                        return j
                    break
            return end
        for size in (1, 2):
            k = end - size - 1
            dash = k - 1 > start and doc[k].text in ("-", "–", "—") and doc[k - 1].whitespace_
            if dash and self._is_name(doc[k + 1 : end]):
                return k
        return end

    @staticmethod
    def _is_name(tokens: Span) -> bool:
        """One or two capitalised words that look like a person's name ("Ravi", "Ana Lima")."""
        if not 1 <= len(tokens) <= 2:
            return False
        return all(t.is_alpha and t.is_title and len(t.text) > 1 and t.tag_ in _NAME_TAGS for t in tokens)

    def _skip_suffix(self, doc: Doc, start: int, end: int) -> int:
        last = doc[end - 1]
        text = last.text
        if last.is_space or text in self.trailing:
            return end - 1
        note = self._suffix_note_start(doc, start, end)
        if note < end:
            return note
        if text.startswith("@") and len(text) > 1:
            j = end - 1
            # "— @maria": the dash belongs to the tag
            if j - 1 > start and doc[j - 1].text in self.bullets:
                j -= 1
            return j
        if (
            text in (")", "]")
            and end - 3 >= start
            and _TICKET.match(doc[end - 2].text)
            and doc[end - 3].text == ("(" if text == ")" else "[")
        ):
            return end - 3
        if text in (")", "]"):
            opener = "(" if text == ")" else "["
            for j in range(end - 2, max(start, end - _MAX_TAG_TOKENS) - 1, -1):
                if doc[j].text == opener:
                    if j > start and self._owner_tag_end(doc, j) == end:
                        return j
                    break
        return end


def _link_target(doc: Doc, j: int) -> bool:
    """Whether the "(" at ``doc[j]`` opens a Markdown link's target ("[text](target)")."""
    return j > 0 and doc[j - 1].text == "]" and not doc[j - 1].whitespace_


def _unwrapped(doc: Doc, doc_text: str, start: int, end: int) -> tuple[int, int] | None:
    """The token range inside markup wrapping the whole key result, else ``None``.

    Key results copied from a document keep its markup around them: the whole sentence
    in backticks ("`Ship the app by June`"), or as a link to an anchor or a tracker
    ("[Cut the queue.](#kr2)", "[KR: Grow sign-ups](https://...)"), often followed by a
    list of owners' handles ("\\[ana, li\\]"). The sentence inside is the key result;
    the marks, the link's target and the handles are not. Markup inside the sentence
    ("Move the `export` job", "Publish the [guide](https://...) for buyers") stays.
    """
    if end - start < 3:
        return None
    offset = doc[start].idx
    text = doc_text[offset : doc[end - 1].idx + len(doc[end - 1])]
    handles = handles_note(text)
    if handles is not None:
        text = text[: handles[0]].rstrip()
    wrapper = _WRAPPED_CODE.fullmatch(text) or _WRAPPED_LINK.fullmatch(text)
    if wrapper is None:
        return None
    a, b = offset + wrapper.start("inner"), offset + wrapper.end("inner")
    # Only on token boundaries: a wrapper glued into a token is left as it is.
    first = next((k for k in range(start, end) if doc[k].idx == a), None)
    last = next((k for k in range(start, end) if doc[k].idx + len(doc[k]) == b), None)
    if first is None or last is None or last < first:
        return None
    return first, last + 1


def _without_notes(doc: Doc, text: str, start: int, end: int) -> tuple[int, int]:
    """The token range ``(start, end)`` without a team label opening it and a progress
    note closing it (:mod:`krquality.nlp.notes`): "Payroll Ops: Move the export => 0%"
    leaves "Move the export". Both are bookkeeping; read as the key result, the label looks
    like its subject and the figure like its target."""
    if start >= end:
        return start, end
    # On the body found so far, so that a priority tag or bullet before it does not hide them.
    offset = doc[start].idx
    label = owner_label(text[offset : doc[end - 1].idx + len(doc[end - 1])])
    if label is not None and label[0] == 0:
        after = next((k for k in range(start, end) if doc[k].idx >= offset + label[1]), end)
        start = after if after < end else start
    offset = doc[start].idx
    note = progress_note(text[offset : doc[end - 1].idx + len(doc[end - 1])])
    if note is not None and note[0] > 0:
        end = next((k for k in range(start + 1, end) if doc[k].idx >= offset + note[0]), end)
    return start, end


@Language.factory("krq_body")
def make_body_finder(nlp: Language, name: str) -> BodyFinder:
    """spaCy factory for :class:`BodyFinder`.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("krq_body")
    >>> nlp("1) Ship it (@maria)")._.krq_body.text
    'Ship it'
    """
    return BodyFinder()
