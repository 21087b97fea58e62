"""Markdown escapes in a key result, written as the plain character in drafts.

A key result exported from a Markdown document keeps its escapes: "the rota\\_export job",
"cut \\*all\\* late invoices", "\\[draft\\] guide". They are the source's markup, not the
author's words: a draft is offered as plain text to paste into a tracker's field, so it
carries the character the author meant ("rota_export", "*all*"), also where it reuses the
author's words. The key result itself is analysed and reported as written (findings' spans
index the original text).
"""

from __future__ import annotations

import re

# A backslash before a character Markdown would otherwise read as markup.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def plain_escapes(text: str) -> str:
    r"""``text`` with each Markdown escape written as the plain character.

    >>> plain_escapes(r"Ship the rota\_export job by June")
    'Ship the rota_export job by June'
    >>> plain_escapes(r"Cut \*all\* late invoices from [baseline] by 20%")
    'Cut *all* late invoices from [baseline] by 20%'
    >>> plain_escapes("Cut costs by 20%")
    'Cut costs by 20%'
    """
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text
