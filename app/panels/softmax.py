"""Panel 4: softmax turns the similarity scores into percentages that add up to 100%."""
from __future__ import annotations

from model.inference.trace import Trace

from .. import attention_edit
from ..charts import percentage_bars, show
from ..format import num, pct, source_labels
from ..i18n import t
from .common import explain, formula, no_attention_note, word


def render(trace: Trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    if step.weights is None:
        no_attention_note(heading)
        return
    labels = source_labels(trace)
    order = sorted(range(len(labels)), key=lambda i: -step.weights[i])
    listed = ", ".join(f"{word(labels[i])} {pct(step.weights[i])}" for i in order[:3])
    top = order[0]
    explain(
        heading,
        t(
            "softmax.explain",
            listed=listed,
            top=word(labels[top]),
            top_score=num(step.scores[top]),
            top_pct=pct(step.weights[top]),
        ),
        formula(r"w_i = \mathrm{softmax}(\text{score})_i = \frac{e^{\text{score}_i}}{\sum_j e^{\text{score}_j}}"),
    )
    show(percentage_bars(step.weights, labels, highlight=top), key="softmax-bars")
    if trace.beam_width == 1:
        attention_edit.render_editor(trace, index, labels)
