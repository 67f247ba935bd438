"""The charts as the browser gets them (Vega-Lite specs): valid against Vega-Lite's schema, the
trace's exact numbers, words kept as typed (no markup) and repeated words kept apart."""
from __future__ import annotations

import base64
import io
import json

import jsonschema
import numpy as np
import pytest
from altair.vegalite.v6.schema import core
from PIL import Image

from app import charts
from app.format import pct

ROWS = [[0.1234567891234, -2.5, 1e-9], [3.0, 0.30000000000000004, -0.0], [7.25, -1.125, 2.0]]
LABELS = ["the", "<b>cat</b>", "the"]  # a word twice, and text that looks like HTML


def plain(value):
    """The spec as JSON data."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def names(spec: dict, name: str = "names") -> list[str]:
    (param,) = [p for p in spec["params"] if p["name"] == name]
    return param["value"]


def strip_pixels(spec: dict) -> np.ndarray:
    (image_layer,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "image"]
    url = image_layer["data"]["values"][0]["url"]
    assert url.startswith("data:image/png;base64,")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB"))


def rgb(hex_colour: str) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]


def test_vector_strip_is_one_pixel_per_number_on_the_colour_bar_scale():
    spec = charts.vector_strip(ROWS, LABELS, "dimension")
    pixels = strip_pixels(spec)
    assert pixels.shape == (3, 3, 3)  # rows x numbers x RGB
    assert pixels[2, 0].tolist() == rgb(charts.VECTOR_COLOURS[-1])  # 7.25, the largest magnitude: top colour
    assert pixels[0, 1].tolist() != pixels[2, 0].tolist()
    (image_layer,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "image"]
    scale = image_layer["encoding"]["color"]["scale"]
    assert scale["domain"] == [-7.25, 7.25] and scale["range"] == charts.VECTOR_COLOURS  # centred on zero
    assert image_layer["mark"]["smooth"] is False  # squares, not a blur
    assert names(spec) == LABELS  # as typed; the repeated word keeps its own row


def test_vector_strip_colours_run_from_negative_to_positive():
    spec = charts.vector_strip([[-1.0, 0.0, 1.0]], ["v"], "dimension")
    low, middle, high = strip_pixels(spec)[0].tolist()
    assert low == rgb(charts.VECTOR_COLOURS[0]) and high == rgb(charts.VECTOR_COLOURS[-1])
    assert sum(low) < sum(middle) < sum(high)  # dark negative, light positive


def test_attention_heatmap_cells_and_highlight():
    weights = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05]]
    spec = plain(charts.attention_heatmap(weights, ["1. le", "2. <i>chat</i>"], LABELS, highlight_row=1))
    cells = spec["data"]["values"]
    assert [cell["w"] for cell in cells] == [round(w, charts.DRAWING_DIGITS) for row in weights for w in row]  # row by row
    assert [cell["label"] for cell in cells] == [pct(w) for row in weights for w in row]
    assert [(cell["out"], cell["col"]) for cell in cells][:4] == [(0, 0), (0, 1), (0, 2), (1, 0)]
    assert [cell["current"] for cell in cells] == [False] * 3 + [True] * 3  # the framed row
    assert names(spec, "inputs") == LABELS and names(spec, "outputs") == ["1. le", "2. <i>chat</i>"]
    frame = spec["layer"][-1]
    assert frame["mark"]["stroke"] == charts.VERMILLION and frame["transform"][0]["filter"] == "datum.current"
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"  # cell texts are on the page
    assert not any(cell["current"] for cell in charts.attention_heatmap(weights, ["a", "b"], LABELS, None)["data"]["values"])


def test_the_heatmap_of_every_step_shows_the_rows_up_to_its_step_parameter():
    weights = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05]]
    spec = charts.attention_heatmap_all_steps(weights, ["1. le", "2. chat"], LABELS)
    assert spec["params"][0] == {"name": "step", "value": 0}
    assert spec["transform"][0] == {"filter": "datum.out <= step"}  # the rows decoded so far
    assert spec["layer"][-1]["transform"][0] == {"filter": "datum.out == step"}  # the current row framed
    assert len(spec["data"]["values"]) == 6 and "current" not in spec["data"]["values"][0]


def test_heatmap_keeps_its_rows_and_spec_from_step_to_step():
    """Steps so far fill the rows of the whole translation; only the data changes between steps, so
    the browser updates the chart it has."""
    outputs = ["1. le", "2. chat", "3. <EOS>"]
    rows = [[0.7, 0.2, 0.1], [0.05, 0.9, 0.05], [0.3, 0.3, 0.4]]
    first = charts.attention_heatmap(rows[:1], outputs, LABELS, highlight_row=0)
    last = charts.attention_heatmap(rows, outputs, LABELS, highlight_row=2)
    assert len(first["data"]["values"]) == 3 and len(last["data"]["values"]) == 9
    assert first["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 1, 2]
    assert {**first, "data": None} == {**last, "data": None}


def test_bars_and_picture_keep_their_spec_from_step_to_step():
    def spec_of(chart):
        return json.dumps({**plain(chart), "data": None}, sort_keys=True)

    assert spec_of(charts.percentage_bars([0.5, 0.3, 0.2], LABELS, 0)) == spec_of(charts.percentage_bars([0.1, 0.1, 0.8], LABELS, 2))
    assert spec_of(charts.percentage_bars([0.9, 0.1], ["pas", "que"], 0)) == spec_of(charts.percentage_bars([0.6, 0.4], ["la", "une"], 1))
    assert (spec_of(charts.attention_picture(LABELS, [0.6, 0.0, 0.4], "le", "<EOS>"))
            == spec_of(charts.attention_picture(LABELS, [0.1, 0.8, 0.1], "chat", "le")))


def test_attention_picture_draws_one_line_per_input_word():
    weights = [0.6, 0.0, 0.4]
    spec = plain(charts.attention_picture(LABELS, weights, "<le>", "<EOS>"))
    rows = spec["data"]["values"]
    widths = [row["width"] for row in rows]
    assert widths[0] > widths[2] > widths[1] > 0  # wider for more attention; a zero weight still a hairline
    assert widths[0] / widths[2] == pytest.approx(0.6 / 0.4)  # as wide as the weight
    assert [row["row"] for row in rows] == [0, 1, 2] and spec["layer"][0]["encoding"]["y2"]["datum"] == 1.0
    assert [row["word"] for row in rows] == LABELS
    assert [row["share"] for row in rows] == ["60.0%", "0.0%", "40.0%"]
    assert {(row["written"], row["came_from"]) for row in rows} == {("<le>", "(← <EOS>)")}


def test_percentage_bars_mark_the_highlighted_bar():
    spec = plain(charts.percentage_bars([0.5, 0.3, 0.2], LABELS, highlight=1))
    rows = spec["data"]["values"]
    assert [row["share"] for row in rows] == [0.5, 0.3, 0.2]
    assert [row["label"] for row in rows] == ["50.0%", "30.0%", "20.0%"]
    assert [row["picked"] for row in rows] == [False, True, False]
    assert names(spec) == LABELS  # a word twice: rows by position, named by the spec
    distinct = plain(charts.percentage_bars([0.9, 0.1], ["pas", "<b>que</b>"], highlight=0))
    assert [row["name"] for row in distinct["data"]["values"]] == ["pas", "<b>que</b>"]  # in the data, as typed


CHARTS = {
    "vector strip": lambda: charts.vector_strip(ROWS, LABELS, "dimension"),
    "heatmap of every step": lambda: charts.attention_heatmap_all_steps([[0.7, 0.2, 0.1], [0.05, 0.9, 0.05]],
                                                                       ["1. le", "2. <i>chat</i>"], LABELS),
    "contribution bars": lambda: charts.contribution_bars([0.5, -0.25, 0.1], ["decoder output", "<b>cat</b>", "bias"]),
    "attention heatmap": lambda: charts.attention_heatmap([[0.7, 0.2, 0.1], [0.05, 0.9, 0.05]], ["1. le", "2. <i>chat</i>"],
                                                          LABELS, highlight_row=1),
    "percentage bars": lambda: charts.percentage_bars([0.5, 0.3, 0.2], LABELS, highlight=1),
    "attention picture": lambda: charts.attention_picture(LABELS, [0.6, 0.0, 0.4], "<le>", "<EOS>"),
    "loss curve": lambda: charts.loss_curve([1.2, 0.6, 0.1, 0.01], 3, 10, "epoch", "loss", "both right at 3"),
    "loss curve, never right": lambda: charts.loss_curve([1.2, 0.9], None, 2, "epoch", "loss", ""),
    "bleu by length": lambda: charts.bleu_by_length(["1-5", "6-10"], [("en-fr", [39.7, 35.3]), ("<b>x</b>", [23.5, 18.0])], "BLEU"),
}


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_valid_vega_lite(name):
    """Checked against the Vega-Lite schema Altair ships (the version Streamlit's frontend draws)."""
    jsonschema.validate(json.loads(json.dumps(plain(CHARTS[name]()))), core.load_schema())


@pytest.mark.parametrize("name", CHARTS)
def test_user_words_never_reach_an_expression(name):
    """Vega expressions (labelExpr, calculate, filter) read words from data by position; typed text
    is never pasted into one."""
    spec = json.dumps(plain(CHARTS[name]()))
    expressions = [e for e in spec.split('"') if "datum." in e]
    assert not any(word in e for e in expressions for word in ("cat", "chat", "<b>", "<le>", "en-fr"))


def test_loss_curve_spans_the_whole_run_and_marks_the_first_right_epoch():
    spec = charts.loss_curve([1.2, 0.6, 0.1], 2, 50, "epoch", "loss", "both right at 2")
    assert spec["data"]["values"] == [{"epoch": 1, "loss": 1.2}, {"epoch": 2, "loss": 0.6}, {"epoch": 3, "loss": 0.1}]
    line, rule = spec["layer"]
    assert line["encoding"]["x"]["scale"]["domain"] == [1, 50] and line["encoding"]["y"]["scale"]["type"] == "log"
    assert rule["data"]["values"] == [{"epoch": 2, "label": "both right at 2"}]
