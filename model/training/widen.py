"""Grow a trained model's LSTM states to a larger hidden size without changing what it computes, so that a
wider model starts from a trained one instead of from scratch (Net2WiderNet, Chen et al. 2016, with new
units that start silent rather than copied).

Each new LSTM unit gets zero input and recurrent weights and zero biases: its gates sit at 0.5 and its
candidate at tanh(0) = 0, so its cell and its output stay exactly 0 for every input. Every weight that reads
a new unit (the next layer, the recurrence, the output layer) is drawn at random: it multiplies a zero, so
the model's outputs are unchanged, and it is what sends gradients back to the new units, each a different
one, so that training tells them apart. The attention scores and the attention values are unchanged too:
a new unit adds 0 to every dot product and to every weighted sum.
"""
from __future__ import annotations

import re
from dataclasses import asdict

import torch

from ..inference.config import ModelConfig

GATES = 4  # PyTorch's LSTM stacks the input, forget, cell and output gates' rows


def widen_rows(weight: torch.Tensor, old: int, new: int) -> torch.Tensor:
    """Gate-stacked rows (4*old x ...) -> (4*new x ...): each gate's old rows, then zero rows for new units."""
    gates = weight.reshape(GATES, old, *weight.shape[1:])
    grown = torch.zeros(GATES, new, *weight.shape[1:], dtype=weight.dtype)
    grown[:, :old] = gates
    return grown.reshape(GATES * new, *weight.shape[1:])


def widen_columns(weight: torch.Tensor, old: int, new: int, blocks: int, generator: torch.Generator,
                  scale: float) -> torch.Tensor:
    """Columns made of `blocks` runs of `old` features (e.g. [forward; backward] or [decoder; context]) ->
    runs of `new`: the old columns in place, the new ones random (they read units that output 0)."""
    rows = weight.size(0)
    grown = (torch.rand(rows, blocks, new, generator=generator) * 2 - 1) * scale
    grown[:, :, :old] = weight.reshape(rows, blocks, old)
    return grown.reshape(rows, blocks * new)


def widen_state(tensors: dict[str, torch.Tensor], old: ModelConfig, new: ModelConfig,
                seed: int = 0) -> dict[str, torch.Tensor]:
    """A trained model's weights (float32) with hidden size old.hidden_size -> the same model with
    new.hidden_size, computing the same outputs. Everything but the hidden size must match."""
    free = ("name", "hidden_size", "max_source_tokens", "max_output_tokens")
    wanted = asdict(new)
    differing = [key for key, value in asdict(old).items() if key not in free and wanted[key] != value]
    if differing:
        raise ValueError(f"only the hidden size can grow: {', '.join(differing)} must be the model's own")
    if new.hidden_size < old.hidden_size:
        raise ValueError(f"hidden size {new.hidden_size} is smaller than the model's {old.hidden_size}")
    if new.score not in (None, "dot"):
        raise ValueError(f"the {new.score!r} score has its own layers; only the dot product widens")
    h, grown = old.hidden_size, new.hidden_size
    generator = torch.Generator().manual_seed(seed)
    scale = 1 / grown ** 0.5  # PyTorch's own LSTM initialisation range for this size
    directions = 2 if old.bidirectional else 1
    widened = {}
    for name, tensor in tensors.items():
        match = re.fullmatch(r"(encoder|decoder)\.(weight_ih|weight_hh|bias_ih|bias_hh)_l(\d+)(_reverse)?", name)
        if match:
            module, kind, layer = match.group(1), match.group(2), int(match.group(3))
            tensor = widen_rows(tensor, h, grown)
            if kind == "weight_hh":
                tensor = widen_columns(tensor, h, grown, 1, generator, scale)
            elif kind == "weight_ih" and layer > 0:  # reads the layer below: [forward; backward] in the encoder
                blocks = directions if module == "encoder" else 1
                tensor = widen_columns(tensor, h, grown, blocks, generator, scale)
        elif name in ("output_projection.weight", "output_layer.weight"):  # reads [decoder output; context]
            blocks = 2 if old.attention else 1
            tensor = widen_columns(tensor, h, grown, blocks, generator, scale)
        widened[name] = tensor
    return widened
