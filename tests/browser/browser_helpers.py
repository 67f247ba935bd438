"""Waiting for Streamlit in a real browser, and reading what it shows."""
from __future__ import annotations

import time

from playwright.sync_api import Page

APP_IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def wait_idle(page: Page, settle: float = 0.8, timeout: int | None = None) -> None:
    """Until the script has finished its run (the running indicator is gone) and charts are drawn."""
    time.sleep(settle)
    page.wait_for_function(APP_IDLE, timeout=timeout or PATIENCE_MS)
    time.sleep(settle)


PATIENCE_MS = 180_000  # the suite runs niced beside model training, which can starve it


def new_page(browser, width: int = 1400, height: int = 900, **options) -> Page:
    """A page in a fresh context, with timeouts that survive a busy machine."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US", **options)
    page = context.new_page()
    page.set_default_timeout(PATIENCE_MS)
    page.set_default_navigation_timeout(PATIENCE_MS)
    return page


def open_app(page: Page, url: str, idle_timeout: int | None = None) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid='stApp']")
    wait_idle(page, timeout=idle_timeout)


HEATMAP_CELLS = ".ae-panel[data-panel='heatmap'] g.mark-text.role-mark text"


def heatmap_cell_texts(page: Page, count: int | None = None) -> list[str]:
    """The percentages written in the heatmap's cells for the steps so far, row by row (the chart is SVG:
    its texts are on the page). count: wait until the chart shows that many cells."""
    cells = page.locator(HEATMAP_CELLS)
    cells.first.wait_for(state="attached")
    if count is not None:
        deadline = time.monotonic() + PATIENCE_MS / 1000
        while cells.count() != count and time.monotonic() < deadline:
            page.wait_for_timeout(50)
    return cells.all_text_contents()


def sentence_box(page: Page):
    return page.locator("input[aria-label^='Sentence to translate']")


def step_heading(page: Page):
    """The step viewer's heading (an aria-live region): "Step N of M: ..."."""
    return page.locator(".ae-heading")


def count_frames_sent(page: Page) -> list:
    """Every websocket frame the page sends from now on (Streamlit's reruns, the viewer's step reports)."""
    sent = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent.append(frame)))
    return sent


def full_page_screenshot(page: Page, path) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content first."""
    viewport = dict(page.viewport_size)  # restored after, so the page goes on as before
    width = viewport["width"]
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 16_000)})
    wait_idle(page)
    page.screenshot(path=str(path))
    page.set_viewport_size(viewport)


VIDEO_QUERY = "?model=en-fr&sentence=Don%27t+eat+the+delicious+looking+and+smelling+pizza.&step=3"
TOY_README_QUERY = "?model=statquest-toy&sentence=let%27s+go&step=1"


def draw_readme_screenshot(page: Page, app_url: str, path, en_fr: bool = True) -> None:
    """The README's picture: the French model on the video's sentence (the toy when en-fr is absent),
    every panel drawn, the whole page."""
    open_app(page, app_url + (VIDEO_QUERY if en_fr else TOY_README_QUERY))
    step_heading(page).wait_for()
    page.locator(HEATMAP_CELLS).first.wait_for(state="attached")  # the last panel's chart is drawn
    wait_idle(page)
    full_page_screenshot(page, path)
