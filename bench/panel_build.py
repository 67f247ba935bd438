"""CPU time of one decoding-step change in the app: the explore page run in-process with Streamlit's
AppTest on a 15-word sentence, stepping with the Next/Previous buttons through every step and back.

Two figures per step change: the panels' share (the eight panels of the step view, each timed on its
own: chart specs and their images, st.vega_lite_chart's JSON and Arrow, tables, text), and the whole script run
that AppTest does for a click. In the browser a step change reruns only the step-view fragment, so
the panels' figure is what each session costs the server per step; AppTest always reruns the whole
page, so its figure also holds the page around the fragment (header, inputs, the cached trace looked up).
No browser and no server. Times are CPU time (the panels: the script thread's; the script run: the
process's), so other load on the machine inflates them much less than wall-clock time, though
not at all is too much to hope for (shared caches, frequency scaling).
"""
from __future__ import annotations

import dataclasses
import os
import time
from collections import defaultdict

from bench.common import FIFTEEN_WORDS, ROOT, Figure, choose_model, cli, median, percentile

PASSES = 1  # forward to the last step and back to the first, this many times
TIMEOUT = 120  # seconds AppTest allows one script run (a loaded machine is slow)


def timed_panels(times: dict[str, list[float]]):
    """The step view's panels, each render wrapped to add its milliseconds to times[panel.id]."""
    from app.panels import PANELS

    def wrap(panel):
        def render(trace, index, heading):
            start = time.thread_time()
            try:
                return panel.render(trace, index, heading)
            finally:
                times[panel.id].append((time.thread_time() - start) * 1000)

        return dataclasses.replace(panel, render=render)

    return tuple(wrap(panel) for panel in PANELS)


def walk_steps(at, count: int, passes: int, on_step) -> None:
    """Click Next to the last step and Previous back to the first, `passes` times; after every click
    call on_step(CPU ms of the script run)."""
    for _ in range(passes):
        for key in ["step_next"] * (count - 1) + ["step_previous"] * (count - 1):
            start = time.process_time()
            at.button(key=key).click().run()
            on_step((time.process_time() - start) * 1000)
            if at.exception:
                raise RuntimeError(f"the page failed: {[e.value for e in at.exception]}")


def measure(args) -> list[Figure]:
    os.environ["ATTENTION_EXPLORER_PRETRAINED"] = str(args.pretrained)
    from streamlit.testing.v1 import AppTest

    import app.step_view as step_view

    choice = choose_model(args.pretrained)
    panel_times: dict[str, list[float]] = defaultdict(list)
    timed = timed_panels(panel_times)
    original = step_view.PANELS, step_view.PANELS_BY_ID
    step_view.PANELS, step_view.PANELS_BY_ID = timed, {panel.id: panel for panel in timed}
    try:
        at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=TIMEOUT)
        at.query_params.update({"lang": "en", "model": choice.name, "sentence": FIFTEEN_WORDS})
        at.context["locale"] = "en-US"
        at.run()  # traces the sentence (cached for the clicks), imports everything once
        if at.exception:
            raise RuntimeError(f"the page failed: {[e.value for e in at.exception]}")
        count = int(at.slider(key="step").max) if at.slider else 1
        if count < 2:
            return [Figure("step change, panels' CPU time, p50", None, "ms", model=choice.name,
                           note=f"the trace of the sentence has {count} step: nothing to step through")]
        for key in ("step_next", "step_previous"):  # warm up: first renders of the panels
            at.button(key=key).click().run()
        panel_times.clear()
        runs: list[float] = []
        walk_steps(at, count, args.passes, runs.append)
    finally:
        step_view.PANELS, step_view.PANELS_BY_ID = original
    changes = len(runs)
    per_change = [sum(panel_times[panel.id][k] for panel in timed) for k in range(changes)]
    note = f"{count} decoding steps, {changes} step changes (Next/Previous), AppTest in-process. {choice.note}".strip()
    figures = [
        Figure("step change, eight panels, CPU time, p50", median(per_change), "ms", model=choice.name, note=note),
        Figure("step change, eight panels, CPU time, p95", percentile(per_change, 95), "ms", model=choice.name, note=note),
        Figure("step change, whole AppTest script run, CPU time, p50", median(runs), "ms", model=choice.name,
               note="AppTest reruns the whole page; the browser reruns only the step-view fragment"),
        Figure("step change, whole AppTest script run, CPU time, p95", percentile(runs, 95), "ms", model=choice.name),
    ]
    for panel in timed:
        times = panel_times[panel.id]
        figures.append(Figure(f"step change, panel `{panel.id}`, p50", median(times), "ms", model=choice.name,
                              note=f"p95 {percentile(times, 95):.1f} ms"))
    return figures


def add_arguments(parser) -> None:
    parser.add_argument("--passes", type=int, default=PASSES,
                        help=f"walks forward to the last step and back, timed (default {PASSES})")


if __name__ == "__main__":
    cli("panel_build", __doc__, measure, add_arguments)
