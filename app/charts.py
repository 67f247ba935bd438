"""Plotly figures built from trace numbers. Colour scales are colour-blind safe (cividis, viridis,
Okabe-Ito); every label made from user text is HTML-escaped because Plotly reads HTML in labels.

Speed: a step change rebuilds every figure of the step view, and in Plotly's Python objects most of
that time went to checking each value against the schema and deep-copying the figure for
st.plotly_chart. So each figure is written here as the plain dict that is sent (`ReadyFigure`),
checked against Plotly's schema by the tests instead of at run time (tests/app/test_charts.py).
Nothing is computed here from the trace's numbers: they are laid out as they are.
"""
from __future__ import annotations

import base64
from functools import cache

import numpy as np
import plotly.graph_objects as go
import plotly.io
from plotly.colors import get_colorscale

from .display import chart_font_size
from .format import num, pct, plotly_label

VECTOR_SCALE = get_colorscale("Cividis")  # as lists of [position, colour]: what Plotly's check would make of the names
WEIGHT_SCALE = get_colorscale("Viridis")
BLUE, ORANGE, VERMILLION, GREY = "#0072B2", "#E69F00", "#D55E00", "#999999"
TICK_COLOUR = "#1A1A1A"  # Streamlit's chart theme sets small grey tick labels: readable from afar instead
MARGIN = dict(l=10, r=10, t=30, b=10)


def _axis(font: int, title: str | None = None, **extra) -> dict:
    """An axis with tick labels and title at the chart's font size."""
    axis = dict(tickfont=dict(size=font, color=TICK_COLOUR), title=dict(font=dict(size=font)), **extra)
    if title is not None:
        axis["title"]["text"] = title
    return axis


class ReadyFigure(go.Figure):
    """A figure whose dict is final. st.plotly_chart and `to_html` take a figure's `to_dict()`,
    which here is the dict as built rather than Plotly's checked deep copy of it."""

    def __init__(self, spec: dict):
        super().__init__(_validate=False, layout={"template": {}})  # an empty shell: the spec is the figure
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


@cache
def _template(name: str) -> dict:
    """The default template's dict, which a Plotly figure carries (Streamlit's, once it is loaded)."""
    return plotly.io.templates[name].to_plotly_json()


def _figure(data: list[dict], font: int, height: int, xaxis: dict, yaxis: dict, margin: dict | None = None, **layout) -> ReadyFigure:
    """The figure in one piece: traces (dicts with a `type`) and the layout every chart shares."""
    return ReadyFigure(
        dict(
            data=data,
            layout=dict(
                height=height,
                margin=margin or MARGIN,
                font=dict(size=font),
                hoverlabel=dict(font=dict(size=font)),
                xaxis=xaxis,
                yaxis=yaxis,
                **layout,
                template=_template(plotly.io.templates.default),
            ),
        )
    )


def _numbers(grid: list[list[float]]) -> dict | list:
    """A grid of numbers in plotly.js's typed-array form (the bytes, base64), which the browser reads
    without parsing text (sent as JSON text, the step view took ~150 ms longer to repaint).
    float32 when every number is one (the model computes in float32, so the trace's numbers are),
    otherwise float64: exact either way."""
    if not grid:
        return []
    array = np.asarray(grid, dtype=np.float64)
    single = array.astype(np.float32)
    if np.array_equal(single.astype(np.float64), array):
        array = single
    return {"dtype": "f4" if array.dtype == np.float32 else "f8", "bdata": base64.b64encode(array.tobytes()).decode("ascii"),
            "shape": ",".join(str(n) for n in array.shape)}


def _colorbar(font: int, **extra) -> dict:
    return dict(thickness=12, tickfont=dict(size=font), **extra)


def vector_strip(rows: list[list[float]], labels: list[str], value_name: str) -> ReadyFigure:
    """One coloured strip per vector (e.g. per input word); the exact value shows on hover.

    The hover names the row through `customdata`: one label per cell, because a heatmap's hover
    reads customdata cell by cell, and `%{y}` would only give the row's number (the rows cannot be
    named categories: a sentence can hold the same word twice)."""
    font = chart_font_size()
    positions = list(range(len(rows)))
    width = len(rows[0]) if rows else 0
    names = [plotly_label(label) for label in labels]
    trace = dict(
        type="heatmap",
        z=_numbers(rows),
        x=list(range(1, width + 1)),
        y=positions,
        colorscale=VECTOR_SCALE,
        zmid=0,
        customdata=[[name] * width for name in names],
        hovertemplate="%{customdata}<br>" + value_name + " %{x}: %{z:.4f}<extra></extra>",
        colorbar=_colorbar(font),
    )
    row_height = 34 if font > 14 else 26
    return _figure(
        [trace],
        font,
        height=max(170, 90 + row_height * len(rows)),
        xaxis=_axis(font, title=value_name),
        yaxis=_axis(font, tickvals=positions, ticktext=names, autorange="reversed"),
    )


def attention_heatmap(
    weights: list[list[float]],
    output_labels: list[str],
    input_labels: list[str],
    highlight_row: int | None,
    font_size: int | None = None,
) -> ReadyFigure:
    """Output words (rows) x input words (columns), the percentage written in each cell.

    font_size: given when building outside a page run (the offline HTML export)."""
    font = font_size or chart_font_size()
    rows, cols = list(range(len(weights))), list(range(len(input_labels)))
    outputs = [plotly_label(label) for label in output_labels]
    inputs = [plotly_label(label) for label in input_labels]
    pairs = [[[o, i] for i in inputs] for o in outputs]
    trace = dict(
        type="heatmap",
        z=_numbers(weights),
        x=cols,
        y=rows,
        zmin=0,
        zmax=1,
        colorscale=WEIGHT_SCALE,
        text=[[pct(w) for w in row] for row in weights],
        texttemplate="%{text}",
        customdata=pairs,
        hovertemplate="%{customdata[0]} ← %{customdata[1]}: %{text}<extra></extra>",
        colorbar=_colorbar(font, tickformat=".0%"),
        xgap=2,
        ygap=2,
    )
    shapes = []
    if highlight_row is not None:
        shapes.append(
            dict(
                type="rect",
                x0=-0.5,
                x1=len(input_labels) - 0.5,
                y0=highlight_row - 0.5,
                y1=highlight_row + 0.5,
                line=dict(color=VERMILLION, width=4),
            )
        )
    row_height = 48 if font > 14 else 38
    return _figure(
        [trace],
        font,
        height=140 + row_height * len(weights),
        xaxis=_axis(font, tickvals=cols, ticktext=inputs, side="top", tickangle=-30),
        yaxis=_axis(font, tickvals=rows, ticktext=outputs, autorange="reversed"),
        margin=dict(l=10, r=10, t=90, b=10),
        shapes=shapes,
    )


def percentage_bars(values: list[float], labels: list[str], highlight: int | None = None) -> ReadyFigure:
    """Horizontal bars of shares (0-1), the percentage printed on each bar."""
    font = chart_font_size()
    positions = list(range(len(values)))
    trace = dict(
        type="bar",
        x=values,
        y=positions,
        orientation="h",
        marker=dict(color=[VERMILLION if i == highlight else BLUE for i in positions]),
        text=[pct(v) for v in values],
        textposition="outside",
        cliponaxis=False,
        hoverinfo="skip",
    )
    row_height = 44 if font > 14 else 32
    return _figure(
        [trace],
        font,
        height=60 + row_height * len(values),
        xaxis=_axis(font, range=[0, 1.15], tickformat=".0%"),
        yaxis=_axis(font, tickvals=positions, ticktext=[plotly_label(label) for label in labels], autorange="reversed"),
        showlegend=False,
    )


def attention_picture(input_labels: list[str], weights: list[float], output_label: str, input_token: str) -> ReadyFigure:
    """The video's drawing: each input word joined to the current output word by a line as wide as
    its attention weight."""
    n = len(input_labels)
    font = chart_font_size()
    target_y = (n - 1) / 2
    lines = [
        dict(
            type="line",
            x0=0.12,
            y0=i,
            x1=0.88,
            y1=target_y,
            line=dict(color=BLUE, width=max(0.5, 24 * weight)),
            opacity=0.35 + 0.65 * weight,
            layer="below",
        )
        for i, weight in enumerate(weights)
    ]
    words = dict(
        type="scatter",
        x=[0.1] * n,
        y=list(range(n)),
        mode="text",
        text=[f"{plotly_label(label)}  <b>{pct(w)}</b>" for label, w in zip(input_labels, weights)],
        textposition="middle left",
        hoverinfo="skip",
    )
    written = dict(
        type="scatter",
        x=[0.9],
        y=[target_y],
        mode="text",
        text=[f"<b>{plotly_label(output_label)}</b><br><span style='font-size:{max(10, font - 4)}px'>(← {plotly_label(input_token)})</span>"],
        textposition="middle right",
        textfont=dict(size=font + 6, color=VERMILLION),
        hoverinfo="skip",
    )
    row_height = 56 if font > 14 else 42
    return _figure(
        [words, written],
        font,
        height=max(200, 60 + row_height * n),
        xaxis=_axis(font, visible=False, range=[-0.6, 1.35]),
        yaxis=_axis(font, visible=False, range=[n - 0.4, -0.6]),
        shapes=lines,
        showlegend=False,
    )


def bleu_by_length(lengths: list[str], series: list[tuple[str, list[float]]], y_title: str) -> ReadyFigure:
    """Grouped bars: one group per sentence-length bucket, one bar per model."""
    font = chart_font_size()
    colours = [BLUE, ORANGE, VERMILLION, GREY]
    bars = [
        dict(type="bar", name=plotly_label(name), x=lengths, y=values, marker=dict(color=colours[k % 4]),
             text=[num(v, 1) for v in values], textposition="outside")
        for k, (name, values) in enumerate(series)
    ]
    return _figure(
        bars,
        font,
        height=420,
        xaxis=_axis(font),
        yaxis=_axis(font, title=y_title),
        barmode="group",
        legend=dict(orientation="h", y=-0.2),
    )
