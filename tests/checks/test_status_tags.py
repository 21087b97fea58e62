"""Status and commitment tags in brackets ("[COMMITTED]", "[at risk]"): details, not placeholders."""

from __future__ import annotations

import pytest

import krquality
from krquality.checks.wording import metadata_spans


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("[COMMITTED] Cut missed bin collections from 40 to 15 a month", "[COMMITTED]"),
        ("Open the repair café in the library [ASPIRATIONAL]", "[ASPIRATIONAL]"),
        ("[Stretch] Sign 4 regional bus operators", "[Stretch]"),
        ("Move payroll to the new provider by June [at risk]", "[at risk]"),
        ("[ROOFSHOT] Halve the median wait at the vet clinic desk", "[ROOFSHOT]"),
        ("[INFRA OPS] Retire the old file server by May", "[INFRA OPS]"),
        ("Tool lending [COMMITTED]: Lend 300 tools a month from the shed", "[COMMITTED]"),
        ("Quiet hours [Stretch]: Noise complaints fall below 2 a month", "[Stretch]"),
    ],
)
def test_a_status_tag_is_metadata_and_not_a_placeholder(text: str, tag: str) -> None:
    result = krquality.analyze(text)
    assert tag in [text[a:b].strip() for a, b in metadata_spans(text)]
    names = {f.name for f in result.findings}
    assert "wording.metadata" in names
    assert "wording.placeholder" not in names
    assert all(tag not in s.text for s in result.suggestions)


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("[TBD] Sign 4 regional bus operators", "[TBD]"),
        ("Set the volunteer target at [TARGET] drivers by May", "[TARGET]"),
        ("Launch [PRODUCT NAME] in three more towns", "[PRODUCT NAME]"),
        ("Grow weekly riders to [XX] by Q3", "[XX]"),
    ],
)
def test_a_blank_in_capitals_is_still_a_placeholder(text: str, blank: str) -> None:
    result = krquality.analyze(text, suggestions=False)
    flagged = [text[f.start : f.end] for f in result.findings if f.name == "wording.placeholder"]
    assert blank in flagged
    assert blank not in [text[a:b].strip() for a, b in metadata_spans(text)]
