"""Greedy and beam-search decoding, starting from <EOS> as in the video.

A translation never writes `<unk>` (as Marian NMT decodes by default): `<unk>` stands for every
word the vocabulary lacks at once, so it often gets the highest probability when the model is
unsure of a rare word, and "<unk>" helps no reader. The next most likely real word is written
instead; `allow_unk=True` keeps the raw argmax (the model's own first choice, for comparison).
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from .seq2seq import DecoderStep, Seq2Seq, decode_step, encode, source_mask_from_lengths
from .trace import BeamStatus
from .vocab import EOS_ID, PAD_ID, UNK_ID


def pad_batch(sequences: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Lists of ids -> (ids: batch x max_len padded with <pad>, lengths: batch)."""
    lengths = torch.tensor([len(s) for s in sequences], dtype=torch.long)
    ids = torch.full((len(sequences), max(1, int(lengths.max()))), PAD_ID, dtype=torch.long)
    for row, sequence in enumerate(sequences):
        ids[row, : len(sequence)] = torch.tensor(sequence, dtype=torch.long)
    return ids, lengths


def writable(scores: torch.Tensor, allow_unk: bool) -> torch.Tensor:
    """scores: batch x vocab (logits or log-probs) -> the same with <unk> made impossible, unless allowed."""
    if allow_unk:
        return scores
    scores = scores.clone()
    scores[:, UNK_ID] = float("-inf")
    return scores


@torch.inference_mode()
def greedy_decode(
    model: Seq2Seq,
    source: list[list[int]],
    max_len: int | list[int],
    prefix: list[int] | None = None,
    record: bool = False,
    allow_unk: bool = False,
    attention_edits: dict[int, torch.Tensor] | None = None,
) -> tuple[list[list[int]], list[DecoderStep], torch.Tensor]:
    """Pick the most likely word (other than <unk>) at each step; the first len(prefix) words are
    imposed instead. attention_edits: step position -> src_len weights (summing to 1) used at that
    step instead of the softmax (every sentence of the batch alike). max_len: steps at most, for the
    whole batch or one per sentence.

    Returns (output ids per sentence, ending with <EOS> when finished; the per-step intermediates
    if record; the encoder outputs: batch x src_len x hidden).
    """
    prefix = prefix or []
    source_ids, source_lengths = pad_batch(source)
    encoder_outputs, state = encode(model, source_ids, source_lengths)
    mask = source_mask_from_lengths(source_lengths, source_ids.size(1))
    batch = len(source)
    previous = torch.full((batch, 1), EOS_ID, dtype=torch.long)
    outputs: list[list[int]] = [[] for _ in range(batch)]
    finished = [False] * batch  # plain Python: per-row tensor indexing costs more than the step itself
    limits = [max_len] * batch if isinstance(max_len, int) else list(max_len)
    steps: list[DecoderStep] = []
    attention_edits = attention_edits or {}
    for position in range(max(limits)):
        override = attention_edits.get(position)
        if override is not None:
            override = override.view(1, 1, -1).expand(batch, 1, -1)  # batch x 1 x src_len
        step = decode_step(model, previous, state, encoder_outputs, mask, override)
        state = step.state
        if record:
            steps.append(step)
        if position < len(prefix):
            chosen = [prefix[position]] * batch
        else:
            chosen = writable(step.logits[:, -1], allow_unk).argmax(dim=-1).tolist()
        for row, token in enumerate(chosen):
            if not finished[row]:
                outputs[row].append(token)
                finished[row] = token == EOS_ID or len(outputs[row]) >= limits[row]
        if all(finished):
            break
        previous = torch.tensor(chosen, dtype=torch.long).unsqueeze(1)
    return outputs, steps, encoder_outputs


@dataclass(frozen=True)
class BeamCandidate:
    """One extension the beam weighed at a step: its words so far, their log-probability, and what
    became of it: "kept" (one of the beam), "finished" (it wrote <EOS>) or "dropped"."""

    tokens: list[int]
    log_prob: float
    status: BeamStatus


@torch.inference_mode()
def beam_search(
    model: Seq2Seq, source: list[int], beam: int, max_len: int, length_penalty: float = 1.0, allow_unk: bool = False,
    record: list[list[BeamCandidate]] | None = None,
) -> list[int]:
    """Keep the `beam` best partial translations (never with <unk>, unless allowed) at each step;
    score = log prob / length^penalty. record: a list that gets, for every step, the candidates
    weighed there (the best 2 x beam extensions), each kept, finished or dropped."""
    source_ids, source_lengths = pad_batch([source])
    encoder_outputs, (h, c) = encode(model, source_ids, source_lengths)
    mask = source_mask_from_lengths(source_lengths, source_ids.size(1))
    hypotheses: list[list[int]] = [[]]
    log_probs = torch.zeros(1)
    finished: list[tuple[float, list[int]]] = []
    for _ in range(max_len):
        alive = len(hypotheses)
        previous = torch.tensor([[hyp[-1] if hyp else EOS_ID] for hyp in hypotheses], dtype=torch.long)
        step = decode_step(
            model, previous, (h, c), encoder_outputs.expand(alive, -1, -1), mask.expand(alive, -1)
        )
        candidates = (log_probs.unsqueeze(1) + writable(torch.log_softmax(step.logits[:, -1], dim=-1), allow_unk)).flatten()
        top = candidates.topk(min(2 * beam, candidates.numel()))
        vocab_size = step.logits.size(-1)
        keep_rows, new_hypotheses, new_log_probs, weighed = [], [], [], []
        for score, flat_index in zip(top.values.tolist(), top.indices.tolist()):
            if score == float("-inf"):  # only <unk> left (tiny vocabularies): not a candidate
                break
            row, token = divmod(flat_index, vocab_size)
            hypothesis = hypotheses[row] + [token]
            if len(new_hypotheses) == beam:  # the beam is full: the rest are dropped
                weighed.append(BeamCandidate(hypothesis, score, "dropped"))
                continue
            if token == EOS_ID:
                finished.append((score / len(hypothesis) ** length_penalty, hypothesis))
                weighed.append(BeamCandidate(hypothesis, score, "finished"))
            else:
                keep_rows.append(row)
                new_hypotheses.append(hypothesis)
                new_log_probs.append(score)
                weighed.append(BeamCandidate(hypothesis, score, "kept"))
        if record is not None:
            record.append(weighed)
        if len(finished) >= beam or not new_hypotheses:
            break
        rows = torch.tensor(keep_rows, dtype=torch.long)
        h, c = step.state[0][:, rows], step.state[1][:, rows]
        hypotheses, log_probs = new_hypotheses, torch.tensor(new_log_probs)
    if not finished:  # ran out of length: take the best unfinished one
        return hypotheses[int(log_probs.argmax())]
    return max(finished, key=lambda pair: pair[0])[1]
