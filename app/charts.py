"""Plotly figures built from trace numbers. Colour scales are colour-blind safe (cividis, viridis,
Okabe-Ito); every label made from user text is HTML-escaped because Plotly reads HTML in labels."""
from __future__ import annotations

import plotly.graph_objects as go

from .display import chart_font_size
from .format import num, pct, plotly_label

VECTOR_SCALE = "Cividis"
WEIGHT_SCALE = "Viridis"
BLUE, ORANGE, VERMILLION, GREY = "#0072B2", "#E69F00", "#D55E00", "#999999"


def _layout(fig: go.Figure, height: int, font_size: int | None = None, **extra) -> go.Figure:
    font = font_size or chart_font_size()
    fig.update_layout(
        height=height,
        margin=extra.pop("margin", dict(l=10, r=10, t=30, b=10)),
        font=dict(size=font),
        hoverlabel=dict(font_size=font),
        **extra,
    )
    # Streamlit's chart theme sets its own small, grey tick labels: make them readable from afar.
    fig.update_xaxes(tickfont=dict(size=font, color="#1A1A1A"), title_font=dict(size=font))
    fig.update_yaxes(tickfont=dict(size=font, color="#1A1A1A"), title_font=dict(size=font))
    fig.update_traces(colorbar_tickfont_size=font, selector=dict(type="heatmap"))
    return fig


def vector_strip(rows: list[list[float]], labels: list[str], value_name: str) -> go.Figure:
    """One coloured strip per vector (e.g. per input word); the exact value shows on hover."""
    positions = list(range(len(rows)))
    fig = go.Figure(
        go.Heatmap(
            z=rows,
            x=list(range(1, len(rows[0]) + 1)) if rows else [],
            y=positions,
            colorscale=VECTOR_SCALE,
            zmid=0,
            customdata=[[plotly_label(label)] * len(row) for label, row in zip(labels, rows)],
            hovertemplate="%{customdata}<br>" + value_name + " %{x}: %{z:.4f}<extra></extra>",
            colorbar=dict(thickness=12),
        )
    )
    fig.update_yaxes(tickvals=positions, ticktext=[plotly_label(label) for label in labels], autorange="reversed")
    fig.update_xaxes(title_text=value_name)
    row_height = 34 if chart_font_size() > 14 else 26
    return _layout(fig, height=max(170, 90 + row_height * len(rows)))


def attention_heatmap(
    weights: list[list[float]],
    output_labels: list[str],
    input_labels: list[str],
    highlight_row: int | None,
    font_size: int | None = None,
) -> go.Figure:
    """Output words (rows) x input words (columns), the percentage written in each cell.

    font_size: given when building outside a page run (the offline HTML export)."""
    font_size = font_size or chart_font_size()
    rows, cols = list(range(len(weights))), list(range(len(input_labels)))
    text = [[pct(w) for w in row] for row in weights]
    fig = go.Figure(
        go.Heatmap(
            z=weights,
            x=cols,
            y=rows,
            zmin=0,
            zmax=1,
            colorscale=WEIGHT_SCALE,
            text=text,
            texttemplate="%{text}",
            customdata=[[[plotly_label(o), plotly_label(i)] for i in input_labels] for o in output_labels],
            hovertemplate="%{customdata[0]} ← %{customdata[1]}: %{text}<extra></extra>",
            colorbar=dict(thickness=12, tickformat=".0%"),
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(tickvals=cols, ticktext=[plotly_label(label) for label in input_labels], side="top", tickangle=-30)
    fig.update_yaxes(tickvals=rows, ticktext=[plotly_label(label) for label in output_labels], autorange="reversed")
    if highlight_row is not None:
        fig.add_shape(
            type="rect",
            x0=-0.5,
            x1=len(input_labels) - 0.5,
            y0=highlight_row - 0.5,
            y1=highlight_row + 0.5,
            line=dict(color=VERMILLION, width=4),
        )
    row_height = 48 if font_size > 14 else 38
    return _layout(fig, height=140 + row_height * len(weights), font_size=font_size, margin=dict(l=10, r=10, t=90, b=10))


def percentage_bars(values: list[float], labels: list[str], highlight: int | None = None) -> go.Figure:
    """Horizontal bars of shares (0-1), the percentage printed on each bar."""
    positions = list(range(len(values)))
    colours = [VERMILLION if i == highlight else BLUE for i in positions]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=positions,
            orientation="h",
            marker_color=colours,
            text=[pct(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
        )
    )
    fig.update_yaxes(tickvals=positions, ticktext=[plotly_label(label) for label in labels], autorange="reversed")
    fig.update_xaxes(range=[0, 1.15], tickformat=".0%")
    row_height = 44 if chart_font_size() > 14 else 32
    return _layout(fig, height=60 + row_height * len(values), showlegend=False)


def attention_picture(input_labels: list[str], weights: list[float], output_label: str, input_token: str) -> go.Figure:
    """The video's drawing: each input word joined to the current output word by a line as wide as
    its attention weight."""
    n = len(input_labels)
    font = chart_font_size()
    fig = go.Figure()
    target_y = (n - 1) / 2
    for i, weight in enumerate(weights):
        fig.add_shape(
            type="line",
            x0=0.12,
            y0=i,
            x1=0.88,
            y1=target_y,
            line=dict(color=BLUE, width=max(0.5, 24 * weight)),
            opacity=0.35 + 0.65 * weight,
            layer="below",
        )
    fig.add_trace(
        go.Scatter(
            x=[0.1] * n,
            y=list(range(n)),
            mode="text",
            text=[f"{plotly_label(label)}  <b>{pct(w)}</b>" for label, w in zip(input_labels, weights)],
            textposition="middle left",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0.9],
            y=[target_y],
            mode="text",
            text=[f"<b>{plotly_label(output_label)}</b><br><span style='font-size:{max(10, font - 4)}px'>(← {plotly_label(input_token)})</span>"],
            textposition="middle right",
            textfont=dict(size=font + 6, color=VERMILLION),
            hoverinfo="skip",
        )
    )
    fig.update_xaxes(visible=False, range=[-0.6, 1.35])
    fig.update_yaxes(visible=False, range=[n - 0.4, -0.6])
    row_height = 56 if font > 14 else 42
    return _layout(fig, height=max(200, 60 + row_height * n), showlegend=False)


def bleu_by_length(lengths: list[str], series: list[tuple[str, list[float]]], y_title: str) -> go.Figure:
    """Grouped bars: one group per sentence-length bucket, one bar per model."""
    colours = [BLUE, ORANGE, VERMILLION, GREY]
    fig = go.Figure(
        [
            go.Bar(name=plotly_label(name), x=lengths, y=values, marker_color=colours[k % 4], text=[num(v, 1) for v in values], textposition="outside")
            for k, (name, values) in enumerate(series)
        ]
    )
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=-0.2))
    fig.update_yaxes(title_text=y_title)
    return _layout(fig, height=420)
