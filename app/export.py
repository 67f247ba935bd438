"""Exports of one trace: heatmap as PNG/SVG (Matplotlib, server-side), trace as JSON/CSV, and an
offline HTML heatmap (Plotly with its JavaScript inlined, no CDN).

These functions take plain arguments and touch no Streamlit state: download buttons may call them
on another thread when clicked.
"""
from __future__ import annotations

import io
import re

import pandas as pd

from model.inference.trace import Trace

from .format import mpl_label, pct, plotly_label, source_labels
from .panels.heatmap import output_labels

EXPORT_FONT_SIZE = 14


def file_stem(trace: Trace) -> str:
    """attention-<model>-<first words>: a safe, readable file name."""
    words = re.sub(r"[^a-z0-9]+", "-", trace.source.lower()).strip("-")[:40].strip("-") or "sentence"
    return f"attention-{trace.model.name}-{words}"


def heatmap_image(trace: Trace, image_format: str) -> bytes:
    """The full attention heatmap drawn by Matplotlib ("png" or "svg"), percentages in the cells."""
    from matplotlib.figure import Figure  # only when an image is asked for: it takes a while to import

    weights = trace.attention_matrix
    if weights is None:
        raise ValueError("this model has no attention weights")
    inputs = [mpl_label(label) for label in source_labels(trace)]
    outputs = [mpl_label(label) for label in output_labels(trace, len(trace.steps))]
    figure = Figure(figsize=(1.2 + 0.9 * len(inputs), 1.4 + 0.55 * len(outputs)), dpi=150, layout="constrained")
    axes = figure.add_subplot()
    image = axes.imshow(weights, cmap="viridis", vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(len(inputs)), inputs, rotation=40, ha="left")
    axes.set_yticks(range(len(outputs)), outputs)
    axes.xaxis.tick_top()
    for row, values in enumerate(weights):
        for col, weight in enumerate(values):
            colour = "black" if weight > 0.55 else "white"  # viridis is light at the top end
            axes.text(col, row, pct(weight, 0), ha="center", va="center", color=colour, fontsize=8)
    figure.colorbar(image, ax=axes, format=lambda value, _: pct(value, 0), shrink=0.8)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, metadata={"Software": None} if image_format == "png" else None)
    return buffer.getvalue()


def heatmap_figure(trace: Trace):
    """The full heatmap as a Plotly figure (labels HTML-escaped: Plotly reads HTML in them)."""
    import plotly.graph_objects as go

    inputs = [plotly_label(label) for label in source_labels(trace)]
    outputs = [plotly_label(label) for label in output_labels(trace, len(trace.steps))]
    weights = trace.attention_matrix
    cells = go.Heatmap(
        z=weights, x=list(range(len(inputs))), y=list(range(len(outputs))), zmin=0, zmax=1, colorscale="Viridis",
        text=[[pct(w) for w in row] for row in weights], texttemplate="%{text}",
        customdata=[[[o, i] for i in inputs] for o in outputs],
        hovertemplate="%{customdata[0]} ← %{customdata[1]}: %{text}<extra></extra>",
        colorbar=dict(thickness=12, tickformat=".0%"), xgap=2, ygap=2,
    )
    figure = go.Figure(cells)
    figure.update_layout(
        title=dict(text=plotly_label(trace.model.name), x=0.01, y=0.99), font=dict(size=EXPORT_FONT_SIZE),
        height=140 + 38 * len(outputs), margin=dict(l=10, r=10, t=90, b=10),
        xaxis=dict(tickvals=list(range(len(inputs))), ticktext=inputs, side="top", tickangle=-30),
        yaxis=dict(tickvals=list(range(len(outputs))), ticktext=outputs, autorange="reversed"),
    )
    return figure


def heatmap_html(trace: Trace) -> bytes:
    """A self-contained page of the heatmap: opens offline, Plotly's JavaScript is inside."""
    if trace.attention_matrix is None:
        raise ValueError("this model has no attention weights")
    return heatmap_figure(trace).to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False}).encode("utf-8")


def trace_json(trace: Trace) -> bytes:
    return trace.to_json(indent=2).encode("utf-8")


def spreadsheet_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula ("=...", "+...", "@..."); "-vous" stays as is."""
    risky = text[:1] in ("=", "+", "@", "\t", "\r") or (text[:1] == "-" and not text[1:].isalpha())
    return "'" + text if risky and len(text) > 1 else text


def trace_csv(trace: Trace) -> bytes:
    """One row per (step, input word): the numbers a spreadsheet needs to redo the lesson, and in how many
    training pairs the model saw each input token."""
    unknown = set(trace.unknown_source_tokens)
    rows = []
    for number, step in enumerate(trace.steps, start=1):
        common = {
            "step": number,
            "decoder_input": spreadsheet_safe(step.input_label),
            "output_word": spreadsheet_safe(step.output_label),
            "output_token": spreadsheet_safe(step.output_token),
            "output_probability": step.output_prob,
            "forced": step.forced,
        }
        if step.weights is None:
            rows.append(common)
            continue
        for i, (token, label) in enumerate(zip(trace.source_tokens, trace.source_labels)):
            rows.append(
                {
                    **common,
                    "input_position": i + 1,
                    "input_word": spreadsheet_safe(label),
                    "input_token": spreadsheet_safe(token),
                    "input_unknown": i in unknown,
                    "score": step.scores[i],
                    "cosine": step.cosine[i],
                    "attention_weight": step.weights[i],
                    **({"input_training_pairs": trace.evidence.source_token_pairs[i]} if trace.evidence else {}),
                }
            )
    return pd.DataFrame(rows).to_csv(index=False).encode("utf-8")
