"""The video's picture: input words joined to the current output word by lines as wide as their
attention weight."""
from __future__ import annotations

from model.inference.trace import Trace

from ..charts import attention_picture, show
from ..format import pct, source_labels
from ..i18n import t
from .common import explain, no_attention_note, word


def render(trace: Trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    if step.weights is None:
        no_attention_note(heading)
        return
    labels = source_labels(trace)
    top = max(range(len(labels)), key=step.weights.__getitem__)
    explain(heading, t("picture.explain", output=word(step.output_label), top=word(labels[top]), top_pct=pct(step.weights[top])))
    show(
        attention_picture(labels, step.weights, step.output_label, step.input_label),
        key="picture-chart",
    )
