"""Training the video's toy model live, for the Train page: settings in, progress out, a model at the end.

    from model.live_training import ToySettings, TrainingPool, train_live
    pool = TrainingPool()                       # one per server: worker processes do the training
    for progress in train_live(ToySettings(score="cosine", epochs=200), pool):
        print(progress.epoch, progress.losses[-1], progress.translations)
    model = progress.run.model()                # a TranslationModel, never written to disk

A run is cut into chunks of epochs. Each chunk runs in a worker process (model/toy.py), which hands
back the weights and Adam's state as safetensors bytes, the chunk's losses and the trace of
"let's go" after it; the next chunk starts from those bytes. So the page redraws between chunks,
the training never holds the server's own interpreter (30 students training at once queue their
chunks, in turn, on the worker), and a run cut into chunks gives exactly the numbers of one uncut run.

This module needs no torch: the app imports it before torch has loaded.
"""
from __future__ import annotations

import math
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context

from .toy_settings import (  # noqa: F401 (the Train page's names)
    HIDDEN_SIZES,
    MAX_EPOCHS,
    MAX_SEED,
    SCORES,
    TOY_PAIRS,
    WATCHED_PHRASE,
    AttentionSnapshot,
    ChunkResult,
    ToySettings,
)

UPDATES_PER_RUN = 20  # chunks a run is cut into: how often the page redraws
WORKERS_ENV = "ATTENTION_EXPLORER_TRAINING_WORKERS"  # 0: train in the calling thread (tests)


@dataclass(frozen=True)
class ToyRun:
    """A finished run: what the runs table compares, and the trained weights."""

    settings: ToySettings
    losses: list[float]
    first_right_epoch: int | None  # epochs until both phrases translate right (None: not within the run)
    translations: dict[str, str]
    attention: AttentionSnapshot
    training_seconds: float  # summed worker time: what one run costs one core
    wall_seconds: float  # from the click to the end, waiting for the worker included
    state: bytes = field(repr=False)

    @property
    def final_loss(self) -> float:
        return self.losses[-1]

    @property
    def both_right(self) -> bool:
        return all(self.translations.get(english) == spanish for english, spanish in TOY_PAIRS)

    def model(self):
        """The trained toy as a TranslationModel (in this process: it brings torch)."""
        from .toy import toy_model  # noqa: PLC0415

        return toy_model(self.settings, self.state)


@dataclass(frozen=True)
class ToyProgress:
    """One redraw: where the run is. `run` is set on the last one."""

    epoch: int
    epochs: int
    losses: list[float]
    translations: dict[str, str]
    attention: AttentionSnapshot
    first_right_epoch: int | None
    run: ToyRun | None = None


def _start_worker() -> None:
    """Each worker trains on one thread: the server keeps the other core."""
    import torch  # noqa: PLC0415

    torch.set_num_threads(1)


class TrainingPool:
    """Worker processes for training chunks, shared by every session of a server.

    A process, not a thread: a chunk is many small tensor operations, Python-bound, and in a thread it
    would hold the interpreter the server answers every other session with. Chunks queue in order, so
    30 runs at once advance in turn. `workers=0` trains in the calling thread (tests)."""

    def __init__(self, workers: int | None = None):
        if workers is None:
            workers = int(os.environ.get(WORKERS_ENV, max(1, (os.cpu_count() or 2) - 1)))
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:  # spawn: a forked copy of a server with torch's threads can deadlock
            self._executor = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                                 initializer=_start_worker)
        return self._executor

    def run_chunk(self, settings: ToySettings, state: bytes | None, epochs: int, done: int) -> ChunkResult:
        from .toy import train_chunk  # noqa: PLC0415 - in the worker; here only when workers == 0

        if self.workers == 0:
            return train_chunk(settings, state, epochs, done)
        try:
            future: Future = self._pool().submit(train_chunk, settings, state, epochs, done)
            return future.result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): start a new pool, try once more
            self._executor = None
            return self._pool().submit(train_chunk, settings, state, epochs, done).result()

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None


def chunk_sizes(epochs: int, updates: int = UPDATES_PER_RUN) -> list[int]:
    """Epochs per chunk: about `updates` chunks, none empty."""
    size = max(1, math.ceil(epochs / updates))
    return [min(size, epochs - start) for start in range(0, epochs, size)]


def train_live(settings: ToySettings, pool: TrainingPool, updates: int = UPDATES_PER_RUN):
    """Train the toy with `settings`, yielding a ToyProgress after each chunk; the last carries the ToyRun.
    InputError (before any training) for settings that cannot train."""
    settings.check()
    started = time.perf_counter()
    state, done, losses, first_right, worker_seconds = None, 0, [], None, 0.0
    sizes = chunk_sizes(settings.epochs, updates)
    for number, size in enumerate(sizes):
        result = pool.run_chunk(settings, state, size, done)
        state, done, worker_seconds = result.state, result.epoch, worker_seconds + result.seconds
        losses.extend(result.losses)
        first_right = first_right if first_right is not None else result.first_right_epoch
        run = None
        if number == len(sizes) - 1:
            run = ToyRun(settings, list(losses), first_right, result.translations, result.attention,
                         worker_seconds, time.perf_counter() - started, state)
        yield ToyProgress(done, settings.epochs, list(losses), result.translations, result.attention, first_right, run)
