"""The step viewer in Chromium: a step change, from the key press to the next frame after the heading
shows the new step ("painted") and to the moment the page stops changing (every panel's charts redrawn,
"settled"); the websocket frames the page sends per step change (Chrome DevTools Protocol); a class at
once (30 websocket sessions open new sentences back to back while one Chromium page steps through its
sentence), and the same sessions on a page that only translates (the floor that Streamlit and the model
set on this machine); the document's size as sent and the time to build it.

Both ends of a step change are timed inside the page (performance.now()), so Playwright's own latency
is not counted. The viewer lives in a shadow root: the page's observer watches that root.
"""
from __future__ import annotations

import gc
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from bench.common import FIFTEEN_WORDS, FORTY_WORDS, Figure, choose_model, cli, median, percentile
from bench.harness.app_server import SENTENCE_LABEL, app_missing_reason, chromium, streamlit_server

SAMPLES = 40  # step changes per sentence and mode
QUIET_MS = 300  # no DOM change for this long: every panel is drawn
TIMEOUT_MS = 60_000
SESSIONS = 30
ROUNDS = 3  # new sentences per session in the class load
DOCUMENT_BUILDS = 11

INSTRUMENT = """() => {
  const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot && e.shadowRoot.querySelector('.ae-heading'));
  const root = host.shadowRoot;
  const bench = window.__bench = {want: null, root};
  window.addEventListener('keydown', () => { if (bench.want !== null && bench.start === null) bench.start = performance.now(); }, true);
  new MutationObserver(() => {
    bench.lastChange = performance.now();
    const heading = root.querySelector('.ae-heading');
    if (bench.want !== null && bench.start !== null && bench.shown === null && !bench.pending
        && heading && heading.textContent.startsWith(`Step ${bench.want} of `)) {
      bench.pending = true;
      requestAnimationFrame(() => { bench.shown = performance.now(); });
    }
  }).observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
}"""
EXPECT = """(k) => Object.assign(window.__bench,
  {want: k, start: null, shown: null, pending: false, lastChange: performance.now()})"""
SHOWN = "() => window.__bench.shown !== null"
QUIET = f"() => window.__bench.shown !== null && performance.now() - window.__bench.lastChange > {QUIET_MS}"
STEP_COUNT = r"""() => { const h = window.__bench.root.querySelector('.ae-heading');
  const m = h.textContent.match(/^Step (\d+) of (\d+)/); return [Number(m[1]), Number(m[2])]; }"""


def open_viewer(page, url: str) -> tuple[int, int]:
    page.goto(url)
    page.locator(".ae-heading").wait_for(timeout=600_000)
    page.wait_for_timeout(1500)  # the charts drawn
    page.evaluate(INSTRUMENT)
    return page.evaluate(STEP_COUNT)


def change_step(page, key: str, want: int) -> tuple[float, float]:
    page.evaluate(EXPECT, want)
    page.keyboard.press(key)
    page.wait_for_function(SHOWN, polling="raf", timeout=TIMEOUT_MS)
    page.wait_for_function(QUIET, polling=50, timeout=TIMEOUT_MS)
    timings = page.evaluate("() => ({start: window.__bench.start, shown: window.__bench.shown, last: window.__bench.lastChange})")
    return timings["shown"] - timings["start"], max(timings["last"], timings["shown"]) - timings["start"]


def walk(page, samples: int, stop: threading.Event | None = None) -> list[tuple[float, float]]:
    """From the step on screen forward to the last step, back to the first, until enough samples."""
    step, count = page.evaluate(STEP_COUNT)
    results, direction = [], 1
    while len(results) < samples and not (stop and stop.is_set() and len(results) >= 5):
        if not 1 <= step + direction <= count:
            direction = -direction
        step += direction
        results.append(change_step(page, "ArrowRight" if direction > 0 else "ArrowLeft", step))
    return results


def frames_counter(page) -> list:
    """Websocket frames the page sends, counted through the Chrome DevTools Protocol."""
    sent = []
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.on("Network.webSocketFrameSent", lambda event: sent.append(event))
    return sent


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children so far (/proc), in seconds."""
    import psutil

    process = psutil.Process(pid)
    total = sum(process.cpu_times()[:2])
    for child in process.children(recursive=True):
        total += sum(child.cpu_times()[:2])
    return total


def sentence(number: int) -> str:
    subjects = ["I", "You", "We", "They", "My sister", "The teacher", "Tom", "The children", "Her father", "Our neighbour"]
    things = ["a red car", "the old house", "a small dog", "the new book", "a big cake", "the blue door", "a green bike",
              "the long letter", "a warm coat"]
    return f"{subjects[number % 10]} saw {things[(number // 10) % 9]} near the station on day {number}."


def open_sentences(index: int, server_url: str, model: str, start: threading.Barrier) -> list[float]:
    """One student's tab without a browser: opens the page, then types new sentences back to back."""
    from bench.harness.streamlit_client import StreamlitSession

    session = StreamlitSession(server_url)
    times = []
    try:
        start.wait()
        _, page = session.open(urlencode({"lang": "en", "model": model}))
        box = page.widget("text_input", SENTENCE_LABEL)
        for round_number in range(ROUNDS):
            seconds, page = session.type_text(box, sentence(index * ROUNDS + round_number))
            assert any(text.startswith("Translation:") for text in page.markdown), page.problems
            times.append(seconds)
    finally:
        session.close()
    return times


def class_load(server, model: str, meanwhile=None) -> tuple[list[float], float, float]:
    """SESSIONS sessions each type ROUNDS new sentences back to back; meanwhile(stop) runs beside them until
    they are done. -> (each sentence's seconds, server CPU seconds, wall seconds)."""
    cpu_before = process_cpu_seconds(server.process.pid)
    start = threading.Barrier(SESSIONS + 1)
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        futures = [pool.submit(open_sentences, index, server.url, model, start) for index in range(SESSIONS)]
        start.wait()
        began = time.perf_counter()
        threading.Thread(target=lambda: ([f.result() for f in futures], stop.set()), daemon=True).start()
        if meanwhile is not None:
            meanwhile(stop)
        opens = [t for f in futures for t in f.result()]
    elapsed = time.perf_counter() - began
    return opens, process_cpu_seconds(server.process.pid) - cpu_before, elapsed


def translate_only_floor(pretrained, model: str) -> list[Figure]:
    """The same class load on a page that only translates (bench/harness/translate_only_app.py): what
    Streamlit's rerun and the model cost on this machine, whatever the page draws."""
    app = Path(__file__).with_name("harness") / "translate_only_app.py"
    with streamlit_server(pretrained, app=app, env={"BENCH_MODEL": model}) as server:
        server.wait_healthy()
        open_sentences(SESSIONS, server.url, model, threading.Barrier(1))  # the model loaded, as in the app's run
        opens, cpu, elapsed = class_load(server, model)
    note = (f"p50 {median(opens):.2f} s, n={len(opens)}; server CPU {cpu / len(opens) * 1000:.0f} ms per sentence; "
            f"{elapsed:.0f} s. The floor under the target above: the same sessions and sentences, no step viewer")
    return [Figure("class at once, a page that only translates: a session's new sentence, p95", percentile(opens, 95),
                   "s", None, model=model, note=note)]


def document_figures(folder, model: str) -> list[Figure]:
    """Build and pack the document as the server does, for a 15- and a 40-word sentence."""
    from app.charts import _contribution_parts
    from app.viewer.blocks import word
    from app.viewer.component import pack
    from app.viewer.document import build_document
    from model.inference.loading import load_model

    sentence_caches = (word, _contribution_parts)

    loaded = load_model(folder)
    gc.freeze()  # as the server does once its first model is loaded (app/server_tuning.py)
    # a server that has composed one sentence already: the catalog's markup and the formulas are converted
    build_document(loaded.trace(sentence(0), truncate=True), "en", presenting=False)
    figures = []
    for label, text, size_target, time_target in (("15-word", FIFTEEN_WORDS, 300, 30), ("40-word", FORTY_WORDS, 1024, None)):
        trace = loaded.trace(text, truncate=True)
        builds, packs = [], []
        for _ in range(DOCUMENT_BUILDS):
            for cache in sentence_caches:  # each build as the sentence's first: its words not yet seen
                cache.cache_clear()
            began = time.perf_counter()
            document = build_document(trace, "en", presenting=False)
            built = time.perf_counter()
            packed = pack(document)
            builds.append((built - began) * 1000)
            packs.append((time.perf_counter() - built) * 1000)
        raw = len(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode())
        note = f"{len(trace.source_tokens)} tokens, {len(trace.steps)} steps; JSON {raw / 1024:.0f} KiB before gzip"
        figures += [
            Figure(f"{label} document as sent (gzip, base64)", len(packed) / 1024, "KiB", size_target, model=model, note=note),
            Figure(f"{label} document build, p50 of {DOCUMENT_BUILDS}", median(builds), "ms", time_target, model=model,
                   note=f"then packing it: p50 {median(packs):.0f} ms"),
        ]
    return figures


def measure(args) -> list[Figure]:
    reason = app_missing_reason()
    choice = choose_model(args.pretrained)
    if reason:
        return [Figure("step change in the viewer", None, note=reason)]
    figures = []
    with streamlit_server(args.pretrained) as server, chromium() as browser:
        context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        for label, text in (("15-word", FIFTEEN_WORDS), ("40-word", FORTY_WORDS)):
            for mode, extra in (("page", {}), ("presentation", {"present": "true", "panel": "7"})):
                frames = frames_counter(page)
                open_viewer(page, server.page_url(lang="en", model=choice.name, sentence=text, **extra))
                before = len(frames)
                results = walk(page, args.samples)
                during = len(frames) - before
                page.wait_for_timeout(1500)
                after_pause = len(frames) - before - during
                painted = [r[0] for r in results]
                settled = [r[1] for r in results]
                name = f"step change, {label} sentence, {mode}"
                note = (f"settled (every chart redrawn): p50 {median(settled):.0f} ms, p95 {percentile(settled, 95):.0f} ms; "
                        f"{len(results)} changes by arrow key")
                figures += [
                    Figure(f"{name}, p50 painted", median(painted), "ms", 50, model=choice.name, note=note),
                    Figure(f"{name}, p95 painted", percentile(painted, 95), "ms", 100, model=choice.name),
                    Figure(f"websocket frames sent per step change ({label}, {mode})", during / len(results), "", 0,
                           model=choice.name, note=f"{during} frames in {len(results)} step changes back to back; "
                                                   f"{after_pause} once the user paused (the step reported to the server)"),
                ]
        # A class at once: 30 tabs open sentences while this page steps through its own.
        open_viewer(page, server.page_url(lang="en", model=choice.name, sentence=FIFTEEN_WORDS))
        stepping: list[tuple[float, float]] = []
        opens, cpu, elapsed = class_load(server, choice.name, lambda stop: stepping.extend(walk(page, 10_000, stop)))
        painted = [r[0] for r in stepping]
        how = (f"{SESSIONS} websocket sessions (bench/harness/streamlit_client.py: Streamlit's own protocol, no browser, "
               f"two cores cannot host 30 browsers) each type {ROUNDS} new sentences back to back, while one Chromium "
               f"page steps through a 15-word sentence; {elapsed:.0f} s")
        figures += [
            Figure("class at once: the stepping page's step change, p95 painted", percentile(painted, 95), "ms", 50,
                   model=choice.name, note=f"{len(painted)} step changes; p50 {median(painted):.0f} ms. {how}"),
            Figure("class at once: a session's new sentence, p95", percentile(opens, 95), "s", 1.0, model=choice.name,
                   note=f"p50 {median(opens):.2f} s, max {max(opens):.2f} s, n={len(opens)}"),
            Figure("class at once: server CPU per sentence opened", cpu / len(opens) * 1000, "ms", None, model=choice.name,
                   note=f"{cpu:.1f} CPU s for {len(opens)} sentences (trace, document, page), all server processes"),
        ]
        context.close()
    figures += translate_only_floor(args.pretrained, choice.name)
    return figures + document_figures(choice.folder, choice.name)


def add_arguments(parser) -> None:
    parser.add_argument("--samples", type=int, default=SAMPLES, help="step changes per sentence and mode")


if __name__ == "__main__":
    cli("step_viewer", __doc__.splitlines()[0], measure, add_arguments)
