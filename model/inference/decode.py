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
    records = None if record is None else [record]
    return beam_search_many(model, [source], beam, [max_len], length_penalty, allow_unk, records)[0]


@dataclass
class _Beam:
    """One sentence's search in progress: its live hypotheses and the finished ones."""

    limit: int
    hypotheses: list[list[int]]
    log_probs: torch.Tensor  # alive
    finished: list[tuple[float, list[int]]]
    done: bool = False

    def best(self) -> list[int]:
        if not self.finished:  # ran out of length: take the best unfinished one
            return self.hypotheses[int(self.log_probs.argmax())]
        return max(self.finished, key=lambda pair: pair[0])[1]


@torch.inference_mode()
def beam_search_many(
    model: Seq2Seq, sources: list[list[int]], beam: int, max_lens: list[int], length_penalty: float = 1.0,
    allow_unk: bool = False, records: list[list[list[BeamCandidate]]] | None = None,
) -> list[list[int]]:
    """beam_search for many sentences at once: every live hypothesis of every sentence goes through
    one decoder call per step, each sentence keeps its own beam. Gives what beam_search gives for
    each sentence alone (packing keeps padding out of the encoder, the mask out of the attention)."""
    source_ids, source_lengths = pad_batch(sources)
    encoder_outputs, (h, c) = encode(model, source_ids, source_lengths)  # batch x src_len x hidden
    mask = source_mask_from_lengths(source_lengths, source_ids.size(1))  # batch x src_len
    beams = [_Beam(limit, [[]], torch.zeros(1), []) for limit in max_lens]
    rows_of = torch.arange(len(sources))  # the sentence of each live hypothesis
    for position in range(max(max_lens, default=0)):
        previous = torch.tensor([[hyp[-1] if hyp else EOS_ID] for b in beams if not b.done for hyp in b.hypotheses],
                                dtype=torch.long)
        step = decode_step(model, previous, (h, c), encoder_outputs[rows_of], mask[rows_of])
        log_probs = writable(torch.log_softmax(step.logits[:, -1], dim=-1), allow_unk)  # alive x vocab
        vocab_size = log_probs.size(-1)
        keep_rows: list[int] = []
        start = 0
        for index, search in enumerate(beams):
            if search.done:
                continue
            alive = len(search.hypotheses)
            candidates = (search.log_probs.unsqueeze(1) + log_probs[start : start + alive]).flatten()
            top = candidates.topk(min(2 * beam, candidates.numel()))
            new_rows, new_hypotheses, new_log_probs, weighed = [], [], [], []
            for score, flat_index in zip(top.values.tolist(), top.indices.tolist()):
                if score == float("-inf"):  # only <unk> left (tiny vocabularies): not a candidate
                    break
                row, token = divmod(flat_index, vocab_size)
                hypothesis = search.hypotheses[row] + [token]
                if len(new_hypotheses) == beam:  # the beam is full: the rest are dropped
                    weighed.append(BeamCandidate(hypothesis, score, "dropped"))
                    continue
                if token == EOS_ID:
                    search.finished.append((score / len(hypothesis) ** length_penalty, hypothesis))
                    weighed.append(BeamCandidate(hypothesis, score, "finished"))
                else:
                    new_rows.append(start + row)
                    new_hypotheses.append(hypothesis)
                    new_log_probs.append(score)
                    weighed.append(BeamCandidate(hypothesis, score, "kept"))
            if records is not None:
                records[index].append(weighed)
            start += alive
            if len(search.finished) >= beam or not new_hypotheses or position + 1 >= search.limit:
                search.done = True
                if not search.finished and new_hypotheses:
                    search.hypotheses, search.log_probs = new_hypotheses, torch.tensor(new_log_probs)
                continue
            keep_rows += new_rows
            search.hypotheses, search.log_probs = new_hypotheses, torch.tensor(new_log_probs)
        if not keep_rows:
            break
        rows = torch.tensor(keep_rows, dtype=torch.long)
        h, c = step.state[0][:, rows], step.state[1][:, rows]
        rows_of = rows_of[rows]
    return [search.best() for search in beams]
