"""An LSTM encoder-decoder with attention, written to read like the StatQuest explanation.

1. `encode`: embed each input word, run the encoder LSTM (states start at zero).
2. `decoder_lstm_step`: embed the previous output word (`<EOS>` at first), run the decoder LSTM,
   which starts from the encoder's final states.
3. `attention_scores`: how similar the decoder output is to each input word's encoding (the score
   functions are in model/inference/scores.py).
4. `attend`: softmax of the scores (the share of each input word), or shares set by hand, and
   the weighted sum of the encodings (the attention values, or context).
5. `output_logits`: a fully connected layer over [decoder output; attention values] gives one
   score per output word; `output_distribution`: their softmax, which picks the next word.

`decode_step` runs 2-5 in that order (decoding and training both call it); `explain_steps` computes
what the video draws beside them for a whole traced sentence: cosines, the dot product's terms,
the weighted encodings, a Transformer's scaled shares and each candidate's logit split in parts.

Every function is pure: it returns its intermediates and keeps nothing on the module, so many
sessions can share one loaded model.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from .config import ModelConfig
from .scores import SCORE_FUNCTIONS
from .vocab import PAD_ID

LSTMState = tuple[torch.Tensor, torch.Tensor]  # (h, c): each num_layers x batch x hidden


class Seq2Seq(nn.Module):
    """The parameters only; the computation is in the functions below."""

    def __init__(self, config: ModelConfig, source_vocab_size: int, target_vocab_size: int):
        super().__init__()
        self.config = config
        e, h, layers = config.embedding_size, config.hidden_size, config.num_layers
        between_layers = config.dropout if layers > 1 else 0.0
        self.source_embedding = nn.Embedding(source_vocab_size, e, padding_idx=PAD_ID)
        self.encoder = nn.LSTM(e, h, layers, batch_first=True, dropout=between_layers,
                               bidirectional=config.bidirectional)
        if not config.tie_embeddings:  # tied: one joint vocabulary, source_embedding serves both sides
            self.target_embedding = nn.Embedding(target_vocab_size, e, padding_idx=PAD_ID)
        self.decoder = nn.LSTM(e, h, layers, batch_first=True, dropout=between_layers)
        if config.attention:  # the score function's own layers, if it learns any (general, additive)
            for name, layer in SCORE_FUNCTIONS[config.score].make_parameters(h).items():
                setattr(self, name, layer)
        self.dropout = nn.Dropout(config.dropout)
        features = 2 * h if config.attention else h
        if config.tie_embeddings:
            # Press & Wolf 2017: the output layer's weight is (embedding table) x (projection), a
            # vocab x features matrix of rank e; still one linear layer over [decoder output; context].
            self.output_projection = nn.Linear(features, e, bias=False)
            self.output_bias = nn.Parameter(torch.zeros(target_vocab_size))
        else:
            self.output_layer = nn.Linear(features, target_vocab_size)
        self.half_weight_output: nn.Module | None = None  # the output layer on float16 weights, set by load_model


def target_embedding(model: Seq2Seq) -> nn.Embedding:
    return model.source_embedding if model.config.tie_embeddings else model.target_embedding


def output_weight_and_bias(model: Seq2Seq) -> tuple[torch.Tensor, torch.Tensor]:
    """The fully connected layer as one matrix: vocab x features ([decoder output; context]), vocab."""
    if model.config.tie_embeddings:
        return model.source_embedding.weight @ model.output_projection.weight, model.output_bias
    return model.output_layer.weight, model.output_layer.bias


@dataclass
class DecoderStep:
    """What one decoder call computed. Shapes for tgt_len decoder positions at once."""

    decoder_outputs: torch.Tensor  # batch x tgt_len x hidden
    scores: torch.Tensor | None  # batch x tgt_len x src_len
    weights: torch.Tensor | None  # batch x tgt_len x src_len
    context: torch.Tensor | None  # batch x tgt_len x hidden
    logits: torch.Tensor  # batch x tgt_len x target_vocab
    state: LSTMState


def encode(model: Seq2Seq, source_ids: torch.Tensor, source_lengths: torch.Tensor) -> tuple[torch.Tensor, LSTMState]:
    """source_ids: batch x src_len (padded) -> encoder_outputs: batch x src_len x hidden, final state.

    Packing makes padding invisible to the LSTM, so a sentence encodes the same in any batch.
    """
    embedded = model.dropout(model.source_embedding(source_ids))
    packed = pack_padded_sequence(embedded, source_lengths.cpu(), batch_first=True, enforce_sorted=False)
    outputs, state = model.encoder(packed)  # no initial state given: zeros, as in the video
    encoder_outputs, _ = pad_packed_sequence(outputs, batch_first=True, total_length=source_ids.size(1))
    if model.config.bidirectional:
        return sum_directions(encoder_outputs, state)
    return encoder_outputs, state


def sum_directions(encoder_outputs: torch.Tensor, state: LSTMState) -> tuple[torch.Tensor, LSTMState]:
    """A bidirectional encoder's outputs (batch x src_len x 2*hidden) and final states
    (2*layers x batch x hidden) -> the forward and backward halves added: each input word's
    encoding has seen the whole sentence and keeps the decoder's size, so the dot product stays."""
    hidden = encoder_outputs.size(-1) // 2
    summed = encoder_outputs[..., :hidden] + encoder_outputs[..., hidden:]  # batch x src_len x hidden
    h, c = (s.view(-1, 2, s.size(1), s.size(2)).sum(1) for s in state)  # layers x batch x hidden
    return summed, (h, c)


def cosine_similarity(queries: torch.Tensor, keys: torch.Tensor) -> torch.Tensor:
    """queries: batch x tgt_len x hidden, keys: batch x src_len x hidden -> batch x tgt_len x src_len."""
    return F.normalize(queries, dim=-1) @ F.normalize(keys, dim=-1).transpose(1, 2)


def attention_scores(model: Seq2Seq, decoder_outputs: torch.Tensor, encoder_outputs: torch.Tensor) -> torch.Tensor:
    """Similarity of each decoder output with each encoder output. # scores: batch x tgt_len x src_len"""
    return SCORE_FUNCTIONS[model.config.score].compute(model, decoder_outputs, encoder_outputs)


def attend(scores: torch.Tensor, encoder_outputs: torch.Tensor, source_mask: torch.Tensor,
           weights: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Softmax over the input words, then the weighted sum of their encodings -> (context, weights).

    source_mask: batch x src_len, True for real words; padding gets zero weight.
    weights: batch x tgt_len x src_len shares set by hand (rows summing to 1), used instead of the softmax.
    """
    if weights is None:
        scores = scores.masked_fill(~source_mask.unsqueeze(1), float("-inf"))
        weights = torch.softmax(scores, dim=-1)  # batch x tgt_len x src_len
    context = weights @ encoder_outputs  # batch x tgt_len x hidden
    return context, weights


def output_logits(model: Seq2Seq, decoder_outputs: torch.Tensor, context: torch.Tensor | None) -> torch.Tensor:
    """The fully connected layer over [decoder output; attention values]. # batch x tgt_len x vocab"""
    features = model.dropout(decoder_outputs if context is None else torch.cat([decoder_outputs, context], dim=-1))
    if model.config.tie_embeddings:  # the projection, then the embedding table as the weight
        features = model.output_projection(features)
    if model.half_weight_output is not None:  # the same weights, read as float16 (model/inference/half_weights.py)
        return model.half_weight_output(features)
    if model.config.tie_embeddings:
        return F.linear(features, model.source_embedding.weight, model.output_bias)
    return model.output_layer(features)


def decoder_lstm_step(model: Seq2Seq, previous_tokens: torch.Tensor, state: LSTMState) -> tuple[torch.Tensor, LSTMState]:
    """Embed the previous output words (batch x tgt_len) and run the decoder LSTM from `state`
    -> (decoder_outputs: batch x tgt_len x hidden, the new state)."""
    embedded = model.dropout(target_embedding(model)(previous_tokens))
    return model.decoder(embedded, state)


def decode_step(
    model: Seq2Seq, previous_tokens: torch.Tensor, state: LSTMState, encoder_outputs: torch.Tensor,
    source_mask: torch.Tensor, weights_override: torch.Tensor | None = None,
) -> DecoderStep:
    """The decoder LSTM, the scores, the attention and the output layer, from previous_tokens
    (batch x tgt_len): one token at inference, a whole teacher-forced target in training (the
    decoder has no input feeding, so both are the same).

    weights_override (batch x tgt_len x src_len, rows summing to 1): attention weights set by hand;
    the scores are still the model's own, the context and output follow the given weights."""
    decoder_outputs, state = decoder_lstm_step(model, previous_tokens, state)
    scores = weights = context = None
    if model.config.attention:
        scores = attention_scores(model, decoder_outputs, encoder_outputs)
        context, weights = attend(scores, encoder_outputs, source_mask, weights_override)
    logits = output_logits(model, decoder_outputs, context)
    return DecoderStep(decoder_outputs, scores, weights, context, logits, state)


def score_explanation(decoder_outputs: torch.Tensor, encoder_outputs: torch.Tensor, weights: torch.Tensor | None):
    """What the video draws around the score, for steps x hidden decoder outputs and src_len x hidden
    encoder outputs -> (cosine: steps x src_len, dot-product terms: steps x src_len x hidden, each
    d_t[k] * h_i[k], and weighted encodings: steps x src_len x hidden, each w_i * h_i, or None)."""
    cosine = cosine_similarity(decoder_outputs[None], encoder_outputs[None])[0]
    score_terms = decoder_outputs[:, None, :] * encoder_outputs[None]
    weighted = None if weights is None else weights[:, :, None] * encoder_outputs[None]
    return cosine, score_terms, weighted


def scaled_attention_weights(scores: torch.Tensor, size: int) -> tuple[torch.Tensor, float]:
    """What a Transformer does with the same scores: softmax(scores / sqrt(d)), d = size of the vectors
    compared (Vaswani et al. 2017), which keeps long dot products from making the softmax nearly
    one-hot. scores: steps x src_len -> (scaled weights: steps x src_len, sqrt(d))."""
    scale = math.sqrt(size)
    return torch.softmax(scores / scale, dim=-1), scale


def output_weight_rows(model: Seq2Seq, token_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Rows of the fully connected layer for some output tokens: (... x features, ...) weights and biases,
    without forming the whole vocab x features matrix of a tied model."""
    if model.config.tie_embeddings:
        return model.source_embedding.weight[token_ids] @ model.output_projection.weight, model.output_bias[token_ids]
    return model.output_layer.weight[token_ids], model.output_layer.bias[token_ids]


def logit_parts(model: Seq2Seq, token_ids: torch.Tensor, decoder_outputs: torch.Tensor,
                weights: torch.Tensor | None, encoder_outputs: torch.Tensor):
    """Why this word: each candidate's logit split exactly, because the output layer is linear,
        logit(y) = W_dec[y]·d_t + sum_i w_i (W_ctx[y]·h_i) + b[y].
    token_ids: steps x k, decoder_outputs: steps x hidden, weights: steps x src_len (None without
    attention), encoder_outputs: src_len x hidden -> (decoder part: steps x k, input parts:
    steps x k x src_len or None, bias: steps x k)."""
    rows, bias = output_weight_rows(model, token_ids)  # steps x k x features, steps x k
    hidden = decoder_outputs.size(-1)
    decoder_part = torch.einsum("skh,sh->sk", rows[..., :hidden], decoder_outputs)
    if weights is None:
        return decoder_part, None, bias
    pushes = torch.einsum("skh,ih->ski", rows[..., hidden:], encoder_outputs)  # how hard h_i pushes toward y
    return decoder_part, pushes * weights[:, None, :], bias


@dataclass
class OutputDistribution:
    """The softmax over the output words and its most likely ones. # steps x vocab -> steps x k"""

    probs: torch.Tensor  # steps x vocab
    top_ids: torch.Tensor  # steps x k, most likely first
    top_probs: torch.Tensor  # steps x k
    top_logits: torch.Tensor  # steps x k


def output_distribution(logits: torch.Tensor, k: int) -> OutputDistribution:
    """The next word's probabilities (softmax of the output layer) and the k most likely words."""
    probs = torch.softmax(logits, dim=-1)
    top = probs.topk(min(k, probs.size(-1)), dim=-1)
    return OutputDistribution(probs, top.indices, top.values, logits.gather(1, top.indices))


@dataclass
class StepNumbers:
    """Every number the video draws, for all decoding steps of one sentence (steps x ...).
    The attention fields are None for a model without attention; score_terms is None unless the
    score is the dot product."""

    decoder_outputs: torch.Tensor  # steps x hidden
    scores: torch.Tensor | None  # steps x src_len
    cosine: torch.Tensor | None  # steps x src_len
    score_terms: torch.Tensor | None  # steps x src_len x hidden: d_t[k] * h_i[k]
    weights: torch.Tensor | None  # steps x src_len: the softmax of the scores, or the shares set by hand
    weighted_encodings: torch.Tensor | None  # steps x src_len x hidden: w_i * h_i
    context: torch.Tensor | None  # steps x hidden: the attention values
    scaled_weights: torch.Tensor | None  # steps x src_len: softmax(scores / sqrt(hidden))
    output: OutputDistribution  # the next word's probabilities and top candidates
    output_probs: torch.Tensor  # steps: the probability of the word each step wrote
    decoder_parts: torch.Tensor  # steps x k: each candidate's logit, the decoder output's part
    input_parts: torch.Tensor | None  # steps x k x src_len: each input word's part
    bias_parts: torch.Tensor  # steps x k


def explain_steps(model: Seq2Seq, decoder_steps: list[DecoderStep], encoder_outputs: torch.Tensor,
                  output_ids: list[int], k: int) -> StepNumbers:
    """The numbers of a traced sentence (batch of 1), each computed for all steps at once.
    decoder_steps: one per output word; encoder_outputs: src_len x hidden."""
    def stacked(name: str) -> torch.Tensor | None:  # the last position of each step -> steps x ...
        if getattr(decoder_steps[0], name) is None:
            return None
        return torch.cat([getattr(step, name)[0, -1:] for step in decoder_steps])

    decoder_outputs, scores, weights = stacked("decoder_outputs"), stacked("scores"), stacked("weights")
    output = output_distribution(stacked("logits"), k)
    output_probs = output.probs.gather(1, torch.tensor(output_ids)[:, None])[:, 0]
    decoder_parts, input_parts, bias_parts = logit_parts(model, output.top_ids, decoder_outputs, weights,
                                                         encoder_outputs)
    cosine = score_terms = weighted = scaled = None
    if weights is not None:
        cosine, score_terms, weighted = score_explanation(decoder_outputs, encoder_outputs, weights)
        scaled = scaled_attention_weights(scores, model.config.hidden_size)[0]
        if not SCORE_FUNCTIONS[model.config.score].is_dot_product:
            score_terms = None
    return StepNumbers(decoder_outputs, scores, cosine, score_terms, weights, weighted, stacked("context"), scaled,
                       output, output_probs, decoder_parts, input_parts, bias_parts)


def source_mask_from_lengths(source_lengths: torch.Tensor, max_len: int) -> torch.Tensor:
    """batch -> batch x max_len, True where there is a real word."""
    return torch.arange(max_len, device=source_lengths.device).unsqueeze(0) < source_lengths.unsqueeze(1)


def forward(model: Seq2Seq, source_ids: torch.Tensor, source_lengths: torch.Tensor, target_inputs: torch.Tensor) -> torch.Tensor:
    """Training forward with teacher forcing: target_inputs start with <EOS>. -> batch x tgt_len x vocab"""
    encoder_outputs, state = encode(model, source_ids, source_lengths)
    mask = source_mask_from_lengths(source_lengths, source_ids.size(1))
    return decode_step(model, target_inputs, state, encoder_outputs, mask).logits
