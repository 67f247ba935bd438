"""Panel 5: the attention values, each encoding scaled by its percentage and the results added up.
Every number comes from the trace (weighted_encoder_outputs and context)."""
from __future__ import annotations

from ..charts import vector_strip
from ..format import pct, vector_preview
from ..viewer.blocks import Blocks, Context, word
from .common import is_small, no_attention_note, strip_limit


def compose(ctx: Context, index: int, out: Blocks) -> None:
    trace = ctx.trace
    step = trace.steps[index]
    if step.context is None or step.weighted_encoder_outputs is None:
        no_attention_note(ctx, out)
        return
    labels = ctx.labels
    top = max(range(len(labels)), key=step.weights.__getitem__)
    out.text(ctx.html("values.explain", top=word(labels[top]), top_pct=pct(step.weights[top]),
                      context=word(vector_preview(step.context)), size=len(step.context)))
    out.formula(r"c_t = \sum_i w_i\, h_i")
    if is_small(len(step.context)):
        out.table({
            ctx.text("common.input_word"): [word(label) for label in labels] + [ctx.text("values.sum_label")],
            ctx.text("values.percentage"): [pct(w) for w in step.weights] + [pct(1.0, 0)],
            ctx.text("values.encoding"): [vector_preview(h) for h in trace.encoder_outputs] + [""],
            ctx.text("values.weighted"): [vector_preview(v) for v in step.weighted_encoder_outputs]
            + [vector_preview(step.context)],
        }, right_aligned=(ctx.text("values.percentage"),))
    else:
        rows = [*step.weighted_encoder_outputs, step.context]
        row_labels = [*labels, ctx.text("values.sum_label")]  # each word's share is in panel 4
        limit = strip_limit(ctx, "values-strip", (v for s in ctx.trace.steps if s.context is not None
                                                  for v in (*s.weighted_encoder_outputs, s.context)))
        out.chart("values-strip", vector_strip(rows, row_labels, ctx.text("common.dimension_axis"), limit),
                  description=ctx.text("values.strip_hint"))
        out.text(ctx.html("values.strip_hint"))
