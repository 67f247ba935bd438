"""Panel 8: the same step as a Transformer writes it, Q·Kᵀ → softmax → ·V with this step's numbers, then
what a Transformer changes (the scaling by √d, whose weights the model computed, learned projections,
several heads, self-attention). In the page it is folded behind a summary line; in presentation mode it
is a slide of its own."""
from __future__ import annotations

from model.inference.scores import SCORE_FUNCTIONS

from ..format import num, pct, vector_preview
from ..viewer.blocks import Blocks, Context, word
from .common import no_attention_note, slide_or_fold


def compose(ctx: Context, index: int, out: Blocks) -> None:
    step = ctx.trace.steps[index]
    if step.weights is None or step.scaled_weights is None:
        no_attention_note(ctx, out)
        return
    slide_or_fold(ctx, out, lambda blocks: _compose_all(ctx, index, blocks), "transformer.toggle", "transformer.teaser")


def _compose_all(ctx: Context, index: int, out: Blocks) -> None:
    trace = ctx.trace
    step = trace.steps[index]
    labels = ctx.labels
    size, count = trace.model.hidden_size, len(labels)
    out.text(ctx.html("transformer.explain", size=size, count=count, context=word(vector_preview(step.context))))
    out.formula(r"\text{Attention}(Q, K, V) = \mathrm{softmax}\!\left(Q K^{\top}\right) V"
                r"\qquad Q = d_t \;(1 \times %d),\quad K = V = [h_1; \dots; h_{%d}] \;(%d \times %d)" % (size, count, count, size))
    scale = num(trace.model.score_scale, 1)
    out.table({
        ctx.text("transformer.word"): [word(label) for label in labels],
        ctx.text("transformer.qk"): [num(s) for s in step.scores],
        ctx.text("transformer.softmax"): [pct(w) for w in step.weights],
        ctx.text("transformer.scaled_softmax", scale=scale): [pct(w) for w in step.scaled_weights],
    }, right_aligned=(ctx.text("transformer.qk"), ctx.text("transformer.softmax"),
                      ctx.text("transformer.scaled_softmax", scale=scale)))
    if not SCORE_FUNCTIONS[trace.model.score].is_dot_product:
        out.note(ctx.html("transformer.not_dot", score=word(str(trace.model.score))))
    if step.attention_edited:  # panel 4 holds hand-set shares here, not softmax(QKᵀ)
        out.note(ctx.html("transformer.edited"))
        return
    top, scaled_top = (max(range(count), key=w.__getitem__) for w in (step.weights, step.scaled_weights))
    out.text(ctx.html("transformer.scaled", scale=scale, size=size, top=word(labels[top]), top_pct=pct(step.weights[top]),
                      scaled_top=word(labels[scaled_top]), scaled_pct=pct(step.scaled_weights[scaled_top])))
    out.formula(r"\mathrm{softmax}\!\left(\frac{Q K^{\top}}{\sqrt{d}}\right) V")
    # the flow of a Transformer's attention, left to right: what each letter is here, then the operations
    out.formula(r"\underbrace{Q}_{\text{%s}},\ \underbrace{K}_{\text{%s}} \rightarrow Q K^{\top} \rightarrow \div \sqrt{d}"
                r" \rightarrow \mathrm{softmax} \rightarrow \cdot \underbrace{V}_{\text{%s}} \rightarrow \text{%s}"
                % (ctx.text("transformer.q"), ctx.text("transformer.k"), ctx.text("transformer.v"), ctx.text("transformer.out")))
    out.text(ctx.html("transformer.changes"))
