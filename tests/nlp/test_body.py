"""The body: the key result without bullets, numbering, KR labels and owner tags."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
        # An objective's or goal's label with its separator is metadata, like a KR label.
        ("Objective 2: Lower the walk-in cooler's energy use", "Lower the walk-in cooler's energy use"),
        ("Goal - Shorter queues at the ferry ticket desk", "Shorter queues at the ferry ticket desk"),
        ("Goals: 4 tide gauges calibrated", "4 tide gauges calibrated"),
        # near misses: a count, or a bracket that is not an owner tag, stays
        ("Goals for the harvest season are agreed", "Goals for the harvest season are agreed"),
        ("Objective 3 reached by every depot", "Objective 3 reached by every depot"),
        ("2 new hires by June", "2 new hires by June"),
        ("(team growth) Launch the portal", "(team growth) Launch the portal"),
        # A priority tag, backticked or with a separator, including "PX" (not set yet).
        ("`PX` - The tide gauge feed is archived nightly", "The tide gauge feed is archived nightly"),
        ("`P2` @lena - Ferry timetable API is public", "Ferry timetable API is public"),
        ("PX: Archive the tide gauge feed", "Archive the tide gauge feed"),
        ("PX rollout finished in all depots", "PX rollout finished in all depots"),
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


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("[p1] Publish the onboarding guide", "Publish the onboarding guide"),
        ("P0: Publish the onboarding guide", "Publish the onboarding guide"),
        ("Publish the onboarding guide {Q3_2026}", "Publish the onboarding guide"),
        ("Publish the onboarding guide [Q3]", "Publish the onboarding guide"),
        ("Publish the onboarding guide [1.5/4]", "Publish the onboarding guide"),
        ("Publish the onboarding guide (#481)", "Publish the onboarding guide"),
        ("Publish the onboarding guide (n)", "Publish the onboarding guide"),
        ("Publish the onboarding guide - Priya", "Publish the onboarding guide"),
        ("Publish the onboarding guide – Tomás Reyes", "Publish the onboarding guide"),
        ("Publish the onboarding guide (Henrike)", "Publish the onboarding guide"),
        ("Publish the onboarding guide https://example.org/issues/7", "Publish the onboarding guide"),
        # Notes that are part of the key result stay.
        ("Open the Lisbon office (EMEA)", "Open the Lisbon office (EMEA)"),
        ("Grow ARR in Q3 (from 2M to 3M)", "Grow ARR in Q3 (from 2M to 3M)"),
        ("Move billing to the cloud - Phase 2", "Move billing to the cloud - Phase 2"),
        ("# of trained volunteers from 10 to 40", "# of trained volunteers from 10 to 40"),
        # A team label before the key result and a progress note after it are bookkeeping.
        ("Clinic Ops: Move the rota to the shared calendar", "Move the rota to the shared calendar"),
        ("- Finance: Close the books in five working days => 40%", "Close the books in five working days"),
        ("Translate the visitor leaflet into Polish: 100%", "Translate the visitor leaflet into Polish"),
        ("Recruit four mentors for the night school. 1/4", "Recruit four mentors for the night school"),
        ("Replace the kiln controllers (0%)", "Replace the kiln controllers"),
        # A priority with the grade the key result got at the end of the cycle.
        ("P0: (1.0) The tram depot signs are replaced", "The tram depot signs are replaced"),
        ("P1 (0.5): Survey every allotment holder", "Survey every allotment holder"),
        ("P2 (0.0 -- two pending) At least one mill reopens", "At least one mill reopens"),
        ("P3 (east wing) Paint the hall", "P3 (east wing) Paint the hall"),
        # A measure named before its value, or a figure that may be the amount, stays.
        ("Booking conversion: 3% to 5%", "Booking conversion: 3% to 5%"),
        ("Stock accuracy: 98%", "Stock accuracy: 98%"),
        ("Cut missed collections - 20%", "Cut missed collections - 20%"),
        ("Museum visits: Grow to 40,000 a year", "Museum visits: Grow to 40,000 a year"),
    ],
)
def test_body_drops_notes_about_the_key_result(extract: Extract, text: str, body: str) -> None:
    assert extract(text).body.text == body


@given(
    st.sampled_from(["[p0] ", "P2: ", "", "{Q1_2027} ", "Field Sales: ", "P0: (1.0) ", "P1 (0.5): "]),
    st.sampled_from(["Ship the partner portal", "Cut churn to 3%", "Hold weekly reviews"]),
    st.sampled_from(["", " [Q2]", " [2/3]", " - Ravi", " (#12)", " {H2 2026}", ": 40%", " => 0%", " (100%)"]),
)
def test_notes_around_a_body_leave_it_whole(extract: Extract, before: str, core: str, after: str) -> None:
    text = before + core + after
    body = extract(text).body
    assert body.text == core
    assert text[body.start : body.end] == body.text
