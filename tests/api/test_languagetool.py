"""The LanguageTool-compatible ``/v2``: conversion units, and the route on the stub analyzer."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from krquality.api import languagetool as lt

TEXT = "Hold weekly reviews\n\n  Launch the portal\r\nGrow revenue 10%\n"


def check(client: TestClient, **form: str) -> dict[str, object]:
    response = client.post("/v2/check", data={"language": "en-US", **form})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_each_line_is_a_key_result_and_offsets_are_relative_to_the_whole_text(client: TestClient) -> None:
    matches = check(client, text=TEXT)["matches"]
    assert isinstance(matches, list)
    by_rule = {m["rule"]["id"]: m for m in matches}
    assert set(by_rule) == {"KRQ301", "KRQ201", "KRQ101"}
    # KRQ101 has no fix and no rewrite: the finding's own span ("10%").
    m101 = by_rule["KRQ101"]
    assert TEXT[m101["offset"] : m101["offset"] + m101["length"]] == "10%"
    assert m101["replacements"] == []
    # KRQ201 has a fix: its span (an insertion at the end of the line) and the fix.
    m201 = by_rule["KRQ201"]
    assert (m201["offset"], m201["length"]) == (TEXT.index("\r\n"), 0)
    assert m201["replacements"] == [{"value": " by [date]"}]
    # KRQ301 has a rewrite: the whole key result, replaced by the rewrite.
    m301 = by_rule["KRQ301"]
    assert TEXT[m301["offset"] : m301["offset"] + m301["length"]] == "Hold weekly reviews"
    assert m301["replacements"] == [{"value": "Increase weekly reviews from [baseline] to [target]"}]


def test_a_match_has_every_field_languagetool_clients_read(client: TestClient) -> None:
    match = check(client, text="Hold weekly reviews")["matches"][0]  # type: ignore[index]
    assert set(match) >= {
        "message",
        "shortMessage",
        "offset",
        "length",
        "replacements",
        "context",
        "sentence",
        "rule",
        "type",
    }
    assert match["shortMessage"] == "Activity"
    assert match["rule"]["description"]  # the check's catalogue message
    assert match["rule"]["issueType"] == "style"
    assert match["rule"]["category"] == {"id": "KRQ_TASK", "name": "Key results: task"}
    assert match["context"] == {
        "text": "Hold weekly reviews",
        "offset": 0,
        "length": 19,
    }  # the rewrite spans it all


def test_offsets_count_utf16_code_units_like_languagetool(client: TestClient) -> None:
    text = "🚀 rocket line\nGrow revenue 10%"
    match = next(m for m in check(client, text=text)["matches"] if m["rule"]["id"] == "KRQ101")  # type: ignore[union-attr]
    # "🚀" is one Python character but two UTF-16 code units.
    assert match["offset"] == text.index("10%") + 1


def test_annotated_data_maps_offsets_back_through_markup(client: TestClient) -> None:
    data = {
        "annotation": [
            {"markup": "<ul><li>"},
            {"text": "Grow revenue 10%"},
            {"markup": "</li><li>", "interpretAs": "\n"},
            {"text": "Hold reviews"},
            {"markup": "</li></ul>"},
        ]
    }
    original = "".join(part.get("text", part.get("markup", "")) for part in data["annotation"])
    matches = {m["rule"]["id"]: m for m in check(client, data=json.dumps(data))["matches"]}  # type: ignore[union-attr]
    assert original[matches["KRQ101"]["offset"] :][:3] == "10%"
    assert original[matches["KRQ301"]["offset"] :][:12] == "Hold reviews"


def test_disabled_rules_are_left_out(client: TestClient) -> None:
    matches = check(client, text=TEXT, disabledRules="KRQ301,KRQ201")["matches"]
    assert [m["rule"]["id"] for m in matches] == ["KRQ101"]  # type: ignore[union-attr]
    only = check(client, text=TEXT, enabledRules="KRQ201", enabledOnly="true")["matches"]
    assert [m["rule"]["id"] for m in only] == ["KRQ201"]  # type: ignore[union-attr]


def test_too_long_lines_are_skipped_and_flagged_incomplete(client: TestClient) -> None:
    body = check(client, text="Hold reviews\n" + "x" * 1001)
    assert body["warnings"] == {"incompleteResults": True}
    assert len(body["matches"]) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(("language", "status"), [("auto", 200), ("en", 200), ("en-GB", 200), ("de-DE", 400)])
def test_only_english_is_accepted(client: TestClient, language: str, status: int) -> None:
    response = client.post("/v2/check", data={"text": "Ship it", "language": language})
    assert response.status_code == status
    if status == 400:
        assert response.json()["errors"][0]["field"] == "language"


def test_text_or_data_is_required(client: TestClient) -> None:
    response = client.post("/v2/check", data={"language": "en-US"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


def test_bad_data_is_a_400_naming_the_field(client: TestClient) -> None:
    response = client.post("/v2/check", data={"data": "{not json", "language": "en-US"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "data"


def test_languages_lists_english_variants(client: TestClient) -> None:
    languages = client.get("/v2/languages").json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages


def test_split_lines_keeps_offsets() -> None:
    assert lt.split_lines("a\r\n\n b\n") == [lt.Line(0, "a"), lt.Line(4, " b")]


@given(st.text(max_size=60))
def test_utf16_offsets_match_an_encoder(text: str) -> None:
    utf16 = lt.Utf16Offsets(text)
    for i in range(len(text) + 1):
        assert utf16.at(i) == len(text[:i].encode("utf-16-le")) // 2


@given(st.lists(st.tuples(st.booleans(), st.text(alphabet="ab<>/\n", max_size=5)), max_size=8))
def test_plain_text_positions_map_back_to_the_same_characters(parts: list[tuple[bool, str]]) -> None:
    annotation = [{"text": value} if is_text else {"markup": value} for is_text, value in parts]
    plain = lt.plain_from_data(json.dumps({"annotation": annotation}))
    for i, char in enumerate(plain.text):
        assert plain.original[plain.origin(i)] == char


def test_a_paragraph_is_split_into_sentences_and_list_items(client: TestClient) -> None:
    text = "Our plan. Cut queue time at the clinic to 20 minutes. Open a walk-in desk.\n- [ ] Hire 2 nurses\n"
    lines = lt.split_key_results(text)
    assert [line.text for line in lines] == [
        "Our plan.",
        "Cut queue time at the clinic to 20 minutes.",
        "Open a walk-in desk.",
        "Hire 2 nurses",
    ]
    matches = check(client, text=text)["matches"]
    assert isinstance(matches, list)
    # Every match lies inside one of the sentences or items, in the original text's offsets.
    spans = [(line.offset, line.offset + len(line.text)) for line in lines]
    for match in matches:
        assert any(a <= match["offset"] and match["offset"] + match["length"] <= b for a, b in spans), match


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Reach 4.5 stars, i.e. up from 4.1. Ship v2.", ["Reach 4.5 stars, i.e. up from 4.1.", "Ship v2."]),
        ("## Objective: Grow\n1. Sign 5 venues\n", ["Sign 5 venues"]),
        ("Grow from $1.5M to $2M by Q3", ["Grow from $1.5M to $2M by Q3"]),
    ],
)
def test_split_key_results(text: str, parts: list[str]) -> None:
    assert [line.text for line in lt.split_key_results(text)] == parts


@given(st.text(alphabet=st.sampled_from(list("ab .!?-*[]x1\n\r#:KRO")), max_size=120))
def test_split_key_results_offsets_point_at_the_text(text: str) -> None:
    previous = -1
    for line in lt.split_key_results(text):
        assert text[line.offset : line.offset + len(line.text)] == line.text
        assert line.offset > previous
        previous = line.offset


def test_the_context_is_a_window_around_the_match(client: TestClient) -> None:
    line = "Grow the revenue " + "of every regional team in the northern sales area " * 4 + "to 10%"
    match = check(client, text=line)["matches"][0]  # type: ignore[index]
    assert match["rule"]["id"] == "KRQ101" and match["sentence"] == line
    context = match["context"]
    assert context["text"] == line[-43:]  # the match and the 40 characters before it
    start = context["offset"]
    assert context["text"][start : start + context["length"]] == "10%"


@pytest.mark.slow
def test_a_split_replacement_gives_each_part_the_bullet_of_its_key_result() -> None:
    import krquality

    text = "Goals for the club:\n- [ ] Sign 6 new sponsors and 2 new venues by October\n"
    lines = lt.split_key_results(text)
    results = list(krquality.analyze_many([line.text for line in lines]))
    found = lt.matches_for(results, lines, lt.PlainText(text), descriptions={}, keep=lambda code: True)
    (match,) = [m for m in found if m.rule.id == "KRQ403"]
    whole = text[match.offset : match.offset + match.length]
    assert whole == "Sign 6 new sponsors and 2 new venues by October"
    assert match.replacements[0].value == "Sign 6 new sponsors by October\n- [ ] Sign 2 new venues by October"
