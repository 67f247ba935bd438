"""Panel 6: the fully connected layer and softmax over the output vocabulary: the candidates, the word
written, the beam's hypotheses, and why this word and not another (picked by the student)."""
from __future__ import annotations

from markupsafe import Markup

from model.inference.trace import contrast
from model.inference.vocab import UNK

from ..charts import contribution_bars, percentage_bars
from ..format import num, pct, pct_or_tiny
from ..viewer.blocks import Blocks, Context, safe, word


def compose(ctx: Context, index: int, out: Blocks) -> None:
    trace = ctx.trace
    step = trace.steps[index]
    best = step.top_k[0]
    size = trace.model.hidden_size * (2 if trace.model.attention else 1)
    inputs_key = "output.inputs_attention" if trace.model.attention else "output.inputs_plain"
    text = ctx.html("output.explain", inputs=ctx.html(inputs_key, size=size), vocab=trace.model.target_vocab_size,
                    count=len(step.top_k), best=word(best.label), best_pct=pct(best.prob))
    if step.forced:
        chosen = ctx.html("output.forced", chosen=word(step.output_label), prob=pct(step.output_prob))
    elif step.skipped_unk:
        chosen = ctx.html("output.skipped_unk", unk=word(best.label), unk_prob=pct(best.prob),
                          chosen=word(step.output_label), prob=pct(step.output_prob))
    else:
        chosen = ctx.html("output.chosen", chosen=word(step.output_label), prob=pct(step.output_prob))
    out.text(text, chosen)
    if trace.model.attention:
        out.formula(r"P(y_t) = \mathrm{softmax}\left(W \begin{bmatrix} d_t \\ c_t \end{bmatrix} + b\right)")
    else:
        out.formula(r"P(y_t) = \mathrm{softmax}\left(W d_t + b\right)")
    chosen_row = next((k for k, c in enumerate(step.top_k) if c.token == step.output_token), None)
    numbers = (ctx.text("output.rank"), ctx.text("output.probability"), ctx.text("output.logit"))
    out.table({
        numbers[0]: [str(k + 1) for k in range(len(step.top_k))],
        ctx.text("output.word"): [word(c.label) for c in step.top_k],
        numbers[1]: [pct_or_tiny(c.prob) for c in step.top_k],
        numbers[2]: [num(c.logit) for c in step.top_k],
        ctx.text("output.written"): ["✔ " + ctx.text("output.written_mark") if k == chosen_row else ""
                                     for k in range(len(step.top_k))],
    }, right_aligned=numbers)
    if chosen_row is None:
        out.note(ctx.html("output.forced_outside", chosen=word(step.output_label)))
    out.chart("output-bars",
              percentage_bars([c.prob for c in step.top_k], [c.label for c in step.top_k], highlight=chosen_row),
              description=ctx.text("panel.output_layer"))
    if step.beam:
        compose_beam(ctx, step, out)
    if chosen_row is not None and len(step.top_k) > 1 and step.top_k[chosen_row].parts:
        compose_why(ctx, step, chosen_row, out)
    if trace.beam_width != 1:
        out.note(ctx.html("beam.greedy_only"))


STATUS_MARKS = {"kept": "✔", "finished": "⏹", "dropped": "✘"}


def compose_beam(ctx: Context, step, out: Blocks) -> None:
    """The hypotheses the beam weighed at this step, and why it may keep a word that is not the most likely."""
    parts = [Markup("<strong>{}</strong>").format(ctx.text("beam.title", count=sum(h.status == "kept" for h in step.beam))),
             ctx.html("beam.explain")]
    if step.output_token != step.top_k[0].token and step.top_k[0].token != UNK:
        parts.append(ctx.html("beam.not_top", written=word(step.output_label), top=word(step.top_k[0].label)))
    out.text(*parts)
    out.table({
        ctx.text("beam.words"): [Markup(" ").join(word(label) for label in h.labels) for h in step.beam],
        ctx.text("beam.log_prob"): [num(h.log_prob) for h in step.beam],
        ctx.text("beam.status"): [Markup("{} {}").format(STATUS_MARKS[h.status], ctx.html("beam." + h.status))
                                  for h in step.beam],
    }, right_aligned=(ctx.text("beam.log_prob"),))


WHY_FORMULA = r"\text{logit}(y) = W_{\text{dec}}[y]\cdot d_t + \sum_i w_i \,\left(W_{\text{ctx}}[y]\cdot h_i\right) + b[y]"
WHY_FORMULA_PLAIN = r"\text{logit}(y) = W[y]\cdot d_t + b[y]"


def compose_why(ctx: Context, step, chosen_row: int, out: Blocks) -> None:
    """Why the written word and not another candidate: the logit gap split exactly into the decoder
    output's part, each input word's part and the bias's (model.inference.trace.contrast). The
    formula comes first, then the student picks the other word.

    Nine candidates at every step: the sentences are filled in as plain strings from the catalogs'
    inline HTML, the words already escaped by `word` and the numbers written by `num` (digits, signs
    and separators only, nothing to escape)."""
    written = step.top_k[chosen_row]
    written_word = str(word(written.label))
    input_words = [str(word(label)) for label in ctx.labels]
    decoder, bias = ctx.text("why.decoder"), ctx.text("why.bias")
    decoder_named = safe(ctx.text("why.decoder_named"))
    title, explain, pushed, summed = (ctx.template(key) for key in ("why.title", "why.explain", "why.pushed", "why.sum"))
    out.formula(WHY_FORMULA if written.parts.inputs else WHY_FORMULA_PLAIN)
    others = [k for k in range(len(step.top_k)) if k != chosen_row]
    each = []
    for k in others:
        other = step.top_k[k]
        other_word = str(word(other.label))
        parts = contrast(written, other)
        names = [decoder, *ctx.labels, bias] if parts.inputs else [decoder, bias]
        biggest = sorted(range(len(parts.inputs)), key=lambda i: -abs(parts.inputs[i]))[:3]
        pushes = [(input_words[i], parts.inputs[i]) for i in biggest] + [(decoder_named, parts.decoder)]
        sentences = " ".join(pushed.format(name=name, value=num(abs(value), 2),
                                           toward=written_word if value >= 0 else other_word) for name, value in pushes)
        blocks = Blocks()
        blocks.text(Markup("<strong>" + title.format(written=written_word, other=other_word) + "</strong>"),
                    Markup(explain.format(written=written_word, other=other_word, written_logit=num(written.logit),
                                          other_logit=num(other.logit), gap=num(parts.gap))))
        blocks.text(Markup(sentences),
                    Markup(summed.format(decoder=num(parts.decoder), inputs=num(parts.inputs_total),
                                         bias=num(parts.bias), gap=num(parts.gap))))
        blocks.chart(f"why-chart-{k}", contribution_bars([parts.decoder, *parts.inputs, parts.bias], names),
                     description=ctx.text("why.placeholder"))
        blocks.text(Markup(f"\u2190 {other_word} \u00a0|\u00a0 {written_word} \u2192"))
        each.append(blocks)
    out.select("why-other", ctx.text("why.pick", written=written.label), [step.top_k[k].label for k in others], None,
               each, placeholder=ctx.text("why.placeholder"))
