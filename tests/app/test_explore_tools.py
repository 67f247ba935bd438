"""Guess first, Edit the attention, Why this word: the logic of the three tools, in both languages."""
from __future__ import annotations

import re

from model.inference.quiz import word_choices
from model.inference.trace import contrast
from tests.app.apptest_helpers import (
    PRETRAINED,
    all_messages,
    markdown_text,
    no_exception,
    requires_model,
    step_text,
    viewer,
)

TOY = {"model": "statquest-toy", "sentence": "let's go"}
PIZZA = "Don't eat the delicious looking and smelling pizza."


def has_key(at, key: str) -> bool:
    try:
        at.get_by_key(key)
    except KeyError:
        return False
    return True


def written_index(step) -> int:
    return next(k for k, c in enumerate(step.top_k) if c.token == step.output_token)


# -- Guess first ---------------------------------------------------------------------------------
def test_guess_first_hides_the_answer_until_reveal(make_app, toy_model):
    at = make_app({**TOY, "quiz": "true"})
    no_exception(at)
    assert at.toggle(key="quiz").value is True  # the share link reopens quiz mode
    assert "`vamos`" not in markdown_text(at)  # the translation waits
    document = viewer(at)["document"]
    assert document["quiz"] is True
    step = toy_model.trace("let's go").steps[0]
    quiz = document["steps"][0]["quiz"]
    assert "vamos" not in quiz["heading"]  # the question does not give the word away
    choices = word_choices("let's go", 0, step)
    assert quiz["word"]["options"] == [step.top_k[k].label for k in choices]
    assert choices[quiz["word"]["written"]] == written_index(step)


def test_every_answer_is_marked_as_the_model_grades_it(make_app, toy_model):
    at = make_app({**TOY, "quiz": "true"})
    quiz = viewer(at)["document"]["steps"][0]["quiz"]
    assert quiz["word"]["right"] == "✔ Right: it writes <code>vamos</code>."
    assert quiz["input"]["options"] == ["let's", "go"] and quiz["input"]["top"] == 1  # the decoder looks most at "go"
    assert quiz["input"]["wrong"] == "✘ Not this time: the decoder looked most at <code>go</code> (54.9%)."
    forty = quiz["share"]["options"].index("40%")
    assert (quiz["share"]["actual"][0], quiz["share"]["off"][0][forty]) == ("45.1%", "5.1%")  # let's: 45.1%, guessed 40%
    assert quiz["share"]["result"] == "You guessed {guess} for that input word; it gets {actual} ({off} off)."
    assert "{right} of {answered} steps" in quiz["score"]


def test_a_wrong_word_is_marked_in_french(make_app, toy_model):
    at = make_app({**TOY, "quiz": "true", "lang": "fr"}, locale="fr-FR")
    assert at.toggle(key="quiz").label == "Devinez d'abord"
    quiz = viewer(at)["document"]["steps"][0]["quiz"]
    assert quiz["word"]["wrong"] == "✘ Pas cette fois : il écrit <code>vamos</code>."
    assert quiz["share"]["actual"][1] == "54,9\u202f%"


def test_the_choices_are_the_same_for_everyone():
    from model import load_model
    step = load_model(PRETRAINED / "statquest-toy").trace("let's go").steps[0]
    assert word_choices("let's go", 0, step) == word_choices("let's  go", 0, step)
    assert written_index(step) in word_choices("let's go", 0, step)
    assert all(step.top_k[k].token not in ("<pad>", "<unk>") for k in word_choices("let's go", 0, step))


# -- Edit the attention --------------------------------------------------------------------------
def test_all_on_one_word_edits_the_step_and_goes_in_the_link(make_app):
    at = make_app(TOY)
    at.toggle(key="edit_attention_on").set_value(True).run()
    at.selectbox(key="edit_all_on").set_value(0).run()
    at.button(key="edit_all_on_apply").click().run()
    no_exception(at)
    assert at.query_params["edit"] in ("1:100,0", ["1:100,0"])
    assert "attention set by hand" in step_text(viewer(at)["document"], 0, panels=())
    assert "the attention was set by hand" in all_messages(at)
    at.button(key="edit_undo").click().run()
    no_exception(at)
    assert "edit" not in at.query_params
    assert "attention set by hand" not in step_text(viewer(at)["document"], 0, panels=())


def test_sliders_set_the_shares(make_app, toy_model):
    at = make_app(TOY)
    at.toggle(key="edit_attention_on").set_value(True).run()
    from app.format import trace_key
    suffix = trace_key(toy_model.trace("let's go", truncate=True))
    at.slider(key=f"edit_w_1_0_{suffix}").set_value(30)
    at.slider(key=f"edit_w_1_1_{suffix}").set_value(10)
    at.button(key="edit_apply_1").click().run()
    no_exception(at)
    assert at.query_params["edit"] in ("1:30,10", ["1:30,10"])
    assert "75.0%" in step_text(viewer(at)["document"], 0, panels=("softmax",))  # 30 / (30 + 10), normalised by the model


def test_an_edit_link_reopens_the_edit_and_a_broken_one_says_so(make_app):
    at = make_app({**TOY, "edit": "2:0,1"})
    no_exception(at)
    assert "Attention set by hand at step(s) 2" in all_messages(at)
    broken = make_app({**TOY, "edit": "two:x"})
    no_exception(broken)
    assert "cannot be read" in all_messages(broken)
    too_far = make_app({**TOY, "edit": "9:1,1", "lang": "fr"}, locale="fr-FR")
    no_exception(too_far)
    assert "étape que cette traduction n'a pas" in all_messages(too_far)


@requires_model("en-fr")
def test_an_edit_changes_the_written_word(make_app, monkeypatch):
    monkeypatch.setenv("ATTENTION_EXPLORER_PRETRAINED", str(PRETRAINED))
    from model import load_model
    model = load_model(PRETRAINED / "en-fr")
    plain = model.trace(PIZZA, truncate=True)
    last = len(plain.source_tokens) - 2  # "pizza" (before the full stop)
    at = make_app({"model": "en-fr", "sentence": PIZZA})
    at.toggle(key="edit_attention_on").set_value(True).run()
    at.selectbox(key="edit_all_on").set_value(last).run()
    at.button(key="edit_all_on_apply").click().run()
    no_exception(at)
    edited = model.trace(PIZZA, truncate=True, attention_edits={0: [float(i == last) for i in range(len(plain.source_tokens))]})
    assert edited.steps[0].output_token != plain.steps[0].output_token
    assert f"writes {edited.steps[0].output_label}" in step_text(viewer(at)["document"], 0, panels=())


# -- Why this word -------------------------------------------------------------------------------
def why_block(document: dict, index: int) -> dict:
    (block,) = [document["blocks"][n] for n in document["panels"][6]["steps"][index]
                if document["blocks"][n]["kind"] == "select"]
    return block


def test_why_splits_the_gap_shown_in_the_table(make_app, toy_model):
    at = make_app(TOY)
    no_exception(at)
    document = viewer(at)["document"]
    step = toy_model.trace("let's go").steps[0]
    block = why_block(document, 0)
    assert block["chosen"] is None  # nothing until the student asks
    assert "vamos" not in block["options"] and "ir" in block["options"]
    option = block["options"].index("ir")
    blocks = {"blocks": document["blocks"], "steps": [{"heading": ""}],
              "panels": [{"id": "why", "steps": [block["each"][option]]}]}
    text = step_text(blocks, 0)
    ir = next(c for c in step.top_k if c.token == "ir")
    parts = contrast(step.top_k[written_index(step)], ir)
    assert f"vamos scores {step.top_k[0].logit:.3f}, ir scores {ir.logit:.3f}: a gap of {parts.gap:.3f}" in text
    match = re.search(r"Decoder output (-?[\d.]+) \+ input words (-?[\d.]+) \+ bias (-?[\d.]+) = (-?[\d.]+)", text)
    decoder, inputs, bias, gap = map(float, match.groups())
    assert abs(decoder + inputs + bias - gap) <= 0.002  # three rounded parts add up to the rounded gap
    assert f"{parts.gap:.3f}" == match.group(4)
    assert "go pushed" in text


def test_why_in_french(make_app):
    at = make_app({**TOY, "lang": "fr"}, locale="fr-FR")
    no_exception(at)
    document = viewer(at)["document"]
    block = why_block(document, 0)
    assert block["label"] == "Pourquoi vamos et pas…"
    assert "Pourquoi vamos et pas" in step_text(document, 0, panels=("output_layer",))


# -- Beam search, traced ----------------------------------------------------------------------
def test_beam_search_shows_the_hypotheses_of_each_step(make_app, toy_model):
    at = make_app({**TOY, "beam": "2"})
    no_exception(at)
    assert at.selectbox(key="beam").value == "2"
    trace = toy_model.trace("let's go", beam=2)
    assert f"### `{trace.translation}`" in markdown_text(at)
    text = step_text(viewer(at)["document"], 0, panels=("output_layer",))
    assert "Beam search at this step" in text
    from app.format import num
    for hypothesis in trace.steps[0].beam:
        assert f"| {num(hypothesis.log_prob)} |" in text
    assert not has_key(at, "whatif_apply") and not has_key(at, "edit_attention_on")  # greedy-only tools


def test_beam_search_in_french_and_back_to_greedy(make_app):
    at = make_app({**TOY, "beam": "3", "lang": "fr"}, locale="fr-FR")
    no_exception(at)
    assert "Recherche en faisceau à cette étape" in step_text(viewer(at)["document"], 0)
    at.selectbox(key="beam").set_value("1").run()
    no_exception(at)
    assert "Recherche en faisceau" not in step_text(viewer(at)["document"], 0)


def test_a_beam_link_with_edits_says_why_it_cannot(make_app):
    at = make_app({**TOY, "beam": "2", "edit": "1:1,1"})
    no_exception(at)
    assert "without forced words or attention edits" in all_messages(at)


# -- The same step as a Transformer writes it ---------------------------------------------------
def test_the_transformer_view_writes_this_step_with_scaled_weights(make_app, toy_model):
    at = make_app(TOY)
    document = viewer(at)["document"]
    (fold,) = [document["blocks"][n] for n in document["panels"][8]["steps"][0] if document["blocks"][n]["kind"] == "fold"]
    assert fold["summary"] == "Show this step as a Transformer writes it" and "Turn it on" in fold["hint"]  # folded
    step = toy_model.trace("let's go").steps[0]
    text = step_text(document, 0, panels=("transformer",))
    from app.format import num, pct
    for score, weight, scaled in zip(step.scores, step.weights, step.scaled_weights):
        assert f"| {num(score)} | {pct(weight)} | {pct(scaled)}" in text
    assert "softmax(Q·Kᵀ / 1.4)" in text  # the toy's d = 2


def test_the_transformer_view_is_a_slide_in_french(make_app):
    at = make_app({**TOY, "present": "true", "panel": "8", "lang": "fr"}, locale="fr-FR")
    no_exception(at)
    data = viewer(at)
    assert data["panel"] == "transformer"
    kinds = [data["document"]["blocks"][n]["kind"] for n in data["document"]["panels"][8]["steps"][0]]
    assert "fold" not in kinds  # a slide of its own, open
    assert "Ce que change un Transformer" in step_text(data["document"], 0, panels=("transformer",))
