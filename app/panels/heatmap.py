"""Panel 7: the attention weights of every step so far, output words x input words, as percentages;
the rows of the steps still to come are there, empty."""
from __future__ import annotations

from model.inference.trace import Trace

from ..charts import attention_heatmap_all_steps
from ..viewer.blocks import Blocks, Context, word
from .common import no_attention_note


def output_labels(trace: Trace, upto: int) -> list[str]:
    """Row names: step number and the word written there."""
    return [f"{k + 1}. {step.output_label}{' ✎' if step.attention_edited else ''}" for k, step in enumerate(trace.steps[:upto])]


def compose(ctx: Context, index: int, out: Blocks) -> None:
    trace = ctx.trace
    step = trace.steps[index]
    if step.weights is None:
        no_attention_note(ctx, out)
        return
    text = ctx.html("heatmap.explain", step=index + 1, output=word(step.output_label))
    out.text(text)
    if "heatmap" not in ctx.memo:  # one spec for every step: the browser moves its step parameter
        ctx.memo["heatmap"] = attention_heatmap_all_steps(
            [s.weights for s in trace.steps], output_labels(trace, len(trace.steps)), ctx.labels)
    out.chart("heatmap-chart", ctx.memo["heatmap"], description=ctx.text("panel.heatmap"))
