"""Compute a trace once per (model, sentence, forced words) and hand back the Trace or a message.

The model runs only here. Each Trace is computed once per server and shared, read-only, by every
session that asks for the same sentence: moving between steps, switching language or re-rendering a
panel never reruns the model, nor copies or re-parses the trace.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from model.inference.errors import InputError, ModelLoadError
from model.inference.trace import Trace

from . import models
from .attention_edit import parse_edits
from .format import md_code
from .i18n import CATALOGS, current_language, t

MAX_INPUT_CHARACTERS = 2000  # longer text is refused before tokenizing; the model cuts at its token limit
# A trace grows with both lengths (docs/deploy.md gives the sizes) and is quick to recompute
# (bench/trace_latency.py), so a small cache bounds memory at little cost.
CACHED_TRACES, CACHED_TRACE_SECONDS = 32, 3600


@dataclass
class TraceResult:
    trace: Trace | None = None
    error: str | None = None  # a message for the page in the user's language (safe Markdown)
    detail: str = ""  # the model's own words about the problem: raw text, shown literally
    error_kind: str = ""  # "input", "model" or "unexpected": how the page shows it


@st.cache_resource(show_spinner=False, max_entries=CACHED_TRACES, ttl=CACHED_TRACE_SECONDS)
def _trace(model_key: str, version: float, sentence: str, forced: tuple[str, ...], edits: tuple[str, ...] = (),
           beam: int = 1, _session_model=None) -> Trace:
    """Shared by every session (st.cache_resource hands out the object itself): the app only reads it.
    A toy trained in a session comes as `_session_model`, keyed by its unique id (models.cache_key)."""
    model = _session_model if _session_model is not None else models.load(model_key)
    return model.trace(sentence, prefix=list(forced) or None, truncate=True,
                       attention_edits=parse_edits(edits) or None, beam=beam)


def compute_trace(model_id: str, sentence: str, forced: tuple[str, ...] = (), edits: tuple[str, ...] = (),
                  beam: int = 1) -> TraceResult:
    """Never raises: every failure becomes a message for the page."""
    if not sentence.strip():
        return TraceResult(error=t("input.empty"), error_kind="input")
    if len(sentence) > MAX_INPUT_CHARACTERS:
        return TraceResult(error=t("input.too_long", count=len(sentence), limit=MAX_INPUT_CHARACTERS), error_kind="input")
    if parse_edits(edits) is None:
        return TraceResult(error=t("edit.bad_link"), detail=" ".join(edits), error_kind="input")
    try:
        trace = _trace(models.cache_key(model_id), models.weights_version(model_id), sentence, tuple(forced),
                       tuple(edits), beam, _session_model=models.session_model(model_id))
    except InputError as error:
        return refused(error)
    except ModelLoadError as error:
        return TraceResult(error=t("model.load_failed"), detail=str(error), error_kind="model")
    except Exception as error:  # noqa: BLE001 - the page must show a message, never a traceback
        return TraceResult(error=t("unexpected"), detail=f"{type(error).__name__}: {error}", error_kind="unexpected")
    return TraceResult(trace=trace)


def refused(error: InputError) -> TraceResult:
    """The model's refusal in the page's language: numbers go into the message, words the user typed
    stay in the literal detail. A reason the catalog does not know keeps the model's English text."""
    key = f"input.refused.{error.reason}"
    if key not in CATALOGS[current_language()]:
        return TraceResult(error=t("input.refused"), detail=str(error), error_kind="input")
    numbers = {name: value for name, value in error.values.items() if isinstance(value, int)}
    words = ", ".join(error.values.get("words", []))
    return TraceResult(error=t(key, **numbers), detail=words, error_kind="input")


def check_model(model_id: str) -> TraceResult | None:
    """None when the model loads, else a result carrying the message saying why it cannot be used."""
    try:
        models.load(model_id)
    except ModelLoadError as error:
        return TraceResult(error=t("model.load_failed"), detail=str(error), error_kind="model")
    except Exception as error:  # noqa: BLE001
        return TraceResult(error=t("unexpected"), detail=f"{type(error).__name__}: {error}", error_kind="unexpected")
    return None


def show_problem(result: TraceResult) -> None:
    """An error or warning box: our message, then the detail as literal text."""
    body = result.error if not result.detail else f"{result.error}\n\n{md_code(result.detail)}"
    (st.warning if result.error_kind == "input" else st.error)(body)
