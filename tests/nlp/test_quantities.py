"""Quantities: kind, normalised value and unit, and the near misses that are not quantities."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from krquality.features.types import Features, Form, QuantityKind

Extract = Callable[[str], Features]
N, P, M, X, R, PH = (
    QuantityKind.NUMBER,
    QuantityKind.PERCENT,
    QuantityKind.MONEY,
    QuantityKind.MULTIPLIER,
    QuantityKind.RATING,
    QuantityKind.PLACEHOLDER,
)


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit"),
    [
        ("Sign 12 new reseller partners", "12", N, 12.0, "partners"),
        ("Hire twelve engineers", "twelve", N, 12.0, "engineers"),
        ("Sign a dozen partners", "a dozen", N, 12.0, "partners"),
        ("Reach 50,000 users", "50,000", N, 50_000.0, "users"),
        ("Reach 10k users", "10k", N, 10_000.0, "users"),
        ("Reach 5M users", "5M", N, 5_000_000.0, "users"),
        ("Raise conversion to 45%", "45%", P, 45.0, "%"),
        ("Raise conversion to 45 pct", "45 pct", P, 45.0, "%"),
        ("Raise conversion to 45 percent", "45 percent", P, 45.0, "%"),
        ("Lift margin by 3 percentage points", "3 percentage points", P, 3.0, "pp"),
        ("Maintain 99.9% uptime", "99.9%", P, 99.9, "%"),
        ("Grow ARR to $1.2M", "$1.2M", M, 1_200_000.0, "USD"),
        ("Grow ARR to €500k", "€500k", M, 500_000.0, "EUR"),
        ("Cut costs by £40k", "£40k", M, 40_000.0, "GBP"),
        ("Raise USD 3m in seed funding", "USD 3m", M, 3_000_000.0, "USD"),
        ("Save 2.5 million dollars", "2.5 million dollars", M, 2_500_000.0, "USD"),
        ("Close $50,000 in new business", "$50,000", M, 50_000.0, "USD"),
        ("Grow signups 3x", "3x", X, 3.0, "x"),
        ("Grow signups 2×", "2×", X, 2.0, "x"),
        ("Double weekly active teams", "Double", X, 2.0, "x"),
        ("Halve churn", "Halve", X, 0.5, "x"),
        ("Cut churn in half", "in half", X, 0.5, "x"),
        ("Reach a CSAT of 4.5/5", "4.5/5", R, 4.5, None),
        ("Get an app rating of 8/10", "8/10", R, 8.0, None),
        ("Reach 4.5 stars in the app store", "4.5 stars", R, 4.5, None),
        ("Reduce p95 latency to 200 ms", "200 ms", N, 200.0, "ms"),
        ("Reduce p95 latency to 200ms", "200ms", N, 200.0, "ms"),
        ("Answer tickets in under 2 hours", "2 hours", N, 2.0, "h"),
        ("Lose 10 pounds", "10 pounds", N, 10.0, "lb"),
        ("Rank in the top 3 of G2", "3", N, 3.0, "rank"),
        ("Increase NPS from X to Y", "X", PH, None, None),
        ("Increase conversion to TBD%", "TBD%", PH, None, "%"),
        ("Increase conversion to N%", "N%", PH, None, "%"),
        ("Increase revenue to ??", "??", PH, None, None),
        ("Increase NPS from [baseline] to [target]", "[baseline]", PH, None, None),
        ("Increase NPS to TBD", "TBD", PH, None, None),
        # Thousands grouped with spaces, as many writers outside the US do.
        ("Hit 120 000 MAU by Q3", "120 000", N, 120_000.0, "mau"),
        ("Sell 1 000 000 units", "1 000 000", N, 1_000_000.0, "units"),
        ("Raise €250 000 in grants", "€250 000", M, 250_000.0, "EUR"),
        ("Raise EUR 250 000", "EUR 250 000", M, 250_000.0, "EUR"),
        ("Cut p95 to 1 500 ms", "1 500 ms", N, 1_500.0, "ms"),
        # Attached to a word, which spaCy keeps as one token.
        ("churn < 5%/mo", "5%", P, 5.0, "%"),
        ("Run a sub-50 minute 10k", "50 minute", N, 50.0, "min"),
        # The tagger reads a capitalised first "Zero" as a noun.
        ("Zero open P1 bugs at code freeze", "Zero", N, 0.0, "bugs"),
        # European grouping, and basis points written on the number.
        ("Save €1.200.000 on indirect spend", "€1.200.000", M, 1_200_000.0, "EUR"),
        ("Raise €1.250,50 per member", "€1.250,50", M, 1_250.5, "EUR"),
        ("EBITDA margin +150bps", "+150bps", P, 150.0, "bps"),
        # A first word that names things ("store 12") is the verb before a unit or a plural.
        ("Store 1 TB per lab member", "1 TB", N, 1.0, "TB"),
        ("Issue 200 refunds by Friday", "200", N, 200.0, "refunds"),
        ("AHT down from 7m40s to 6m30s", "7m40s", N, 460.0, "s"),
        ("Cut build time to 1h30m", "1h30m", N, 90.0, "min"),
        ("Cut sugar to 5g per serving", "5g", N, 5.0, "g"),
        ("Enrol 240/320 pts in STUDY-204 by end of Q3", "240/320", N, 0.75, "fraction"),
        ("half the number of manual access reviews", "half", X, 0.5, "x"),  # "halve" as often typed
    ],
)
def test_quantity_is_normalised(
    extract: Extract, text: str, span: str, kind: QuantityKind, value: float | None, unit: str | None
) -> None:
    quantities = extract(text).quantities
    assert quantities, f"no quantity in {text!r}"
    quantity = quantities[0]
    assert (quantity.span.text, quantity.kind, quantity.value, quantity.unit) == (span, kind, value, unit)


def test_rating_carries_its_scale(extract: Extract) -> None:
    (quantity,) = extract("Reach a CSAT of 4.5/5").quantities
    assert quantity.scale == 5.0


@pytest.mark.parametrize(
    "text",
    [
        "Grow retention 10-15%",
        "Grow retention 10–15%",  # en dash: spaCy keeps "10–15" as one token
        "Grow retention 10—15%",  # em dash
        "Grow retention 10%-15%",  # "%-" too
        "Grow retention 10%–15%",
    ],
)
def test_range_gives_both_ends_the_unit(extract: Extract, text: str) -> None:
    quantities = extract(text).quantities
    assert [(q.value, q.kind) for q in quantities] == [(10.0, P), (15.0, P)]


def test_bare_numbers_in_a_row_stay_apart(extract: Extract) -> None:
    """Only 3-digit groups after a 1-3 digit group read as one number."""
    assert [q.value for q in extract("Grow from 10 20 30 users").quantities] == [10.0, 20.0, 30.0]
    assert [q.value for q in extract("Cut cost 2024 2025 by 5%").quantities] == [5.0]


@pytest.mark.parametrize(
    "text",
    [
        "Ship v2 of the mobile app",
        "Offline mode ships in 5.2",
        "Release version 3 of the SDK",
        "Deploy 1.2.3 to all regions",
        "Launch the new pricing page in Q3",
        "Launch the new pricing page by 2026",
        "Publish the H1 roadmap",
        "Provide 24/7 support for enterprise customers",
        "Call 555-123-4567 for escalations",
        "Call +1 (415) 555-0100 for escalations",
        "Port the main number (020 7946 0000) to the new VoIP provider",
        "Call +44 20 7946 0000 for escalations",
        "Route calls to 0800 123 4567",
        "Monitor H2O levels in the lab",
        "Obtain ISO 27001 certification",
        "Get SOC 2 Type II certified",
        "Close every P1 incident with a postmortem",
        "Reduce p95 latency",
        "Kick off Project 42",
        "Be the first vendor to support SSO",
        "Be the 1st vendor to support SSO",
        "Complete KR1 of the platform objective",
        "Finish the work by the end of sprint 14",
        "Hold weekly 1:1s with every report",
        "Customer 360 table available in the warehouse",
        "Run 360 reviews for all managers",
        "Roll out 360-degree feedback",
        "IATF 16949 certification obtained",
        "Become EN 1090 compliant",
        "Continue 5S audits on the shop floor",
        "Pass the NIST 800-53 audit",
        "Comply with NIST SP 800-171",
        "Finish sprint 14-15 scope",
        "Podcast season 2 trailer published",
        "Ship part 2 of the course",
        "Episode 12 recorded and scheduled",
        "OTA updates working end to end on the rev 4 hardware",
        "Hire a clinical nurse educator for Ward 7B",
        "Zero-based budgeting adopted for FY27",
        "Roll out Zero Trust access for remote staff",
        "Sign the lease on 1/4",
        "Launch the coding club by half term",
        "All prod clusters on k8s 1.29 before the EKS 1.27 end of support",
        "Phase 2 complete",
        "Wave 2 stores onboarded",
        "New 3G pitch ready for pre-season",
        "Roll out 5G to all depots",
        "EPPP Category 2 audit passed",
        "Tax filing 12/31 for the Irish entity",  # a day, even with no "by"
        "Office Wi-Fi on floors 3 and 4 moved to the new APs",
        "Wards 2, 5 and 7 on the new EHR",
        "Rooms 101 and 102 refurbished",
        "Gallery 3 reopens after refurbishment",
        "Go-live on wards 4–9 by June",
        "Retention in the mid-game (levels 20-40)",
        "Galleries 2 and 5 reopen",
        "Clinic open until 8pm on Tuesdays",
        "Doors open at 9 a.m. on match days",
        "Hire a designer",
        "- Berth 4 fendering replacement done",
        "Hull 512 keel laying held at the yard",
        "Fine-tune Llama 3 70B on support transcripts",
        "Evaluate Claude 3.5 Sonnet for summaries",
        "Land a Fortune 500 pilot",
        "2024-25 statutory audit of the society closed",
        "Runtime: all Java services on 21 LTS",
        "Move the café to 24 station rd",
        "Half-day offsite held",
    ],
)
def test_near_misses_are_not_quantities(extract: Extract, text: str) -> None:
    assert extract(text).quantities == ()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Reach 360 paying customers", 360.0),
        ("Open 360 stores by Q3", 360.0),
        ("Cut churn 0-360%", 360.0),
        ("Load pages in under 5s", 5.0),
        ("Certify 40 partners by Q3", 40.0),
        ("Cut GBP 3000 audit fees by Q3", 3000.0),
        ("Pass QA 20 audits this quarter", 20.0),
        ("Increase G2 reviews from 200 to 360 reviews by Q4", 360.0),
        ("Add 2 lines and 3 stations", 3.0),  # "lines" names numbers only before them
        ("Open 3 and 4 bed wards", 4.0),
    ],
)
def test_a_number_that_is_sometimes_a_name_counts_elsewhere(
    extract: Extract, text: str, value: float
) -> None:
    # "360" names a review or a customer view, and "5S" a lean method, only beside those words.
    assert value in [q.value for q in extract(text).quantities]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Run 12 360 reviews", [12.0]),  # twelve 360 reviews, not 12,360
        ("Complete 3 360-degree reviews per manager", [3.0]),
        ("Reach 1 360 customers", [1360.0]),  # "customer" names a 360 only before it
        ("Grow reviews from 12 360 to 15 000", [12360.0, 15000.0]),
    ],
)
def test_a_named_number_ends_a_space_grouped_one(extract: Extract, text: str, values: list[float]) -> None:
    assert [q.value for q in extract(text).quantities] == values


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 99_999), st.integers(1, 9_999), st.sampled_from(["NIST", "ISO", "IEC", "NIST SP"]))
def test_a_standards_hyphenated_number_is_all_name(first: int, second: int, body: str) -> None:
    text = f"Pass the {body} {first}-{second} audit by Q3"
    assert _nlp()(text)._.krq_features.quantities == ()


def test_date_numbers_are_dates_not_quantities(extract: Extract) -> None:
    features = extract("Increase NPS to 48 by June 30, 2027")
    assert [q.value for q in features.quantities] == [48.0]
    assert [d.normalized for d in features.dates] == ["2027-06-30"]


def test_one_of_is_not_a_count(extract: Extract) -> None:
    assert extract("Become one of the top vendors").quantities == ()


def test_twice_a_week_is_a_frequency(extract: Extract) -> None:
    (quantity,) = extract("Ship twice a week").quantities
    assert (quantity.kind, quantity.unit) == (N, "times")


@cache
def _nlp() -> Language:
    # hypothesis cannot take the function-scoped fixture; the pipeline is loaded once here.
    from krquality.nlp import build_nlp

    return build_nlp()


@settings(max_examples=80, deadline=None)
@given(st.integers(1_000, 999_999_999), st.sampled_from(["users", "downloads", "EUR", "%", "ms"]))
def test_space_grouped_thousands_read_as_one_number(value: int, unit: str) -> None:
    written = f"{value:,}".replace(",", " ")
    quantities = _nlp()(f"Reach {written} {unit} by Q4")._.krq_features.quantities
    assert [q.value for q in quantities] == [float(value)]
    assert quantities[0].span.text.startswith(written)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(0, 99),
    st.integers(1, 999),
    st.sampled_from(["-", "–", "—"]),
    st.booleans(),
)
def test_dash_ranges_give_both_ends(low: int, span: int, dash: str, percent_on_both: bool) -> None:
    high = low + span
    text = f"Grow retention {low}{'%' if percent_on_both else ''}{dash}{high}%"
    quantities = _nlp()(text)._.krq_features.quantities
    assert [(q.value, q.kind) for q in quantities] == [(float(low), P), (float(high), P)]


@given(st.integers(1_000_000, 10**12), st.integers(0, 99))
def test_european_grouped_numbers_parse_to_their_value(whole: int, cents: int) -> None:
    from krquality.nlp.numbers import parse_number

    dotted = f"{whole:,}".replace(",", ".")
    assert parse_number(dotted) == whole
    assert parse_number(f"{dotted},{cents:02d}") == pytest.approx(whole + cents / 100)


@given(st.integers(0, 23), st.integers(0, 59), st.sampled_from(["h{}m", "h{}", "h{}min"]))
def test_hours_and_minutes_read_in_minutes(hours: int, minutes: int, form: str) -> None:
    from krquality.nlp.numbers import parse_token

    parsed = parse_token(f"{hours}" + form.format(minutes))
    assert parsed is not None
    assert (parsed.value, parsed.unit) == (hours * 60 + minutes, "min")


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 99_999),
    st.sampled_from(["-", "−", "+"]),
    st.sampled_from(["%", "", "pp"]),
    st.sampled_from(["", "$", "€"]),
)
def test_a_signed_amount_keeps_its_size_and_sign(value: int, sign: str, unit: str, currency: str) -> None:
    from krquality.nlp.numbers import parse_token

    written = f"{sign}{currency}{value}{unit}" if not (currency and unit) else f"{sign}{value}{unit}"
    parsed = parse_token(written)
    assert parsed is not None
    assert (parsed.value, parsed.sign) == (float(value), "-" if sign == "−" else sign)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.sampled_from(["pm", "am", " pm", " am", " p.m.", " a.m."]))
def test_a_clock_time_is_no_quantity(hour: int, suffix: str) -> None:
    assert _nlp()(f"Reception open until {hour}{suffix} on weekdays")._.krq_features.quantities == ()


@settings(max_examples=60, deadline=None)
@given(st.integers(1_000, 999_999_999), st.sampled_from(["'", "’"]), st.sampled_from(["CHF", "EUR", "users"]))
def test_swiss_grouped_numbers_read_as_one(value: int, mark: str, unit: str) -> None:
    written = f"{value:,}".replace(",", mark)
    quantities = _nlp()(f"Pay off {written} {unit} by June")._.krq_features.quantities
    assert [q.value for q in quantities] == [float(value)]


@pytest.mark.parametrize("dash", ["–", "—", "-"])
def test_a_money_range_gives_both_ends(dash: str) -> None:
    quantities = _nlp()(f"£300k{dash}£350k expansion revenue in H2")._.krq_features.quantities
    assert [(q.value, q.kind) for q in quantities] == [
        (300_000.0, QuantityKind.MONEY),
        (350_000.0, QuantityKind.MONEY),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Album upsell on half of all bookings", 50.0),
        ("Train a quarter of the staff on first aid", 25.0),
        ("Two thirds of stores on the new till by May", 66.7),
    ],
)
def test_a_fraction_of_a_whole_is_a_share(text: str, value: float) -> None:
    quantities = _nlp()(text)._.krq_features.quantities
    assert [(q.value, q.unit) for q in quantities] == [(value, "%")]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 9_999), st.sampled_from(["", "%", "k"]))
def test_a_trailing_plus_is_or_more(value: int, suffix: str) -> None:
    quantities = _nlp()(f"Reach {value}{suffix}+ active users by Q3")._.krq_features.quantities
    scale = 1_000 if suffix == "k" else 1
    assert [q.value for q in quantities] == [float(value * scale)]


def _indian(value: int) -> str:
    """ "120000" -> "1,20,000": the last three digits, then groups of two."""
    digits = str(value)
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail]) if head else tail


@settings(max_examples=60, deadline=None)
@given(st.integers(100_000, 99_99_99_999))
def test_indian_grouped_numbers_read_as_one(value: int) -> None:
    from krquality.nlp.numbers import parse_number

    assert parse_number(_indian(value)) == float(value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Collect S$1.2m of arrears from residents", 1_200_000.0, "SGD"),
        ("Raise ₦50m from members", 50_000_000.0, "NGN"),
        ("Revenue of ₹3 crore from exports", 30_000_000.0, "INR"),
        ("Instagram to touch 1 lakh followers", 100_000.0, None),
        ("Lineman fatalities: nil for FY 2026-27", 0.0, None),
        ("Zero SPADs on the suburban network this year", 0.0, None),
        ("Unit cost per payment down to 0.6p", 0.6, "p"),
        ("Cut the fee to 50c per order", 50.0, "c"),
        ("Engagement rate back up to 6%-ish", 6.0, "%"),
        ("sign up fourty new gym members in jan", 40.0, None),
    ],
)
def test_regional_amounts(text: str, value: float, unit: str | None) -> None:
    (quantity,) = _nlp()(text)._.krq_features.quantities
    assert quantity.value == value
    if unit is not None:
        assert quantity.unit == unit


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("Close N4 partnerships with regional banks", "N4"),
        ("Add N12 ARR from the reseller channel", "N12"),
        ("Onboard >N15 squads to the new pipeline", "N15"),
        ("Put x microservices behind the service mesh", "x"),
        ("Run X workshops with store managers", "X"),
        ("X P1 and Y P2 bugs closed before the freeze", "X"),
        ("# of members who renew", "#"),
        ("Secure €M in seed funding", "€M"),
    ],
)
def test_a_blank_or_redacted_amount_is_a_placeholder(extract: Extract, text: str, blank: str) -> None:
    quantities = extract(text).quantities
    assert [(q.span.text, q.kind) for q in quantities][:1] == [(blank, QuantityKind.PLACEHOLDER)]


@pytest.mark.parametrize(
    "text",
    [
        "Grade X steel beams for the depot",
        "Publish the x-ray safety guide",
        "Launch feature X for beta users",
    ],
)
def test_a_letter_in_a_name_is_no_placeholder(extract: Extract, text: str) -> None:
    assert not [q for q in extract(text).quantities if q.kind is QuantityKind.PLACEHOLDER]


@given(
    st.sampled_from(["N", "X", "x"]),
    st.integers(1, 99),
    st.sampled_from(["teams", "new clinics", "signed partners"]),
)
def test_placeholder_spans_index_the_text(extract: Extract, letter: str, number: int, noun: str) -> None:
    token = f"{letter}{number}" if letter == "N" else letter
    text = f"Reach {token} {noun} by June"
    for quantity in extract(text).quantities:
        assert text[quantity.span.start : quantity.span.end] == quantity.span.text


@pytest.mark.parametrize(
    "text",
    [
        "Attach x scanners to the stock tracker",
        "Connect X depots to the routing service",
        "Enrol N schools in the pilot",
    ],
)
def test_an_amount_left_blank_after_a_first_word_verb_is_a_placeholder(extract: Extract, text: str) -> None:
    # The first word is title-cased only because it starts the sentence: it is the verb, not a
    # name like "Class X", so the letter after it is the amount to fill in.
    features = extract(text)
    assert features.form is Form.IMPERATIVE
    assert [q.kind for q in features.quantities] == [QuantityKind.PLACEHOLDER]
