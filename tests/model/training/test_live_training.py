"""Training the toy live (the Train page): chunks give the numbers of one uncut run, in a worker
process as in this one; bad settings are refused with a reason; the trained toy traces like any model."""
from __future__ import annotations

import math

import pytest
import torch
from safetensors.torch import load as load_tensors
from safetensors.torch import load_file

from model import load_model
from model.inference.config import SCORES as MODEL_SCORES
from model.inference.errors import InputError
from model.training.live import SCORES, ToySettings, TrainingPool, chunk_sizes, train_live
from model.training.toy import TOY_PAIRS, train_committed_toy

INLINE = TrainingPool(workers=0)


def finished(settings: ToySettings, pool: TrainingPool = INLINE, updates: int = 20):
    progress = list(train_live(settings, pool, updates))
    assert progress[-1].run is not None and all(p.run is None for p in progress[:-1])
    return progress, progress[-1].run


def net_tensors(state: bytes) -> dict[str, torch.Tensor]:
    return {name[4:]: t for name, t in load_tensors(state).items() if name.startswith("net.")}


def test_the_score_functions_are_the_models():
    assert SCORES == MODEL_SCORES


def test_chunk_sizes_cover_the_run():
    assert chunk_sizes(200) == [10] * 20
    assert chunk_sizes(7) == [1] * 7
    assert sum(chunk_sizes(301)) == 301 and len(chunk_sizes(301)) <= 20


def test_a_run_cut_into_chunks_has_the_numbers_of_one_uncut_run():
    settings = ToySettings(epochs=60)
    progress, chunked = finished(settings, updates=6)
    _, whole = finished(settings, updates=1)
    assert [p.epoch for p in progress] == [10, 20, 30, 40, 50, 60]
    assert chunked.losses == whole.losses and len(chunked.losses) == 60
    assert chunked.first_right_epoch == whole.first_right_epoch
    a, b = net_tensors(chunked.state), net_tensors(whole.state)
    assert all(torch.equal(a[name], b[name]) for name in a)


def test_the_worker_process_computes_the_same_numbers():
    settings = ToySettings(score="cosine", epochs=40, seed=7)
    pool = TrainingPool(workers=1)
    try:
        _, in_worker = finished(settings, pool, updates=4)
    finally:
        pool.shutdown()
    _, here = finished(settings, updates=4)
    assert in_worker.losses == here.losses
    assert in_worker.translations == here.translations and in_worker.attention == here.attention
    assert in_worker.training_seconds > 0 and in_worker.wall_seconds >= in_worker.training_seconds


def test_the_default_run_learns_both_phrases():
    progress, run = finished(ToySettings(epochs=200))
    assert run.translations == dict(TOY_PAIRS) and run.both_right
    assert run.first_right_epoch is not None and 1 <= run.first_right_epoch <= 200
    assert run.final_loss < run.losses[0] / 50
    assert [len(p.losses) for p in progress] == list(range(10, 201, 10))
    assert run.attention.input_labels == ["let's", "go"] and run.attention.output_labels == ["vamos", "<EOS>"]
    assert all(math.isclose(sum(row), 1.0, rel_tol=1e-5) for row in run.attention.weights)


@pytest.mark.parametrize("score", SCORES)
def test_every_score_function_trains_and_its_toy_traces(score):
    _, run = finished(ToySettings(score=score, hidden_size=4, epochs=120))
    assert run.both_right, run.translations
    model = run.model()
    assert model.config.score == score and model.info.hidden_size == 4
    trace = model.trace("let's go")
    assert [step.output_token for step in trace.steps] == ["vamos", "<EOS>"]
    assert [list(step.weights) for step in trace.steps] == run.attention.weights
    assert model.translate(["to go"]) == ["ir"]


def test_the_committed_toy_is_the_live_run_of_its_settings(tmp_path):
    """`python -m model.train --toy` and a live run of the same settings train the same weights."""
    train_committed_toy(tmp_path / "toy", "test")
    committed = load_file(str(tmp_path / "toy" / "model.safetensors"))
    _, run = finished(ToySettings(epochs=1000))
    live = net_tensors(run.state)
    assert committed.keys() == live.keys()
    assert all(torch.equal(committed[name], live[name]) for name in committed)
    assert load_model(tmp_path / "toy").translate(["let's go", "to go"]) == ["vamos", "ir"]


@pytest.mark.parametrize("settings, reason", [
    (ToySettings(score="scaled"), "bad_score"),
    (ToySettings(hidden_size=0), "bad_hidden_size"),
    (ToySettings(hidden_size=33), "bad_hidden_size"),
    (ToySettings(learning_rate=0.0), "bad_learning_rate"),
    (ToySettings(learning_rate=float("nan")), "bad_learning_rate"),
    (ToySettings(learning_rate=2.0), "bad_learning_rate"),
    (ToySettings(epochs=0), "bad_epochs"),
    (ToySettings(epochs=3001), "bad_epochs"),
    (ToySettings(epochs=2.5), "bad_epochs"),
    (ToySettings(seed=-1), "bad_seed"),
])
def test_settings_that_cannot_train_are_refused_before_training(settings, reason):
    with pytest.raises(InputError) as refused:
        next(train_live(settings, INLINE))
    assert refused.value.reason == reason


def test_the_page_side_needs_no_torch():
    """The app imports model.live_training before torch has loaded (it draws its inputs first)."""
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys; import model.live_training; print('torch' in sys.modules)"
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
