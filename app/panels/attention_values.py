"""Panel 5: the attention values, each encoding scaled by its percentage and the results added up.
Every number comes from the trace (weighted_encoder_outputs and context)."""
from __future__ import annotations

import streamlit as st

from model.inference.trace import Trace

from ..charts import show, vector_strip
from ..format import markdown_table, md_code, pct, source_labels, vector_preview
from ..i18n import t
from .common import explain, formula, is_small, no_attention_note, word


def render(trace: Trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    if step.context is None or step.weighted_encoder_outputs is None:
        no_attention_note(heading)
        return
    labels = source_labels(trace)
    top = max(range(len(labels)), key=step.weights.__getitem__)
    text = t(
        "values.explain",
        top=word(labels[top]),
        top_pct=pct(step.weights[top]),
        context=word(vector_preview(step.context)),
        size=len(step.context),
    )
    if is_small(len(step.context)):
        explain(heading, text, formula(r"c_t = \sum_i w_i\, h_i"), _table(trace, index, labels))
    else:
        explain(heading, text, formula(r"c_t = \sum_i w_i\, h_i"))
        rows = [*step.weighted_encoder_outputs, step.context]
        row_labels = [f"{pct(w)} × {label}" for w, label in zip(step.weights, labels)] + [t("values.sum_label")]
        show(vector_strip(rows, row_labels, t("common.dimension_axis")), key="values-strip")
        st.caption(t("values.strip_hint"))


def _table(trace: Trace, index: int, labels: list[str]) -> str:
    """Every number: percentage x encoding = weighted encoding, then the sum row."""
    step = trace.steps[index]
    rows = {
        t("common.input_word"): [md_code(label) for label in labels] + [t("values.sum_label")],
        t("values.percentage"): [pct(w) for w in step.weights] + ["100%"],
        t("values.encoding"): [vector_preview(h) for h in trace.encoder_outputs] + [""],
        t("values.weighted"): [vector_preview(v) for v in step.weighted_encoder_outputs] + [vector_preview(step.context)],
    }
    return markdown_table(rows, right_aligned=(t("values.percentage"),))
