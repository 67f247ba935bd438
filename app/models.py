"""Which models the app offers, where their folders are, and loading each once per server.

A missing folder hides only that model; a folder that fails to load disables only that model and
the page says why.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from model.inference.folder import WEIGHTS_FILE

from . import trained_toys
from .server_tuning import freeze_what_is_loaded, release_free_heap

if TYPE_CHECKING:  # the app never imports torch; the model package does
    from model.inference.api import TranslationModel

REPO_ROOT = Path(__file__).resolve().parent.parent
PRETRAINED_ENV = "ATTENTION_EXPLORER_PRETRAINED"  # lets tests and development point elsewhere


@dataclass(frozen=True)
class ModelChoice:
    id: str  # folder name under pretrained/ and the `model` URL parameter
    label_key: str  # i18n key of its name in the model picker
    examples: tuple[str, ...]  # example sentences this model knows


GENERAL_EXAMPLES = (
    "Don't eat the delicious looking and smelling pizza.",
    "Let's go.",
    "I am cold.",
    "Where is the train station?",
    "She reads a book every evening.",
)
TOY_EXAMPLES = ("let's go", "to go", "Let's go.")

CHOICES = (
    ModelChoice("en-fr", "model.en_fr", GENERAL_EXAMPLES),
    ModelChoice("en-es", "model.en_es", GENERAL_EXAMPLES),
    ModelChoice("en-fr-no-attention", "model.en_fr_no_attention", GENERAL_EXAMPLES),
    ModelChoice("statquest-toy", "model.toy", TOY_EXAMPLES),
)
CHOICES_BY_ID = {choice.id: choice for choice in CHOICES}
WITH_ATTENTION, WITHOUT_ATTENTION = "en-fr", "en-fr-no-attention"  # the compare page's pair


def pretrained_dir() -> Path:
    return Path(os.environ.get(PRETRAINED_ENV) or REPO_ROOT / "pretrained")


def model_folder(model_id: str) -> Path:
    return pretrained_dir() / model_id


def installed_choices() -> list[ModelChoice]:
    """Models whose folder exists, in the picker's order."""
    return [choice for choice in CHOICES if model_folder(choice.id).is_dir()]


def missing_choices() -> list[ModelChoice]:
    return [choice for choice in CHOICES if not model_folder(choice.id).is_dir()]


def weights_version(model_id: str) -> float:
    """Modification time of the weights: a retrained model replaces the cached one."""
    try:
        return (model_folder(model_id) / WEIGHTS_FILE).stat().st_mtime
    except OSError:
        return 0.0


@st.cache_resource(show_spinner=False, max_entries=8)
def _load(folder: str, version: float) -> "TranslationModel":
    from model import load_model  # the model package brings torch; the app itself never imports it

    model = load_model(folder)
    freeze_what_is_loaded()  # app/server_tuning.py says why
    release_free_heap()
    return model


def load(model_id: str) -> "TranslationModel":
    """The loaded model, shared by every session (or this session's trained toy). Raises
    model.ModelLoadError with a clear message."""
    if trained_toys.is_trained_id(model_id):
        toy = trained_toys.find(model_id)
        if toy is None:
            from model.inference.errors import ModelLoadError

            raise ModelLoadError(f"No toy model {model_id} was trained in this browser session.")
        return toy.model
    return _load(str(model_folder(model_id)), weights_version(model_id))


def session_model(model_id: str) -> "TranslationModel | None":
    """This session's trained toy for a `trained-N` id (None for an installed model)."""
    toy = trained_toys.find(model_id) if trained_toys.is_trained_id(model_id) else None
    return toy.model if toy else None


def cache_key(model_id: str) -> str:
    """What identifies the model across sessions: its folder name, or the trained toy's unique id."""
    toy = trained_toys.find(model_id) if trained_toys.is_trained_id(model_id) else None
    return f"{trained_toys.ID_PREFIX}{toy.uid}" if toy else model_id


def examples(model_id: str) -> tuple[str, ...]:
    return TOY_EXAMPLES if trained_toys.is_trained_id(model_id) else CHOICES_BY_ID[model_id].examples
