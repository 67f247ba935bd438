"""Plotly figures built from trace numbers. Colour scales are colour-blind safe (cividis, viridis,
Okabe-Ito); every label made from user text is HTML-escaped because Plotly reads HTML in labels.

Speed: a step change rebuilds every figure of the step view, so each figure is described as one
nested dict and validated by Plotly once (`go.Figure(data=..., layout=...)`), never grown with
`add_shape`/`update_*` calls (each of which validates again); and long number grids go to Plotly as
numpy arrays, which it copies and sends as binary instead of checking every Python float. numpy
only holds the trace's numbers and labels here: nothing is computed from them."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .display import chart_font_size
from .format import num, pct, plotly_label

VECTOR_SCALE = "Cividis"
WEIGHT_SCALE = "Viridis"
BLUE, ORANGE, VERMILLION, GREY = "#0072B2", "#E69F00", "#D55E00", "#999999"
TICK_COLOUR = "#1A1A1A"  # Streamlit's chart theme sets small grey tick labels: readable from afar instead
MARGIN = dict(l=10, r=10, t=30, b=10)


def _axis(font: int, title: str | None = None, **extra) -> dict:
    """An axis with tick labels and title at the chart's font size."""
    axis = dict(tickfont=dict(size=font, color=TICK_COLOUR), title=dict(font=dict(size=font)), **extra)
    if title is not None:
        axis["title"]["text"] = title
    return axis


def _figure(data: list[dict], font: int, height: int, xaxis: dict, yaxis: dict, margin: dict | None = None, **layout) -> go.Figure:
    """The figure in one piece: traces (dicts with a `type`) and the layout every chart shares."""
    return go.Figure(
        data=data,
        layout=dict(
            height=height,
            margin=margin or MARGIN,
            font=dict(size=font),
            hoverlabel=dict(font=dict(size=font)),
            xaxis=xaxis,
            yaxis=yaxis,
            **layout,
        ),
    )


def _colorbar(font: int, **extra) -> dict:
    return dict(thickness=12, tickfont=dict(size=font), **extra)


def _strings(values: list[str], shape: tuple[int, ...] | None = None) -> np.ndarray:
    """Labels, given flat, as a numpy object array of `shape` (Plotly takes it without checking
    each element; object, not numpy's fixed-width text, so every string stays as it is)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array if shape is None else array.reshape(shape)


def vector_strip(rows: list[list[float]], labels: list[str], value_name: str) -> go.Figure:
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
        z=np.array(rows, dtype=float),
        x=np.arange(1, width + 1) if rows else [],
        y=positions,
        colorscale=VECTOR_SCALE,
        zmid=0,
        customdata=np.repeat(_strings(names).reshape(-1, 1), width, axis=1),
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
) -> go.Figure:
    """Output words (rows) x input words (columns), the percentage written in each cell.

    font_size: given when building outside a page run (the offline HTML export)."""
    font = font_size or chart_font_size()
    rows, cols = list(range(len(weights))), list(range(len(input_labels)))
    outputs = [plotly_label(label) for label in output_labels]
    inputs = [plotly_label(label) for label in input_labels]
    pairs = _strings([label for o in outputs for i in inputs for label in (o, i)], (len(outputs), len(inputs), 2))
    trace = dict(
        type="heatmap",
        z=np.array(weights, dtype=float),
        x=cols,
        y=rows,
        zmin=0,
        zmax=1,
        colorscale=WEIGHT_SCALE,
        text=_strings([pct(w) for row in weights for w in row], (len(weights), len(input_labels))),
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


def percentage_bars(values: list[float], labels: list[str], highlight: int | None = None) -> go.Figure:
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


def attention_picture(input_labels: list[str], weights: list[float], output_label: str, input_token: str) -> go.Figure:
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


def bleu_by_length(lengths: list[str], series: list[tuple[str, list[float]]], y_title: str) -> go.Figure:
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
