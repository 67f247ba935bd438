"""30 sessions at once on one real `streamlit run app/main.py` server: 30 threads, each a websocket
session (bench/harness/streamlit_client.py, the browser's protocol without the browser), each opening the
page and typing new sentences. (Stepping happens in the browser's step viewer and costs the server
nothing: bench/step_viewer.py measures it, with this load beside it.) A request's time is from sending it to the server's
`script_finished`; every reply is checked to show that session's own sentence and step.

Why not AppTest: AppTest is not safe in threads. Each AppTest.run swaps process-global state for
its run (streamlit's Runtime singleton, set to a mock and back to None, and a patch of
config.get_option), so overlapping runs break each other (KeyError on widgets, missing session
state keys). Without the app, the same load runs as direct trace calls, and the table says so.
"""
from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from bench.common import Figure, choose_model, cli, median, percentile

SESSIONS = 30
ROUNDS = 2  # new sentences per session
PACED_THINK_SECONDS = (2.0, 6.0)  # "classroom pace": a student reads for this long between requests
SENTENCE_LABEL = "Sentence to translate"

SUBJECTS = ["I", "You", "We", "They", "My sister", "The teacher", "Tom", "The children", "Her father", "Our neighbour"]
VERBS = ["saw", "liked", "found", "bought", "wanted", "painted"]
OBJECTS = ["a red car", "the old house", "a small dog", "the new book", "a big cake", "the blue door"]


def sentence(number: int) -> str:
    """A different everyday sentence for every number below 360, so no session hits another's cache."""
    subject = SUBJECTS[number % len(SUBJECTS)]
    verb = VERBS[(number // len(SUBJECTS)) % len(VERBS)]
    thing = OBJECTS[(number // (len(SUBJECTS) * len(VERBS))) % len(OBJECTS)]
    return f"{subject} {verb} {thing} near the station yesterday."


def shown_translation(page) -> str:
    """The translation line the run sent; fails if the page shows no trace."""
    for text in page.markdown:
        if text.startswith("Translation:"):
            return text
    raise AssertionError(f"no translation on the page; problems shown: {page.problems}")


def run_app_session(index: int, server_url: str, model_name: str, paced: bool, start: threading.Barrier,
                    rounds: int) -> dict[str, list[float]]:
    """One student: open the page, then per round type a new sentence.
    Paced: a pause before each request (seeded per session), else requests back to back."""
    from bench.harness.streamlit_client import StreamlitSession

    pause = random.Random(index)
    think = (lambda: time.sleep(pause.uniform(*PACED_THINK_SECONDS))) if paced else (lambda: None)
    times: dict[str, list[float]] = {"open page": [], "new sentence": []}
    session = StreamlitSession(server_url)
    try:
        start.wait()
        seconds, page = session.open(urlencode({"lang": "en", "model": model_name}))
        times["open page"].append(seconds)
        sentence_box = page.widget("text_input", SENTENCE_LABEL)
        for round_number in range(rounds):
            think()
            seconds, page = session.type_text(sentence_box, sentence(index * rounds + round_number))
            times["new sentence"].append(seconds)
            shown_translation(page)
    finally:
        session.close()
    return times


def run_direct_session(index: int, model, start: threading.Barrier, rounds: int) -> dict[str, list[float]]:
    """The same load without the app: one trace per new sentence (steps need no model call)."""
    times: dict[str, list[float]] = {"new sentence": []}
    start.wait()
    for round_number in range(rounds):
        began = time.perf_counter()
        model.trace(sentence(index * rounds + round_number), truncate=True)
        times["new sentence"].append(time.perf_counter() - began)
    return times


def run_all_sessions(run_one, sessions: int, *args) -> dict[str, list[float]]:
    """Every session in its own thread, all released at once by a barrier; times merged by kind."""
    start = threading.Barrier(sessions)
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        results = list(pool.map(lambda index: run_one(index, *args[:-1], start, args[-1]), range(sessions)))
    merged: dict[str, list[float]] = {}
    for result in results:
        for kind, values in result.items():
            merged.setdefault(kind, []).extend(values)
    return merged


def figures_for(times: dict[str, list[float]], sessions: int, how: str, model: str, note: str,
                label: str = "", target: float | None = 1) -> list[Figure]:
    every = [t for values in times.values() for t in values]
    breakdown = "; ".join(f"{kind}: p50 {median(v):.2f} s, p95 {percentile(v, 95):.2f} s, max {max(v):.2f} s (n={len(v)})"
                          for kind, v in times.items())
    detail = f"{how}. {breakdown}. {note}".strip()
    name = f"{sessions} concurrent sessions{label}"
    return [
        Figure(f"{name}, p95 per request", percentile(every, 95), "s", target if sessions == SESSIONS else None,
               model=model, note=detail),
        Figure(f"{name}, p50 per request", median(every), "s", model=model),
        Figure(f"{name}, max per request", max(every), "s", model=model),
    ]


def measure(args) -> list[Figure]:
    from bench.common import torch_threads
    from bench.harness.app_server import APP_MAIN, streamlit_server

    choice = choose_model(args.pretrained)
    if APP_MAIN.is_file():
        import psutil

        from bench.harness.streamlit_client import StreamlitSession

        with streamlit_server(args.pretrained) as server:
            server.wait_healthy()
            first = StreamlitSession(server.url)  # a first visitor loads the model into the shared cache
            first.open(urlencode({"lang": "en", "model": choice.name, "sentence": sentence(999)}))
            first.close()
            process = psutil.Process(server.process.pid)
            cpu_before, began = sum(process.cpu_times()[:2]), time.perf_counter()
            burst = run_all_sessions(run_app_session, args.sessions, server.url, choice.name, False, args.rounds)
            server_cpu, burst_seconds = sum(process.cpu_times()[:2]) - cpu_before, time.perf_counter() - began
            paced = run_all_sessions(run_app_session, args.sessions, server.url, choice.name, True, args.rounds)
        requests = sum(len(values) for values in burst.values())
        capacity = [
            Figure(f"server CPU per request, {args.sessions} sessions back to back", server_cpu / requests * 1000, "ms", model=choice.name,
                   note=f"the server process's CPU time over the burst ({server_cpu:.1f} s for {requests} requests "
                        f"in {burst_seconds:.1f} s of wall clock): what one request costs a replica"),
        ]
        how = (f"one streamlit server, {args.sessions} websocket sessions in parallel threads, each: open the page, "
               f"then {args.rounds} new sentences")
        low, high = PACED_THINK_SECONDS
        return (figures_for(burst, args.sessions, how + ", requests back to back", choice.name, choice.note)
                + figures_for(paced, args.sessions, how + f", {low:g}-{high:g} s pause before each request",
                              choice.name, choice.note, label=" at classroom pace", target=None)
                + capacity)
    from model import load_model

    torch_threads(1)
    model = load_model(choice.folder)
    how = f"app not found: direct m.trace calls from {args.sessions} threads instead of app sessions"
    times = run_all_sessions(run_direct_session, args.sessions, model, args.rounds)
    return figures_for(times, args.sessions, how, choice.name, choice.note)


def add_arguments(parser) -> None:
    parser.add_argument("--sessions", type=int, default=SESSIONS, help=f"sessions at once (default {SESSIONS}; "
                        "the target applies to 30)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"new sentences per session (default {ROUNDS})")


if __name__ == "__main__":
    cli("concurrency", __doc__, measure, add_arguments)
