"""30 sessions at once: 30 threads, each driving its own AppTest session of app/main.py in this one
process (as one Streamlit server runs every session's script in its own thread, sharing the loaded
models and caches). Each session types new sentences and steps with Next; every request's time is
the AppTest rerun that serves it. Without the app, the same load runs as direct trace calls."""
from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench.common import Figure, choose_model, cli, median, percentile

SESSIONS = 30
ROUNDS = 2  # new sentences per session
STEPS_PER_SENTENCE = 3  # Next clicks after each new sentence
TIMEOUT = 600

SUBJECTS = ["I", "You", "We", "They", "My sister", "The teacher", "Tom", "The children", "Her father", "Our neighbour"]
VERBS = ["saw", "liked", "found", "bought", "wanted", "painted"]
OBJECTS = ["a red car", "the old house", "a small dog", "the new book", "a big cake", "the blue door"]


def sentence(number: int) -> str:
    """A different everyday sentence for every number below 360, so no session hits another's cache."""
    subject = SUBJECTS[number % len(SUBJECTS)]
    verb = VERBS[(number // len(SUBJECTS)) % len(VERBS)]
    thing = OBJECTS[(number // (len(SUBJECTS) * len(VERBS))) % len(OBJECTS)]
    return f"{subject} {verb} {thing} near the station yesterday."


def allow_concurrent_app_tests() -> None:
    """AppTest.run patches streamlit's config.get_option for the length of one run and restores it
    after, which races when runs overlap: a finishing run switches "global.appTest" off under the
    others, whose widgets then miss their test data (KeyError '$$ID-...'). With the option on for
    the whole process, every patch and every restore leaves it on."""
    from streamlit import config
    from streamlit.testing.v1.util import build_mock_config_get_option

    config.get_option = build_mock_config_get_option({"global.appTest": True})


def app_session(model_name: str):
    from streamlit.testing.v1 import AppTest

    from bench.app_server import APP_MAIN

    session = AppTest.from_file(str(APP_MAIN), default_timeout=TIMEOUT)
    session.query_params.update({"lang": "en", "model": model_name})
    session.context["locale"] = "en-US"
    return session


def check(session, expect_steps: bool = False) -> None:
    """Stop on an exception, or when a trace was expected and the page shows a message instead."""
    if session.exception:
        raise RuntimeError(f"the app raised: {session.exception[0].value}")
    if expect_steps and "step_next" not in [button.key for button in session.button]:
        messages = [element.value for element in (*session.error, *session.warning)]
        raise RuntimeError(f"no decoding steps on the page; it says: {messages}")


def run_app_session(index: int, model_name: str, start: threading.Barrier, rounds: int) -> dict[str, list[float]]:
    """One student: open the page, then per round type a new sentence and press Next a few times."""
    times = {"open page": [], "new sentence": [], "next step": []}
    session = app_session(model_name)
    start.wait()
    began = time.perf_counter()
    session.run()
    times["open page"].append(time.perf_counter() - began)
    check(session)
    for round_number in range(rounds):
        began = time.perf_counter()
        session.text_input(key="sentence").input(sentence(index * rounds + round_number)).run()
        times["new sentence"].append(time.perf_counter() - began)
        check(session, expect_steps=True)
        for _ in range(STEPS_PER_SENTENCE):
            began = time.perf_counter()
            session.button(key="step_next").click().run()
            times["next step"].append(time.perf_counter() - began)
            check(session)
    return times


def run_direct_session(index: int, model, start: threading.Barrier, rounds: int) -> dict[str, list[float]]:
    """The same load without the app: one trace per new sentence (steps need no model call)."""
    times = {"new sentence": []}
    start.wait()
    for round_number in range(rounds):
        began = time.perf_counter()
        model.trace(sentence(index * rounds + round_number), truncate=True)
        times["new sentence"].append(time.perf_counter() - began)
    return times


def run_all_sessions(run_one, target, sessions: int, rounds: int) -> dict[str, list[float]]:
    start = threading.Barrier(sessions)
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        results = list(pool.map(lambda index: run_one(index, target, start, rounds), range(sessions)))
    merged: dict[str, list[float]] = {}
    for result in results:
        for kind, values in result.items():
            merged.setdefault(kind, []).extend(values)
    return merged


def figures_for(times: dict[str, list[float]], sessions: int, how: str, model: str, note: str) -> list[Figure]:
    every = [t for values in times.values() for t in values]
    breakdown = "; ".join(f"{kind}: p50 {median(v):.2f} s, p95 {percentile(v, 95):.2f} s, max {max(v):.2f} s (n={len(v)})"
                          for kind, v in times.items())
    detail = f"{how}. {breakdown}. {note}".strip()
    return [
        Figure(f"{sessions} concurrent sessions, p95 per request", percentile(every, 95), "s",
               1 if sessions == SESSIONS else None, model=model, note=detail),
        Figure(f"{sessions} concurrent sessions, p50 per request", median(every), "s", model=model),
        Figure(f"{sessions} concurrent sessions, max per request", max(every), "s", model=model),
    ]


def measure(args) -> list[Figure]:
    from bench.app_server import app_missing_reason
    from bench.common import torch_threads

    torch_threads(1)
    os.environ["ATTENTION_EXPLORER_PRETRAINED"] = str(args.pretrained)
    choice = choose_model(args.pretrained)
    reason = app_missing_reason()
    if not reason or reason.startswith("no browser"):  # AppTest needs the app, not a browser
        allow_concurrent_app_tests()
        warm = app_session(choice.name)  # loads the model into the shared cache, as a first visitor would
        warm.query_params["sentence"] = sentence(999)
        warm.run()
        check(warm, expect_steps=True)
        how = (f"AppTest sessions in {args.sessions} threads, {args.rounds} new sentences and "
               f"{STEPS_PER_SENTENCE} Next each")
        times = run_all_sessions(run_app_session, choice.name, args.sessions, args.rounds)
        return figures_for(times, args.sessions, how, choice.name, choice.note)
    from model import load_model

    model = load_model(choice.folder)
    how = f"{reason}: direct m.trace calls from {args.sessions} threads instead of app sessions"
    times = run_all_sessions(run_direct_session, model, args.sessions, args.rounds)
    return figures_for(times, args.sessions, how, choice.name, choice.note)


def add_arguments(parser) -> None:
    parser.add_argument("--sessions", type=int, default=SESSIONS, help=f"sessions at once (default {SESSIONS}; "
                        "the target applies to 30)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help=f"new sentences per session (default {ROUNDS})")


if __name__ == "__main__":
    cli("concurrency", __doc__, measure, add_arguments)
