"""The walk a teacher does in class: the video's sentence through the real en-fr model, one step at a
time with the arrow key, in English and in French. At every step the page's heading, and the
heatmap's numbers, must be the model's own trace; a screenshot of each step is kept."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from app.format import pct
from tests.browser.browser_helpers import full_page_screenshot, heatmap_cell_texts, new_page, open_app, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(1800)]

ROOT = Path(__file__).resolve().parents[2]
EN_FR = ROOT / "pretrained" / "en-fr"
PIZZA = "Don't eat the delicious looking and smelling pizza."
HEADINGS = {"en": r"^Step {step} of {count}", "fr": r"^Étape {step} sur {count}"}


@pytest.fixture(scope="module")
def pizza_trace():
    if not (EN_FR / "model.safetensors").is_file():
        pytest.skip("pretrained/en-fr is not there")
    from model import load_model

    return load_model(EN_FR).trace(PIZZA, truncate=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pizza_step_by_step(browser, app_url, screenshots, pizza_trace, lang):
    count = len(pizza_trace.steps)
    page = new_page(browser)
    try:
        open_app(page, f"{app_url}/?{urlencode({'model': 'en-fr', 'lang': lang, 'sentence': PIZZA})}")
        expect(page.get_by_text(pizza_trace.translation, exact=True).first).to_be_visible()
        for number in range(1, count + 1):
            heading = page.locator("p", has_text=re.compile(HEADINGS[lang].format(step=number, count=count)))
            expect(heading).to_be_visible()
            so_far = [pct(weight) for step in pizza_trace.steps[:number] for weight in step.weights]
            assert heatmap_cell_texts(page, len(so_far)) == so_far, f"heatmap at step {number} is not the trace's weights"
            full_page_screenshot(page, screenshots / f"pizza-{lang}-step-{number:02d}.png")
            heading.click()  # focus on the page, not in the sentence box, so the arrow key steps
            page.keyboard.press("ArrowRight")
            wait_idle(page)
        assert f"step={count}" in page.url  # the last step stays put: Right does not go past the end
    finally:
        page.context.close()
