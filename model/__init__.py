"""Attention Explorer's model package: an LSTM encoder-decoder translator with attention.

`from model import load_model` is the entry point; see `model.inference.api`.

    model/inference/   what runs in class: load a folder, tokenize, decode, trace
    model/training/    how models are made: data, training, evaluation, cards (imports inference)
    model/*.py         the command lines (python -m model.train, .translate, .trace, .evaluate, .card)

The names are loaded on first use (PEP 562), so `model.inference.trace` and `model.inference.errors`, which need no
torch, can be imported without importing torch: the app draws its inputs before torch has loaded.
"""
from importlib import import_module

_WHERE = {
    "load_model": "inference.loading", "TranslationModel": "inference.api",
    "InputError": "inference.errors", "ModelLoadError": "inference.errors",
    "Trace": "inference.trace", "Step": "inference.trace", "Candidate": "inference.trace",
    "ModelInfo": "inference.trace",
}
__all__ = ["load_model", "TranslationModel", "InputError", "ModelLoadError", "Trace", "Step", "Candidate", "ModelInfo"]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'model' has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
