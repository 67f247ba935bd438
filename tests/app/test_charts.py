"""The figures as the browser gets them (Plotly's JSON, binary arrays decoded): the trace's exact
numbers, every hover naming its row, user text escaped, and repeated words kept apart."""
from __future__ import annotations

import base64
import json

import numpy as np
import plotly.io

from app import charts
from app.format import pct

DTYPES = {"f8": "<f8", "f4": "<f4", "i1": "i1", "u1": "u1", "i2": "<i2", "u2": "<u2", "i4": "<i4", "u4": "<u4"}


def _decoded(value):
    """Plotly sends numpy arrays as {"dtype", "bdata", "shape"}: back to nested lists."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=DTYPES[value["dtype"]])
            if "shape" in value:
                array = array.reshape([int(n) for n in value["shape"].split(",")])
            return array.tolist()
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    return value


def sent(figure) -> dict:
    """What st.plotly_chart sends: the figure's dict as JSON, decoded."""
    return _decoded(json.loads(plotly.io.to_json(figure.to_dict(), validate=False)))


ROWS = [[0.1234567891234, -2.5, 1e-9], [3.0, 0.30000000000000004, -0.0], [7.25, -1.125, 2.0]]
LABELS = ["the", "<b>cat</b>", "the"]  # a word twice, and text that looks like HTML


def test_vector_strip_sends_the_exact_numbers_and_names_every_cell():
    spec = sent(charts.vector_strip(ROWS, LABELS, "dimension"))
    (heatmap,) = spec["data"]
    assert heatmap["z"] == ROWS  # bit for bit, not rounded
    assert heatmap["x"] == [1, 2, 3]
    assert heatmap["customdata"] == [["the"] * 3, ["&lt;b&gt;cat&lt;/b&gt;"] * 3, ["the"] * 3]
    assert heatmap["hovertemplate"] == "%{customdata}<br>dimension %{x}: %{z:.4f}<extra></extra>"
    assert heatmap["colorscale"] and heatmap["zmid"] == 0
    axis = spec["layout"]["yaxis"]
    assert heatmap["y"] == axis["tickvals"] == [0, 1, 2]  # the repeated word keeps its own row
    assert axis["ticktext"] == ["the", "&lt;b&gt;cat&lt;/b&gt;", "the"]
    assert spec["layout"]["xaxis"]["title"]["text"] == "dimension"


def test_attention_heatmap_cells_and_highlight():
    weights = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05]]
    spec = sent(charts.attention_heatmap(weights, ["1. le", "2. <i>chat</i>"], LABELS, highlight_row=1, font_size=14))
    (heatmap,) = spec["data"]
    assert heatmap["z"] == weights
    assert heatmap["text"] == [[pct(w) for w in row] for row in weights]
    assert heatmap["customdata"][1][1] == ["2. &lt;i&gt;chat&lt;/i&gt;", "&lt;b&gt;cat&lt;/b&gt;"]
    assert heatmap["customdata"][0][2] == ["1. le", "the"]
    assert spec["layout"]["xaxis"]["ticktext"] == ["the", "&lt;b&gt;cat&lt;/b&gt;", "the"]
    (box,) = spec["layout"]["shapes"]
    assert (box["type"], box["y0"], box["y1"], box["x0"], box["x1"]) == ("rect", 0.5, 1.5, -0.5, 2.5)
    assert not sent(charts.attention_heatmap(weights, ["a", "b"], LABELS, None, font_size=14))["layout"].get("shapes")


def test_attention_picture_draws_one_line_per_input_word():
    weights = [0.6, 0.0, 0.4]
    spec = sent(charts.attention_picture(LABELS, weights, "<le>", "<EOS>"))
    lines = spec["layout"]["shapes"]
    assert [line["line"]["width"] for line in lines] == [max(0.5, 24 * w) for w in weights]
    assert [line["y0"] for line in lines] == [0, 1, 2] and {line["y1"] for line in lines} == {1.0}
    words, written = spec["data"]
    assert words["text"] == ["the  <b>60.0%</b>", "&lt;b&gt;cat&lt;/b&gt;  <b>0.0%</b>", "the  <b>40.0%</b>"]
    assert written["text"][0].startswith("<b>&lt;le&gt;</b>") and "(← &lt;EOS&gt;)" in written["text"][0]


def test_percentage_bars_mark_the_highlighted_bar():
    spec = sent(charts.percentage_bars([0.5, 0.3, 0.2], LABELS, highlight=1))
    (bars,) = spec["data"]
    assert bars["x"] == [0.5, 0.3, 0.2]
    assert bars["text"] == ["50.0%", "30.0%", "20.0%"]
    assert bars["marker"]["color"] == [charts.BLUE, charts.VERMILLION, charts.BLUE]
    assert spec["layout"]["yaxis"]["ticktext"] == ["the", "&lt;b&gt;cat&lt;/b&gt;", "the"]


CHARTS = {
    "vector strip": lambda: charts.vector_strip(ROWS, LABELS, "dimension"),
    "attention heatmap": lambda: charts.attention_heatmap([[0.7, 0.2, 0.1], [0.05, 0.9, 0.05]], ["1. le", "2. <i>chat</i>"],
                                                          LABELS, highlight_row=1, font_size=14),
    "percentage bars": lambda: charts.percentage_bars([0.5, 0.3, 0.2], LABELS, highlight=1),
    "attention picture": lambda: charts.attention_picture(LABELS, [0.6, 0.0, 0.4], "<le>", "<EOS>"),
    "bleu by length": lambda: charts.bleu_by_length(["1-5", "6-10"], [("en-fr", [39.7, 35.3]), ("<b>x</b>", [23.5, 18.0])], "BLEU"),
}


def test_every_chart_is_what_plotly_would_make_of_it_after_checking(monkeypatch):
    """The app sends its figure dicts unchecked (checking and copying them in Plotly's objects was
    most of a step change's CPU); Plotly's checked build of the same dicts must send the same."""
    import plotly.graph_objects as go

    ready = charts.ReadyFigure
    unchecked = {name: sent(build()) for name, build in CHARTS.items()}
    monkeypatch.setattr(charts, "ReadyFigure", lambda spec: go.Figure(spec))  # validates every property
    for name, build in CHARTS.items():
        checked = build()
        assert isinstance(checked, go.Figure) and not isinstance(checked, ready)
        assert unchecked[name] == sent(checked), name


def test_float32_numbers_travel_as_float32_and_arrive_exact():
    rows = np.float32([[0.1, -2.5, 1e-9], [3.0, 0.3, -0.0]]).astype(float).tolist()  # as a trace holds them
    (heatmap,) = charts.vector_strip(rows, ["a", "b"], "dimension").to_dict()["data"]
    assert heatmap["z"]["dtype"] == "f4"
    assert sent(charts.vector_strip(rows, ["a", "b"], "dimension"))["data"][0]["z"] == rows
    assert charts.vector_strip(ROWS, LABELS, "dimension").to_dict()["data"][0]["z"]["dtype"] == "f8"  # not float32: exact
