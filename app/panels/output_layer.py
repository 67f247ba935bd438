"""Panel 6: the fully connected layer and softmax over the output vocabulary: the candidates, the
word written, and the what-if choice of another candidate."""
from __future__ import annotations

import streamlit as st

from model.inference.trace import Trace, contrast
from model.inference.vocab import UNK

from .. import whatif
from ..charts import contribution_bars, percentage_bars, show
from ..format import markdown_table, md_code, num, pct, pct_or_tiny, source_labels
from ..i18n import t
from .common import explain, formula, text_block, word


def render(trace: Trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    best = step.top_k[0]
    size = trace.model.hidden_size * (2 if trace.model.attention else 1)
    inputs_key = "output.inputs_attention" if trace.model.attention else "output.inputs_plain"
    text = t(
        "output.explain",
        inputs=t(inputs_key, size=size),
        vocab=trace.model.target_vocab_size,
        count=len(step.top_k),
        best=word(best.label),
        best_pct=pct(best.prob),
    )
    if step.forced:
        chosen = t("output.forced", chosen=word(step.output_label), prob=pct(step.output_prob))
    elif step.skipped_unk:
        chosen = t("output.skipped_unk", unk=word(best.label), unk_prob=pct(best.prob),
                   chosen=word(step.output_label), prob=pct(step.output_prob))
    else:
        chosen = t("output.chosen", chosen=word(step.output_label), prob=pct(step.output_prob))
    if trace.model.attention:
        equation = formula(r"P(y_t) = \mathrm{softmax}\left(W \begin{bmatrix} d_t \\ c_t \end{bmatrix} + b\right)")
    else:
        equation = formula(r"P(y_t) = \mathrm{softmax}\left(W d_t + b\right)")
    chosen_row = next((k for k, c in enumerate(step.top_k) if c.token == step.output_token), None)
    table = {
        t("output.rank"): [str(k + 1) for k in range(len(step.top_k))],
        t("output.word"): [md_code(c.label) for c in step.top_k],
        t("output.probability"): [pct_or_tiny(c.prob) for c in step.top_k],
        t("output.logit"): [num(c.logit) for c in step.top_k],
        t("output.written"): ["✔ " + t("output.written_mark") if k == chosen_row else "" for k in range(len(step.top_k))],
    }
    explain(heading, text, chosen, equation,
            markdown_table(table, right_aligned=(t("output.rank"), t("output.probability"), t("output.logit"))))
    if chosen_row is None:
        st.caption(t("output.forced_outside", chosen=word(step.output_label)))
    show(
        percentage_bars([c.prob for c in step.top_k], [c.label for c in step.top_k], highlight=chosen_row),
        key="output-bars",
    )
    if step.beam:
        render_beam(step)
    if chosen_row is not None and len(step.top_k) > 1 and step.top_k[chosen_row].parts:
        render_why(trace, step, chosen_row)
    if trace.beam_width == 1:
        whatif.render_picker(trace, index)
    else:
        st.caption(t("beam.greedy_only"))


STATUS_MARKS = {"kept": "✔", "finished": "⏹", "dropped": "✘"}


def render_beam(step) -> None:
    """The hypotheses the beam weighed at this step, and why it may keep a word that is not the most likely."""
    parts = [f"**{t('beam.title', count=sum(h.status == 'kept' for h in step.beam))}**", t("beam.explain")]
    if step.output_token != step.top_k[0].token and step.top_k[0].token != UNK:
        parts.append(t("beam.not_top", written=word(step.output_label), top=word(step.top_k[0].label)))
    table = {
        t("beam.words"): [" ".join(md_code(label) for label in h.labels) for h in step.beam],
        t("beam.log_prob"): [num(h.log_prob) for h in step.beam],
        t("beam.status"): [f"{STATUS_MARKS[h.status]} {t('beam.' + h.status)}" for h in step.beam],
    }
    text_block(*parts, markdown_table(table, right_aligned=(t("beam.log_prob"),)))


def _push_sentence(name: str, value: float, written: str, other: str) -> str:
    toward = written if value >= 0 else other
    return t("why.pushed", name=name, value=f"{abs(value):.2f}", toward=word(toward))


def render_why(trace: Trace, step, chosen_row: int) -> None:
    """Why the written word and not another candidate: the logit gap split exactly into the decoder
    output's part, each input word's part and the bias's (model.trace.contrast)."""
    written = step.top_k[chosen_row]
    others = [k for k in range(len(step.top_k)) if k != chosen_row]
    # Nothing picked by default: the student asks the question (and a step change sends one element, not three).
    other_row = st.selectbox(t("why.pick", written=word(written.label)), options=others, key="why_other", index=None,
                             placeholder=t("why.placeholder"), format_func=lambda k: step.top_k[k].label, width=320)
    if other_row is None or other_row >= len(step.top_k):
        return
    other = step.top_k[other_row]
    parts = contrast(written, other)
    input_labels = source_labels(trace)
    names = [t("why.decoder")] + input_labels + [t("why.bias")] if parts.inputs else [t("why.decoder"), t("why.bias")]
    values = [parts.decoder, *parts.inputs, parts.bias]
    biggest = sorted(range(len(parts.inputs)), key=lambda i: -abs(parts.inputs[i]))[:3]
    sentences = [_push_sentence(word(input_labels[i]), parts.inputs[i], written.label, other.label) for i in biggest]
    sentences.append(_push_sentence(t("why.decoder_named"), parts.decoder, written.label, other.label))
    text_block(
        f"**{t('why.title', written=word(written.label), other=word(other.label))}**",
        t("why.explain", written=word(written.label), other=word(other.label), written_logit=num(written.logit),
          other_logit=num(other.logit), gap=num(parts.gap)),
        formula(r"\text{logit}(y) = W_{\text{dec}}[y]\cdot d_t + \sum_i w_i \,\left(W_{\text{ctx}}[y]\cdot h_i\right) + b[y]")
        if parts.inputs else formula(r"\text{logit}(y) = W[y]\cdot d_t + b[y]"),
        " ".join(sentences),
        t("why.sum", decoder=num(parts.decoder), inputs=num(parts.inputs_total),
          bias=num(parts.bias), gap=num(parts.gap)),
    )
    show(contribution_bars(values, names, [written.label, other.label]), key="why-chart")
