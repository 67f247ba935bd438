"""A widened model computes exactly what the model it came from computes, and its new units can learn."""
from __future__ import annotations

import dataclasses

import pytest
import torch

from model.inference.config import ModelConfig
from model.inference.seq2seq import Seq2Seq, decode_step, encode
from model.training.widen import widen_state

VOCAB = 23

ARCHITECTURES = {
    "bidirectional, tied, attention": ModelConfig(embedding_size=6, hidden_size=8, num_layers=2, tokenizer="sentencepiece",
                                                  bidirectional=True, tie_embeddings=True),
    "one direction, untied, no attention": ModelConfig(embedding_size=6, hidden_size=8, num_layers=2, attention=False),
    "three layers, bidirectional, untied": ModelConfig(embedding_size=5, hidden_size=7, num_layers=3, bidirectional=True),
}


def run(net: Seq2Seq, source: torch.Tensor, lengths: torch.Tensor, target: torch.Tensor):
    """Encoder outputs, attention weights and logits of a teacher-forced pass."""
    encoder_outputs, state = encode(net, source, lengths)
    mask = torch.arange(source.size(1))[None] < lengths[:, None]
    step = decode_step(net, target, state, encoder_outputs, mask)
    return encoder_outputs, step


def pair(config: ModelConfig, hidden: int, seed: int = 3):
    torch.manual_seed(seed)
    small = Seq2Seq(config, VOCAB, VOCAB).eval()
    wide_config = dataclasses.replace(config, hidden_size=hidden)
    wide = Seq2Seq(wide_config, VOCAB, VOCAB).eval()
    wide.load_state_dict(widen_state(small.state_dict(), config, wide_config, seed=7))
    return small, wide


@pytest.mark.parametrize("config", ARCHITECTURES.values(), ids=ARCHITECTURES.keys())
def test_a_widened_model_computes_the_same_outputs(config):
    small, wide = pair(config, hidden=13)
    generator = torch.Generator().manual_seed(0)
    source = torch.randint(4, VOCAB, (3, 9), generator=generator)
    lengths = torch.tensor([9, 5, 2])
    target = torch.randint(4, VOCAB, (3, 6), generator=generator)
    with torch.no_grad():
        small_encodings, small_step = run(small, source, lengths, target)
        wide_encodings, wide_step = run(wide, source, lengths, target)
    h = config.hidden_size
    torch.testing.assert_close(wide_step.logits, small_step.logits, rtol=0, atol=1e-5)
    torch.testing.assert_close(wide_encodings[..., :h], small_encodings, rtol=0, atol=1e-6)
    assert torch.all(wide_encodings[..., h:] == 0)  # the new units are silent
    assert torch.all(wide_step.decoder_outputs[..., h:] == 0)
    if config.attention:
        torch.testing.assert_close(wide_step.weights, small_step.weights, rtol=0, atol=1e-6)


def test_the_new_units_get_gradients_and_differ_after_a_step():
    config = ARCHITECTURES["bidirectional, tied, attention"]
    _, wide = pair(config, hidden=12)
    wide.train()
    source = torch.randint(4, VOCAB, (4, 7))
    target = torch.randint(4, VOCAB, (4, 5))
    _, step = run(wide, source, torch.full((4,), 7), target)
    torch.nn.functional.cross_entropy(step.logits.reshape(-1, VOCAB), torch.randint(4, VOCAB, (20,))).backward()
    h = config.hidden_size
    candidate_rows = wide.decoder.weight_ih_l0.grad[2 * 12 + h:3 * 12]  # the cell candidate of the new units
    assert candidate_rows.abs().sum(1).gt(0).all()
    assert not torch.allclose(candidate_rows[0], candidate_rows[1])  # not one unit copied four times


def test_only_the_hidden_size_may_differ():
    config = ARCHITECTURES["bidirectional, tied, attention"]
    state = Seq2Seq(config, VOCAB, VOCAB).state_dict()
    with pytest.raises(ValueError, match="embedding_size"):
        widen_state(state, config, dataclasses.replace(config, hidden_size=12, embedding_size=8))
    with pytest.raises(ValueError, match="smaller"):
        widen_state(state, config, dataclasses.replace(config, hidden_size=4))
    with pytest.raises(ValueError, match="own layers"):
        general = dataclasses.replace(config, score="general")
        widen_state(state, general, dataclasses.replace(general, hidden_size=12))
