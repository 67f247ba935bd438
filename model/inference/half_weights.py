"""Decoding on float16 weights: the committed translators store their weights as float16, and on a
CPU decoding one word at a time is bound by the bytes each step reads, not by the arithmetic. FBGEMM
(in PyTorch) multiplies float16 weights with float32 inputs, summing in float32: half the bytes, and
the weights are the stored ones exactly, so the numbers match the float32 kernels' to about 1e-6.
`load_model` puts the LSTMs and the output layer on these kernels for such a model
(model/inference/loading.py); training and models stored as float32 keep PyTorch's own. (PyTorch marks
`torch.ao`'s eager quantization for a move to torchao; the pinned torch has it, and the tests load every
committed model through it.)
"""
from __future__ import annotations

import torch
from torch import nn
from torch.ao.nn.quantized.dynamic import LSTM as HalfWeightLSTM
from torch.ao.quantization.qconfig import float16_dynamic_qconfig

from .seq2seq import Seq2Seq


def has_half_weight_kernels() -> bool:
    """FBGEMM runs on x86 CPUs with AVX2 or newer."""
    return "fbgemm" in torch.backends.quantized.supported_engines and \
        torch.backends.cpu.get_cpu_capability() in ("AVX2", "AVX512")


def half_weight_lstm(lstm: nn.LSTM) -> nn.Module:
    """The same LSTM (layers, directions, packed sequences, states) with its weights packed as float16;
    for inference: it has no gradients. Its weights must hold float16 values, or the packing rounds them."""
    lstm.qconfig = float16_dynamic_qconfig
    try:
        return HalfWeightLSTM.from_float(lstm).train(lstm.training)
    finally:
        del lstm.qconfig


class HalfWeightLinear(nn.Module):
    """x W^T + b with W packed as float16 (b stays float32); for inference. W must hold float16 values,
    or the packing rounds them."""

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor):
        super().__init__()
        self.packed = torch.ops.quantized.linear_prepack_fp16(weight.detach().float(), bias.detach().float())

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return torch.ops.quantized.linear_dynamic_fp16(features, self.packed)  # ... x out_features


def use_half_weight_kernels(net: Seq2Seq) -> None:
    """Put a loaded model's LSTMs and output layer on the float16-weight kernels (its weights must hold
    float16 values). The float32 output weights stay: the "why this word" parts read them."""
    net.encoder, net.decoder = half_weight_lstm(net.encoder), half_weight_lstm(net.decoder)
    if net.config.tie_embeddings:
        net.half_weight_output = HalfWeightLinear(net.source_embedding.weight, net.output_bias)
    else:
        net.half_weight_output = HalfWeightLinear(net.output_layer.weight, net.output_layer.bias)
