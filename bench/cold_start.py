"""Cold start: from starting `streamlit run app/main.py` to the sentence box being usable in Chromium,
and to the first trace on screen (the model is loaded on the first page visit)."""
from __future__ import annotations

import time

from bench.common import FIFTEEN_WORDS, Figure, choose_model, cli, median
from bench.harness.app_server import (
    SENTENCE_LABEL,
    STEP_LABEL,
    app_missing_reason,
    chromium,
    new_page,
    streamlit_server,
)

RUNS = 3
TIMEOUT_MS = 120_000

APP_SHELL = """() => document.querySelector('[data-testid="stApp"]') !== null"""
INPUT_READY = f"""() => {{
  const box = document.querySelector('input[aria-label="{SENTENCE_LABEL}"]');
  return box !== null && !box.disabled && box.offsetParent !== null;
}}"""
# the step viewer's slider, inside the component's shadow root: the first trace is laid out
TRACE_SHOWN = f"""() => [...document.querySelectorAll('*')].some(e => e.shadowRoot
  && e.shadowRoot.querySelector('input[aria-label="{STEP_LABEL}"]') !== null)"""


def one_cold_start(browser, pretrained, model_name: str) -> tuple[float, float, float, float]:
    """Seconds from process start to: health endpoint up, the app's shell drawn, sentence box usable,
    first trace shown."""
    page = new_page(browser)  # the browser is already running: only the server's start is timed
    try:
        with streamlit_server(pretrained) as server:
            health = server.wait_healthy()
            page.goto(server.page_url(lang="en", model=model_name, sentence=FIFTEEN_WORDS), wait_until="commit")
            page.wait_for_function(APP_SHELL, polling="raf", timeout=TIMEOUT_MS)
            shell = time.perf_counter() - server.started
            page.wait_for_function(INPUT_READY, polling="raf", timeout=TIMEOUT_MS)
            interactive = time.perf_counter() - server.started
            page.wait_for_function(TRACE_SHOWN, polling="raf", timeout=TIMEOUT_MS)
            first_trace = time.perf_counter() - server.started
    finally:
        page.context.close()
    return health, shell, interactive, first_trace


def measure(args) -> list[Figure]:
    reason = app_missing_reason()
    if reason:
        return [Figure("cold start of streamlit run to an interactive page", None, "s", 6, note=reason)]
    choice = choose_model(args.pretrained)
    runs = []
    with chromium() as browser:
        for _ in range(args.runs):
            runs.append(one_cold_start(browser, args.pretrained, choice.name))
    health, shell, interactive, first_trace = ([run[i] for run in runs] for i in range(4))

    def listed(values):
        return ", ".join(f"{v:.2f}" for v in values)

    note = f"median of {args.runs} server starts (s: {{}}); Chromium already running. {choice.note}".strip()
    return [
        Figure("cold start of streamlit run to an interactive page", median(interactive), "s", 6, model=choice.name,
               note=note.format(listed(interactive)) + f" Interactive: the \"{SENTENCE_LABEL}\" box is enabled."),
        Figure("cold start to the health endpoint answering", median(health), "s", model=choice.name,
               note=note.format(listed(health))),
        Figure("cold start to the app's frontend drawn (stApp)", median(shell), "s", model=choice.name,
               note=note.format(listed(shell))),
        Figure("cold start to the first trace shown (model loaded)", median(first_trace), "s", model=choice.name,
               note=note.format(listed(first_trace)) + " Sentence given in the URL."),
    ]


def add_arguments(parser) -> None:
    parser.add_argument("--runs", type=int, default=RUNS, help=f"server starts to time (default {RUNS})")


if __name__ == "__main__":
    cli("cold_start", __doc__, measure, add_arguments)
