"""Pieces every panel uses: vectors shown as numbers or as a colour strip, and the note for models
without attention."""
from __future__ import annotations

import numpy as np

from ..charts import vector_strip
from ..format import num
from ..viewer.blocks import Blocks, Context, word

SMALL_VECTOR = 8  # up to this size every number is written out (the video's toy model has 2)


def is_small(vector_size: int) -> bool:
    return vector_size <= SMALL_VECTOR


def vector_table(ctx: Context, out: Blocks, rows: list[list[float]], labels: list[str], label_header: str,
                 digits: int = 3) -> None:
    """Every number written out: one row per vector, one column per dimension."""
    columns = {label_header: [word(label) for label in labels]}
    for k in range(len(rows[0]) if rows else 0):
        columns[ctx.text("common.dimension", k=k + 1)] = [num(row[k], digits) for row in rows]
    out.table(columns, right_aligned=tuple(list(columns)[1:]))


def strip_limit(ctx: Context, key: str, vectors) -> float:
    """The colour bar's end for a strip shown at every step: the largest magnitude over all of them,
    worked out once, so a colour means the same number at every step."""
    if key not in ctx.memo:
        values = np.asarray([vector for vector in vectors], dtype=np.float64)
        ctx.memo[key] = float(np.abs(values).max()) if values.size else 0.0
    return ctx.memo[key]


def show_vectors(ctx: Context, out: Blocks, rows: list[list[float]], labels: list[str], label_header: str,
                 chart_key: str, limit: float | None = None) -> None:
    """Small vectors as a table of numbers; long ones as colour strips."""
    if rows and is_small(len(rows[0])):
        vector_table(ctx, out, rows, labels, label_header)
    else:
        out.chart(chart_key, vector_strip(rows, labels, ctx.text("common.dimension_axis"), limit),
                  description=ctx.text("common.strip_hint"))
        out.text(ctx.html("common.strip_hint"))


def no_attention_note(ctx: Context, out: Blocks) -> None:
    out.note(ctx.html("common.no_attention"))


def slide_or_fold(ctx: Context, out: Blocks, compose_all, summary_key: str, hint_key: str) -> None:
    """A panel a page reader opens on demand: whole on its slide in presentation mode, behind a summary
    line (and a hint of what it holds) in the page. compose_all(blocks) adds its blocks."""
    if ctx.presenting:
        compose_all(out)
        return
    inner = Blocks()
    compose_all(inner)
    out.fold(ctx.text(summary_key), inner, hint=ctx.text(hint_key))
