"""The body: the key result without bullets, numbering, KR labels and owner tags."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from krquality.features.types import Features

Extract = Callable[[str], Features]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("- Launch the partner portal", "Launch the partner portal"),
        ("* Launch the partner portal", "Launch the partner portal"),
        ("• Launch the partner portal", "Launch the partner portal"),
        ("[ ] Launch the partner portal", "Launch the partner portal"),
        ("- [x] Launch the partner portal", "Launch the partner portal"),
        ("1) Launch the partner portal", "Launch the partner portal"),
        ("1. Launch the partner portal", "Launch the partner portal"),
        ("(a) Launch the partner portal", "Launch the partner portal"),
        ("KR1: Launch the partner portal", "Launch the partner portal"),
        ("KR 2.3 - Launch the partner portal", "Launch the partner portal"),
        ("KR #1 - Launch the partner portal", "Launch the partner portal"),
        ("Key Result 1: Launch the partner portal", "Launch the partner portal"),
        ("O1.KR2: Launch the partner portal", "Launch the partner portal"),
        ("Launch the partner portal (@maria)", "Launch the partner portal"),
        ("[Owner: Maria Lopez] Launch the partner portal", "Launch the partner portal"),
        ("Launch the partner portal — @maria", "Launch the partner portal"),
        ("  Launch the partner portal.  ", "Launch the partner portal"),
        ("[PLAT-212] Ship SSO", "Ship SSO"),
        ("INFRA-77: look at the logging pipelines", "look at the logging pipelines"),
        ("Ship SSO (PLAT-212)", "Ship SSO"),
        ("COVID-19 booster uptake above 80%", "COVID-19 booster uptake above 80%"),
        # Rows exported from OKR tools: the key result is the longest column that is not metadata.
        (
            "O1 › KR1.2 | Klarna live in DE by 30.06.2025 | Owner: Payments squad | 70 % | On track",
            "Klarna live in DE by 30.06.2025",
        ),
        (
            "People | KR 12.3 | Roll out the career framework | People Team | 30 %",
            "Roll out the career framework",
        ),
        ("keep pinging dormant accounts | owner: jo | status: ongoing", "keep pinging dormant accounts"),
        (
            "KR 6.6 Increase brand awareness in France — owner: Brand — 🔴 no check-in",
            "Increase brand awareness in France",
        ),
        # No metadata column: the bar is the author's own.
        ("Ship SSO | SAML and OIDC", "Ship SSO | SAML and OIDC"),
        # near misses: a count, or a bracket that is not an owner tag, stays
        ("2 new hires by June", "2 new hires by June"),
        ("(team growth) Launch the portal", "(team growth) Launch the portal"),
    ],
)
def test_body_strips_bullets_numbering_and_owner_tags(extract: Extract, text: str, body: str) -> None:
    features = extract(text)
    assert features.body.text == body
    assert text[features.body.start : features.body.end] == body


@pytest.mark.parametrize("text", ["", "   ", "-", "KR1:", "(@maria)"])
def test_empty_body_has_no_features(extract: Extract, text: str) -> None:
    features = extract(text)
    assert features.body.text == ""
    assert features.lead_verb is None
    assert features.n_words == 0
