"""Panel 3: how similar the decoder output is to each input word's encoding (dot product, with the
cosine beside it), and the dot product's arithmetic for the word the student picks, from the trace's terms."""
from __future__ import annotations

from markupsafe import Markup

from model.inference.scores import SCORE_FUNCTIONS

from ..format import num
from ..viewer.blocks import Blocks, Context, word
from .common import is_small, no_attention_note

SHOWN_TERMS = 3  # long vectors: products written out before the ellipsis


def compose(ctx: Context, index: int, out: Blocks) -> None:
    trace = ctx.trace
    step = trace.steps[index]
    if step.scores is None:
        no_attention_note(ctx, out)
        return
    labels = ctx.labels
    best = max(range(len(step.scores)), key=step.scores.__getitem__)
    worst = min(range(len(step.scores)), key=step.scores.__getitem__)
    score_function = SCORE_FUNCTIONS[trace.model.score]
    score_key = "similarity.explain_dot" if score_function.is_dot_product else "similarity.explain_other"
    out.text(ctx.html(score_key, score_name=trace.model.score, best=word(labels[best]), best_score=num(step.scores[best]),
                      worst=word(labels[worst]), worst_score=num(step.scores[worst])))
    out.formula(score_function.formula)
    out.formula(r"\cos(d_t, h_i) = \frac{d_t \cdot h_i}{\lVert d_t \rVert\, \lVert h_i \rVert}")
    numbers = (ctx.text("similarity.score_header"), ctx.text("similarity.cosine_header"))
    out.table({
        ctx.text("common.input_word"): [word(label) for label in labels],
        numbers[0]: [num(s) for s in step.scores],
        numbers[1]: [num(c) for c in step.cosine],
    }, right_aligned=numbers)
    if step.score_terms is not None:
        _arithmetic(ctx, index, labels, best, out)


def _shown(size: int) -> list[int]:
    """The positions written out: every one of a short vector; of a long one its first few and its last."""
    return list(range(size)) if is_small(size) else [*range(SHOWN_TERMS), size - 1]


def _written_numbers(ctx: Context, vector: list[float]) -> list[str]:
    """The shown numbers of one vector, written once per sentence (an encoding appears at every step)."""
    key = ("similarity-shown", id(vector))
    if key not in ctx.memo:
        ctx.memo[key] = [num(vector[k]) for k in _shown(len(vector))]
    return ctx.memo[key]


def _arithmetic(ctx: Context, index: int, labels: list[str], best: int, out: Blocks) -> None:
    """The products and their sum for each input word (the student picks which; the most similar first):
    d·h = (d1 × h1) + … = t1 + … = score; long vectors show their first pairs and the last one."""
    trace = ctx.trace
    step = trace.steps[index]
    intro = ctx.template("similarity.arithmetic_intro")  # filled in for every input word at every step
    decoder = [num(step.decoder_output[k]) for k in _shown(len(step.decoder_output))]
    each = []
    for i in range(len(labels)):
        terms = step.score_terms[i]
        blocks = Blocks()
        blocks.text(Markup(intro.format(word=word(labels[i]), size=len(terms))))
        blocks.products(decoder, _written_numbers(ctx, trace.encoder_outputs[i]),
                        [num(terms[k]) for k in _shown(len(terms))], num(step.scores[i]), elided=not is_small(len(terms)))
        each.append(blocks)
    out.select("arithmetic-word", ctx.text("similarity.pick_word"), labels, best, each)
