"""Pieces every panel uses: vectors shown as numbers or as a colour strip, and the note for models
without attention."""
from __future__ import annotations

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


def show_vectors(ctx: Context, out: Blocks, rows: list[list[float]], labels: list[str], label_header: str,
                 chart_key: str) -> None:
    """Small vectors as a table of numbers; long ones as colour strips."""
    if rows and is_small(len(rows[0])):
        vector_table(ctx, out, rows, labels, label_header)
    else:
        out.chart(chart_key, vector_strip(rows, labels, ctx.text("common.dimension_axis")),
                  description=ctx.text("common.strip_hint"))
        out.text(ctx.html("common.strip_hint"))


def no_attention_note(ctx: Context, out: Blocks) -> None:
    out.note(ctx.html("common.no_attention"))
