"""The part of the explore page that follows the decoding step: the step viewer, which the browser
steps through by itself, and under it the tools that need the model (editing the attention, what-if),
for the step where the user paused."""
from __future__ import annotations

import threading
import weakref

import streamlit as st

from model.inference.trace import Trace

from . import attention_edit, quiz, whatif
from .display import is_presenting
from .format import source_labels, trace_key
from .i18n import current_language, t
from .panels import PANELS, PANELS_BY_ID
from .stepper import current_step, keep_step
from .viewer import component
from .viewer.document import build_document

PANEL_KEY = "panel"  # presentation mode: which panel is on screen (Session State key and URL parameter)
PANEL_NUMBERS = {panel.id: number for number, panel in enumerate(PANELS)}  # 0 is the picture
SEEN_KEY = "_viewer_state_seen"  # the viewer's last reported (step, panel): only a change moves the page
_documents: dict[int, dict] = {}  # id(trace) -> {(language, mode, quiz): packed}, while the trace lives
_documents_lock = threading.Lock()


def packed_document(trace: Trace, language: str, presenting: bool, quizzing: bool) -> tuple[str, str]:
    """(id, packed document), built once per trace and page language and mode, shared by every session
    that shows the same cached trace. Built under a lock: 30 students opening the teacher's sentence at
    once wait for one build instead of making 30 (building is Python work: threads would not overlap)."""
    key = (language, presenting, quizzing)
    with _documents_lock:
        known = _documents.get(id(trace), {}).get(key)
        if known is None:
            document = build_document(trace, language, presenting, quizzing)
            known = (document["id"], component.pack(document))
            if id(trace) not in _documents:
                _documents[id(trace)] = {}
                weakref.finalize(trace, _documents.pop, id(trace), None)
            _documents[id(trace)][key] = known
    return known


def panel_id(value) -> str | None:
    """A panel from the URL: its number, as the viewer's chooser shows it (the same in every language)."""
    if isinstance(value, str) and value.isdigit() and int(value) < len(PANELS):
        return PANELS[int(value)].id
    return value if value in PANELS_BY_ID else None


def current_panel() -> str:
    return panel_id(st.session_state.get(PANEL_KEY)) or panel_id(st.query_params.get(PANEL_KEY)) or PANELS[0].id


def render(trace: Trace) -> None:
    presenting = is_presenting()
    step = current_step(len(trace.steps))
    panel = current_panel() if presenting else None
    document_id, packed = packed_document(trace, current_language(), presenting, quiz.is_on())
    state = component.show(document_id, packed, step, panel)
    reported = (state.get("step"), state.get("panel"))
    if reported != st.session_state.get(SEEN_KEY):  # the user moved in the browser since the last run
        st.session_state[SEEN_KEY] = reported
        moved = reported[0] if isinstance(reported[0], dict) else {}
        if isinstance(moved.get("step"), int) and moved.get("sentence") == trace_key(trace):
            step = min(max(moved["step"], 1), len(trace.steps))
        if presenting and panel_id(reported[1]):
            panel = panel_id(reported[1])
    keep_step(step)
    if presenting:
        st.session_state[PANEL_KEY] = panel
        number = str(PANEL_NUMBERS[panel])
        if st.query_params.get(PANEL_KEY) != number:
            st.query_params[PANEL_KEY] = number
    render_tools(trace, step - 1)


def render_tools(trace: Trace, index: int) -> None:
    """Editing the attention and what-if make a new trace: they go through the model on the server.
    While the class guesses first they wait: they would show the step's answer."""
    if quiz.is_on():
        return
    if trace.beam_width != 1:
        st.caption(t("beam.greedy_only"))
        return
    with st.container(border=True, key="step-tools"):
        st.markdown(f"**{t('tools.title', step=index + 1)}**")
        if trace.steps[index].weights is not None:
            attention_edit.render_editor(trace, index, source_labels(trace))
        whatif.render_picker(trace, index)
