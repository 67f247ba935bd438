"""The app in Chromium: typing, stepping in the browser (buttons, keys, slider, Play) without a message
to the server, the heatmap's numbers against the model's own trace, share links, reload and language
switch, French, presentation mode at 1280x720, a phone, the offline export, and screenshots."""
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
    count_frames_sent,
    draw_readme_screenshot,
    heatmap_cell_texts,
    new_page,
    open_app,
    sentence_box,
    step_heading,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]  # generous: niced beside training

ROOT = Path(__file__).resolve().parents[2]
TOY_QUERY = "?model=statquest-toy"
HOSTILE = "<img src=x onerror=alert(1)> </script> \"go\" **bold** 🍕"


def test_type_then_step_in_the_browser_without_the_server(page, app_url, toy_model):
    frames = count_frames_sent(page)
    open_app(page, app_url + TOY_QUERY)
    sentence_box(page).fill("let's go")
    sentence_box(page).press("Enter")
    wait_idle(page)
    trace = toy_model.trace("let's go", truncate=True)
    expect(step_heading(page)).to_contain_text(f"Step 1 of {len(trace.steps)}")
    expect(page.get_by_text(trace.translation, exact=True).first).to_be_visible()
    expect(page.get_by_role("slider", name="Decoding step")).to_have_value("1")

    before = len(frames)
    page.get_by_role("button", name=re.compile("Next")).click()
    expect(step_heading(page)).to_contain_text(f"Step 2 of {len(trace.steps)}")
    expect(page).to_have_url(re.compile(r"[?&]step=2(&|$)"))  # the link follows right after the paint
    assert "sentence=" in page.url
    page.locator(".ae-panel-title", has_text="1. Encoder outputs").click()  # focus out of the text box
    page.keyboard.press("ArrowLeft")
    expect(step_heading(page)).to_contain_text("Step 1 of")
    page.keyboard.press("End")
    expect(step_heading(page)).to_contain_text("Step 2 of")
    page.keyboard.press("Home")
    expect(step_heading(page)).to_contain_text("Step 1 of")
    page.get_by_role("slider", name="Decoding step").fill("2")
    expect(step_heading(page)).to_contain_text("Step 2 of")
    assert len(frames) == before  # no websocket message while stepping
    page.wait_for_timeout(1500)  # the user pauses: the server learns the step, once
    assert len(frames) - before == 1
    expect(page.get_by_text("Change step 2 and decode again")).to_be_attached()


def test_keys_do_nothing_while_typing(page, app_url):
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go")
    sentence_box(page).click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    expect(step_heading(page)).to_contain_text("Step 1 of 2")


def test_heatmap_numbers_are_the_trace_weights(page, app_url, toy_model):
    trace = toy_model.trace("let's go", truncate=True)
    last = len(trace.steps)
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go&step={last}")
    expect(step_heading(page)).to_contain_text(f"Step {last} of {last}")
    expected = [pct(weight) for step in trace.steps for weight in step.weights]
    assert heatmap_cell_texts(page, len(expected)) == expected


def test_share_link_in_french_restores_the_view(page, app_url):
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go&step=2&lang=fr")
    expect(step_heading(page)).to_contain_text("Étape 2 sur 2")
    expect(page.locator("input[aria-label='Phrase à traduire']")).to_have_value("let's go")
    expect(page.get_by_role("slider", name="Étape de décodage")).to_have_value("2")


def test_reload_and_language_switch_keep_the_step(page, app_url):
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go")
    page.get_by_role("button", name=re.compile("Next")).click()
    expect(step_heading(page)).to_contain_text("Step 2 of 2")
    page.reload()
    page.wait_for_selector("[data-testid='stApp']")
    expect(step_heading(page)).to_contain_text("Step 2 of 2")
    page.get_by_role("radio", name="fr").or_(page.get_by_role("button", name="fr", exact=True)).first.click()
    expect(step_heading(page)).to_contain_text("Étape 2 sur 2")


def test_markup_is_shown_as_text(page, app_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, app_url + TOY_QUERY)
    sentence_box(page).fill(HOSTILE)
    sentence_box(page).press("Enter")
    wait_idle(page)
    expect(step_heading(page)).to_be_visible()
    expect(page.get_by_text("<unk>").first).to_be_visible()
    assert page.locator("img[src='x']").count() == 0  # also inside the viewer (CSS locators pierce it)
    assert page.locator("strong", has_text="bold").count() == 0
    page.keyboard.press("End")
    assert not dialogs


def test_play_advances_by_itself(page, app_url):
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go")
    page.get_by_role("button", name=re.compile("Play")).click()
    expect(step_heading(page)).to_contain_text("Step 2 of 2", timeout=20_000)
    expect(page.get_by_role("button", name=re.compile("Play"))).to_be_visible(timeout=20_000)  # stopped at the end


def test_compare_page_opens(page, app_url):
    open_app(page, f"{app_url}/compare?sentence=Let%27s+go.")
    expect(page.get_by_text("Translation quality by sentence length")).to_be_visible()


def test_screenshots_of_every_panel(page, app_url, screenshots):
    paths = [screenshots / f"panel-{panel.id}.png" for panel in PANELS]
    for path in paths:  # the folder survives between runs: each file must be this run's
        path.unlink(missing_ok=True)
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go&step=1")
    for panel, path in zip(PANELS, paths):
        element = page.locator(f".ae-panel[data-panel='{panel.id}']")
        element.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        element.screenshot(path=str(path))
    assert [path.name for path in paths if path.is_file() and path.stat().st_size > 0] == [p.name for p in paths]


def test_presentation_mode_at_1280x720(browser, app_url, screenshots):
    """One panel at a time, large type, no sidebar; Page Down (a slide clicker) goes to the next; the
    step line, the controls and the whole panel of the video's sentence fit on the screen."""
    en_fr = (ROOT / "pretrained" / "en-fr").is_dir()
    query = ("?model=en-fr&sentence=Don%27t+eat+the+delicious+looking+and+smelling+pizza." if en_fr
             else f"{TOY_QUERY}&sentence=let%27s+go")
    page = new_page(browser, 1280, 720)
    try:
        open_app(page, f"{app_url}{query}&step=3&present=true&panel=0")
        for number, panel in enumerate(PANELS):
            if number:
                page.keyboard.press("PageDown")
            section = page.locator(f".ae-panel[data-panel='{panel.id}']")
            expect(section).to_be_visible()
            assert page.locator("[data-testid='stSidebar']").is_hidden()
            expect(page).to_have_url(re.compile(rf"[?&]panel={number}(&|$)"))
            page.wait_for_timeout(800)  # charts drawn, the panel scaled to the room it has
            box = section.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= 720 + 1, f"panel {panel.id} does not fit"
            assert step_heading(page).bounding_box()["y"] >= 0
            size = float(page.locator(f".ae-panel[data-panel='{panel.id}'] .ae-panel-title").evaluate(
                "e => parseFloat(getComputedStyle(e).fontSize)"))
            assert size >= 20  # large type
            page.screenshot(path=str(screenshots / f"present-{number}-{panel.id}.png"))
    finally:
        page.context.close()


def test_a_phone_keeps_the_controls_at_hand(browser, app_url, screenshots):
    page = new_page(browser, 390, 844, is_mobile=True, has_touch=True)
    try:
        open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go")
        page.locator(".ae-panel[data-panel='heatmap']").scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        bar = page.locator(".ae-bar").bounding_box()
        assert 0 <= bar["y"] < 844 - bar["height"]  # the sticky bar is on screen while the page scrolled
        page.get_by_role("button", name=re.compile("Next")).click()
        expect(step_heading(page)).to_contain_text("Step 2 of 2")
        labels = page.locator(".ae-panel[data-panel='heatmap'] g.role-axis-label text")
        boxes = [labels.nth(k).bounding_box() for k in range(labels.count())]
        for a, b in zip(boxes, boxes[1:]):  # no two neighbouring axis labels overlap
            assert not (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
                        and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])
        page.screenshot(path=str(screenshots / "phone.png"))
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
        assert len(shot.convert("L").getcolors(256)) > 50  # drawn, not blank: grey levels used


def test_downloads_and_the_offline_viewer(browser, app_url, tmp_path, toy_model):
    """JSON and PNG download from the page; the exported viewer then steps with the network cut off,
    a hostile sentence staying text."""
    page = new_page(browser, accept_downloads=True)
    try:
        open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go+{HOSTILE.replace(' ', '+')}")
        page.get_by_text("Export this translation").click()
        files = {}
        for label in ("Trace (JSON)", "Heatmap (PNG)", "Step through it offline (HTML)"):
            with page.expect_download() as download:
                page.get_by_role("button", name=label).click()
            path = tmp_path / download.value.suggested_filename
            download.value.save_as(path)
            files[label] = path
    finally:
        page.context.close()
    sentence = json.loads(files["Trace (JSON)"].read_text())["source"]
    trace = toy_model.trace(sentence, truncate=True)
    assert files["Heatmap (PNG)"].read_bytes().startswith(b"\x89PNG")

    offline = browser.new_context()
    offline.route("http://**", lambda route: route.abort())
    offline.route("https://**", lambda route: route.abort())
    page = offline.new_page()
    page.set_default_timeout(PATIENCE_MS)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(files["Step through it offline (HTML)"].as_uri())
        expect(step_heading(page)).to_contain_text(f"Step 1 of {len(trace.steps)}")
        page.keyboard.press("End")
        count = len(trace.steps)
        expect(step_heading(page)).to_contain_text(f"Step {count} of {count}")
        expected = [pct(weight) for step in trace.steps for weight in step.weights]
        assert heatmap_cell_texts(page, len(expected)) == expected
        assert page.locator("img[src='x']").count() == 0 and not dialogs
        expect(page.locator(".ae-export-sentence code").first).to_have_text(sentence)  # as typed, as text
    finally:
        offline.close()


def test_the_server_follows_the_step_of_each_new_sentence(page, app_url):
    """The same step of the next sentence still reaches the server (the tools under the steps follow it)."""
    open_app(page, f"{app_url}{TOY_QUERY}&sentence=let%27s+go")
    page.locator(".ae-panel-title", has_text="1. Encoder outputs").click()
    page.keyboard.press("End")
    expect(page.get_by_text("Change step 2 and decode again")).to_be_attached()
    sentence_box(page).fill("to go")
    sentence_box(page).press("Enter")
    wait_idle(page)
    expect(page.get_by_text("Change step 1 and decode again")).to_be_attached()  # a new sentence starts at step 1
    page.locator(".ae-panel-title", has_text="1. Encoder outputs").click()
    page.keyboard.press("End")
    expect(page.get_by_text("Change step 2 and decode again")).to_be_attached()
