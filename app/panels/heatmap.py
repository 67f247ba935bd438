"""Panel 7: the attention weights of every step so far, output words x input words, as percentages;
the rows of the steps still to come are there, empty."""
from __future__ import annotations

from model.inference.trace import Trace

from ..charts import attention_heatmap, show
from ..format import source_labels
from ..i18n import t
from .common import explain, no_attention_note, word


def output_labels(trace: Trace, upto: int) -> list[str]:
    """Row names: step number and the word written there."""
    return [f"{k + 1}. {step.output_label}{' ✎' if step.attention_edited else ''}" for k, step in enumerate(trace.steps[:upto])]


def render(trace: Trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    if step.weights is None:
        no_attention_note(heading)
        return
    explain(heading, t("heatmap.explain", step=index + 1, output=word(step.output_label)))
    weights = [s.weights for s in trace.steps[: index + 1]]
    # every step's row is there from the start (empty until decoded), so the chart keeps its size
    figure = attention_heatmap(weights, output_labels(trace, len(trace.steps)), source_labels(trace), highlight_row=index)
    show(figure, key="heatmap-chart")
