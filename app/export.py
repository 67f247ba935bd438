"""Exports of one trace: heatmap as PNG/SVG (Matplotlib, server-side), trace as JSON/CSV, and the step
viewer in one offline HTML file (the viewer, its chart libraries and the step document inlined).

These functions take plain arguments and touch no Streamlit state: download buttons may call them
on another thread when clicked.
"""
from __future__ import annotations

import html
import io
import json
import re

import pandas as pd

from model.inference.trace import Trace

from .format import mpl_label, pct, source_labels
from .panels.heatmap import output_labels
from .viewer import files

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


OFFLINE_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0 auto; max-width: 1200px; padding: 0 1rem 2rem; background: #fff; }}
{css}
</style>
{libraries}
</head>
<body>
<main>
<h1 class="ae-export-title">{title}</h1>
<p class="ae-export-sentence"><code>{source}</code> → <strong><code>{translation}</code></strong></p>
<div id="ae-root"></div>
</main>
<script type="application/json" id="ae-document">{document}</script>
<script type="module">
{viewer}
mountViewer(document.getElementById("ae-root"), JSON.parse(document.getElementById("ae-document").textContent), {{step: 1}});
</script>
</body>
</html>
"""


def _script(path: str) -> str:
    """A script file inlined as it is: it must not hold what would end or comment out its element."""
    text = files.read(path)
    if "</script" in text.lower() or "<!--" in text:
        raise ValueError(f"{path} cannot be inlined in a <script> element")
    return text


def viewer_html(trace: Trace, language: str = "en", presenting: bool = False) -> bytes:
    """The step viewer in one self-contained page: it steps through the saved sentence on a computer with
    no server and no network, exactly as in the app."""
    from .viewer.document import build_document  # the panels and catalogs: only when an export is asked for

    document = build_document(trace, language, presenting)
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    libraries = "\n".join(f"<script>{_script(path)}</script>" for path in files.LIBRARIES)
    page = OFFLINE_PAGE.format(
        lang=language, title=html.escape(f"Attention Explorer · {trace.model.name}"),
        css=files.read(files.VIEWER_CSS), libraries=libraries,
        source=html.escape(trace.source), translation=html.escape(trace.translation or "∅"),
        document=text, viewer=_script(files.VIEWER_JS),
    )
    return page.encode("utf-8")


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
