"""The video's picture: input words joined to the current output word by lines as wide as their
attention weight."""
from __future__ import annotations

from ..charts import attention_picture
from ..format import pct
from ..viewer.blocks import Blocks, Context, word
from .common import no_attention_note


def compose(ctx: Context, index: int, out: Blocks) -> None:
    step = ctx.trace.steps[index]
    if step.weights is None:
        no_attention_note(ctx, out)
        return
    labels = ctx.labels
    top = max(range(len(labels)), key=step.weights.__getitem__)
    text = ctx.html("picture.explain", output=word(step.output_label), top=word(labels[top]),
                    top_pct=pct(step.weights[top]))
    out.text(text)
    out.chart("picture-chart", attention_picture(labels, step.weights, step.output_label, step.input_label),
              description=ctx.text("panel.picture"))
