"""Trace invariants: every number the app shows is what the model computed, and they agree."""
import json
import math
from pathlib import Path

import pytest

from model import Trace, load_model

ROOT = Path(__file__).resolve().parents[3]
REAL_MODELS = [p for p in sorted((ROOT / "pretrained").iterdir()) if (p / "config.json").is_file()]
SENTENCES = ["let's go", "to go", "Don't eat the delicious looking and smelling pizza.", "I am cold.",
             "Where is the station?"]


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def check_invariants(trace: Trace):
    assert trace.steps, "a trace has at least one step"
    assert trace.steps[0].input_token == "<EOS>"
    for previous, step in zip(trace.steps, trace.steps[1:]):
        assert step.input_token == previous.output_token
    probabilities = [[c.prob for c in step.top_k] for step in trace.steps]
    for step, probs in zip(trace.steps, probabilities):
        assert probs == sorted(probs, reverse=True)
        if not step.forced:  # the most likely word, passing over <unk> (never written)
            assert step.output_token == next(c.token for c in step.top_k if c.token != "<unk>")
            assert step.skipped_unk == (step.top_k[0].token == "<unk>")
        assert step.output_token != "<unk>" or step.forced
        assert len(step.decoder_output) == trace.model.hidden_size
    assert len(trace.encoder_outputs) == len(trace.source_tokens)
    if trace.finished:
        assert trace.steps[-1].output_token == "<EOS>"
    assert [s.output_token for s in trace.steps][: len(trace.target_tokens)] == trace.target_tokens
    if not trace.model.attention:
        assert all(s.weights is None and s.scores is None and s.context is None for s in trace.steps)
        return
    for step in trace.steps:
        assert math.isclose(sum(step.weights), 1.0, abs_tol=1e-5)
        assert all(0.0 <= w <= 1.0 for w in step.weights)
        assert all(-1.0 - 1e-6 <= c <= 1.0 + 1e-6 for c in step.cosine)
        for i, encoding in enumerate(trace.encoder_outputs):
            if trace.model.score == "dot":
                assert math.isclose(step.scores[i], dot(step.decoder_output, encoding), rel_tol=1e-4, abs_tol=1e-4)
                assert math.isclose(sum(step.score_terms[i]), step.scores[i], rel_tol=1e-4, abs_tol=1e-4)
            norm = math.sqrt(dot(step.decoder_output, step.decoder_output) * dot(encoding, encoding))
            assert math.isclose(step.cosine[i], dot(step.decoder_output, encoding) / norm, abs_tol=1e-4)
        for d, value in enumerate(step.context):
            weighted = sum(step.weights[i] * enc[d] for i, enc in enumerate(trace.encoder_outputs))
            assert math.isclose(value, weighted, rel_tol=1e-4, abs_tol=1e-5)
            assert math.isclose(value, sum(w[d] for w in step.weighted_encoder_outputs), rel_tol=1e-4, abs_tol=1e-5)
        exp = [math.exp(s - max(step.scores)) for s in step.scores]
        for w, e in zip(step.weights, exp):
            assert math.isclose(w, e / sum(exp), rel_tol=1e-4, abs_tol=1e-6)


@pytest.mark.parametrize("folder", REAL_MODELS, ids=[p.name for p in REAL_MODELS])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_trace_invariants_on_every_committed_model(folder, sentence):
    check_invariants(load_model(folder).trace(sentence))


def test_toy_trace_is_the_video(toy_model):
    trace = toy_model.trace("let's go")
    assert trace.source_tokens == ["let's", "go"]
    assert [s.output_token for s in trace.steps] == ["vamos", "<EOS>"]
    assert trace.translation == "vamos"
    assert len(trace.encoder_outputs[0]) == 2
    check_invariants(trace)


def test_forced_prefix_continues_from_the_choice(toy_model):
    trace = toy_model.trace("let's go", prefix=["ir"])
    assert trace.steps[0].output_token == "ir" and trace.steps[0].forced
    assert trace.steps[0].top_k[0].token == "vamos"
    assert trace.steps[1].input_token == "ir" and not trace.steps[1].forced
    assert trace.forced_prefix == ["ir"]
    assert math.isclose(trace.steps[0].output_prob, next(c.prob for c in trace.steps[0].top_k if c.token == "ir"))
    check_invariants(trace)


def test_forcing_an_unknown_word_is_refused(toy_model):
    from model import InputError

    with pytest.raises(InputError, match="vocabulary"):
        toy_model.trace("let's go", prefix=["bonjour"])


def test_json_round_trip_and_exact_keys(toy_model):
    trace = toy_model.trace("let's go")
    data = json.loads(trace.to_json())
    assert {"model", "source", "source_tokens", "unknown_source_tokens", "encoder_outputs", "steps",
            "target_tokens", "translation"} <= set(data)
    assert {"name", "language_pair", "attention", "score"} <= set(data["model"])
    assert {"input_token", "decoder_output", "scores", "cosine", "weights", "context", "top_k",
            "output_token"} <= set(data["steps"][0])
    assert set(data["steps"][0]["top_k"][0]) >= {"token", "prob"}
    assert Trace.from_json(trace.to_json()) == trace


def test_unknown_words_are_marked(toy_model):
    trace = toy_model.trace("let's dance go")
    assert trace.unknown_source_tokens == [1]
    assert trace.source_tokens[1] == "dance"


def test_over_long_input_is_refused_or_cut(toy_model):
    from model import InputError

    sentence = " ".join(["go"] * 80)
    with pytest.raises(InputError, match="limit is 50"):
        toy_model.trace(sentence)
    trace = toy_model.trace(sentence, truncate=True)
    assert trace.truncated and trace.original_token_count == 80 and len(trace.source_tokens) == 50


def test_trace_does_not_depend_on_the_batch(tiny_model_folder):
    model = load_model(tiny_model_folder)
    sentences = ["The cat sees the dog.", "The big wolf runs.", "The horse sees the fish."]
    alone = [model.translate([s])[0] for s in sentences]
    assert model.translate(sentences) == alone
    assert [model.trace(s).translation for s in sentences] == alone


def plain_copy(model, folder):
    """The same stored weights in PyTorch's own modules, layout and (after mkldnn is switched back on)
    kernels, for comparison."""
    from safetensors.torch import load_file

    from model.inference.api import TranslationModel

    net = type(model.net)(model.config, len(model.source_vocab), len(model.target_vocab))
    net.load_state_dict({name: t.float() for name, t in load_file(str(folder / "model.safetensors")).items()})
    return TranslationModel(net, model.source_vocab, model.target_vocab, model.folder, model.subword, model.evidence_index)


@pytest.mark.parametrize("half", [True, False], ids=["float16 weights", "float32 weights"])
def test_fast_decoding_layout_gives_the_same_numbers(tiny_model_folder, half):
    """load_model stores the output layer column-major, uses the native LSTM kernel and, for weights stored
    as float16, the float16-weight kernels for the LSTMs and the output layer: a trace must carry the same
    numbers as the same weights in PyTorch's default modules, layout and kernels."""
    import torch

    from model.inference.half_weights import has_half_weight_kernels

    if half and not has_half_weight_kernels():
        pytest.skip("this CPU has no FBGEMM: load_model keeps the float32 LSTM kernel")
    fast = load_model(tiny_model_folder, half_weight_kernels=half)
    assert isinstance(fast.net.encoder, torch.nn.LSTM) != half
    if not half:
        assert not fast.net.output_layer.weight.is_contiguous()  # column-major
    assert (fast.net.half_weight_output is not None) == half
    plain = plain_copy(fast, tiny_model_folder)
    assert plain.net.output_layer.weight.is_contiguous()
    sentence = "The small dog sees the cat."
    torch.backends.mkldnn.enabled = True  # the default kernels (load_model switched them off)
    try:
        expected = plain.trace(sentence)
    finally:
        torch.backends.mkldnn.enabled = False
    actual = fast.trace(sentence)
    assert actual.target_tokens == expected.target_tokens
    for a, e in zip(actual.steps, expected.steps):
        assert a.output_token == e.output_token
        assert [c.token for c in a.top_k] == [c.token for c in e.top_k]
        for got, want in ((a.decoder_output, e.decoder_output), (a.weights, e.weights), (a.context, e.context),
                          ([c.logit for c in a.top_k], [c.logit for c in e.top_k])):
            assert all(math.isclose(g, w, rel_tol=1e-4, abs_tol=1e-5) for g, w in zip(got, want))


@pytest.mark.parametrize("folder", REAL_MODELS, ids=[p.name for p in REAL_MODELS])
def test_a_committed_model_writes_the_same_on_either_kernel(folder):
    """The committed translators store float16 weights, which load_model reads as they are: every word
    and every number of their traces must be the float32 kernels' own (to 1e-5)."""
    model, plain = load_model(folder), load_model(folder, half_weight_kernels=False)
    for sentence in SENTENCES:
        actual, expected = model.trace(sentence), plain.trace(sentence)
        assert actual.translation == expected.translation
        for a, e in zip(actual.steps, expected.steps):
            for got, want in ((a.decoder_output, e.decoder_output), (a.scores or [], e.scores or []),
                              ([c.prob for c in a.top_k], [c.prob for c in e.top_k])):
                assert got == pytest.approx(want, rel=1e-4, abs=1e-5)


def unk_loving_copy(folder, destination):
    """A copy of a model folder whose most likely word is always <unk>."""
    import shutil

    from safetensors.torch import load_file, save_file

    from model.inference.vocab import UNK_ID

    shutil.copytree(folder, destination)
    tensors = load_file(str(destination / "model.safetensors"))
    tensors["output_layer.bias"][UNK_ID] = 100.0
    save_file(tensors, str(destination / "model.safetensors"))
    return destination


def test_unk_is_passed_over_and_the_step_says_so(tiny_model_folder, tmp_path):
    model = load_model(unk_loving_copy(tiny_model_folder, tmp_path / "unk"))
    trace = model.trace("The cat sees the dog.")
    check_invariants(trace)
    assert all(step.skipped_unk and step.top_k[0].token == "<unk>" for step in trace.steps)
    assert "<unk>" not in trace.target_tokens and "<unk>" not in model.translate(["The cat sees the dog."], beam=3)[0]
    raw = model.trace("The cat sees the dog.", allow_unk=True)
    assert raw.steps[0].output_token == "<unk>" and not raw.steps[0].skipped_unk
    assert model.translate(["The cat sees the dog."], allow_unk=True)[0].startswith("<unk>")


def test_per_step_matrices_are_compact_float32_rows(toy_model):
    """score_terms and weighted_encoder_outputs (input words x hidden at every step) are most of a
    trace: float32 rows (4 bytes a number), still plain lists in JSON."""
    from array import array

    trace = toy_model.trace("let's go")
    for step in trace.steps:
        for rows in (step.score_terms, step.weighted_encoder_outputs):
            assert all(isinstance(row, array) and row.typecode == "f" for row in rows)
    data = json.loads(trace.to_json())
    assert data["steps"][0]["score_terms"] == [row.tolist() for row in trace.steps[0].score_terms]
    assert isinstance(trace.to_dict()["steps"][0]["weighted_encoder_outputs"][0], list)
