"""Guess first: before a step's numbers, the student answers (a) which input word the decoder will
look at most, (b) which of five words it will write, (c) optionally what share that input word will
get; "Reveal" (key V) then opens the step, each answer marked right or wrong, and the sentence keeps a score.

The toggle is bound to the URL (`?quiz=true`), so a share link reopens quiz mode. The five choices are
the model's five most likely words in an order fixed by the sentence and step (model.quiz), the same
for every student; grades are model.quiz's, from the trace. Answers live in the session only.
"""
from __future__ import annotations

import streamlit as st

from model.inference.quiz import grade, tally, word_choices
from model.inference.trace import Trace

from .display import is_presenting
from .format import md_code, pct, source_labels, trace_key
from .i18n import t

QUIZ_KEY = "quiz"
ANSWERS_KEY = "_quiz_answers"
NO_GUESS = -1
SHARE_OPTIONS = [NO_GUESS, *range(0, 101, 5)]


def is_on() -> bool:
    return bool(st.session_state.get(QUIZ_KEY, False))


def render_toggle() -> None:
    st.toggle(t("quiz.toggle"), key=QUIZ_KEY, bind="query-params", help=t("quiz.help"))


def widget_key(kind: str, trace: Trace, index: int) -> str:
    return f"quiz_{kind}_{index}_{trace_key(trace)}"


def _answers(trace: Trace) -> dict:
    """This sentence's graded steps: {step index: Grade}."""
    return st.session_state.setdefault(ANSWERS_KEY, {}).setdefault(trace_key(trace), {})


def _reveal(trace: Trace, index: int) -> None:
    step = trace.steps[index]
    choices = {k: step.top_k[k].token for k in word_choices(trace.source, index, step)}
    input_guess = st.session_state.get(widget_key("input", trace, index))
    word_guess = st.session_state.get(widget_key("word", trace, index))
    share = st.session_state.get(widget_key("share", trace, index), NO_GUESS)
    _answers(trace)[index] = grade(step, input_guess, choices.get(word_guess),
                                   None if share in (None, NO_GUESS) else share / 100)


def is_revealed(trace: Trace, index: int) -> bool:
    return index in _answers(trace)


def render_question(trace: Trace, index: int) -> None:
    """The step's questions, and the Reveal button (key R)."""
    step = trace.steps[index]
    labels = source_labels(trace)
    big = "## " if is_presenting() else "#### "
    if step.weights is not None:
        st.markdown(big + t("quiz.input_q"))
        st.pills(t("quiz.input_label"), options=list(range(len(labels))), format_func=lambda i: md_code(labels[i]),
                 selection_mode="single", key=widget_key("input", trace, index), label_visibility="collapsed")
    st.markdown(big + t("quiz.word_q", previous=md_code(step.input_label)))
    choices = word_choices(trace.source, index, step)
    st.radio(t("quiz.word_label"), options=choices, format_func=lambda k: md_code(step.top_k[k].label), index=None,
             horizontal=True, key=widget_key("word", trace, index), label_visibility="collapsed")
    if step.weights is not None:
        st.select_slider(t("quiz.share_q"), options=SHARE_OPTIONS, value=NO_GUESS, key=widget_key("share", trace, index),
                         format_func=lambda v: t("quiz.no_guess") if v == NO_GUESS else f"{v}%")
    if st.button(t("quiz.reveal"), key="quiz_reveal", type="primary", shortcut="V", on_click=_reveal,
                 args=(trace, index)):
        st.rerun(scope="fragment")


def render_result(trace: Trace, index: int) -> None:
    """Each answer marked right or wrong, then the sentence's score."""
    step = trace.steps[index]
    result = _answers(trace)[index]
    labels = source_labels(trace)
    lines = []
    if result.top_input is not None:
        top = md_code(labels[result.top_input])
        key = {True: "quiz.input_right", False: "quiz.input_wrong", None: "quiz.input_none"}[result.input_right]
        lines.append(t(key, word=top, share=pct(step.weights[result.top_input])))
    lines.append(t("quiz.word_right" if result.word_right else "quiz.word_wrong", word=md_code(result.written_label)))
    if result.share_off is not None:
        lines.append(t("quiz.share_result", guess=pct(result.share_guess, 0), actual=pct(result.share_actual),
                       off=pct(result.share_off)))
    score = tally(list(_answers(trace).values()))
    lines.append(t("quiz.score", right=score.words_right, answered=score.answered, inputs=score.inputs_right,
                   inputs_answered=score.inputs_answered))
    (st.success if result.word_right else st.warning)("  \n".join(lines))
