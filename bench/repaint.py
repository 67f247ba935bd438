"""Step change to repaint in Chromium: from the key press (Right/Left arrow, the app's shortcuts) or
the pointer press on Next/Previous, to the next animation frame after the DOM shows the new step.

Both ends are timed inside the page (performance.now()), so Playwright's own latency is not counted.
"The DOM shows the new step" means the step heading reads "Step k of n"; a second figure waits
until the page stops changing (every panel redrawn). The same is measured in presentation mode (the
projector view: one panel at a time), on its heaviest panel, the heatmap of all steps.
"""
from __future__ import annotations

import re

from bench.common import FIFTEEN_WORDS, Figure, choose_model, cli, median, percentile
from bench.harness.app_server import NEXT_LABEL, STEP_LABEL, app_missing_reason, chromium, new_page, streamlit_server

SAMPLES = 30  # per input kind (keyboard, pointer)
QUIET_MS = 300  # no DOM change for this long: the step view is complete
TIMEOUT_MS = 60_000

INSTRUMENT = """() => {
  const bench = window.__bench = {want: null};
  const mark = () => { if (bench.want !== null && bench.start === null) bench.start = performance.now(); };
  document.addEventListener('keydown', mark, true);
  document.addEventListener('pointerdown', mark, true);
  const showsStep = (k) => [...document.querySelectorAll('strong')]
    .some(e => e.textContent.startsWith(`Step ${k} of `));
  new MutationObserver(() => {
    bench.lastChange = performance.now();
    if (bench.want !== null && bench.start !== null && bench.shown === null && !bench.pending && showsStep(bench.want)) {
      bench.pending = true;
      bench.dom = performance.now();
      requestAnimationFrame(() => { bench.shown = performance.now(); });
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}"""
EXPECT = """(k) => Object.assign(window.__bench,
  {want: k, start: null, dom: null, shown: null, pending: false, lastChange: performance.now()})"""
SHOWN = "() => window.__bench.shown !== null"
QUIET = f"() => window.__bench.shown !== null && performance.now() - window.__bench.lastChange > {QUIET_MS}"
STEP_COUNT = r"""() => { for (const e of document.querySelectorAll('strong')) {
  const m = e.textContent.match(/^Step (\d+) of (\d+)/); if (m) return [Number(m[1]), Number(m[2])]; } return null; }"""


def change_step(page, action, want: int) -> tuple[float, float]:
    """Do `action` (a key press or a click) and return (ms to the repaint, ms to the last DOM change)."""
    page.evaluate(EXPECT, want)
    action()
    page.wait_for_function(SHOWN, polling="raf", timeout=TIMEOUT_MS)
    page.wait_for_function(QUIET, polling=50, timeout=TIMEOUT_MS)
    timings = page.evaluate("() => window.__bench")
    return timings["shown"] - timings["start"], timings["lastChange"] - timings["start"]


def walk(page, count: int, forward, backward, samples: int) -> list[tuple[float, float]]:
    """From the step on screen, go forward to the last step, then back to the first, until enough samples."""
    step, _ = page.evaluate(STEP_COUNT)
    results, direction = [], 1
    while len(results) < samples:
        if step + direction < 1 or step + direction > count:
            direction = -direction
        step += direction
        results.append(change_step(page, forward if direction > 0 else backward, step))
    return results


def open_trace(page, url: str) -> int:
    """Load the page, wait for the trace, instrument it; -> the number of steps."""
    page.goto(url)
    page.wait_for_selector(f'[aria-label="{STEP_LABEL}"]', timeout=TIMEOUT_MS)
    page.wait_for_function(STEP_COUNT, timeout=TIMEOUT_MS)
    page.evaluate(INSTRUMENT)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    return page.evaluate(STEP_COUNT)[1]


def measure(args) -> list[Figure]:
    reason = app_missing_reason()
    if reason:
        return [Figure("step change to repaint in Chromium, median", None, "ms", 150, note=reason)]
    choice = choose_model(args.pretrained)
    with chromium() as browser, streamlit_server(args.pretrained) as server:
        server.wait_healthy()
        page = new_page(browser)
        count = open_trace(page, server.page_url(lang="en", model=choice.name, sentence=FIFTEEN_WORDS))
        if count < 2:
            return [Figure("step change to repaint in Chromium, median", None, "ms", 150, model=choice.name,
                           note=f"the trace of the sentence has {count} step: nothing to step through")]
        keys = walk(page, count, lambda: page.keyboard.press("ArrowRight"), lambda: page.keyboard.press("ArrowLeft"),
                    args.samples)
        next_button = page.get_by_role("button", name=re.compile(NEXT_LABEL))
        previous_button = page.get_by_role("button", name=re.compile("Previous"))
        clicks = walk(page, count, next_button.click, previous_button.click, args.samples)
        from app.panels import PANELS  # the URL names a panel by its number, as the chooser shows it

        heatmap = str([panel.id for panel in PANELS].index("heatmap"))
        open_trace(page, server.page_url(lang="en", model=choice.name, sentence=FIFTEEN_WORDS, present="true",
                                         panel=heatmap))
        presenting = walk(page, count, lambda: page.keyboard.press("ArrowRight"),
                          lambda: page.keyboard.press("ArrowLeft"), args.samples)
    note = f"{args.samples} step changes over a {count}-step trace. {choice.note}".strip()
    figures = []
    for kind, samples in (("arrow key", keys), ("click on Next/Previous", clicks),
                          ("presentation mode, heatmap panel, arrow key", presenting)):
        repaint = [s[0] for s in samples]
        settled = [s[1] for s in samples]
        figures += [
            Figure(f"step change to repaint in Chromium ({kind}), median", median(repaint), "ms",
                   None if kind.startswith("presentation") else 150,
                   model=choice.name, note=f"{note} p95 {percentile(repaint, 95):.0f} ms."),
            Figure(f"step change to every panel redrawn ({kind}), median", median(settled), "ms", model=choice.name,
                   note=f"last DOM change before {QUIET_MS} ms of quiet; p95 {percentile(settled, 95):.0f} ms."),
        ]
    return figures


def add_arguments(parser) -> None:
    parser.add_argument("--samples", type=int, default=SAMPLES, help=f"step changes per input kind (default {SAMPLES})")


if __name__ == "__main__":
    cli("repaint", __doc__, measure, add_arguments)
