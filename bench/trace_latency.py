"""Latency of one trace of a 15-word sentence (the work behind every new sentence in the app),
with torch on 1 and on 2 threads, so serving can pick the faster setting."""
from __future__ import annotations

import time

from bench.common import FIFTEEN_WORDS, Figure, choose_model, cli, median, percentile, torch_threads

RUNS = 100
WARM_UP = 5


BEAM = 4  # the traced beam's width (the target: within 4x the greedy trace)


def time_traces(model, sentence: str, runs: int, beam: int = 1) -> list[float]:
    """Milliseconds of each of `runs` traces, after a few untimed ones (first calls allocate)."""
    for _ in range(WARM_UP):
        model.trace(sentence, beam=beam)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        model.trace(sentence, beam=beam)
        times.append((time.perf_counter() - start) * 1000)
    return times


def time_json_round_trip(model, sentence: str, runs: int) -> list[float]:
    """Writing a trace as JSON and reading it back (the trace CLI and the JSON export), in ms."""
    from model import Trace

    trace = model.trace(sentence)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        Trace.from_json(trace.to_json())
        times.append((time.perf_counter() - start) * 1000)
    return times


def measure(args) -> list[Figure]:
    from model import load_model

    choice = choose_model(args.pretrained)
    model = load_model(choice.folder)
    steps = len(model.trace(FIFTEEN_WORDS).steps)
    note = f"{steps} decoding steps, {args.runs} runs. {choice.note}".strip()
    figures = []
    per_threads = {}
    for threads in (1, 2):
        torch_threads(threads)
        per_threads[threads] = times = time_traces(model, FIFTEEN_WORDS, args.runs)
        label = f"trace of a 15-word sentence, torch {threads} thread{'s' if threads > 1 else ''}"
        figures += [
            Figure(f"{label}, p50", median(times), "ms", 30, model=choice.name, note=note),
            Figure(f"{label}, p95", percentile(times, 95), "ms", 60, model=choice.name, note=note),
        ]
    figures.append(Figure("trace time per decoding step, 1 thread, p50", median(per_threads[1]) / steps, "ms",
                          model=choice.name, note="to scale to other output lengths"))
    torch_threads(1)
    float32_times = time_traces(load_model(choice.folder, half_weight_kernels=False), FIFTEEN_WORDS, args.runs)
    figures.append(Figure("trace of a 15-word sentence on float32 kernels, torch 1 thread, p50", median(float32_times),
                          "ms", model=choice.name,
                          note="for comparison: the same float16 weights on PyTorch's float32 kernels "
                               "(load_model(..., half_weight_kernels=False)), timed right after"))
    faster = min(per_threads, key=lambda threads: median(per_threads[threads]))
    ratio = median(per_threads[2]) / median(per_threads[1])
    figures.append(Figure("trace p50, 2 threads / 1 thread", ratio, "×", model=choice.name,
                          note=f"faster for one trace: {faster} thread{'s' if faster > 1 else ''}"))
    torch_threads(1)
    beam_times = time_traces(model, FIFTEEN_WORDS, max(args.runs // 2, 1), beam=BEAM)
    figures += [
        Figure(f"traced beam of width {BEAM}, 15-word sentence, torch 1 thread, p50", median(beam_times), "ms",
               model=choice.name, note=f"{len(beam_times)} runs: the beam search, then its best path traced"),
        Figure(f"traced beam {BEAM} / greedy trace, p50, 1 thread", median(beam_times) / median(per_threads[1]), "×",
               4, model=choice.name),
    ]
    round_trip = time_json_round_trip(model, FIFTEEN_WORDS, args.runs)
    figures.append(Figure("trace JSON round trip (CLI, export), p50", median(round_trip), "ms", model=choice.name,
                          note="Trace.to_json + Trace.from_json of the same trace"))
    figures += trace_sizes(model, choice.name)
    return figures


def trace_sizes(model, model_name: str) -> list[Figure]:
    """How big a trace is as JSON (the trace CLI, the JSON export): the 15-word sentence, and the
    longest input the app accepts, made of a word the model repeats to its output limit."""
    import time

    longest = " ".join(["go"] * model.config.max_source_tokens)
    typical = len(model.trace(FIFTEEN_WORDS).to_json().encode("utf-8"))
    start = time.perf_counter()
    worst_trace = model.trace(longest, truncate=True)
    worst = len(worst_trace.to_json().encode("utf-8"))
    seconds = time.perf_counter() - start
    steps = len(worst_trace.steps)
    return [
        Figure("trace JSON size, 15-word sentence", typical / 1e6, "MB", model=model_name),
        Figure(f"trace JSON size, {model.config.max_source_tokens} input words", worst / 1e6, "MB", model=model_name,
               note=f"{steps} decoding steps; trace + to_json took {seconds:.2f} s"),
    ]


def add_arguments(parser) -> None:
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed traces per setting (default {RUNS})")


if __name__ == "__main__":
    cli("trace_latency", __doc__, measure, add_arguments)
