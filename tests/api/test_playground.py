"""The playground page in real headless Chromium against the real running server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .server import ROOT, Server

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def page(live_server: Server) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        # Playwright's string predicates (wait_for_function) are evaluated with
        # eval, which the page's CSP forbids; test_the_page_works_under_its_csp
        # runs the page with the policy in force.
        context = browser.new_context(viewport={"width": 1360, "height": 1000}, bypass_csp=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(live_server.url + "/")
        page.wait_for_selector("[data-testid=status].ready")
        yield page
        assert not errors, f"JavaScript errors on the page: {errors}"
        context.close()
        browser.close()


def test_typing_shows_labels_probabilities_findings_and_scores(page: Any) -> None:
    page.fill("[data-testid=input]", "")
    page.type(
        "[data-testid=input]",
        "Improve the onboarding experience\nLaunch the partner portal by June 30",
        delay=5,
    )
    page.wait_for_function("document.querySelectorAll('[data-testid=kr]:not(.stale)').length === 2")
    cards = page.locator("[data-testid=kr]")
    assert cards.nth(0).locator("[data-testid=label]").inner_text().lower() == "task"
    assert cards.nth(1).locator("[data-testid=label]").inner_text().lower() == "milestone"
    assert cards.nth(0).locator("[data-testid=probabilities] .bar").count() == 3
    assert cards.nth(0).locator("[data-testid=score]").inner_text().split()[0].isdigit()
    # findings are highlighted at their spans, inside the key result's own text
    marks = cards.nth(0).locator("[data-testid=kr-text] mark")
    assert marks.count() >= 1
    assert cards.nth(0).locator("[data-testid=kr-text]").inner_text() == "Improve the onboarding experience"
    assert cards.nth(0).locator("[data-testid=findings] li").count() >= 1


def test_applying_a_suggestion_rewrites_the_key_result_in_the_textarea(page: Any) -> None:
    page.fill("[data-testid=input]", "Improve the onboarding experience")
    page.wait_for_function(
        "document.querySelector('[data-testid=kr]:not(.stale) [data-testid=suggestion]') !== null"
    )
    suggestion = page.locator("[data-testid=suggestion]").first
    rewrite = suggestion.locator(".text").inner_text()
    suggestion.locator("button.apply").click()
    # Apply shows the draft in an editable field first; the text is unchanged until Replace
    assert page.input_value("[data-testid=input]") == "Improve the onboarding experience"
    assert suggestion.locator("[data-testid=apply-text]").input_value() == rewrite
    filled = rewrite.replace("[baseline]", "61%").replace("[target]", "75%").replace("[date]", "Q3")
    suggestion.locator("[data-testid=apply-text]").fill(filled)
    suggestion.locator("[data-testid=apply-confirm]").click()
    rewrite = filled
    assert page.input_value("[data-testid=input]") == rewrite
    # the page re-analyses the new text at once
    page.wait_for_function(
        "(t) => [...document.querySelectorAll('[data-testid=kr]:not(.stale) [data-testid=kr-text]')]"
        ".some(e => e.innerText === t)",
        arg=rewrite,
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "playground-applied.png"), full_page=True)


def test_copy_puts_the_suggestion_on_the_clipboard(page: Any) -> None:
    page.fill("[data-testid=input]", "Improve the onboarding experience")
    page.wait_for_function(
        "document.querySelector('[data-testid=kr]:not(.stale) [data-testid=suggestion]') !== null"
    )
    suggestion = page.locator("[data-testid=suggestion]").first
    suggestion.locator("button.copy").click()
    suggestion.locator("button.copy", has_text="Copied").wait_for()  # the clipboard write is async
    assert page.evaluate("navigator.clipboard.readText()") == suggestion.locator(".text").inner_text()
    assert page.input_value("[data-testid=input]") == "Improve the onboarding experience"  # copy leaves it


def test_markdown_okrs_are_read_by_the_server_and_shown_by_objective(page: Any) -> None:
    markdown = (
        "# Delight new customers\n"
        "- Increase trial-to-paid conversion from 4% to 7% by Q3\n"
        "- Improve the onboarding experience\n\n"
        "# Build a healthier pipeline\n"
        "- Hold weekly pipeline reviews\n"
    )
    page.fill("[data-testid=input]", markdown)
    page.wait_for_function("document.querySelectorAll('[data-testid=kr]:not(.stale)').length === 3")
    assert page.inner_text("[data-testid=mode-used]") == "read as Markdown OKRs"
    assert page.locator("h2.objective").all_inner_texts() == [
        "Delight new customers",
        "Build a healthier pipeline",
    ]
    labels = page.locator("[data-testid=kr] [data-testid=label]").all_inner_texts()
    assert [label.lower() for label in labels] == ["metric", "task", "task"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "playground-markdown.png"), full_page=True)


def test_applying_in_markdown_keeps_the_bullet_and_the_other_lines(page: Any) -> None:
    markdown = "# Grow\n- Improve the onboarding experience\n- Launch the partner portal by June 30\n"
    page.fill("[data-testid=input]", markdown)
    page.wait_for_function(
        "document.querySelector('[data-testid=kr]:not(.stale) [data-testid=suggestion]') !== null"
    )
    suggestion = page.locator("[data-testid=kr]").nth(0).locator("[data-testid=suggestion]").first
    rewrite = suggestion.locator(".text").inner_text()
    suggestion.locator("button.apply").click()
    suggestion.locator("[data-testid=apply-confirm]").click()
    assert page.input_value("[data-testid=input]") == (
        f"# Grow\n- {rewrite}\n- Launch the partner portal by June 30\n"
    )


def test_cancel_leaves_the_text_as_it_was_and_the_band_is_shown_in_words(page: Any) -> None:
    page.fill("[data-testid=input]", "Improve the onboarding experience")
    page.wait_for_function(
        "document.querySelector('[data-testid=kr]:not(.stale) [data-testid=suggestion]') !== null"
    )
    card = page.locator("[data-testid=kr]").first
    assert card.locator("[data-testid=score]").inner_text().endswith("· activity")
    suggestion = card.locator("[data-testid=suggestion]").first
    suggestion.locator("button.apply").click()
    suggestion.locator("[data-testid=apply-cancel]").click()
    assert suggestion.locator("[data-testid=apply-edit]").count() == 0
    assert page.input_value("[data-testid=input]") == "Improve the onboarding experience"


def test_a_bad_line_shows_its_own_error_and_the_rest_still_renders(page: Any) -> None:
    page.fill("[data-testid=input]", "Launch the partner portal\n" + "x" * 1200)
    page.wait_for_function("document.querySelectorAll('[data-testid=kr]:not(.stale)').length === 2")
    second = page.locator("[data-testid=kr]").nth(1)
    assert "limit is 1000" in second.locator("[data-testid=findings]").inner_text()
    assert (
        page.locator("[data-testid=kr]").nth(0).locator("[data-testid=label]").inner_text().lower()
        == "milestone"
    )


def test_markdown_mode_reads_a_document_as_lint_does(page: Any) -> None:
    from krquality.okrfile import document_outline, read_okr_text

    markdown = (
        "## Q3 2026\n\n"
        "**Objective:** Quicker ferry boarding\n\n"
        "**Key results:**\n\n"
        "- [ ] Cut boarding time from 14 to 8 minutes\n"
        "- Launch the [booking app](https://example.org)\n"
        "    - note: vendor picked in May\n"
    )
    outline = document_outline(read_okr_text(markdown, path="okrs.md"))
    page.fill("[data-testid=input]", markdown)
    page.wait_for_function("document.querySelectorAll('[data-testid=kr]:not(.stale)').length === 2")
    assert page.inner_text("[data-testid=mode-used]") == "read as Markdown OKRs"
    assert page.locator("h2.objective").all_inner_texts() == [o["text"] for o in outline["objectives"]]
    texts = page.locator("[data-testid=kr] [data-testid=kr-text]").all_inner_texts()
    assert texts == [kr["text"] for o in outline["objectives"] for kr in o["key_results"]]
    assert texts[1] == "Launch the booking app"  # link syntax out, its text kept
    codes = page.locator("[data-testid=kr] li[data-code]").evaluate_all(
        "items => items.map(i => i.dataset.code)"
    )
    assert "KRQ201" not in codes  # the heading's cycle dates the launch


def test_wrong_label_records_a_correction_and_the_card_shows_it(page: Any, live_server: Server) -> None:
    text = "Repaint the loading bay markings at the north depot"
    page.fill("[data-testid=input]", text)
    page.wait_for_function("document.querySelectorAll('[data-testid=kr]:not(.stale)').length === 1")
    card = page.locator("[data-testid=kr]").first
    before = card.get_attribute("data-label")
    wanted = "metric" if before != "metric" else "task"
    assert card.locator("[data-testid=correct-choices]").is_hidden()
    card.locator("[data-testid=wrong-label]").click()
    assert card.locator(f"[data-testid=correct-{before}]").count() == 0  # no "correct" to the same label
    card.locator(f"[data-testid=correct-{wanted}]").click()
    page.wait_for_function(
        f"(() => {{ const c = document.querySelector('[data-testid=kr]:not(.stale)');"
        f" return c && c.dataset.label === '{wanted}'; }})()"
    )
    import httpx

    listed = httpx.get(f"{live_server.url}/v1/feedback", params={"limit": 10}).json()
    mine = [item for item in listed["items"] if item["text"] == text]
    assert len(mine) == 1
    assert (mine[0]["label"], mine[0]["model_label"], mine[0]["source"]) == (wanted, before, "playground")
    assert mine[0]["user"].startswith("web-")


@pytest.mark.parametrize(
    ("path", "rendered"), [("/docs", ".swagger-ui .opblock"), ("/redoc", "[data-section-id]")]
)
def test_the_api_docs_render_offline(page: Any, live_server: Server, path: str, rendered: str) -> None:
    """With every request off the loopback refused, the docs still render from the service's own files."""
    refused: list[str] = []

    def only_loopback(route: Any) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context = page.context.browser.new_context()  # the policy in force
    try:
        docs = context.new_page()
        errors: list[str] = []
        docs.on("pageerror", lambda error: errors.append(str(error)))
        docs.route("**/*", only_loopback)
        docs.goto(live_server.url + path)
        docs.wait_for_selector(rendered, timeout=20_000)
        assert "/v1/classify" in docs.content()
        assert not errors, errors
    finally:
        context.close()
    assert refused == []


def test_the_page_works_under_its_csp(page: Any, live_server: Server) -> None:
    """With the Content-Security-Policy enforced, the page analyses and reports no violation."""
    context = page.context.browser.new_context()
    try:
        strict = context.new_page()
        problems: list[str] = []
        strict.on("pageerror", lambda error: problems.append(str(error)))
        strict.on(
            "console", lambda message: problems.append(message.text) if message.type == "error" else None
        )
        response = strict.goto(live_server.url + "/")
        assert (
            response is not None and "frame-ancestors 'none'" in response.headers["content-security-policy"]
        )
        strict.wait_for_selector("[data-testid=status].ready")
        strict.fill("[data-testid=input]", "Launch the partner portal by June 30")
        strict.wait_for_selector("[data-testid=kr]:not(.stale) [data-testid=label]", timeout=20_000)
        assert strict.locator("[data-testid=label]").first.inner_text().lower() == "milestone"
        assert problems == []
    finally:
        context.close()


def test_applying_a_split_writes_each_part_as_an_item_with_the_bullet(page: Any) -> None:
    markdown = (
        "# Grow the club\n- Sign 6 new sponsors and 2 new venues by October\n- Launch the portal by June 30\n"
    )
    page.fill("[data-testid=input]", markdown)
    page.wait_for_function(
        "document.querySelector('[data-testid=kr]:not(.stale) [data-testid=suggestion]') !== null"
    )
    suggestion = page.locator("[data-testid=kr]").nth(0).locator("[data-testid=suggestion]").first
    split = "Sign 6 new sponsors by October\nSign 2 new venues by October"
    assert suggestion.locator(".text").inner_text() == split  # one part per line
    suggestion.locator("button.apply").click()
    field = suggestion.locator("[data-testid=apply-text]")
    assert field.evaluate("e => e.tagName") == "TEXTAREA"  # a text field would join the two lines
    assert field.input_value() == split
    suggestion.locator("[data-testid=apply-confirm]").click()
    assert page.input_value("[data-testid=input]") == (
        "# Grow the club\n- Sign 6 new sponsors by October\n- Sign 2 new venues by October\n"
        "- Launch the portal by June 30\n"
    )
