"""Panel 1: the encoder's output for every input word (the encodings attention looks at)."""
from __future__ import annotations

from ..format import vector_preview
from ..viewer.blocks import Blocks, Context, word
from .common import show_vectors


def compose(ctx: Context, index: int, out: Blocks) -> None:
    trace = ctx.trace
    labels = ctx.labels
    what_next = ctx.html("encoder.use_attention" if trace.model.attention else "encoder.use_no_attention")
    out.text(ctx.html("encoder.explain", count=len(trace.source_tokens), size=trace.model.hidden_size,
                      layers=trace.model.num_layers, first_word=word(labels[0]),
                      first_vector=word(vector_preview(trace.encoder_outputs[0]))) + " " + what_next)
    out.formula(r"h_i = \mathrm{LSTM}_{\text{enc}}\left(x_i,\; h_{i-1}\right)")
    show_vectors(ctx, out, trace.encoder_outputs, labels, ctx.text("common.input_word"), chart_key="encoder-strip")
