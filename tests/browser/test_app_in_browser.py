"""The app in Chromium: typing, stepping with the button and the arrow key, the heatmap's numbers
against the model's own trace, share links, French, presentation mode, and screenshots."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.format import pct
from app.panels import PANELS
from tests.browser.browser_helpers import (
    PATIENCE_MS,
    draw_readme_screenshot,
    heatmap_cell_texts,
    new_page,
    open_app,
    sentence_box,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]  # generous: niced beside training

ROOT = Path(__file__).resolve().parents[2]
TOY_QUERY = "?model=statquest-toy"


def heading(page):
    return page.locator("p", has_text=re.compile(r"^Step \d+ of \d+"))


def test_type_step_with_button_and_arrow_key(page, app_url, toy_model):
    open_app(page, app_url + TOY_QUERY)
    sentence_box(page).fill("let's go")
    sentence_box(page).press("Enter")
    wait_idle(page)
    trace = toy_model.trace("let's go", truncate=True)
    expect(heading(page)).to_contain_text(f"Step 1 of {len(trace.steps)}")
    expect(page.get_by_text(trace.translation, exact=True).first).to_be_visible()

    page.get_by_role("button", name=re.compile("Next")).click()
    wait_idle(page)
    expect(heading(page)).to_contain_text(f"Step 2 of {len(trace.steps)}")
    assert "step=2" in page.url and "sentence=" in page.url

    page.locator("h3", has_text="1. Encoder outputs").click()  # focus out of the text box
    page.keyboard.press("ArrowLeft")
    wait_idle(page)
    expect(heading(page)).to_contain_text("Step 1 of")
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    expect(heading(page)).to_contain_text("Step 2 of")


def test_heatmap_numbers_are_the_trace_weights(page, app_url, toy_model):
    trace = toy_model.trace("let's go", truncate=True)
    last = len(trace.steps)
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go&step={last}")
    expect(heading(page)).to_contain_text(f"Step {last} of {last}")
    shown = heatmap_cell_texts(page)
    expected = [pct(weight) for step in trace.steps for weight in step.weights]
    assert shown == expected


def test_share_link_in_french_restores_the_view(page, app_url, toy_model):
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go&step=2&lang=fr")
    expect(page.locator("p", has_text=re.compile(r"^Étape 2 sur 2"))).to_be_visible()
    expect(page.locator("input[aria-label='Phrase à traduire']")).to_have_value("let's go")
    expect(page.get_by_text("Étape de décodage", exact=True)).to_be_visible()


def test_markup_is_shown_as_text(page, app_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, app_url + TOY_QUERY)
    sentence_box(page).fill("<img src=x onerror=alert(1)> **bold** 🍕")
    sentence_box(page).press("Enter")
    wait_idle(page)
    expect(page.get_by_text("<unk>").first).to_be_visible()
    assert page.locator("main img[src='x']").count() == 0
    assert page.locator("strong", has_text="bold").count() == 0
    assert not dialogs


def test_play_advances_by_itself(page, app_url):
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go")
    page.get_by_role("button", name=re.compile("Play")).click()
    expect(heading(page)).to_contain_text("Step 2 of 2", timeout=20_000)


def test_compare_page_opens(page, app_url):
    open_app(page, f"{app_url}/compare?sentence=Let%27s+go.")
    expect(page.get_by_text("Translation quality by sentence length")).to_be_visible()


def test_screenshots_of_every_panel(page, app_url, screenshots):
    paths = [screenshots / f"panel-{panel.id}.png" for panel in PANELS]
    for path in paths:  # the folder survives between runs: each file must be this run's
        path.unlink(missing_ok=True)
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go&step=1")
    for panel, path in zip(PANELS, paths):
        element = page.locator(f".st-key-panel-{panel.id}")
        element.scroll_into_view_if_needed()
        wait_idle(page, settle=0.5)
        element.screenshot(path=str(path))
    assert [path.name for path in paths if path.is_file() and path.stat().st_size > 0] == [p.name for p in paths]


def test_presentation_mode_at_1280x720(browser, app_url, screenshots):
    """One panel at a time, large type, no sidebar; Page Down (a slide clicker) goes to the next."""
    page = new_page(browser, 1280, 720)
    try:
        open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go&step=1&present=true&panel=0")
        for number, panel in enumerate(PANELS):
            if number:
                page.locator("h3").first.click()  # keyboard focus on the page, not in a field
                page.keyboard.press("PageDown")
                wait_idle(page)
            expect(page.locator(f".st-key-panel-{panel.id}")).to_be_visible()
            assert page.locator("[data-testid='stSidebar']").is_hidden()
            if number:  # the first panel is the URL's own
                assert f"panel={number}" in page.url
            # Large type: 20 px or more once the run has settled (a run still finishing may show 16 px).
            page.wait_for_function(
                "selector => { const p = document.querySelector(selector);"
                " return p !== null && parseFloat(getComputedStyle(p).fontSize) >= 20; }",
                arg=f".st-key-panel-{panel.id} p", timeout=60_000)
            page.screenshot(path=str(screenshots / f"present-{number}-{panel.id}.png"))
    finally:
        page.context.close()


def test_readme_screenshot(browser, app_url, screenshots):
    """The README's picture, drawn as `make screenshot` draws docs/screenshot.png, here into test-output."""
    path = screenshots / "readme.png"
    path.unlink(missing_ok=True)
    page = new_page(browser)
    try:
        draw_readme_screenshot(page, app_url, path, en_fr=(ROOT / "pretrained" / "en-fr").is_dir())
    finally:
        page.context.close()
    from PIL import Image
    with Image.open(path) as shot:
        assert shot.width == 1400 and shot.height > 900  # the whole page, grown past the viewport
        assert len(set(shot.convert("L").getdata())) > 50  # drawn, not blank


def test_downloads_and_offline_heatmap_page(browser, app_url, tmp_path, toy_model):
    """JSON and PNG download from the page; the HTML heatmap then opens with the network cut off."""
    page = new_page(browser, accept_downloads=True)
    try:
        open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go")
        page.get_by_text("Export this translation").click()
        files = {}
        for label in ("Trace (JSON)", "Heatmap (PNG)", "Heatmap (offline HTML)"):
            with page.expect_download() as download:
                page.get_by_role("button", name=label).click()
            path = tmp_path / download.value.suggested_filename
            download.value.save_as(path)
            files[label] = path
    finally:
        page.context.close()
    trace = toy_model.trace("let's go", truncate=True)
    assert json.loads(files["Trace (JSON)"].read_text())["translation"] == trace.translation
    assert files["Heatmap (PNG)"].read_bytes().startswith(b"\x89PNG")

    offline = browser.new_context()
    offline.route("http://**", lambda route: route.abort())
    offline.route("https://**", lambda route: route.abort())
    page = offline.new_page()
    page.set_default_timeout(PATIENCE_MS)
    try:
        page.goto(files["Heatmap (offline HTML)"].as_uri())
        page.wait_for_selector("g.heatmap-label text")
        shown = page.evaluate("() => [...document.querySelectorAll('g.heatmap-label text')].map(t => t.textContent)")
        assert shown == [pct(weight) for step in trace.steps for weight in step.weights]
    finally:
        offline.close()
