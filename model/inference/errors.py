"""The two errors the API raises, in a module without torch: a UI can catch them before (or
without) loading a model."""
from __future__ import annotations

from typing import Literal, get_args

# Why a sentence or setting is refused; each has a message in the app's catalogs (input.refused.*,
# train.refused.*), so a UI says it in its own language.
InputErrorKind = Literal[
    "invalid", "not_text", "empty", "too_many_tokens", "unknown_forced_words", "too_many_forced_words",
    "no_attention_to_edit", "bad_attention_edit", "bad_attention_step", "bad_attention_weights",
    "wrong_attention_count", "bad_beam", "beam_with_edits",
    "bad_score", "bad_hidden_size", "bad_learning_rate", "bad_epochs", "bad_seed",
]
INPUT_ERROR_KINDS: tuple[str, ...] = get_args(InputErrorKind)


class ModelLoadError(Exception):
    """A model folder is missing, incomplete or corrupt. The message says which and why."""


class InputError(ValueError):
    """The sentence (or forced prefix, or a toy's settings) cannot be used. The message is for the user
    (English); `reason` names the problem and `values` hold its numbers and words, so a UI can say it
    in its own language."""

    def __init__(self, message: str, reason: InputErrorKind = "invalid", **values):
        if reason not in INPUT_ERROR_KINDS:
            raise ValueError(f"unknown InputError kind {reason!r}")
        super().__init__(message)
        self.reason = reason
        self.values = values
