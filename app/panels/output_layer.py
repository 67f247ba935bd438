"""Panel 6: the fully connected layer and softmax over the output vocabulary: the candidates, the
word written, and the what-if choice of another candidate."""
from __future__ import annotations

import streamlit as st

from .. import whatif
from ..charts import percentage_bars, show
from ..format import markdown_table, md_code, num, pct, pct_or_tiny
from ..i18n import t
from .common import explain, formula, word


def render(trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    best = step.top_k[0]
    size = trace.model.hidden_size * (2 if trace.model.attention else 1)
    inputs_key = "output.inputs_attention" if trace.model.attention else "output.inputs_plain"
    text = t(
        "output.explain",
        inputs=t(inputs_key, size=size),
        vocab=trace.model.target_vocab_size,
        count=len(step.top_k),
        best=word(best.label),
        best_pct=pct(best.prob),
    )
    if step.forced:
        chosen = t("output.forced", chosen=word(step.output_label), prob=pct(step.output_prob))
    elif step.skipped_unk:
        chosen = t("output.skipped_unk", unk=word(best.label), unk_prob=pct(best.prob),
                   chosen=word(step.output_label), prob=pct(step.output_prob))
    else:
        chosen = t("output.chosen", chosen=word(step.output_label), prob=pct(step.output_prob))
    if trace.model.attention:
        equation = formula(r"P(y_t) = \mathrm{softmax}\left(W \begin{bmatrix} d_t \\ c_t \end{bmatrix} + b\right)")
    else:
        equation = formula(r"P(y_t) = \mathrm{softmax}\left(W d_t + b\right)")
    chosen_row = next((k for k, c in enumerate(step.top_k) if c.token == step.output_token), None)
    table = {
        t("output.rank"): [str(k + 1) for k in range(len(step.top_k))],
        t("output.word"): [md_code(c.label) for c in step.top_k],
        t("output.probability"): [pct_or_tiny(c.prob) for c in step.top_k],
        t("output.logit"): [num(c.logit) for c in step.top_k],
        t("output.written"): ["✔ " + t("output.written_mark") if k == chosen_row else "" for k in range(len(step.top_k))],
    }
    explain(heading, text, chosen, equation,
            markdown_table(table, right_aligned=(t("output.rank"), t("output.probability"), t("output.logit"))))
    if chosen_row is None:
        st.caption(t("output.forced_outside", chosen=word(step.output_label)))
    show(
        percentage_bars([c.prob for c in step.top_k], [c.label for c in step.top_k], highlight=chosen_row),
        key="output-bars",
    )
    whatif.render_picker(trace, index)
