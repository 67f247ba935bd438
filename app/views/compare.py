"""Compare: the same sentence through the model with attention and the one without, side by side."""
import streamlit as st

from app import controls, length_comparison, models, summary
from app.charts import attention_heatmap, percentage_bars, show
from app.format import md_code, source_labels
from app.i18n import t
from app.panels.heatmap import output_labels
from app.tracing import check_model, compute_trace, show_problem


def render_model_column(choice: models.ModelChoice, sentence: str) -> None:
    model_id = choice.id
    st.subheader(choice.label())
    problem = check_model(model_id)
    if problem:
        show_problem(problem)
        return
    if not sentence.strip():
        return
    result = compute_trace(model_id, sentence)
    if result.trace is None:
        show_problem(result)
        return
    trace = result.trace
    summary.render(trace)
    if trace.attention_matrix is not None:
        st.markdown(t("compare.heatmap_caption"))
        figure = attention_heatmap(trace.attention_matrix, output_labels(trace, len(trace.steps)), source_labels(trace), None)
        show(figure, key=f"compare-heatmap-{model_id}")
    else:
        st.markdown(t("compare.no_attention_caption"))
        probabilities = [step.output_prob for step in trace.steps]
        show(
            percentage_bars(probabilities, output_labels(trace, len(trace.steps))),
            key=f"compare-probabilities-{model_id}",
        )


st.markdown(t("compare.intro"))
pairs = {f"{with_attention.id} / {without.id}": (with_attention, without)
         for with_attention, without in models.comparison_pairs()}
sentence = controls.sentence_box("compare")
if not pairs:
    st.info(t("compare.no_pair", folder=md_code(str(models.pretrained_dir()))))
    st.stop()
chosen = st.selectbox(t("compare.pair"), options=list(pairs), key="compare_pair", bind="query-params") \
    if len(pairs) > 1 else None
with_attention, without = pairs.get(chosen) or next(iter(pairs.values()))
controls.example_buttons(with_attention.examples, key_prefix="compare")
if not sentence.strip():
    st.info(t("input.start_hint"))
left, right = st.columns(2, gap="large")
with left:
    render_model_column(with_attention, sentence)
with right:
    render_model_column(without, sentence)
st.divider()
length_comparison.render(with_attention.id)
