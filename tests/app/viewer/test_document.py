"""The step document: every step's numbers are the trace's, written in the page's language; charts
that change only their data become one spec with a step parameter; user text stays text."""
from __future__ import annotations

import html
import json

import jsonschema
import pytest
from altair.vegalite.v6.schema import core

from app.charts import DRAWING_DIGITS
from app.format import num, numbers_in, pct, source_labels
from app.panels import PANELS
from app.viewer.component import pack
from app.viewer.document import build_document, join_steps
from tests.app.apptest_helpers import step_text


@pytest.fixture(scope="module")
def trace(toy_model):
    return toy_model.trace("let's go", truncate=True)


@pytest.fixture(scope="module")
def document(trace):
    return build_document(trace, "en", presenting=False, quiz=True)


def blocks_of(document: dict, panel: str, index: int, kind: str) -> list[dict]:
    (entry,) = [p for p in document["panels"] if p["id"] == panel]
    return [document["blocks"][n] for n in entry["steps"][index] if document["blocks"][n]["kind"] == kind]


def rows_at(chart: dict, index: int) -> list[dict]:
    """The rows a stepped chart shows when its step parameter is `index`."""
    assert chart["stepped"]
    return [row for row in chart["spec"]["data"]["values"] if row["_step"] == index]


def test_the_document_holds_every_panel_at_every_step(document, trace):
    assert document["step_count"] == len(trace.steps)
    assert [p["id"] for p in document["panels"]] == [p.id for p in PANELS]
    for panel in document["panels"]:
        assert len(panel["steps"]) == len(trace.steps)
        for numbers in panel["steps"]:
            assert document["blocks"][numbers[0]]["kind"] == "heading"  # each panel opens with its title


def test_the_softmax_bars_show_each_steps_weights(document, trace):
    for index, step in enumerate(trace.steps):
        (chart,) = blocks_of(document, "softmax", index, "chart")
        rows = rows_at(chart, index)
        assert [row["label"] for row in rows] == [pct(w) for w in step.weights]
        assert [row["share"] for row in rows] == [round(w, DRAWING_DIGITS) for w in step.weights]


def test_the_heatmap_is_one_spec_whose_cells_are_the_trace_weights(document, trace):
    charts = [blocks_of(document, "heatmap", index, "chart")[0] for index in range(len(trace.steps))]
    assert all(chart is charts[0] for chart in charts)  # sent once, stepped by its parameter
    cells = charts[0]["spec"]["data"]["values"]
    assert [cell["label"] for cell in cells] == [pct(w) for step in trace.steps for w in step.weights]
    assert charts[0]["spec"]["usermeta"]["embedOptions"]["renderer"] == "svg"  # cell texts on the page


def test_tables_and_headings_carry_the_trace_numbers(document, trace):
    labels = source_labels(trace)
    for index, step in enumerate(trace.steps):
        assert f"Step {index + 1} of {len(trace.steps)}" in step_text(document, index, panels=())
        (scores,) = blocks_of(document, "similarity", index, "table")
        assert [row[1] for row in scores["rows"]] == [num(s) for s in step.scores]
        assert [row[2] for row in scores["rows"]] == [num(c) for c in step.cosine]
        (candidates,) = blocks_of(document, "output_layer", index, "table")
        assert [row[1] for row in candidates["rows"]] == [f"<code>{html.escape(c.label)}</code>" for c in step.top_k]
        (arithmetic,) = blocks_of(document, "similarity", index, "select")
        assert arithmetic["options"] == labels
        best = max(range(len(labels)), key=step.scores.__getitem__)
        assert arithmetic["chosen"] == best
        (products,) = [document["blocks"][n] for n in arithmetic["each"][best] if document["blocks"][n]["kind"] == "products"]
        assert products["terms"] == [num(t) for t in step.score_terms[best]] and products["total"] == num(step.scores[best])


def test_the_encoder_panel_is_sent_once_for_every_step(document):
    (encoder,) = [p for p in document["panels"] if p["id"] == "encoder"]
    assert all(numbers == encoder["steps"][0] for numbers in encoder["steps"])


def test_french_writes_french_numbers(trace):
    document = build_document(trace, "fr", presenting=False)
    step = trace.steps[0]
    with numbers_in("fr"):
        expected = [pct(w) for w in step.weights]
    assert expected[0].endswith("\u202f%") and "," in expected[0]
    (chart,) = blocks_of(document, "softmax", 0, "chart")
    assert [row["label"] for row in rows_at(chart, 0)] == expected
    assert document["chart_locale"]["decimal"] == ","  # the axes too
    assert "Étape 1 sur 2" in step_text(document, 0, panels=())


def test_presentation_mode_draws_larger_and_opens_the_transformer_slide(trace):
    page = build_document(trace, "en", presenting=False)
    slides = build_document(trace, "en", presenting=True)
    assert slides["mode"] == "present" and page["mode"] == "page"
    assert blocks_of(page, "transformer", 0, "fold") and not blocks_of(slides, "transformer", 0, "fold")
    font = blocks_of(slides, "softmax", 0, "chart")[0]["spec"]["config"]["axis"]["labelFontSize"]
    assert font > blocks_of(page, "softmax", 0, "chart")[0]["spec"]["config"]["axis"]["labelFontSize"]


def test_every_chart_of_the_document_is_valid_vega_lite(document):
    schema = core.load_schema()
    for block in document["blocks"]:
        if block["kind"] == "chart":
            jsonschema.validate(json.loads(json.dumps(block["spec"])), schema)
            assert block["spec"]["description"]  # its text alternative


def test_join_steps_only_joins_charts_that_differ_in_their_rows():
    first = dict(data=dict(values=[dict(x=1)]), mark="bar", encoding=dict(x=dict(field="x", type="quantitative")))
    second = dict(first, data=dict(values=[dict(x=2), dict(x=3)]))
    joined = join_steps([(0, first), (3, second)])
    assert joined["params"][0] == {"name": "step", "value": 0}
    assert joined["transform"][0] == {"filter": "datum._step == step"}
    assert joined["data"]["values"] == [dict(x=1, _step=0), dict(x=2, _step=3), dict(x=3, _step=3)]
    assert join_steps([(0, first), (1, dict(second, mark="line"))]) is None


@pytest.mark.parametrize("quiz", [True, False])
def test_hostile_text_reaches_the_document_only_escaped(toy_model, quiz):
    hostile = toy_model.trace("<img src=x onerror=alert(1)> let's go </script> \"go\"", truncate=True)
    document = build_document(hostile, "en", presenting=False, quiz=quiz)
    markup = json.dumps(document, ensure_ascii=False)
    assert "<img" not in markup and "</script>" not in markup
    assert "&lt;" in markup  # the typed "<", escaped in Python
    if quiz:
        assert document["steps"][0]["quiz"]["input"]["options"][0].startswith("<")  # options are set as text
    else:  # the evidence panel lists the words (signs alone are no words), as code, its choices as text
        (fold,) = blocks_of(document, "evidence", 0, "fold")
        inner = [document["blocks"][n] for n in fold["blocks"]]
        table = next(block for block in inner if block["kind"] == "table")
        assert [row[0] for row in table["rows"]][:3] == ["⚠ <code>img</code>", "⚠ <code>src</code>", "⚠ <code>x</code>"]
        options = next(block for block in inner if block["kind"] == "select")["options"]
        assert "onerror" in options and "<" not in options


def test_the_packed_document_unpacks_to_the_same(document):
    import base64
    import gzip
    assert json.loads(gzip.decompress(base64.b64decode(pack(document)))) == document


def test_markup_is_never_escaped_twice(document):
    """The document's own tags stay tags: a <strong> or <code> made in Python never shows as text."""
    markup = json.dumps(document, ensure_ascii=False)
    assert "&lt;strong&gt;" not in markup and "&lt;code&gt;" not in markup and "&amp;lt;" not in markup


def test_the_evidence_panel_holds_each_words_training_pairs(trace):
    evidence = trace.evidence  # the toy's: "let's" in 1 of its 2 pairs, "go" in both
    document = build_document(trace, "en", presenting=False)
    (panel,) = [p for p in document["panels"] if p["id"] == "evidence"]
    assert all(numbers == panel["steps"][0] for numbers in panel["steps"])  # composed once: the sentence's
    (fold,) = blocks_of(document, "evidence", 0, "fold")
    inner = [document["blocks"][n] for n in fold["blocks"]]
    source_table, target_table = [block for block in inner if block["kind"] == "table"]
    assert [row[:2] for row in source_table["rows"]] == [["⚠ <code>let&#x27;s</code>", "1"], ["⚠ <code>go</code>", "2"]]
    assert [row[:2] for row in target_table["rows"]] == [["⚠ <code>vamos</code>", "1"]]
    source_pick, _ = [block for block in inner if block["kind"] == "select"]
    assert source_pick["options"] == ["let's", "go"] and source_pick["chosen"] is None
    words = [seen for seen in evidence.source_words if any(ch.isalnum() for ch in seen.word)]
    assert len(words) == len(source_pick["each"])
    for seen, numbers in zip(words, source_pick["each"]):
        (table,) = [document["blocks"][n] for n in numbers if document["blocks"][n]["kind"] == "table"]
        assert [[html.unescape(cell) for cell in row] for row in table["rows"]] == [
            [f"<code>{english}</code>", f"<code>{translation}</code>"] for english, translation in seen.examples]


@pytest.mark.parametrize("presenting", [True, False])
def test_while_the_class_guesses_the_evidence_panel_shows_counts_only(trace, presenting):
    document = build_document(trace, "fr", presenting=presenting, quiz=True)
    (panel,) = [p for p in document["panels"] if p["id"] == "evidence"]
    blocks = [document["blocks"][n] for n in panel["steps"][0]]
    if not presenting:  # in the page, behind its summary line
        (fold,) = [block for block in blocks if block["kind"] == "fold"]
        blocks = [document["blocks"][n] for n in fold["blocks"]]
    kinds = [block["kind"] for block in blocks]
    assert kinds.count("table") == 1 and "select" not in kinds and "fold" not in kinds
    assert blocks[kinds.index("table")]["header"][:2] == ["Mot", "Paires d'entraînement"]
    assert "vamos" not in json.dumps(blocks, ensure_ascii=False)  # neither the translation nor its pairs
    assert "jusqu'à trois" not in json.dumps(blocks, ensure_ascii=False)  # no pairs promised
