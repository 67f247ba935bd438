"""Exports of a trace: images by Matplotlib, offline HTML, JSON and CSV with the trace's numbers."""
from __future__ import annotations

import csv
import io

import pytest

from app import export
from model import Trace


@pytest.fixture(scope="module")
def trace(toy_model):
    return toy_model.trace("let's go", truncate=True)


def test_png_and_svg(trace):
    assert export.heatmap_image(trace, "png").startswith(b"\x89PNG")
    assert "<svg" in export.heatmap_image(trace, "svg").decode()


def test_png_shows_percentages_from_the_trace(trace):
    svg = export.heatmap_image(trace, "svg").decode()
    # Matplotlib writes text as glyph paths; the labels survive as comments.
    for weight in trace.steps[0].weights:
        assert f"{weight * 100:.0f}%" in svg


def test_offline_html_is_the_viewer_with_everything_inside(trace):
    html = export.viewer_html(trace).decode()
    assert "<script src=" not in html and "<link" not in html and "http://" not in html.split("<script>")[0]
    assert html.count("<script>") == 3 and "vegaEmbed" in html  # vega, vega-lite, vega-embed inlined
    assert "mountViewer(" in html and 'id="ae-document"' in html


def test_offline_html_keeps_hostile_text_as_text(toy_model):
    hostile = toy_model.trace('let\'s go <img src=x onerror=alert(1)> </script> "go"', truncate=True)
    html = export.viewer_html(hostile, "fr").decode()
    document = html.split('id="ae-document">', 1)[1].split("</script>", 1)[0]
    assert "<" not in document and "&lt;img" not in html.split('id="ae-document">')[0].replace(
        "&lt;img src=x onerror=alert(1)&gt;", "")  # the sentence line: escaped once
    assert "<img src=x" not in html and "</script> " not in document


def test_json_round_trip(trace):
    assert Trace.from_json(export.trace_json(trace).decode()) == trace


def test_csv_has_one_row_per_step_and_input_word(trace):
    rows = list(csv.DictReader(io.StringIO(export.trace_csv(trace).decode())))
    assert len(rows) == len(trace.steps) * len(trace.source_tokens)
    assert float(rows[0]["attention_weight"]) == pytest.approx(trace.steps[0].weights[0])
    assert rows[0]["output_word"] == trace.steps[0].output_token


def test_file_stem_is_safe(trace):
    assert export.file_stem(trace) == "attention-statquest-toy-let-s-go"
