"""Training examples in batches, and the loss the training loops minimise (translators and the toy)."""
from __future__ import annotations

import random

import torch
import torch.nn.functional as F

from ..inference.decode import pad_batch
from ..inference.seq2seq import Seq2Seq, forward
from ..inference.vocab import EOS_ID, PAD_ID

Example = tuple[list[int], list[int]]  # (source ids, target ids without <EOS>)


def make_batches(examples: list[Example], batch_tokens: int, seed: int) -> list[list[int]]:
    """Indices grouped by similar length (little padding), each batch under batch_tokens, in random order."""
    rng = random.Random(seed)
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), len(examples[i][1]), rng.random()))
    batches, current, longest = [], [], 0
    for index in order:
        length = max(len(examples[index][0]), len(examples[index][1]) + 1)
        if current and max(longest, length) * (len(current) + 1) > batch_tokens:
            batches.append(current)
            current, longest = [], 0
        current.append(index)
        longest = max(longest, length)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def batch_tensors(examples: list[Example], indices: list[int]):
    """-> source ids, source lengths, decoder inputs (<EOS> first), targets (<EOS> last)."""
    source_ids, source_lengths = pad_batch([examples[i][0] for i in indices])
    target_inputs, _ = pad_batch([[EOS_ID] + examples[i][1] for i in indices])
    targets, _ = pad_batch([examples[i][1] + [EOS_ID] for i in indices])
    return source_ids, source_lengths, target_inputs, targets


def batch_loss(net: Seq2Seq, examples: list[Example], indices: list[int], smoothing: float) -> tuple[torch.Tensor, int]:
    source_ids, source_lengths, target_inputs, targets = batch_tensors(examples, indices)
    logits = forward(net, source_ids, source_lengths, target_inputs)
    loss = F.cross_entropy(logits.flatten(0, 1), targets.flatten(), ignore_index=PAD_ID,
                           label_smoothing=smoothing, reduction="sum")
    return loss, int((targets != PAD_ID).sum())


@torch.no_grad()
def validation_loss(net: Seq2Seq, examples: list[Example], batch_tokens: int) -> float:
    """Mean cross-entropy per target token (no label smoothing)."""
    net.eval()
    total, count = 0.0, 0
    for indices in make_batches(examples, batch_tokens, seed=0):
        loss, tokens = batch_loss(net, examples, indices, smoothing=0.0)
        total, count = total + float(loss), count + tokens
    net.train()
    return total / max(count, 1)
