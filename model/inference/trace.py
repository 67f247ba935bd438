"""The trace: every number of one translation, as plain Python data.

This is the only thing `app/` receives from `model/`: the model computes it once, the app lays it
out. It holds lists and floats (no tensors) and round-trips through JSON. The two per-step matrices
(`score_terms`, `weighted_encoder_outputs`: input words x hidden numbers at every step, most of a
trace) hold their rows as `array('f')`: the model's own float32 values, 4 bytes a number instead of
a Python float's 32 (a 50-word input's trace: ~49 MiB as lists). JSON writes them as lists.

`python -m model.trace --model DIR [--prefix "words"] "sentence"` prints one as JSON (model/inference/cli.py).
"""
from __future__ import annotations

import json
from array import array
from dataclasses import asdict, dataclass, field
from typing import Literal

Rows = list[array]  # rows of float32 numbers, array("f")
BeamStatus = Literal["kept", "finished", "dropped"]  # in the beam, it wrote <EOS>, or out of the beam
ROW_FIELDS = ("score_terms", "weighted_encoder_outputs")


def float32_rows(rows) -> Rows | None:
    """Rows of numbers (lists of floats from JSON, or the float32 bytes of a tensor's rows) -> Rows."""
    return None if rows is None else [array("f", row) for row in rows]


@dataclass(frozen=True)
class LogitParts:
    """A candidate's logit split exactly (the output layer is linear); the three add up to the logit.
    JSON: {"decoder": ..., "inputs": [...], "bias": ...}."""

    decoder: float  # W_dec[y]·d_t: what the decoder output alone says for the word
    inputs: list[float]  # per source token, w_i (W_ctx[y]·h_i) ([] without attention)
    bias: float  # b[y]


@dataclass(frozen=True)
class Candidate:
    token: str
    prob: float  # softmax over the whole output vocabulary
    logit: float  # the fully connected layer's output for this token
    label: str = ""  # how the app writes the token: a piece continuing a word as "·ing" (see model.subword)
    parts: LogitParts | None = None  # the logit split in the decoder output's, each input word's and the bias's part

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", self.label or self.token)


@dataclass(frozen=True)
class BeamHypothesis:
    """A partial translation the beam weighed at a step."""

    tokens: list[str]  # its words so far, this step's last
    labels: list[str]  # the same as the app writes them
    log_prob: float  # sum of the log-probabilities of its words
    status: BeamStatus


@dataclass(frozen=True)
class Step:
    input_token: str  # "<EOS>" at step 0, then the previous step's output_token
    decoder_output: list[float]  # top LSTM layer output at this step
    scores: list[float] | None  # similarity with each encoder output (the dot product for "dot")
    cosine: list[float] | None  # cosine similarity with each encoder output, for comparison
    weights: list[float] | None  # softmax(scores): the share of each input word, sums to 1
    context: list[float] | None  # sum_i weights[i] * encoder_outputs[i]: the attention values
    top_k: list[Candidate]  # most likely next tokens, highest first
    output_token: str  # top_k[0].token, or the first other than "<unk>" (see skipped_unk), unless forced
    forced: bool = False  # True when the output token was imposed by a prefix
    score_terms: Rows | None = None  # "dot" only: decoder_output * encoder_outputs[i], element-wise
    weighted_encoder_outputs: Rows | None = None  # weights[i] * encoder_outputs[i]
    output_prob: float = 0.0  # probability the model gave to output_token (differs from top_k[0] when forced)
    skipped_unk: bool = False  # greedy: the most likely word was "<unk>", which a translation never writes
    input_label: str = ""  # input_token and output_token as the app writes them (pieces: "smell", "·ing")
    output_label: str = ""
    attention_edited: bool = False  # weights were set by hand (scores and cosine stay the model's own)
    beam: list[BeamHypothesis] | None = None  # beam search only: the hypotheses weighed at this step
    scaled_weights: list[float] | None = None  # softmax(scores / sqrt(hidden)): a Transformer's weights for the same scores

    def __post_init__(self) -> None:
        object.__setattr__(self, "input_label", self.input_label or self.input_token)
        object.__setattr__(self, "output_label", self.output_label or self.output_token)


@dataclass(frozen=True)
class Contrast:
    """Why `written` and not `other`: the gap between their logits, split into the same parts as each
    logit (the decoder output's, each input word's, the bias's). The parts add up to `gap`."""

    written: Candidate
    other: Candidate
    decoder: float  # written.parts.decoder - other.parts.decoder
    inputs: list[float]  # per source token, the same difference ([] without attention)
    inputs_total: float  # sum of inputs
    bias: float
    gap: float  # written.logit - other.logit


def contrast(written: Candidate, other: Candidate) -> Contrast:
    """The difference of two candidates' parts (both from the same step's top_k)."""
    a, b = written.parts, other.parts
    inputs = [x - y for x, y in zip(a.inputs, b.inputs)]
    return Contrast(written, other, a.decoder - b.decoder, inputs, sum(inputs), a.bias - b.bias,
                    written.logit - other.logit)


@dataclass(frozen=True)
class ModelInfo:
    name: str
    language_pair: str
    attention: bool
    score: str | None
    embedding_size: int
    hidden_size: int
    num_layers: int
    source_vocab_size: int
    target_vocab_size: int
    max_source_tokens: int
    max_output_tokens: int
    tokenizer: str = "words"  # "words" or "sentencepiece": the tokens are subword pieces
    score_scale: float = 1.0  # sqrt(hidden_size): what a Transformer divides the scores by


def candidate_from_dict(data: dict) -> Candidate:
    parts = data.get("parts")
    return Candidate(**{**data, "parts": None if parts is None else LogitParts(**parts)})


NoteKind = Literal["capitals", "all_caps", "full_stop", "question_mark", "capital", "unseen_characters", "characters_left_out",
                   "output_limit", "not_english"]


@dataclass(frozen=True)
class ReadingNote:
    """Something the model read differently from what was typed, or a limit it met; the app says it in
    its own words. words: what it is about; values: its numbers."""

    kind: NoteKind
    words: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class WordSeen:
    """A word of the sentence (or of the translation) and what the model learned of it in training."""

    word: str  # as written in the sentence the model read
    pairs: int  # training pairs holding it (case-insensitive; model/inference/evidence.py)
    examples: list[list[str]]  # up to 3 of them, [English, translation]
    tokens: list[int]  # its tokens: indices into source_tokens (or target_tokens)


@dataclass(frozen=True)
class TraceEvidence:
    """What the model learned from, for every word of the sentence and of its translation."""

    training_pairs: int  # pairs the counts are from
    rare_below: int  # a word seen in fewer pairs is rare
    source_words: list[WordSeen]
    target_words: list[WordSeen]
    source_token_pairs: list[int]  # per source token (a piece of a subword model): training pairs holding it
    rare_source_words: list[int]  # indices into source_words: seen in fewer than rare_below pairs
    unseen_share: float  # the share of the sentence's lower-case words never seen on the English side
    looks_english: bool  # False when most of them were never seen: perhaps not English


@dataclass(frozen=True)
class Trace:
    model: ModelInfo
    source: str  # the sentence as given (after cutting, when truncated)
    source_tokens: list[str]
    unknown_source_tokens: list[int]  # indices of source tokens the model sees as <unk>
    encoder_outputs: list[list[float]]  # one vector per source token (top LSTM layer)
    steps: list[Step]
    target_tokens: list[str]  # the output tokens without the final <EOS>
    translation: str
    truncated: bool = False  # True when the input was cut at model.max_source_tokens
    original_token_count: int = 0  # tokens before cutting
    finished: bool = True  # False when decoding hit max_output_tokens before <EOS>
    forced_prefix: list[str] = field(default_factory=list)
    source_labels: list[str] = field(default_factory=list)  # source_tokens as the app writes them
    target_labels: list[str] = field(default_factory=list)  # target_tokens as the app writes them
    beam_width: int = 1  # 1: greedy, as in the video; more: the best translation of a beam search
    read_as: str = ""  # the sentence the model read, where it differs from `source` (see model/inference/reading.py)
    notes: list[ReadingNote] = field(default_factory=list)  # what was read differently, limits met
    output_limit: int = 0  # decoding stops after this many steps if <EOS> has not come
    evidence: TraceEvidence | None = None  # what the model learned from (None: its folder has no index)

    def __post_init__(self) -> None:
        object.__setattr__(self, "source_labels", self.source_labels or list(self.source_tokens))
        object.__setattr__(self, "target_labels", self.target_labels or list(self.target_tokens))

    def to_dict(self) -> dict:
        """Plain JSON-ready data: lists, numbers, strings."""
        data = asdict(self)
        for step in data["steps"]:
            for name in ROW_FIELDS:
                if step[name] is not None:
                    step[name] = [row.tolist() for row in step[name]]
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict) -> "Trace":
        data = dict(data)
        data["model"] = ModelInfo(**data["model"])
        data["notes"] = [ReadingNote(**note) for note in data.get("notes") or []]
        if data.get("evidence") is not None:
            evidence = data["evidence"]
            data["evidence"] = TraceEvidence(**{**evidence, **{side: [WordSeen(**w) for w in evidence[side]]
                                                              for side in ("source_words", "target_words")}})
        data["steps"] = [
            Step(**{**step, "top_k": [candidate_from_dict(c) for c in step["top_k"]],
                    "beam": None if step.get("beam") is None else [BeamHypothesis(**h) for h in step["beam"]],
                    **{name: float32_rows(step.get(name)) for name in ROW_FIELDS}})
            for step in data["steps"]
        ]
        return cls(**data)

    @classmethod
    def from_json(cls, text: str) -> "Trace":
        return cls.from_dict(json.loads(text))

    @property
    def attention_matrix(self) -> list[list[float]] | None:
        """Weights of every step: output words (rows) x input words (columns)."""
        if not self.model.attention:
            return None
        return [step.weights for step in self.steps]
