"""Panel 8: the same step as a Transformer writes it, Q·Kᵀ → softmax → ·V with this step's numbers, then
what a Transformer changes (the scaling by √d, whose weights the model computed, learned projections,
several heads, self-attention). In the page a toggle opens it (a step change stays light); in
presentation mode it is a slide of its own."""
from __future__ import annotations

import streamlit as st

from model.inference.scores import SCORE_FUNCTIONS
from model.inference.trace import Trace

from ..display import is_presenting
from ..format import markdown_table, md_code, num, pct, source_labels, vector_preview
from ..i18n import t
from .common import formula, no_attention_note, text_block, word

TOGGLE_KEY = "transformer_on"
DIAGRAM = """digraph {
  rankdir=LR; node [shape=box, style="rounded,filled", fillcolor="#F2F2F2", fontname="sans-serif"];
  q [label="Q\\n%s"]; k [label="K\\n%s"]; v [label="V\\n%s"];
  dot [label="Q·Kᵀ"]; scale [label="÷ √d", style="rounded,dashed"]; soft [label="softmax"];
  mix [label="· V"]; out [label="%s"];
  q -> dot; k -> dot; dot -> scale -> soft -> mix; v -> mix; mix -> out;
}"""


def render(trace: Trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    if step.weights is None or step.scaled_weights is None:
        no_attention_note(heading)
        return
    title = [f"### {heading}"]
    if not is_presenting():  # the heading, then the toggle that opens the rest
        st.markdown(title[0])
        title = []
        # the teaser as the toggle's help: one element less on every step change (bench/repaint.py)
        if not st.toggle(t("transformer.toggle"), key=TOGGLE_KEY, help=t("transformer.teaser")):
            return
    labels = source_labels(trace)
    size, count = trace.model.hidden_size, len(labels)
    text_block(
        *title,
        t("transformer.explain", size=size, count=count, context=word(vector_preview(step.context))),
        formula(r"\text{Attention}(Q, K, V) = \mathrm{softmax}\!\left(Q K^{\top}\right) V"
                r"\qquad Q = d_t \;(1 \times %d),\quad K = V = [h_1; \dots; h_{%d}] \;(%d \times %d)" % (size, count, count, size)),
        _table(trace, index, labels),
    )
    if not SCORE_FUNCTIONS[trace.model.score].is_dot_product:
        st.info(t("transformer.not_dot", score=md_code(str(trace.model.score))))
    if step.attention_edited:  # panel 4 holds hand-set shares here, not softmax(QKᵀ)
        st.info(t("transformer.edited"))
        return
    top, scaled_top = (max(range(count), key=w.__getitem__) for w in (step.weights, step.scaled_weights))
    text_block(
        t("transformer.scaled", scale=num(trace.model.score_scale, 1), size=size,
          top=word(labels[top]), top_pct=pct(step.weights[top]),
          scaled_top=word(labels[scaled_top]), scaled_pct=pct(step.scaled_weights[scaled_top])),
        formula(r"\mathrm{softmax}\!\left(\frac{Q K^{\top}}{\sqrt{d}}\right) V"),
        t("transformer.changes"),
    )
    st.graphviz_chart(DIAGRAM % (t("transformer.q"), t("transformer.k"), t("transformer.v"), t("transformer.out")))


def _table(trace: Trace, index: int, labels: list[str]) -> str:
    step = trace.steps[index]
    columns = {
        t("transformer.word"): [md_code(label) for label in labels],
        t("transformer.qk"): [num(s) for s in step.scores],
        t("transformer.softmax"): [pct(w) for w in step.weights],
        t("transformer.scaled_softmax", scale=num(trace.model.score_scale, 1)): [pct(w) for w in step.scaled_weights],
    }
    return markdown_table(columns, right_aligned=tuple(list(columns)[1:]))
