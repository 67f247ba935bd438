"""Panel 3: how similar the decoder output is to each input word's encoding (dot product, with the
cosine beside it), and the dot product's arithmetic for one chosen word, from the trace's terms."""
from __future__ import annotations

import streamlit as st

from model.inference.scores import SCORE_FUNCTIONS
from model.inference.trace import Trace

from ..charts import show, vector_strip
from ..format import markdown_table, md_code, num, source_labels
from ..i18n import t
from .common import explain, formula, is_small, no_attention_note, text_block, word

SHOWN_TERMS = 3  # long vectors: products written out before the ellipsis


def render(trace: Trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    if step.scores is None:
        no_attention_note(heading)
        return
    labels = source_labels(trace)
    best = max(range(len(step.scores)), key=step.scores.__getitem__)
    worst = min(range(len(step.scores)), key=step.scores.__getitem__)
    score_function = SCORE_FUNCTIONS[trace.model.score]
    score_key = "similarity.explain_dot" if score_function.is_dot_product else "similarity.explain_other"
    text = t(
        score_key,
        score_name=trace.model.score,
        best=word(labels[best]),
        best_score=num(step.scores[best]),
        worst=word(labels[worst]),
        worst_score=num(step.scores[worst]),
    )
    formulas = [formula(score_function.formula)]
    formulas.append(formula(r"\cos(d_t, h_i) = \frac{d_t \cdot h_i}{\lVert d_t \rVert\, \lVert h_i \rVert}"))
    numbers = (t("similarity.score_header"), t("similarity.cosine_header"))
    table = {
        t("common.input_word"): [md_code(label) for label in labels],
        numbers[0]: [num(s) for s in step.scores],
        numbers[1]: [num(c) for c in step.cosine],
    }
    explain(heading, text, *formulas, markdown_table(table, right_aligned=numbers))
    if step.score_terms is not None:
        _arithmetic(trace, index, labels)


def _signed(value: float) -> str:
    """A negative number after an operator goes in brackets, as on a whiteboard: 2 × (−3)."""
    text = num(value)
    return f"({text})" if text.startswith("-") else text


def _arithmetic(trace: Trace, index: int, labels: list[str]) -> None:
    """Element-wise products of the decoder output and one encoding, and their sum (the score)."""
    step = trace.steps[index]
    chosen = st.selectbox(
        t("similarity.pick_word"),
        options=list(range(len(labels))),
        index=max(range(len(labels)), key=step.scores.__getitem__),  # start with the most similar word
        format_func=lambda i: labels[i],
        key="arithmetic_word",
    )
    chosen = chosen if chosen is not None and chosen < len(labels) else 0
    terms = step.score_terms[chosen]
    decoder, encoding = step.decoder_output, trace.encoder_outputs[chosen]
    size = len(terms)
    shown = range(size) if is_small(size) else range(SHOWN_TERMS)
    products = " + ".join(rf"({num(decoder[k])} \times {_signed(encoding[k])})" for k in shown)
    sums = " + ".join(_signed(terms[k]) for k in shown)
    if not is_small(size):
        products += rf" + \cdots + ({num(decoder[-1])} \times {_signed(encoding[-1])})"
        sums += rf" + \cdots + {_signed(terms[-1])}"
    text_block(
        t("similarity.arithmetic_intro", word=word(labels[chosen]), size=size),
        formula(rf"\begin{{aligned}} d_t \cdot h &= {products} \\ &= {sums} \\ &= {num(step.scores[chosen])} \end{{aligned}}"),
    )
    if not is_small(size):
        show(
            vector_strip([terms], [t("similarity.products_label", word=labels[chosen])], t("common.dimension_axis")),
            key="similarity-terms",
        )
        st.caption(t("similarity.products_hint", size=size))
