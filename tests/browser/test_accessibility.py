"""axe-core (tests/browser/vendor, from the npm registry) on every page, in English and in French, the
step viewer and presentation mode included: no serious or critical violation."""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.browser_helpers import new_page, open_app, step_heading

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
SENTENCE = "&sentence=let%27s+go"
PAGES = {
    "explore": f"/?model=statquest-toy{SENTENCE}",
    "explore-guess-first": f"/?model=statquest-toy{SENTENCE}&quiz=true",
    "presentation": f"/?model=statquest-toy{SENTENCE}&present=true&panel=7",
    "compare": f"/compare?model=statquest-toy{SENTENCE}",
    "train": "/train",
    "about": "/about",
}


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(browser, app_url, name, lang):
    page = new_page(browser, 1280, 800)
    try:
        open_app(page, f"{app_url}{PAGES[name]}&lang={lang}" if "?" in PAGES[name] else f"{app_url}{PAGES[name]}?lang={lang}")
        if name.startswith(("explore", "presentation")):
            expect(step_heading(page)).to_be_visible()
            page.wait_for_timeout(1000)  # the charts drawn
        assert serious_violations(page) == []
    finally:
        page.context.close()
