"""Panel 2: the decoder's output at this step, starting from <EOS> as in the video."""
from __future__ import annotations

from ..format import vector_preview
from ..viewer.blocks import Blocks, Context, word
from .common import is_small, show_vectors, strip_limit


def compose(ctx: Context, index: int, out: Blocks) -> None:
    trace = ctx.trace
    step = trace.steps[index]
    key = "decoder.explain_first" if index == 0 else "decoder.explain_next"
    out.text(ctx.html(key, step=index + 1, input=word(step.input_label), size=trace.model.hidden_size,
                      vector=word(vector_preview(step.decoder_output))))
    out.formula(r"d_t = \mathrm{LSTM}_{\text{dec}}\left(y_{t-1},\; d_{t-1}\right)")
    label = ctx.text("decoder.header")  # the same at every step: the strip's chart is sent once
    limit = strip_limit(ctx, "decoder-strip", (s.decoder_output for s in trace.steps))
    if is_small(len(step.decoder_output)):
        label = ctx.text("decoder.row_label", step=index + 1, input=step.input_label)
    show_vectors(ctx, out, [step.decoder_output], [label], ctx.text("decoder.header"), chart_key="decoder-strip",
                 limit=limit)
