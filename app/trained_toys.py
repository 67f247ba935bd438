"""The toy models this browser session trained on the Train page.

They live in the session only (nothing is written to disk) and Explore offers them in its model
picker as `trained-1`, `trained-2`, ...: every panel then shows the session's own weights.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from model.inference.api import TranslationModel
    from model.training.live import ToyRun

RUNS_KEY = "_trained_toys"
ID_PREFIX = "trained-"
MAX_RUNS = 20  # the oldest run leaves the session beyond this (each keeps a model in memory)


@dataclass(frozen=True)
class TrainedToy:
    number: int  # 1, 2, ... in the order the session trained them
    uid: str  # unique across sessions: another session's `trained-1` is another model
    run: "ToyRun"
    model: "TranslationModel"

    @property
    def model_id(self) -> str:
        return f"{ID_PREFIX}{self.number}"


def trained() -> list[TrainedToy]:
    """This session's runs, oldest first."""
    return list(st.session_state.get(RUNS_KEY, []))


def add(run: "ToyRun") -> TrainedToy:
    runs = trained()
    toy = TrainedToy(runs[-1].number + 1 if runs else 1, uuid.uuid4().hex, run, run.model())
    st.session_state[RUNS_KEY] = (runs + [toy])[-MAX_RUNS:]
    return toy


def is_trained_id(model_id: str | None) -> bool:
    return bool(model_id) and model_id.startswith(ID_PREFIX)


def find(model_id: str) -> TrainedToy | None:
    return next((toy for toy in trained() if toy.model_id == model_id), None)


def model_ids() -> list[str]:
    return [toy.model_id for toy in trained()]
