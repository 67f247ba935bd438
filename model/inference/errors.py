"""The two errors the API raises, in a module without torch: a UI can catch them before (or
without) loading a model."""
from __future__ import annotations


class ModelLoadError(Exception):
    """A model folder is missing, incomplete or corrupt. The message says which and why."""


class InputError(ValueError):
    """The sentence (or forced prefix) cannot be translated. The message is for the user (English);
    `reason` names the problem and `values` hold its numbers and words, so a UI can say it in its
    own language."""

    def __init__(self, message: str, reason: str = "invalid", **values):
        super().__init__(message)
        self.reason = reason
        self.values = values
