"""Which models the app offers (every model folder in pretrained/), and loading each once per server.

A missing folder hides only that model; a folder that fails to load disables only that model and
the page says why.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from model.inference.config import ModelConfig
from model.inference.folder import CONFIG_FILE, WEIGHTS_FILE
from model.inference.languages import language

from . import trained_toys
from .i18n import current_language, t
from .server_tuning import freeze_what_is_loaded, release_free_heap

if TYPE_CHECKING:  # the app never imports torch; the model package does
    from model.inference.api import TranslationModel

REPO_ROOT = Path(__file__).resolve().parent.parent
PRETRAINED_ENV = "ATTENTION_EXPLORER_PRETRAINED"  # lets tests and development point elsewhere


@dataclass(frozen=True)
class ModelChoice:
    id: str  # folder name under pretrained/ and the `model` URL parameter
    source_language: str  # language codes (model/inference/languages.py)
    target_language: str
    attention: bool
    toy: bool = False
    broken: bool = False  # its config.json cannot be read: chosen, the page says why

    def label(self) -> str:
        """Its name in the page's language, e.g. "English → French (with attention)"."""
        if self.toy:
            return t("model.toy")
        if self.broken:
            return self.id
        names = {side: language(code).names.get(current_language(), code)
                 for side, code in (("source", self.source_language), ("target", self.target_language))}
        return t("model.pair_with" if self.attention else "model.pair_without", **names)

    @property
    def examples(self) -> tuple[str, ...]:
        """The video's sentence first, then sentences this language pair's models translate right."""
        if self.toy:
            return TOY_EXAMPLES
        return (VIDEO_SENTENCE, *(() if self.broken else language(self.target_language).examples))


VIDEO_SENTENCE = "Don't eat the delicious looking and smelling pizza."
TOY_EXAMPLES = ("let's go", "to go", "Let's go.")
TOY_ID = "statquest-toy"
DEFAULT_MODEL = "en-fr"  # first in the picker
SHIPPED = ("en-fr", "en-es", "en-fr-no-attention", TOY_ID)  # the folders this repository commits


def pretrained_dir() -> Path:
    return Path(os.environ.get(PRETRAINED_ENV) or REPO_ROOT / "pretrained")


def model_folder(model_id: str) -> Path:
    return pretrained_dir() / model_id


@st.cache_resource(show_spinner=False, ttl=60)
def _read_choices(folder: str) -> list[ModelChoice]:
    choices = []
    for path in sorted(Path(folder).glob(f"*/{CONFIG_FILE}")):
        try:
            config = ModelConfig.load(path)
        except (OSError, ValueError, TypeError):  # offered all the same: when chosen, the page says what is wrong
            choices.append(ModelChoice(path.parent.name, "", "", attention=True, broken=True))
            continue
        choices.append(ModelChoice(path.parent.name, config.source_language, config.target_language, config.attention,
                                   toy=path.parent.name == TOY_ID))
    return sorted(choices, key=lambda c: (c.toy, not c.attention, c.id != DEFAULT_MODEL, c.id))


def installed_choices() -> list[ModelChoice]:
    """Every model folder in pretrained/ (the default first, the toy last)."""
    return _read_choices(str(pretrained_dir()))


def choice(model_id: str) -> ModelChoice | None:
    return next((c for c in installed_choices() if c.id == model_id), None)


def missing_choices() -> list[str]:
    """The shipped models whose folder is not there."""
    return [model_id for model_id in SHIPPED if not model_folder(model_id).is_dir()]


def comparison_pairs() -> list[tuple[ModelChoice, ModelChoice]]:
    """(with attention, without) for each language pair that has both, the same folder name first."""
    installed = installed_choices()
    pairs = []
    for without in (c for c in installed if not c.attention and not c.toy and not c.broken):
        same_pair = [c for c in installed if c.attention and not c.toy and not c.broken
                     and (c.source_language, c.target_language) == (without.source_language, without.target_language)]
        same_pair.sort(key=lambda c: without.id != f"{c.id}-no-attention")
        if same_pair:
            pairs.append((same_pair[0], without))
    return pairs


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
    found = None if trained_toys.is_trained_id(model_id) else choice(model_id)
    return found.examples if found else TOY_EXAMPLES
