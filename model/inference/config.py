"""The one config dataclass of a model's architecture, saved as `config.json` beside its weights.

How a model was trained (data, epochs, rates, augmentation) is model/training/config.py's
TrainingConfig, recorded in the folder's training.json.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .languages import REGISTRY
from .scores import SCORES

TOKENIZERS = ("words", "sentencepiece")


@dataclass
class ModelConfig:
    name: str = "en-fr"  # the model folder's name under pretrained/, shown in the app
    source_language: str = "en"  # a code of model/inference/languages.py: what the input is tokenized as
    target_language: str = "fr"  # the same for the output: what it is detokenized as
    attention: bool = True  # False: the decoder sees only the encoder's final states (the comparison model)
    score: str | None = "dot"  # one of SCORES (model/inference/scores.py), or None when attention is False
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
            if getattr(self, name) not in REGISTRY:
                raise ValueError(f"{name} must be one of {', '.join(REGISTRY)}, got {getattr(self, name)!r}")
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
