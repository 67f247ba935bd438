"""The one config dataclass of a model, saved as `config.json` beside its weights."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

SCORES = ("dot", "cosine", "general", "additive")
LANGUAGES = ("en", "fr", "es")  # what model/tokenize.py handles
TOKENIZERS = ("words", "sentencepiece")


@dataclass
class ModelConfig:
    name: str = "en-fr"  # the model folder's name under pretrained/, shown in the app
    source_language: str = "en"  # one of LANGUAGES: what the input is tokenized as
    target_language: str = "fr"  # one of LANGUAGES: what the output is detokenized as
    attention: bool = True  # False: the decoder sees only the encoder's final states (the comparison model)
    score: str | None = "dot"  # one of SCORES, or None when attention is False
    embedding_size: int = 256  # numbers per word embedding (input and output words)
    hidden_size: int = 256  # numbers per LSTM state: encoder outputs, decoder outputs, attention values
    num_layers: int = 2  # stacked LSTM layers in the encoder and in the decoder
    dropout: float = 0.2  # training only: on embeddings, between LSTM layers, before the output layer
    max_source_tokens: int = 50  # longer input is refused (CLI) or cut (app), and says so
    max_output_tokens: int = 60  # decoding stops here if <EOS> has not come
    weights_dtype: str = "float16"  # how model.safetensors stores weights; computing is float32
    tokenizer: str = "words"  # "words": Moses words and a word vocabulary; "sentencepiece": subword pieces
    bidirectional: bool = False  # encoder reads both ways; each encoder output = forward + backward output
    tie_embeddings: bool = False  # one vocabulary and embedding for both sides, reused by the output layer
    # Training (kept in the same dataclass so one file tells how a model was made)
    data: str = ""  # the corpus file it was trained on (relative to the repository)
    min_count: int = 2  # words only: a word seen fewer times in training is <unk>
    max_train_tokens: int = 30  # training pairs longer than this (either side) are skipped
    validation_percent: float = 3.0  # held out by a stable hash of the English side
    batch_tokens: int = 3000  # padded tokens per training batch (sentences of similar length together)
    learning_rate: float = 2e-3  # Adam's rate at the start
    lr_decay_start_epoch: int = 0  # 0: constant rate; from this (1-based) epoch on, multiply by lr_decay each epoch
    lr_decay: float = 0.5  # the factor of that schedule
    max_epochs: int = 20  # passes over the training examples at most
    patience: int = 2  # stop after this many epochs without a better validation loss
    time_budget_minutes: float = 0.0  # 0: no limit
    seed: int = 1234  # initial weights, batch order and augmentation: a run is repeatable
    vocab_size: int = 8000  # sentencepiece only: pieces in the (joint) vocabulary
    joined_percent: float = 0.0  # extra training examples made of 2-3 pairs joined (in % of the pairs)
    max_joined_tokens: int = 100  # a joined example stays under this many pieces on either side
    copy_percent: float = 0.0  # extra examples with a name or number swapped for a made-up one (% of pairs)
    average_last: int = 1  # the saved weights average the best epoch's with the epochs before it

    def __post_init__(self) -> None:
        for f in fields(self):
            value, default = getattr(self, f.name), getattr(ModelConfig, f.name, None)
            expected = {"score": (str, type(None))}.get(f.name) or (
                (int, float) if isinstance(default, float) else (type(default),))
            if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
                raise ValueError(f"{f.name} must be {' or '.join(t.__name__ for t in expected)}, got {value!r}")
        for name in ("embedding_size", "hidden_size", "num_layers", "max_source_tokens", "max_output_tokens"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        for name in ("source_language", "target_language"):
            if getattr(self, name) not in LANGUAGES:
                raise ValueError(f"{name} must be one of {', '.join(LANGUAGES)}, got {getattr(self, name)!r}")
        if self.weights_dtype not in ("float16", "float32"):
            raise ValueError(f"weights_dtype must be float16 or float32, got {self.weights_dtype!r}")
        if self.tokenizer not in TOKENIZERS:
            raise ValueError(f"tokenizer must be one of {TOKENIZERS}, got {self.tokenizer!r}")
        if self.tie_embeddings and self.tokenizer != "sentencepiece":
            raise ValueError("tie_embeddings needs the joint sentencepiece vocabulary")
        if self.attention and self.score not in SCORES:
            raise ValueError(f"score must be one of {SCORES}, got {self.score!r}")
        if not self.attention:
            self.score = None

    @property
    def language_pair(self) -> str:
        return f"{self.source_language}-{self.target_language}"

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "ModelConfig":
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError(f"{path} is not a JSON object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(f"{path} has unknown keys: {', '.join(unknown)}")
        return cls(**raw)
