"""Pieces every panel uses: the explanation paragraph, vectors shown as numbers or as a colour
strip, and the note for models without attention."""
from __future__ import annotations

import streamlit as st

from ..charts import show, vector_strip
from ..format import markdown_table, md_code, num
from ..i18n import t

SMALL_VECTOR = 8  # up to this size every number is written out (the video's toy model has 2)


def is_small(vector_size: int) -> bool:
    return vector_size <= SMALL_VECTOR


def formula(latex: str) -> str:
    """A display formula for a text block: Markdown's `$$ ... $$`, which is what st.latex sends."""
    return f"$$\n{latex}\n$$"


def text_block(*parts: str) -> None:
    """Paragraphs, formulas and tables that follow each other, as one Markdown element. Every element
    is a websocket message and a browser update at each step change (bench.concurrency, bench.repaint
    measure both), so a panel's text goes as one."""
    st.markdown("\n\n".join(parts))


def explain(heading: str, text: str, *more: str) -> None:
    """The panel's heading (a Markdown h3: it looks like st.subheader and costs the browser a third as
    much) and its plain-language paragraph, then any formulas or tables that follow it. `text` is
    catalog text with user words already in code spans."""
    text_block(f"### {heading}", text, *more)


def word(text: str) -> str:
    """A token inside a sentence of explanation, shown literally."""
    return md_code(text)


def vector_table(rows: list[list[float]], labels: list[str], label_header: str, digits: int = 3) -> None:
    """Every number written out: one row per vector, one column per dimension."""
    columns = {label_header: [md_code(label) for label in labels]}
    for k in range(len(rows[0]) if rows else 0):
        columns[t("common.dimension", k=k + 1)] = [num(row[k], digits) for row in rows]
    st.markdown(markdown_table(columns, right_aligned=tuple(list(columns)[1:])))


def show_vectors(rows: list[list[float]], labels: list[str], label_header: str, chart_key: str) -> None:
    """Small vectors as a table of numbers; long ones as colour strips with exact values on hover."""
    if rows and is_small(len(rows[0])):
        vector_table(rows, labels, label_header)
    else:
        show(vector_strip(rows, labels, t("common.dimension_axis")), key=chart_key)
        st.caption(t("common.strip_hint"))


def no_attention_note(heading: str) -> None:
    st.markdown(f"### {heading}")
    st.info(t("common.no_attention"))
