"""Attention Explorer's model package: an LSTM encoder-decoder translator with attention.

`from model import load_model` is the entry point; see `model.api`.
"""
from .api import InputError, ModelLoadError, TranslationModel, load_model
from .trace import Candidate, ModelInfo, Step, Trace

__all__ = ["load_model", "TranslationModel", "InputError", "ModelLoadError", "Trace", "Step", "Candidate", "ModelInfo"]
