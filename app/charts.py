"""The app's charts, as Vega-Lite specs built from trace numbers: drawn by the step viewer (app/viewer,
with the vega libraries of app/static/vendor) and, on the Compare and Train pages, by `show`
(st.vega_lite_chart).

Why Vega-Lite and not Plotly: a step change redraws the charts of the step, and Plotly's SVG layout
measures every label, which made stepping slow; Vega-Lite draws the same charts many times faster,
and a chart whose spec holds every step's rows only moves its `step` parameter (docs/step-viewer.md).
Plotly's colour scales give the strips their colours.

User text is data, never markup: Vega-Lite draws labels and tooltips as plain text, and words reach
the axes through a `names` list indexed by position (a sentence can hold the same word twice, and
each keeps its own row). Nothing is computed here from the trace's numbers: they are laid out as
they are; the percentages written on the charts are format.pct's, as in the tables.
"""
from __future__ import annotations

import base64
import io
from functools import lru_cache

import numpy as np
import streamlit as st
from PIL import Image
from plotly.colors import sequential

from .display import chart_font_size
from .format import num, pct

VECTOR_COLOURS = sequential.Cividis  # colour-blind safe, as hex colours (the strip images and their colour bar)
WEIGHT_SCHEME = "viridis"  # colour-blind safe
BLUE, ORANGE, VERMILLION, GREY = "#0072B2", "#E69F00", "#D55E00", "#999999"  # Okabe-Ito
TICK_COLOUR = "#1A1A1A"  # Streamlit's chart theme sets small grey tick labels: readable from afar instead
DRAWING_DIGITS = 4  # the numbers a chart draws with (lengths, colours): finer than a screen shows
STRIP_TICKS = 8  # a long vector's axis names this many dimensions (1, 32, 64, ... for 256)


def show(spec: dict, key: str) -> None:
    """One chart on the page, as wide as its container."""
    st.vega_lite_chart(spec, key=key, width="stretch")


def _config(font: int) -> dict:
    """Type at the chart's font size (22 px in presentation mode), dark tick labels."""
    axis = dict(labelFontSize=font, titleFontSize=font, labelColor=TICK_COLOUR, labelLimit=400)
    # no tooltips but the ones a chart asks for (Streamlit's theme turns them on for every mark,
    # which would list a chart's internal fields)
    return dict(axis=axis, legend=dict(labelFontSize=font, titleFontSize=font), text=dict(fontSize=font),
                mark=dict(tooltip=False))


def _names(name: str, labels: list[str]) -> dict:
    """A list of words the spec's expressions read by position: `name[datum.row]`."""
    return dict(name=name, value=[str(label) for label in labels])


def _table(columns: dict[str, list]) -> dict:
    """A chart's data, at the top of its spec, as rows. What changes from step to step goes in the
    data and the spec holds what stays: the step document (app/viewer/document.py) then joins every
    step's rows into one spec that the browser filters by its `step` parameter. What the chart writes
    is text made by format.py; the numbers it draws with are rounded, which keeps the document small."""
    names = list(columns)
    drawn = [[round(v, DRAWING_DIGITS) if isinstance(v, float) else v for v in values] for values in columns.values()]
    return dict(values=[dict(zip(names, row)) for row in zip(*drawn)])


def _positions(field: str, names: str, **axis) -> dict:
    """An ordinal axis of row/column positions, labelled with the words at those positions."""
    return dict(field=field, type="ordinal", title=None, sort=None,
                axis=dict(labelExpr=f"{names}[datum.value]", labelOverlap=False, **axis))


def _palette(colours: list[str], levels: int = 256) -> bytes:
    """`levels` RGB colours evenly spaced along the colour bar's stops (linear between them, as the
    bar is drawn), as a PNG palette."""
    stops = np.array([[int(colour[i:i + 2], 16) for i in (1, 3, 5)] for colour in colours], dtype=np.float64)
    position = np.linspace(0, len(stops) - 1, levels)
    low = np.minimum(np.floor(position).astype(int), len(stops) - 2)
    share = (position - low)[:, None]
    return np.round(stops[low] * (1 - share) + stops[low + 1] * share).astype(np.uint8).tobytes()


# 65 colours: 32 steps on each side of an exact middle colour for zero. Finer steps are not told apart
# in squares a few pixels wide, and each halving of the levels takes a bit per number off the document.
STRIP_PALETTE = _palette(VECTOR_COLOURS, 65)


def _strip_image(values: np.ndarray, limit: float) -> str:
    """The numbers as a PNG, one pixel each, coloured on VECTOR_COLOURS from -limit to +limit (the
    colour bar's scale, each number at the nearest of the palette's levels), as a data URL. One image
    instead of one mark per number: a step's strips hold thousands of numbers, and drawn as marks they
    were most of a step change's time in the browser. A palette image: a byte per number. Stored, not
    compressed: the document that carries it is gzipped as a whole, and stored strips make it both
    quicker to build and smaller as sent."""
    levels = len(STRIP_PALETTE) // 3 - 1
    if limit > 0:
        index = np.rint(np.clip((values + limit) / (2 * limit), 0, 1) * levels).astype(np.uint8)
    else:
        index = np.full(values.shape, round(levels / 2), dtype=np.uint8)
    image = Image.fromarray(index, "P")
    image.putpalette(STRIP_PALETTE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=0)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def vector_strip(rows: list[list[float]], labels: list[str], value_name: str, limit: float | None = None) -> dict:
    """One coloured strip per vector (e.g. per input word): a square per number, dark negative, light
    positive, the colour bar centred on zero and running to ±`limit` (default: the largest magnitude
    here; give the same limit at every step and the colours mean the same from step to step)."""
    font = chart_font_size()
    values = np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)
    count, width = values.shape
    if limit is None:
        limit = float(np.abs(values).max()) if values.size else 0.0
    ticks = sorted({1, width, *range(width // STRIP_TICKS, width, max(width // STRIP_TICKS, 1))}) if width else []
    x = dict(type="quantitative", scale=dict(domain=[0.5, width + 0.5], nice=False, zero=False),
             axis=dict(values=ticks, grid=False, title=value_name))
    image = dict(
        data=dict(values=[dict(url=_strip_image(values, limit), low=-limit)]),  # `low`: gives the colour bar
        mark=dict(type="image", aspect=False, smooth=False, align="left", baseline="top"),
        encoding=dict(
            url=dict(field="url", type="nominal"),
            x=dict(datum=0.5, **x), x2=dict(datum=width + 0.5),
            y=dict(value=0), y2=dict(value="height"),
            color=dict(field="low", type="quantitative", title=None, legend=dict(gradientThickness=12),
                       scale=dict(domain=[-limit, limit], range=VECTOR_COLOURS, interpolate="rgb")),
        ),
    )
    rows_axis = dict(  # nothing drawn: it puts each vector's name beside its row
        data=dict(values=[dict(row=i) for i in range(count)]),
        mark=dict(type="tick", opacity=0),
        encoding=dict(y=_positions("row", "names")),
    )
    row_height = 34 if font > 14 else 26
    return dict(
        params=[_names("names", labels)],
        layer=[rows_axis, image],
        height=dict(step=row_height),
        config=_config(font),
    )


def percentage_bars(values: list[float], labels: list[str], highlight: int | None = None) -> dict:
    """Horizontal bars of shares (0-1), the percentage written beside each bar, one bar picked out.
    Distinct labels (the likeliest output words) travel in the data; repeated ones (a sentence's
    words) as positions named by the spec."""
    font = chart_font_size()
    columns = dict(row=list(range(len(values))), share=list(values), label=[pct(v) for v in values],
                   picked=[i == highlight for i in range(len(values))])
    top = {}
    if len(set(labels)) == len(labels):
        columns["name"] = [str(label) for label in labels]
        y = dict(field="name", type="nominal", title=None, sort=None, axis=dict(labelOverlap=False))
    else:
        top["params"] = [_names("names", labels)]
        y = _positions("row", "names")
    row_height = 44 if font > 14 else 32
    return dict(
        data=_table(columns),
        encoding=dict(
            y=y,
            x=dict(field="share", type="quantitative", title=None, scale=dict(domain=[0, 1.15]),
                   axis=dict(format=".0%", values=[0, 0.25, 0.5, 0.75, 1])),
        ),
        layer=[
            dict(mark=dict(type="bar"),
                 encoding=dict(color=dict(condition=dict(test="datum.picked", value=VERMILLION), value=BLUE))),
            dict(mark=dict(type="text", align="left", dx=4), encoding=dict(text=dict(field="label"))),
        ],
        height=dict(step=row_height),
        config=_config(font),
        **top,
    )


def contribution_bars(values: list[float], labels: list[str], toward: list[str] | None = None) -> dict:
    """Signed horizontal bars: how much each part adds to (right) or takes from (left) a logit gap, the
    number beside each bar. Rows are named by position (an input word may appear twice). `toward`: the
    two words, as the x axis's title; without it the axis has none (the page says which side is which)."""
    rows = [dict(row=i, value=round(v, DRAWING_DIGITS), label=("+" if v >= 0 else "") + num(v, 2), positive=v >= 0)
            for i, v in enumerate(values)]  # as _table makes them (a chart per candidate and step: made directly)
    return dict(_contribution_parts(chart_font_size(), tuple(labels), tuple(toward) if toward else None),
                data=dict(values=rows))


@lru_cache(maxsize=16)
def _contribution_parts(font: int, labels: tuple[str, ...], toward: tuple[str, str] | None) -> dict:
    """Everything of a contribution chart but its rows: the same for every candidate of a sentence, so
    made once and shared by their specs (read-only: a spec's own keys are set on its own dict)."""
    row_height = 44 if font > 14 else 30
    return dict(
        params=[_names("parts", labels)],
        encoding=dict(y=_positions("row", "parts"),
                      x=dict(field="value", type="quantitative",
                             title=f"← {toward[1]}   |   {toward[0]} →" if toward else None)),
        layer=[
            dict(mark=dict(type="bar"),
                 encoding=dict(color=dict(condition=dict(test="datum.positive", value=VERMILLION), value=BLUE))),
            dict(mark=dict(type="text", align="left", dx=4),
                 encoding=dict(text=dict(field="label"), x=dict(datum=0))),
        ],
        height=dict(step=row_height),
        config=_config(font),
    )


def attention_heatmap(
    weights: list[list[float]],
    output_labels: list[str],
    input_labels: list[str],
    highlight_row: int | None,
) -> dict:
    """Output words (rows) x input words (columns), the percentage written in each cell, the current
    step's row outlined. `weights` may hold fewer rows than `output_labels` (the steps so far): the
    other rows stay empty, so the chart keeps its size from step to step. Drawn as SVG so each
    cell's text is on the page (tests read it)."""
    font = chart_font_size()
    cells = [(r, c, w) for r, row in enumerate(weights) for c, w in enumerate(row)]
    columns = dict(out=[r for r, _, _ in cells], col=[c for _, c, _ in cells], w=[w for _, _, w in cells],
                   label=[pct(w) for _, _, w in cells], current=[r == highlight_row for r, _, _ in cells])
    # columns wide enough for "100.0%" at the chart's font; on a narrow screen the chart scrolls sideways
    # instead of squeezing its labels into each other
    x = dict(_positions("col", "inputs", orient="top", labelAngle=-60, labelLimit=140),
             scale=dict(domain=list(range(len(input_labels)))))
    y = dict(_positions("out", "outputs"), scale=dict(domain=list(range(len(output_labels)))))
    frame = [dict(filter="datum.current"), {"aggregate": [{"op": "count", "as": "n"}], "groupby": ["out"]}]
    row_height = 48 if font > 14 else 38
    return dict(
        width=dict(step=round(font * 3.6 + 8)),
        params=[_names("inputs", input_labels), _names("outputs", output_labels)],
        data=_table(columns),
        transform=[{"calculate": "outputs[datum.out] + ' ← ' + inputs[datum.col] + ': ' + datum.label", "as": "pair"}],
        layer=[
            dict(mark=dict(type="rect", stroke="white", strokeWidth=2),
                 encoding=dict(x=x, y=y,
                               color=dict(field="w", type="quantitative", title=None,
                                          scale=dict(scheme=WEIGHT_SCHEME, domain=[0, 1]),
                                          legend=dict(format=".0%", gradientThickness=12)),
                               tooltip=dict(field="pair"))),
            # "100.0%" is about 3.6 font sizes wide: smaller type when the columns are narrow (side by side)
            dict(mark=dict(type="text", fontSize=dict(expr=f"min({font}, (bandwidth('x') - 4) / 3.6)")),
                 encoding=dict(x=x, y=y, text=dict(field="label"), tooltip=dict(field="pair"),  # the text covers the cell
                               color=dict(condition=dict(test="datum.w > 0.55", value="black"), value="white"))),
            # the current row's frame is decoration: no ARIA role (the heading says which step it is)
            dict(transform=frame, mark=dict(type="rect", fill=None, stroke=VERMILLION, strokeWidth=4, aria=False),
                 encoding=dict(y=y)),
        ],
        height=dict(step=row_height),
        config=_config(font),
        usermeta=dict(embedOptions=dict(renderer="svg")),
    )


def attention_heatmap_all_steps(weights: list[list[float]], output_labels: list[str], input_labels: list[str]) -> dict:
    """The heatmap of every step in one spec: the browser's `step` parameter (0-based) shows the rows
    decoded so far and outlines the current one; the rows still to come are there, empty."""
    spec = attention_heatmap(weights, output_labels, input_labels, highlight_row=None)
    for row in spec["data"]["values"]:
        del row["current"]
    spec["params"] = [dict(name="step", value=0), *spec["params"]]
    spec["transform"] = [dict(filter="datum.out <= step"), *spec["transform"]]
    spec["layer"][-1]["transform"] = [dict(filter="datum.out == step"), *spec["layer"][-1]["transform"][1:]]
    return spec


def attention_picture(input_labels: list[str], weights: list[float], output_label: str, input_token: str) -> dict:
    """The video's drawing: each input word joined to the current output word by a line as wide as
    its attention weight."""
    n = len(input_labels)
    font = chart_font_size()
    middle = (n - 1) / 2
    x_scale = dict(domain=[-0.6, 1.35])
    y_scale = dict(domain=[-0.6, n - 0.4], reverse=True)
    def at(x: float, y: str | float, **extra) -> dict:
        """Position channels on the hidden axes: x a fixed place, y a data field (a word's row) or a place."""
        where = dict(field=y) if isinstance(y, str) else dict(datum=y)
        return dict(x=dict(datum=x, type="quantitative", scale=x_scale, axis=None),
                    y=dict(where, type="quantitative", scale=y_scale, axis=None), **extra)

    columns = dict(row=list(range(n)), word=[str(label) for label in input_labels], share=[pct(w) for w in weights],
                   width=[max(0.5, 24 * w) for w in weights], opacity=[0.35 + 0.65 * w for w in weights],
                   written=[str(output_label)] * n, came_from=[f"(← {input_token})"] * n)
    once = [dict(filter="datum.row == 0")]  # the written word is in every row of the table: draw it once
    lines = dict(
        mark=dict(type="rule", color=BLUE, strokeCap="round"),
        encoding=at(0.12, "row", x2=dict(datum=0.88), y2=dict(datum=middle),
                    strokeWidth=dict(field="width", type="quantitative", scale=None),
                    opacity=dict(field="opacity", type="quantitative", scale=None)),
    )
    labels = dict(mark=dict(type="text", align="right", dx=-4), encoding=at(0.1, "row", text=dict(field="word")))
    shares = dict(mark=dict(type="text", align="left", fontWeight="bold", dx=4), encoding=at(-0.55, "row", text=dict(field="share")))
    written = dict(
        transform=once,
        mark=dict(type="text", align="left", fontWeight="bold", fontSize=font + 6, color=VERMILLION, dy=-font / 2),
        encoding=at(0.9, middle, text=dict(field="written")),
    )
    came_from = dict(
        transform=once,
        mark=dict(type="text", align="left", fontSize=max(10, font - 4), color=VERMILLION, dy=font),
        encoding=at(0.9, middle, text=dict(field="came_from")),
    )
    row_height = 56 if font > 14 else 42
    return dict(
        data=_table(columns),
        layer=[lines, labels, shares, written, came_from],
        height=max(140, row_height * n),
        config=dict(_config(font), view=dict(stroke=None)),
    )


def bleu_by_length(lengths: list[str], series: list[tuple[str, list[float]]], y_title: str) -> dict:
    """Grouped bars: one group per sentence-length bucket, one bar per model, the score written on it."""
    font = chart_font_size()
    names = [str(name) for name, _ in series]
    data = [dict(length=str(length), model=str(name), score=v, label=num(v, 1))
            for name, values in series for length, v in zip(lengths, values)]
    colours = [BLUE, ORANGE, VERMILLION, GREY]
    position = dict(x=dict(field="length", type="nominal", title=None, sort=[str(length) for length in lengths], axis=dict(labelAngle=0)),
                    xOffset=dict(field="model", type="nominal", sort=names))
    return dict(
        data=dict(values=data),
        encoding=dict(y=dict(field="score", type="quantitative", title=y_title), **position),
        layer=[
            dict(mark=dict(type="bar"),
                 encoding=dict(color=dict(field="model", type="nominal", title=None, sort=names,
                                          scale=dict(domain=names, range=[colours[k % 4] for k in range(len(names))]),
                                          legend=dict(orient="bottom")))),
            dict(mark=dict(type="text", dy=-8), encoding=dict(text=dict(field="label"))),
        ],
        height=380,
        config=_config(font),
    )


def loss_curve(losses: list[float], first_right_epoch: int | None, epochs: int, x_title: str, y_title: str,
               right_label: str) -> dict:
    """The training loss per epoch (log scale: it falls by orders of magnitude), the x axis as long as
    the whole run so the line grows across a fixed frame, and a rule where both phrases first
    translated right."""
    font = chart_font_size()
    x = dict(field="epoch", type="quantitative", title=x_title, scale=dict(domain=[1, max(epochs, 2)]))
    layers = [dict(mark=dict(type="line", color=BLUE, strokeWidth=3),
                   encoding=dict(x=x, y=dict(field="loss", type="quantitative", title=y_title,
                                             scale=dict(type="log"))))]
    if first_right_epoch is not None:
        layers.append(dict(data=dict(values=[dict(epoch=first_right_epoch, label=right_label)]),
                           layer=[dict(mark=dict(type="rule", color=VERMILLION, strokeWidth=2, strokeDash=[6, 4]),
                                       encoding=dict(x=x)),
                                  dict(mark=dict(type="text", align="left", dx=6, baseline="top", color=VERMILLION),
                                       encoding=dict(x=x, y=dict(value=4), text=dict(field="label")))]))
    return dict(
        data=_table(dict(epoch=list(range(1, len(losses) + 1)), loss=[float(v) for v in losses])),
        layer=layers,
        height=300,
        config=_config(font),
    )
