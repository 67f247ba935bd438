"""The walk a teacher does in class: the video's sentence through the real en-fr model, one step at a
time with the arrow key, in English and in French. At every step the page's heading, and the
heatmap's numbers, must be the model's own trace; a screenshot of each step is kept."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from app.format import numbers_in, pct
from tests.browser.browser_helpers import (
    count_frames_sent,
    full_page_screenshot,
    heatmap_cell_texts,
    new_page,
    open_app,
    step_heading,
)

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
    frames = count_frames_sent(page)
    try:
        open_app(page, f"{app_url}/?{urlencode({'model': 'en-fr', 'lang': lang, 'sentence': PIZZA})}")
        expect(page.get_by_text(pizza_trace.translation, exact=True).first).to_be_visible()
        before = len(frames)
        with numbers_in(lang):
            weights = [[pct(weight) for weight in step.weights] for step in pizza_trace.steps]
        for number in range(1, count + 1):
            expect(step_heading(page)).to_have_text(re.compile(HEADINGS[lang].format(step=number, count=count)))
            so_far = [text for row in weights[:number] for text in row]
            assert heatmap_cell_texts(page, len(so_far)) == so_far, f"heatmap at step {number} is not the trace's weights"
            softmax = page.locator(".ae-panel[data-panel='softmax'] g.mark-text.role-mark text").all_text_contents()
            assert softmax == weights[number - 1], f"softmax at step {number} is not the trace's"
            if number in (1, count):
                full_page_screenshot(page, screenshots / f"pizza-{lang}-step-{number:02d}.png")
            page.keyboard.press("ArrowRight")
        expect(page).to_have_url(re.compile(rf"[?&]step={count}(&|$)"))  # the last step stays put: Right does not go past the end
        assert len(frames) - before <= 1  # stepping sent nothing; at most the one report of a pause
    finally:
        page.context.close()
