"""The score functions: how similar the decoder output is to each input word's encoding.

One entry per function holds everything about it: its name, the parameters it adds to the model,
how it computes, its formula and the catalog key of its explanation. Adding a score function is
one entry here (and its explanation in app/i18n).

No torch at import: the app and the Train page read the names and formulas before torch has
loaded; the functions use the tensors they are given (torch is imported where layers are made).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class ScoreFunction:
    name: str  # as written in config.json and shown in the app
    formula: str  # LaTeX, d_t the decoder output, h_i an encoder output
    explanation_key: str  # app/i18n key of the one-line explanation (Train page, model choice)
    make_parameters: Callable[[int], dict[str, Any]]  # hidden size -> named layers the model learns
    # (model, decoder_outputs: batch x tgt_len x hidden, encoder_outputs: batch x src_len x hidden)
    #   -> scores: batch x tgt_len x src_len
    compute: Callable[[Any, Any, Any], Any]
    is_dot_product: bool = False  # the scores are d_t · h_i: Q·Kᵀ, with each product's terms shown


def no_parameters(hidden: int) -> dict:
    return {}


def dot_score(model, decoder_outputs, encoder_outputs):
    """The video's: d_t · h_i."""
    return decoder_outputs @ encoder_outputs.transpose(1, 2)


def cosine_score(model, decoder_outputs, encoder_outputs):
    """The dot product of the two vectors scaled to length 1."""
    import torch.nn.functional as F  # noqa: PLC0415

    return F.normalize(decoder_outputs, dim=-1) @ F.normalize(encoder_outputs, dim=-1).transpose(1, 2)


def general_parameters(hidden: int) -> dict:
    from torch import nn  # noqa: PLC0415

    return {"score_weight": nn.Linear(hidden, hidden, bias=False)}


def general_score(model, decoder_outputs, encoder_outputs):
    """Luong 2015: d_t^T W h_i."""
    return decoder_outputs @ model.score_weight(encoder_outputs).transpose(1, 2)


def additive_parameters(hidden: int) -> dict:
    from torch import nn  # noqa: PLC0415

    return {"score_query": nn.Linear(hidden, hidden, bias=False), "score_key": nn.Linear(hidden, hidden, bias=False),
            "score_vector": nn.Linear(hidden, 1, bias=False)}


def additive_score(model, decoder_outputs, encoder_outputs):
    """Bahdanau 2015: v^T tanh(W_q d_t + W_k h_i)."""
    queries = model.score_query(decoder_outputs).unsqueeze(2)  # batch x tgt_len x 1 x hidden
    keys = model.score_key(encoder_outputs).unsqueeze(1)  # batch x 1 x src_len x hidden
    return model.score_vector((queries + keys).tanh()).squeeze(-1)


SCORE_FUNCTIONS: dict[str, ScoreFunction] = {
    f.name: f for f in (
        ScoreFunction("dot", r"\text{score}_i = d_t \cdot h_i = \sum_{k} d_{t,k}\, h_{i,k}",
                      "train.score_explain.dot", no_parameters, dot_score, is_dot_product=True),
        ScoreFunction("cosine", r"\text{score}_i = \frac{d_t \cdot h_i}{\lVert d_t \rVert\, \lVert h_i \rVert}",
                      "train.score_explain.cosine", no_parameters, cosine_score),
        ScoreFunction("general", r"\text{score}_i = d_t^{\top} W h_i", "train.score_explain.general",
                      general_parameters, general_score),
        ScoreFunction("additive", r"\text{score}_i = v^{\top} \tanh(W_q d_t + W_k h_i)",
                      "train.score_explain.additive", additive_parameters, additive_score),
    )
}
SCORES = tuple(SCORE_FUNCTIONS)  # the names, the video's first
