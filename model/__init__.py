"""Attention Explorer's model package: an LSTM encoder-decoder translator with attention.

`from model import load_model` is the entry point; see `model.api`.

The names are loaded on first use (PEP 562), so `model.trace` and `model.errors`, which need no
torch, can be imported without importing torch: the app draws its inputs before torch has loaded.
"""
from importlib import import_module

_WHERE = {
    "load_model": "api", "TranslationModel": "api",
    "InputError": "errors", "ModelLoadError": "errors",
    "Trace": "trace", "Step": "trace", "Candidate": "trace", "ModelInfo": "trace",
}
__all__ = ["load_model", "TranslationModel", "InputError", "ModelLoadError", "Trace", "Step", "Candidate", "ModelInfo"]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'model' has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
