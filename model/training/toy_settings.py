"""What the class sets for a toy training run, and what a worker hands back: plain data, no torch.

model/training/live.py runs the chunks, model/training/toy.py trains them; both import this.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..inference.config import SCORES
from ..inference.errors import InputError

HIDDEN_SIZES = (1, 2, 3, 4, 8, 16, 32)
MAX_EPOCHS = 3000
MAX_SEED = 2**31 - 1
TOY_PAIRS = [("let's go", "vamos"), ("to go", "ir")]  # the video's two phrases (model/toy.py trains on them)
WATCHED_PHRASE = "let's go"  # the phrase whose attention the page redraws while the model trains


@dataclass(frozen=True)
class ToySettings:
    """What the class chooses. The defaults train the committed toy model's way (its 1,000 epochs
    take ~5 s on one core; 300 are enough for both phrases here)."""

    score: str = "dot"  # one of SCORES: dot (the video's), cosine, general (Luong), additive (Bahdanau)
    hidden_size: int = 2  # numbers per embedding and per LSTM state (the video: 2)
    learning_rate: float = 0.05  # Adam's rate
    epochs: int = 300  # full passes over the two phrases (one Adam step each)
    seed: int = 42  # the initial weights: the same settings give the same run

    def check(self) -> None:
        """InputError with a reason (shown in the page's language) for settings that cannot train."""
        if self.score not in SCORES:
            raise InputError(f"The score function must be one of {', '.join(SCORES)}.", "bad_score")
        if not isinstance(self.hidden_size, int) or not 1 <= self.hidden_size <= max(HIDDEN_SIZES):
            raise InputError(f"The hidden size must be a whole number from 1 to {max(HIDDEN_SIZES)}.",
                             "bad_hidden_size", limit=max(HIDDEN_SIZES))
        if not isinstance(self.learning_rate, (int, float)) or not 0 < self.learning_rate <= 1 \
                or not math.isfinite(self.learning_rate):
            raise InputError("The learning rate must be above 0 and at most 1.", "bad_learning_rate")
        if not isinstance(self.epochs, int) or not 1 <= self.epochs <= MAX_EPOCHS:
            raise InputError(f"The number of epochs must be from 1 to {MAX_EPOCHS}.", "bad_epochs", limit=MAX_EPOCHS)
        if not isinstance(self.seed, int) or not 0 <= self.seed <= MAX_SEED:
            raise InputError(f"The seed must be a whole number from 0 to {MAX_SEED}.", "bad_seed", limit=MAX_SEED)


@dataclass(frozen=True)
class AttentionSnapshot:
    """The attention of WATCHED_PHRASE as the model translates it now: one row per output word."""

    input_labels: list[str]
    output_labels: list[str]
    weights: list[list[float]]  # output words x input words, each row sums to 1


@dataclass(frozen=True)
class ChunkResult:
    """What a worker hands back after some epochs."""

    state: bytes  # weights and Adam's state, safetensors
    epoch: int  # epochs done in all
    losses: list[float]  # cross-entropy per target word, one per epoch of this chunk (before its update)
    first_right_epoch: int | None  # the first epoch of this chunk after which both phrases translate right
    translations: dict[str, str]  # each phrase -> its greedy translation now
    attention: AttentionSnapshot
    seconds: float  # the worker's time on this chunk
