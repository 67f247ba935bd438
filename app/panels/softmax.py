"""Panel 4: softmax turns the similarity scores into percentages that add up to 100%."""
from __future__ import annotations

from markupsafe import Markup

from ..charts import percentage_bars
from ..format import num, pct
from ..viewer.blocks import Blocks, Context, word
from .common import no_attention_note


def compose(ctx: Context, index: int, out: Blocks) -> None:
    step = ctx.trace.steps[index]
    if step.weights is None:
        no_attention_note(ctx, out)
        return
    labels = ctx.labels
    order = sorted(range(len(labels)), key=lambda i: -step.weights[i])
    listed = Markup(", ").join(Markup("{} {}").format(word(labels[i]), pct(step.weights[i])) for i in order[:3])
    top = order[0]
    text = ctx.html("softmax.explain", listed=listed, top=word(labels[top]), top_score=num(step.scores[top]),
                    top_pct=pct(step.weights[top]))
    out.text(text)
    out.formula(r"w_i = \mathrm{softmax}(\text{score})_i = \frac{e^{\text{score}_i}}{\sum_j e^{\text{score}_j}}")
    out.chart("softmax-bars", percentage_bars(step.weights, labels, highlight=top), description=ctx.text("panel.softmax"))
