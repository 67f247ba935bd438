"""How a model is trained: the data, the schedule, the augmentation. Recorded as `settings` in the
model folder's training.json; the architecture is model/inference/config.py's ModelConfig."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

from ..inference.config import ModelConfig


@dataclass
class TrainingConfig:
    model: ModelConfig = field(default_factory=ModelConfig)  # the architecture trained (config.json)
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
    distilled: str = ""  # a teacher's translations of the training English (model.distill): learned instead
    distilled_min_chrf: float = 0.0  # ... of those scoring at least this sentence chrF against the corpus's
    synthetic: str = ""  # a teacher's translations of English this corpus lacks (model.distill --other): added
    subword_sampling: float = 0.0  # sentencepiece only: > 0, each epoch splits the training pairs anew, sampled
    # with this smoothing (subword regularization, Kudo 2018); 0: always the one likeliest split
    soup_with: str = ""  # a finished run's model folder, trained from the same --init-from with another seed:
    # the saved weights average this run's with that one's when that lowers validation loss

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.name == "model":
                continue
            value, default = getattr(self, f.name), getattr(TrainingConfig, f.name)
            expected = (int, float) if isinstance(default, float) else (type(default),)
            if not isinstance(value, expected) or isinstance(value, bool):
                raise ValueError(f"{f.name} must be {' or '.join(t.__name__ for t in expected)}, got {value!r}")
        if self.subword_sampling and self.model.tokenizer != "sentencepiece":
            raise ValueError("subword_sampling needs the sentencepiece tokenizer (a word vocabulary has one split)")

    def settings(self) -> dict:
        """The training settings alone (the architecture is saved as config.json)."""
        return {name: value for name, value in asdict(self).items() if name != "model"}

    @classmethod
    def from_record(cls, model: ModelConfig, record: dict | None) -> "TrainingConfig":
        """From a folder's training.json (its `settings`); defaults where a record has none."""
        known = {f.name for f in fields(cls)} - {"model"}
        settings = (record or {}).get("settings") or {}
        return cls(model=model, **{k: v for k, v in settings.items() if k in known})


TRAINING_FIELDS = tuple(f.name for f in fields(TrainingConfig) if f.name != "model")
