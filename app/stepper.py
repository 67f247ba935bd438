"""Which decoding step the server shows its tools for, and the `step` URL parameter.

The browser steps through the document by itself (app/viewer); it tells the server where the user
paused, and the server keeps that step in Session State and in the URL (`?step=`, 1-based, as said in
class), so a reload, a share link or a language switch reopens it.
"""
from __future__ import annotations

import streamlit as st

STEP_KEY = "step"  # Session State key and URL parameter


def _from_url() -> int | None:
    try:
        return int(st.query_params.get(STEP_KEY, ""))
    except ValueError:
        return None


def current_step(step_count: int) -> int:
    """The step to open (1-based): this session's, else the link's, else the first; always in range
    (a shorter what-if or a new sentence falls back into it)."""
    value = st.session_state.get(STEP_KEY)
    if not isinstance(value, int):
        value = _from_url() or 1
    return min(max(value, 1), max(step_count, 1))


def keep_step(step: int) -> None:
    st.session_state[STEP_KEY] = step
    if st.query_params.get(STEP_KEY) != str(step):
        st.query_params[STEP_KEY] = str(step)


def reset_step() -> None:
    st.session_state[STEP_KEY] = 1
