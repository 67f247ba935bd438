"""Many sessions share one loaded model: 30 threads tracing at once must each get exactly the trace
they would get alone, so no per-call state can be leaking through the shared model."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from model import load_model
from tests.reliability.support import build_model

THREADS = 30
ROUNDS = 3  # each thread traces its input this many times, so calls overlap at different steps

SENTENCES = [
    "I am cold.", "Let's go.", "The cat sat on the mat.", "Where is the station?", "I love pizza.",
    "You are warm.", "We go to the station now.", "She is cold and he is warm.", "The dog looked at the cat.",
    "Write the word today.", "Hello!", "I am a cat.", "go", "Xyzzy plugh", "see the dog and the cat",
]
PREFIXES = [None, ["je"], ["le", "chat"], ["nous", "allons"], ["<unk>"], ["bonjour", ","], None, ["<EOS>"]]


def jobs() -> list[tuple[str, list[str] | None]]:
    """30 different (sentence, forced prefix) pairs: different lengths, so threads are at different steps."""
    return [(SENTENCES[i % len(SENTENCES)], PREFIXES[i % len(PREFIXES)]) for i in range(THREADS)]


def assert_same_trace(got, expected) -> None:
    """Exact tokens; every number within 1e-6 (float32 kernels may differ in the last bit across threads)."""
    assert got.source_tokens == expected.source_tokens
    assert got.target_tokens == expected.target_tokens
    assert got.forced_prefix == expected.forced_prefix
    assert got.unknown_source_tokens == expected.unknown_source_tokens
    assert len(got.steps) == len(expected.steps)
    for got_row, expected_row in zip(got.encoder_outputs, expected.encoder_outputs):
        assert got_row == pytest.approx(expected_row, abs=1e-6)
    for step, expected_step in zip(got.steps, expected.steps):
        assert (step.input_token, step.output_token, step.forced) == (
            expected_step.input_token, expected_step.output_token, expected_step.forced)
        assert step.weights == pytest.approx(expected_step.weights, abs=1e-6)
        assert step.decoder_output == pytest.approx(expected_step.decoder_output, abs=1e-6)
        assert step.context == pytest.approx(expected_step.context, abs=1e-6)
        assert [c.token for c in step.top_k] == [c.token for c in expected_step.top_k]
        assert [c.prob for c in step.top_k] == pytest.approx([c.prob for c in expected_step.top_k], abs=1e-6)


def trace_all_at_once(model, work: list[tuple[str, list[str] | None]]) -> list[list]:
    """Start every thread at the same instant (a barrier) and collect each thread's traces."""
    start = threading.Barrier(len(work))

    def run(job):
        sentence, prefix = job
        start.wait()
        return [model.trace(sentence, prefix=prefix) for _ in range(ROUNDS)]

    with ThreadPoolExecutor(max_workers=len(work)) as pool:
        return list(pool.map(run, work))


@pytest.fixture(scope="module")
def shared_model(tmp_path_factory):
    # Wider than the other tests' model, so each torch call takes long enough for threads to interleave.
    return load_model(build_model(tmp_path_factory.mktemp("concurrency") / "shared", hidden_size=64, seed=3))


def test_thirty_threads_get_the_single_threaded_traces(shared_model):
    work = jobs()
    alone = [shared_model.trace(sentence, prefix=prefix) for sentence, prefix in work]
    together = trace_all_at_once(shared_model, work)
    for expected, results in zip(alone, together):
        for got in results:
            assert_same_trace(got, expected)


def test_thirty_threads_on_the_toy_model(toy_model):
    work = [(["let's go", "to go", "go", "Let's go.", "go to go"][i % 5], [None, ["vamos"], ["ir"]][i % 3])
            for i in range(THREADS)]
    alone = [toy_model.trace(sentence, prefix=prefix) for sentence, prefix in work]
    for expected, results in zip(alone, trace_all_at_once(toy_model, work)):
        for got in results:
            assert_same_trace(got, expected)


def test_translate_from_many_threads_matches_alone(shared_model):
    """The translate CLI path batches sentences; threads batching at once must not mix them up."""
    batches = [[SENTENCES[(i + j) % len(SENTENCES)] for j in range(5)] for i in range(THREADS)]
    alone = [shared_model.translate(batch) for batch in batches]
    start = threading.Barrier(THREADS)

    def run(batch):
        start.wait()
        return shared_model.translate(batch)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        assert list(pool.map(run, batches)) == alone


# The app-level version (30 sessions of the real app at once) is test_app_sessions.py: it drives a
# real Streamlit server over websockets, because AppTest is not safe to run in threads.
