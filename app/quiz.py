"""Guess first: before a step's numbers, the student answers (a) which input word the decoder will
look at most, (b) which of five words it will write, (c) optionally what share that input word will
get; "Reveal" (key V) then opens the step, each answer marked right or wrong, and the sentence keeps a score.

The questions and every answer's marks are in the step document (app/viewer/document.py, graded by
model.inference.quiz), so guessing and revealing happen in the browser. The toggle is bound to the URL
(`?quiz=true`), so a share link reopens quiz mode.
"""
from __future__ import annotations

import streamlit as st

from .i18n import t

QUIZ_KEY = "quiz"


def is_on() -> bool:
    return bool(st.session_state.get(QUIZ_KEY, False))


def render_toggle() -> None:
    st.toggle(t("quiz.toggle"), key=QUIZ_KEY, bind="query-params", help=t("quiz.help"))
