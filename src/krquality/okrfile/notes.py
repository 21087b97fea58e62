"""What the reader tells about a document beside its key results.

Three document-level findings, used by every interface that reads
documents (lint, the language server, the HTTP service):

* ``KRQ901`` ``document.unreadable``: the file cannot be read (reported by
  the interface, since there is no document);
* ``KRQ902`` ``document.not_english``: a key result in another language is
  kept out of the analysis (the model reads English) and says so;
* ``KRQ903`` ``document.lines_not_read``: once per document, the list items
  that looked like key results but were not read as such.
"""

from __future__ import annotations

from dataclasses import replace

from krquality.okrfile.types import FileFinding, KeyResultSource, ObjectiveSource, OKRDocument, Position
from krquality.result import Finding, Objective, Severity

UNREADABLE_CODE, UNREADABLE_NAME = "KRQ901", "document.unreadable"
UNREADABLE_DOCS = (
    "The file could not be read (missing, not UTF-8, malformed YAML, JSON or CSV) or a key result in "
    "it cannot be analysed; the other files are still checked."
)
NOT_ENGLISH_CODE, NOT_ENGLISH_NAME = "KRQ902", "document.not_english"
NOT_ENGLISH_MESSAGE = "Not analysed: this key result reads as {language}, and krquality checks English only."
NOT_ENGLISH_DOCS = (
    "The classifier and the checks are trained on English. A key result in another language is read "
    "(so the structure of the document is checked) but not labelled or scored."
)
NOT_READ_CODE, NOT_READ_NAME = "KRQ903", "document.lines_not_read"
NOT_READ_MESSAGE = (
    "{count} list item{s} not read as key results (line{s} {lines}): they sit under no objective. "
    "Label a key result 'KR:' or put it in the list under its objective to have it checked."
)
NOT_READ_DOCS = (
    "The reader leaves out prose, explanations, link lists and notes. Where a list item looked like it "
    "could be a key result but had no objective above it, this says so once per document."
)
_LANGUAGES = {
    "pt": "Portuguese",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "nl": "Dutch",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "ru": "Russian",
    "ar": "Arabic",
    "el": "Greek",
}


def for_analysis(document: OKRDocument) -> OKRDocument:
    """``document`` with only the key results to analyse, and findings on the rest.

    Key results not in English move out of the objectives into a
    ``KRQ902`` finding each; doubtful lines become one ``KRQ903`` finding.

    >>> from krquality.okrfile import read_okr_text
    >>> text = "# Crescer\\n- Criar um sistema de cadastro para os autores\\n"
    >>> doc = for_analysis(read_okr_text(text, path="o.md"))
    >>> doc.objectives[0].key_results, [f.finding.code for f in doc.findings]
    ((), ['KRQ902'])
    """
    findings = list(document.findings)
    objectives: list[Objective] = []
    sources: list[ObjectiveSource] = []
    for objective, source in zip(document.objectives, document.sources, strict=True):
        kept: list[KeyResultSource] = []
        for kr in source.key_results:
            if kr.language is None:
                kept.append(kr)
                continue
            language = _LANGUAGES.get(kr.language, "another language")
            end = kr.offsets[-1] if kr.offsets else kr.start.offset + len(kr.text)
            finding = Finding(
                NOT_ENGLISH_CODE,
                NOT_ENGLISH_NAME,
                Severity.INFO,
                NOT_ENGLISH_MESSAGE.format(language=language),
                kr.start.offset,
                end,
            )
            findings.append(FileFinding(finding, kr.start))
        objectives.append(
            replace(
                objective,
                key_results=tuple(k.text for k in kept),
                key_result_lines=tuple(k.start.line for k in kept),
            )
        )
        sources.append(replace(source, key_results=tuple(kept)))
    if document.doubtful_lines:
        findings.append(_not_read(document))
    return replace(document, objectives=tuple(objectives), sources=tuple(sources), findings=tuple(findings))


def _not_read(document: OKRDocument) -> FileFinding:
    lines = document.doubtful_lines
    shown = ", ".join(map(str, lines[:8])) + (", ..." if len(lines) > 8 else "")
    message = NOT_READ_MESSAGE.format(count=len(lines), s="s" if len(lines) != 1 else "", lines=shown)
    text_lines = document.text.split("\n")
    first = lines[0]
    line_text = text_lines[first - 1] if first - 1 < len(text_lines) else ""
    indent = len(line_text) - len(line_text.lstrip())
    start = document.position_at(sum(len(t) + 1 for t in text_lines[: first - 1]) + indent)
    finding = Finding(
        NOT_READ_CODE,
        NOT_READ_NAME,
        Severity.INFO,
        message,
        start.offset,
        start.offset + len(line_text.rstrip()) - indent,
    )
    return FileFinding(finding, Position(start.line, start.column, start.offset))
