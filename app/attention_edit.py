"""Edit the attention: set a step's percentages by hand and let the model go on from there.

The edits live in the URL (`?edit=3:10,0,90`, repeated in the order they were made: step as the app
numbers steps, then one percentage per input token) so a share link restores them and "undo" removes
the last one. Like the what-if words, they are remembered in the session across pages, and a new
sentence or model clears them. The model normalises the weights and recomputes the step
(`TranslationModel.trace(attention_edits=...)`); the app only passes them on.
"""
from __future__ import annotations

import streamlit as st

from model.inference.trace import Trace

from . import url_list
from .format import md_code, trace_key
from .i18n import t
from .stepper import STEP_KEY

EDIT_PARAM = "edit"
REMEMBERED_KEY = "_edits_for_other_pages"
TOGGLE_KEY = "edit_attention_on"


def current_edits() -> tuple[str, ...]:
    """The edits of the URL, or the ones this session made before it visited another page."""
    return url_list.current(EDIT_PARAM, REMEMBERED_KEY)


def parse_edits(edits: tuple[str, ...]) -> dict[int, list[float]] | None:
    """("3:10,0,90",) -> {2: [10.0, 0.0, 90.0]} (the trace's 0-based step index); None if one is malformed.
    A later edit of the same step replaces an earlier one."""
    parsed = {}
    for edit in edits:
        step, _, weights = edit.partition(":")
        try:
            parsed[int(step) - 1] = [float(w) for w in weights.split(",")]
        except ValueError:
            return None
    return parsed


def edited_steps(edits: tuple[str, ...]) -> list[int]:
    """Step numbers (from 1) with an edit, in the order they were made."""
    return list(dict.fromkeys(int(e.partition(":")[0]) for e in edits if e.partition(":")[0].isdigit()))


def _store(edits: list[str]) -> None:
    url_list.store(EDIT_PARAM, REMEMBERED_KEY, edits)


def clear_edits() -> None:
    url_list.clear(EDIT_PARAM, REMEMBERED_KEY)


def _apply(step_number: int, weights: list[float]) -> None:
    kept = [e for e in current_edits() if e.partition(":")[0] != str(step_number)]
    _store(kept + [f"{step_number}:{','.join(f'{w:g}' for w in weights)}"])
    st.session_state[STEP_KEY] = step_number


def undo_last() -> None:
    _store(list(current_edits())[:-1])


def _slider_key(trace: Trace, step_number: int, position: int) -> str:
    return f"edit_w_{step_number}_{position}_{trace_key(trace)}"


def _apply_sliders(trace: Trace, step_number: int, count: int) -> None:
    _apply(step_number, [float(st.session_state.get(_slider_key(trace, step_number, i), 0)) for i in range(count)])


def _apply_all_on(step_number: int, count: int) -> None:
    chosen = st.session_state.get("edit_all_on")
    if isinstance(chosen, int) and 0 <= chosen < count:
        _apply(step_number, [100.0 if i == chosen else 0.0 for i in range(count)])


def render_editor(trace: Trace, index: int, labels: list[str]) -> None:
    """Under the softmax panel: a toggle; when on, a slider per input word and "all on one word"."""
    step = trace.steps[index]
    number = index + 1
    if step.attention_edited:
        st.info(t("edit.marked", step=number))
    if not st.toggle(t("edit.toggle"), key=TOGGLE_KEY):
        render_undo()
        return
    st.caption(t("edit.explain"))
    with st.form(key=f"edit_form_{number}", border=False):
        for i, label in enumerate(labels):
            st.slider(t("edit.slider", position=i + 1, word=md_code(label)), min_value=0, max_value=100,
                      value=int(round(step.weights[i] * 100)), key=_slider_key(trace, number, i), format="%d%%")
        clicked = st.form_submit_button(t("edit.apply"), key=f"edit_apply_{number}", type="primary", on_click=_apply_sliders,
                                        args=(trace, number, len(labels)))
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
        st.selectbox(t("edit.all_on_pick"), options=list(range(len(labels))), key="edit_all_on",
                     format_func=lambda i: f"{i + 1}. {labels[i]}", width=320)
        all_on = st.button(t("edit.all_on"), key="edit_all_on_apply", on_click=_apply_all_on, args=(number, len(labels)))
    if clicked or all_on:
        st.rerun()  # the whole page: a new trace
    render_undo()


def render_undo() -> None:
    edits = current_edits()
    if not edits:
        return
    st.caption(t("edit.active", steps=", ".join(str(s) for s in edited_steps(edits))))
    with st.container(horizontal=True, gap="small"):
        undo = st.button(t("edit.undo"), key="edit_undo", on_click=undo_last)
        reset = st.button(t("edit.undo_all"), key="edit_undo_all", on_click=clear_edits)
    if undo or reset:
        st.rerun()
