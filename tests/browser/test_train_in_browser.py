"""The Train page in Chromium: a run in the server's worker process, drawn while it trains, listed in
the runs table, then opened in Explore; in French and in presentation mode at 1280x720."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.browser_helpers import new_page, open_app, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]


def test_train_a_toy_and_open_it_in_explore(browser, app_url, screenshots):
    page = new_page(browser)
    try:
        open_app(page, f"{app_url}/train?train_score=cosine&train_epochs=150")
        expect(page.get_by_text("No run yet in this session")).to_be_visible()
        page.get_by_role("button", name="Train").click()
        expect(page.get_by_text(re.compile(r"Epoch \d+ of 150"))).to_be_visible()  # the progress bar's text, mid-run
        wait_idle(page)
        expect(page.get_by_role("heading", name="Run 1")).to_be_visible()
        expect(page.get_by_text(re.compile(r"Translations now: let's go → vamos · to go → ir"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"first time after epoch \d+"))).to_be_visible()
        expect(page.locator("[data-testid='stDataFrame']")).to_be_visible()
        page.screenshot(path=str(screenshots / "train-run.png"), full_page=True)
        page.get_by_role("button", name="Open in Explore").click()
        wait_idle(page)
        expect(page).to_have_url(re.compile(r"/\?.*model=trained-1"))  # Explore is the default page: "/"
        expect(page.get_by_text("The toy model you trained, run 1: cosine score")).to_be_visible()
        expect(page.get_by_text(re.compile("vamos")).first).to_be_visible()
        page.screenshot(path=str(screenshots / "train-opened-in-explore.png"))
    finally:
        page.context.close()


def test_train_in_french_in_presentation_mode(browser, app_url, screenshots):
    page = new_page(browser, width=1280, height=720)
    try:
        open_app(page, f"{app_url}/train?lang=fr&present=true&train_epochs=60")
        page.keyboard.press("t")  # Entraîner, by its key
        wait_idle(page)
        expect(page.get_by_role("heading", name="Entraînement 1")).to_be_visible()
        expect(page.get_by_text(re.compile("Traductions actuelles"))).to_be_visible()
        page.screenshot(path=str(screenshots / "train-present-fr.png"))
    finally:
        page.context.close()
