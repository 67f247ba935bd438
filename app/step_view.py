"""The part of the explore page that follows the decoding step. It runs as a fragment: moving
between steps re-renders only this, from the cached trace, never the model."""
from __future__ import annotations

import streamlit as st

from model.inference.trace import Trace

from . import quiz
from .display import is_presenting
from .format import md_code
from .i18n import t
from .panels import PANELS, PANELS_BY_ID
from .stepper import PLAY_SECONDS, advance_if_playing, is_playing, render_controls

PANEL_KEY = "panel"  # presentation mode: which panel is on screen (widget key and URL parameter)
PANEL_NUMBERS = {panel.id: number for number, panel in enumerate(PANELS)}  # 0 is the picture


def _step_heading(trace: Trace, index: int, hide_output: bool = False) -> None:
    step = trace.steps[index]
    if hide_output:  # guess first: the word written is the answer
        st.markdown(t("quiz.heading", step=index + 1, count=len(trace.steps), input=md_code(step.input_label)))
        return
    st.markdown(
        t(
            "step.heading",
            step=index + 1,
            count=len(trace.steps),
            input=md_code(step.input_label),
            output=md_code(step.output_label),
        )
        + (" " + t("edit.heading_mark") if step.attention_edited else "")
    )


def _move_panel(delta: int) -> None:
    ids = [panel.id for panel in PANELS]
    current = st.session_state.get(PANEL_KEY) or ids[0]
    position = ids.index(current) if current in ids else 0
    st.session_state[PANEL_KEY] = ids[min(max(position + delta, 0), len(ids) - 1)]


def _render_one_panel(trace: Trace, index: int) -> None:
    """Presentation mode: the step sentence and a panel chooser on one row (Page Up / Page Down, as
    a slide clicker sends), then one panel."""
    heading_col, chooser_col = st.columns([4, 7], vertical_alignment="center")
    with heading_col:
        _step_heading(trace, index)
    with chooser_col, st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button(t("panel.previous"), key="panel_previous", shortcut="PageUp", on_click=_move_panel, args=(-1,))
        # Shown (and stored in the URL) as the panel's number, the same in every language.
        chosen = st.segmented_control(
            t("panel.chooser"),
            options=[panel.id for panel in PANELS],
            format_func=lambda panel_id: str(PANEL_NUMBERS[panel_id]),
            required=True,  # no `default`: Page Up / Page Down move it through Session State
            key=PANEL_KEY,
            bind="query-params",
            label_visibility="collapsed",
        )
        st.button(t("panel.next"), key="panel_next", shortcut="PageDown", on_click=_move_panel, args=(1,))
    panel = PANELS_BY_ID.get(chosen or PANELS[0].id, PANELS[0])
    with st.container(key=f"panel-{panel.id}"):
        panel.render(trace, index, t(panel.title_key))


def _render_all_panels(trace: Trace, index: int) -> None:
    for panel in PANELS:
        with st.container(border=True, key=f"panel-{panel.id}"):
            panel.render(trace, index, t(panel.title_key))


def render_steps(trace: Trace) -> None:
    advance_if_playing(len(trace.steps))
    step = render_controls(len(trace.steps))
    index = min(max(step, 1), len(trace.steps)) - 1
    if quiz.is_on():
        if not quiz.is_revealed(trace, index):
            _step_heading(trace, index, hide_output=True)
            quiz.render_question(trace, index)
            return
        quiz.render_result(trace, index)
    if is_presenting():
        _render_one_panel(trace, index)
    else:
        _step_heading(trace, index)
        _render_all_panels(trace, index)


def render(trace: Trace) -> None:
    """Draw the step controls and panels as a fragment; while playing it reruns itself on a timer."""
    st.fragment(render_steps, run_every=PLAY_SECONDS if is_playing() else None)(trace)
