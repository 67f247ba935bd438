"""The decoding-step control: slider, previous/next buttons (arrow keys) and play.

The step lives in the `step` widget, bound to the URL. Buttons change it through Session State
before the slider is drawn, which is how Streamlit lets code move a widget.
"""
from __future__ import annotations

import time

import streamlit as st

from .i18n import t

STEP_KEY = "step"  # widget key and URL parameter; 1-based, as said in class
PLAYING_KEY = "playing"
LAST_ADVANCE_KEY = "_last_play_advance"
PLAY_SECONDS = 2.5


def keep_in_range(step_count: int) -> None:
    """A step beyond this trace's length (a shorter what-if, a new sentence) falls back into range."""
    value = st.session_state.get(STEP_KEY)
    if isinstance(value, int) and not 1 <= value <= step_count:
        st.session_state[STEP_KEY] = min(max(value, 1), step_count)


def _move(delta: int, step_count: int) -> None:
    current = st.session_state.get(STEP_KEY) or 1
    st.session_state[STEP_KEY] = min(max(current + delta, 1), step_count)


def reset_step() -> None:
    st.session_state[STEP_KEY] = 1
    st.session_state[PLAYING_KEY] = False


def is_playing() -> bool:
    return bool(st.session_state.get(PLAYING_KEY, False))


def advance_if_playing(step_count: int) -> None:
    """On the play timer's reruns, move one step; stop at the last step."""
    if not is_playing():
        return
    now = time.monotonic()
    if now - st.session_state.get(LAST_ADVANCE_KEY, 0.0) < PLAY_SECONDS * 0.8:
        return
    st.session_state[LAST_ADVANCE_KEY] = now
    current = st.session_state.get(STEP_KEY) or 1
    if current >= step_count:
        st.session_state[PLAYING_KEY] = False
        st.rerun()  # the whole page: the timer goes away with the play state
    st.session_state[STEP_KEY] = current + 1


def _toggle_play(step_count: int) -> None:
    playing = not is_playing()
    st.session_state[PLAYING_KEY] = playing
    if playing and (st.session_state.get(STEP_KEY) or 1) >= step_count:
        st.session_state[STEP_KEY] = 1
    st.session_state[LAST_ADVANCE_KEY] = time.monotonic()


def render_controls(step_count: int) -> int:
    """Draw the controls; return the current step (1-based)."""
    keep_in_range(step_count)
    # One flex row, not st.columns: one element for the browser and the websocket instead of five.
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
        st.button(t("step.previous"), key="step_previous", shortcut="Left", on_click=_move, args=(-1, step_count))
        if step_count > 1:
            step = st.slider(t("step.label"), min_value=1, max_value=step_count, key=STEP_KEY, bind="query-params",
                             width="stretch")
        else:
            step = st.number_input(t("step.label"), min_value=1, max_value=1, key=STEP_KEY, bind="query-params",
                                   width="stretch")
        st.button(t("step.next"), key="step_next", shortcut="Right", on_click=_move, args=(1, step_count))
        label = t("step.pause") if is_playing() else t("step.play")
        if st.button(label, key="step_play", shortcut="P", on_click=_toggle_play, args=(step_count,)):
            st.rerun()  # start or stop the timer, which is set on the fragment from the whole page
    return int(step or 1)
