"""30 students press Train at once on the Train page of one real `streamlit run app/main.py` server,
while one more session works on Explore: is the server still responsive?

Each student is a websocket session (bench/harness/streamlit_client.py) that opens /train and clicks
Train (the default settings, 200 epochs); its time runs from the click to the server's
`script_finished` of the page that shows the finished run. The watcher switches Explore between two
sentences every half second (each a page run, as the step the viewer reports after a pause; stepping
itself happens in the browser), before the burst (idle) and during it; its page runs are the
responsiveness measure. The training runs in the server's worker process (model/live_training.py), chunk by chunk
in turn, so the students' runs end together, later than one run alone.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from bench.common import Figure, cli, median, percentile

STUDENTS = 30
WATCH_PAUSE = 0.5  # seconds between the watcher's step changes
IDLE_STEPS = 20  # the watcher's page runs before the burst
TRAIN_LABEL, SENTENCE_LABEL = "Train", "Sentence to translate"
WATCH_SENTENCES = ("let's go", "to go")
EPOCHS = 200


def student(index: int, server_url: str, start: threading.Barrier) -> float:
    """Open the Train page, wait for the others, press Train: seconds until the finished run is shown."""
    from bench.harness.streamlit_client import StreamlitSession

    session = StreamlitSession(server_url)
    try:
        _, page = session.open(urlencode({"lang": "en", "train_epochs": EPOCHS, "train_seed": index}), "train")
        button = page.widget("button", TRAIN_LABEL)
        start.wait()
        seconds, page = session.click(button)
        assert any("Translations now" in text for text in page.markdown), page.problems
        assert not page.problems, page.problems
        return seconds
    finally:
        session.close()


def watch_steps(server_url: str, stop: threading.Event, count: int | None = None) -> list[float]:
    """Page runs on Explore (two sentences in turn, their traces cached) until `stop` or `count` of them."""
    from bench.harness.streamlit_client import StreamlitSession

    session = StreamlitSession(server_url)
    times: list[float] = []
    try:
        _, page = session.open(urlencode({"lang": "en", "model": "statquest-toy", "sentence": WATCH_SENTENCES[0]}))
        box = page.widget("text_input", SENTENCE_LABEL)
        while not stop.is_set() and (count is None or len(times) < count):
            seconds, page = session.type_text(box, WATCH_SENTENCES[(len(times) + 1) % 2])
            times.append(seconds)
            time.sleep(WATCH_PAUSE)
    finally:
        session.close()
    return times


def measure(args) -> list[Figure]:
    import psutil

    from bench.harness.app_server import streamlit_server
    from bench.harness.streamlit_client import StreamlitSession

    with streamlit_server(args.pretrained) as server:
        server.wait_healthy()
        warm = StreamlitSession(server.url)  # a first run: the worker process starts and imports torch
        _, page = warm.open(urlencode({"lang": "en", "train_epochs": 20}), "train")
        single, _ = warm.click(page.widget("button", TRAIN_LABEL))
        warm.close()
        alone = student(0, server.url, threading.Barrier(1))
        idle = watch_steps(server.url, threading.Event(), IDLE_STEPS)
        process = psutil.Process(server.process.pid)
        cpu_before = sum(process.cpu_times()[:2])
        workers_before = sum(sum(child.cpu_times()[:2]) for child in process.children(recursive=True))
        stop, start = threading.Event(), threading.Barrier(args.students)
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.students + 1) as pool:
            watcher = pool.submit(watch_steps, server.url, stop)
            runs = list(pool.map(lambda index: student(index, server.url, start), range(args.students)))
            stop.set()
            during = watcher.result()
        burst = time.perf_counter() - began
        server_cpu = sum(process.cpu_times()[:2]) - cpu_before
        worker_cpu = sum(sum(child.cpu_times()[:2]) for child in process.children(recursive=True)) - workers_before
    how = (f"one streamlit server; {args.students} websocket sessions open /train and press Train together "
           f"({EPOCHS} epochs, default settings, seeds 0-{args.students - 1}); one more session switches Explore "
           f"between two sentences (toy model) every {WATCH_PAUSE:g} s")
    return [
        Figure(f"Explore page run while {args.students} students train, p95", percentile(during, 95) * 1000, "ms", 1000,
               model="statquest-toy", note=f"{how}. {len(during)} page runs during the {burst:.1f} s burst: "
                                           f"p50 {median(during) * 1000:.0f} ms, max {max(during) * 1000:.0f} ms"),
        Figure("Explore page run, nobody training, p95", percentile(idle, 95) * 1000, "ms", model="statquest-toy",
               note=f"the same watcher before the burst: p50 {median(idle) * 1000:.0f} ms (n={len(idle)})"),
        Figure(f"one Train click alone ({EPOCHS} epochs), click to finished page", alone, "s", model="statquest-toy",
               note=f"the worker already started (the very first run, 20 epochs, took {single:.1f} s with its start)"),
        Figure(f"{args.students} Train clicks at once, p50 click to finished page", median(runs), "s",
               model="statquest-toy", note=f"p95 {percentile(runs, 95):.1f} s, max {max(runs):.1f} s; the runs' chunks "
                                           f"take turns on the worker, so they end close together"),
        Figure(f"server process CPU during the {args.students}-run burst", server_cpu, "s", model="statquest-toy",
               note=f"the worker processes used {worker_cpu:.1f} s of CPU over the same {burst:.1f} s: the training "
                    f"stays out of the process that answers every session"),
    ]


def add_arguments(parser) -> None:
    parser.add_argument("--students", type=int, default=STUDENTS, help=f"sessions training at once (default {STUDENTS})")


if __name__ == "__main__":
    cli("live_training", __doc__, measure, add_arguments)
