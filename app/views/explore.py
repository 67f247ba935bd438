"""Explore: type a sentence, then walk through decoding one output word at a time.

In presentation mode the inputs and sentence notes fold into an expander so the step and its panel
fill the screen.
"""
import streamlit as st

from app import controls, models, quiz
from app.attention_edit import current_edits
from app.display import is_presenting
from app.i18n import t
from app.whatif import current_forced

presenting = is_presenting()
inputs = st.expander(t("present.inputs"), key="inputs_expander") if presenting else st.container()
with inputs:
    model_id = controls.model_picker()
    sentence = controls.sentence_box("explore")
    if model_id:
        controls.example_buttons(models.examples(model_id), key_prefix="explore")
    with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
        beam = controls.decoding_picker()
        quiz.render_toggle()

# Imported once the inputs are on screen: on a fresh server the first visitor can type while the
# panels' libraries (pandas, matplotlib) and then torch with the model load (bench/cold_start.py).
from app import downloads, step_view, summary  # noqa: E402
from app.tracing import check_model, compute_trace, show_problem  # noqa: E402

problem = check_model(model_id) if model_id else None
if problem:
    show_problem(problem)
elif model_id and not sentence.strip():
    st.info(t("input.start_hint"))
elif model_id:
    result = compute_trace(model_id, sentence, current_forced(), current_edits(), beam)
    if result.trace is None:
        show_problem(result)
        if (current_forced() or current_edits()) and result.error_kind == "input":
            st.button(t("whatif.reset"), key="forced_reset", on_click=controls.start_over)
    else:
        if presenting:  # the screen is for the step: the sentence and its notes fold into the inputs
            with inputs:
                summary.render_translation_line(result.trace, hidden=quiz.is_on())
                summary.render_input_notes(result.trace, hidden=quiz.is_on())
        else:
            summary.render(result.trace, hidden=quiz.is_on())
        step_view.render(result.trace)
        downloads.render(result.trace)
