"""Guess first, Edit the attention, Why this word: the logic of the three tools, in both languages."""
from __future__ import annotations

import re

from model.inference.quiz import word_choices
from model.inference.trace import contrast
from tests.app.apptest_helpers import PRETRAINED, all_messages, markdown_text, no_exception, requires_model

TOY = {"model": "statquest-toy", "sentence": "let's go"}
PIZZA = "Don't eat the delicious looking and smelling pizza."


def has_key(at, key: str) -> bool:
    try:
        at.get_by_key(key)
    except KeyError:
        return False
    return True


def quiz_key(kind: str, index: int = 0) -> str:
    from app.quiz import widget_key
    from model import load_model
    return widget_key(kind, load_model(PRETRAINED / "statquest-toy").trace("let's go", truncate=True), index)


def written_index(step) -> int:
    return next(k for k, c in enumerate(step.top_k) if c.token == step.output_token)


# -- Guess first ---------------------------------------------------------------------------------
def test_guess_first_hides_the_answer_until_reveal(make_app, toy_model):
    at = make_app({**TOY, "quiz": "true"})
    no_exception(at)
    assert at.toggle(key="quiz").value is True  # the share link reopens quiz mode
    text = markdown_text(at)
    assert "`vamos`" not in text  # neither the translation nor the step's word is shown
    assert not has_key(at, "panel-softmax")
    step = toy_model.trace("let's go").steps[0]
    choices = at.radio(key=quiz_key("word")).options
    assert len(choices) == len(word_choices("let's go", 0, step))


def test_a_revealed_guess_is_marked_and_scored(make_app, toy_model):
    at = make_app({**TOY, "quiz": "true"})
    step = toy_model.trace("let's go").steps[0]
    at.radio(key=quiz_key("word")).set_value(written_index(step))
    at.session_state[quiz_key("input")] = 0  # "let's": the decoder looks more at "go"
    at.select_slider(key=quiz_key("share")).set_value(40)
    at.button(key="quiz_reveal").click().run()
    no_exception(at)
    result = at.success[0].value
    assert "it writes `vamos`" in result
    assert "looked most at `go` (54.9%)" in result and "Not this time" in result
    assert "You guessed 40% for that input word; it gets 45.1% (5.1% off)" in result
    assert "the word right at 1 of 1 steps; the input word right at 0 of 1" in result
    assert has_key(at, "panel-softmax")  # the step's panels open


def test_a_wrong_word_is_marked_in_french(make_app, toy_model):
    at = make_app({**TOY, "quiz": "true", "lang": "fr"}, locale="fr-FR")
    assert at.toggle(key="quiz").label == "Devinez d'abord"
    step = toy_model.trace("let's go").steps[0]
    wrong = next(k for k in word_choices("let's go", 0, step) if k != written_index(step))
    at.radio(key=quiz_key("word")).set_value(wrong)
    at.button(key="quiz_reveal").click().run()
    no_exception(at)
    assert "Pas cette fois : il écrit `vamos`" in at.warning[0].value


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
    assert "attention set by hand" in markdown_text(at)
    assert "the attention was set by hand" in all_messages(at)
    at.button(key="edit_undo").click().run()
    no_exception(at)
    assert "edit" not in at.query_params
    assert "attention set by hand" not in markdown_text(at)


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
    assert "75.0%" in markdown_text(at)  # 30 / (30 + 10), normalised by the model


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
    assert f"writes `{edited.steps[0].output_label}`" in markdown_text(at)


# -- Why this word -------------------------------------------------------------------------------
def test_why_splits_the_gap_shown_in_the_table(make_app, toy_model):
    at = make_app(TOY)
    no_exception(at)
    step = toy_model.trace("let's go").steps[0]
    options = at.selectbox(key="why_other").options
    assert "vamos" not in options and "ir" in options
    at.selectbox(key="why_other").set_value(next(k for k, c in enumerate(step.top_k) if c.token == "ir")).run()
    text = markdown_text(at)
    ir = next(c for c in step.top_k if c.token == "ir")
    parts = contrast(step.top_k[written_index(step)], ir)
    assert f"`vamos` scores {step.top_k[0].logit:.3f}, `ir` scores {ir.logit:.3f}: a gap of {parts.gap:.3f}" in text
    match = re.search(r"Decoder output (-?[\d.]+) \+ input words (-?[\d.]+) \+ bias (-?[\d.]+) = (-?[\d.]+)", text)
    decoder, inputs, bias, gap = map(float, match.groups())
    assert abs(decoder + inputs + bias - gap) <= 0.002  # three rounded parts add up to the rounded gap
    assert f"{parts.gap:.3f}" == match.group(4)
    assert "`go` pushed" in text


def test_why_in_french(make_app):
    at = make_app({**TOY, "lang": "fr"}, locale="fr-FR")
    no_exception(at)
    assert "Pourquoi" not in markdown_text(at)  # nothing until a word is picked
    at.selectbox(key="why_other").set_value(1).run()
    assert "Pourquoi `vamos` et pas" in markdown_text(at)


# -- Beam search, traced ----------------------------------------------------------------------
def test_beam_search_shows_the_hypotheses_of_each_step(make_app, toy_model):
    at = make_app({**TOY, "beam": "2"})
    no_exception(at)
    assert at.selectbox(key="beam").value == "2"
    trace = toy_model.trace("let's go", beam=2)
    text = markdown_text(at)
    assert "Beam search at this step" in text
    assert f"### `{trace.translation}`" in text
    from app.format import num
    for hypothesis in trace.steps[0].beam:
        assert f"| {num(hypothesis.log_prob)} |" in text
    assert not has_key(at, "whatif_apply") and not has_key(at, "edit_attention_on")  # greedy-only tools


def test_beam_search_in_french_and_back_to_greedy(make_app):
    at = make_app({**TOY, "beam": "3", "lang": "fr"}, locale="fr-FR")
    no_exception(at)
    assert "Recherche en faisceau à cette étape" in markdown_text(at)
    at.selectbox(key="beam").set_value("1").run()
    no_exception(at)
    assert "Recherche en faisceau" not in markdown_text(at)


def test_a_beam_link_with_edits_says_why_it_cannot(make_app):
    at = make_app({**TOY, "beam": "2", "edit": "1:1,1"})
    no_exception(at)
    assert "without forced words or attention edits" in all_messages(at)


# -- The same step as a Transformer writes it ---------------------------------------------------
def test_the_transformer_view_writes_this_step_with_scaled_weights(make_app, toy_model):
    at = make_app(TOY)
    toggle = at.toggle(key="transformer_on")
    assert toggle.value is False and "Turn it on" in toggle.help  # closed: a step change stays light
    assert "softmax(Q·Kᵀ" not in markdown_text(at)
    toggle.set_value(True).run()
    no_exception(at)
    step = toy_model.trace("let's go").steps[0]
    text = markdown_text(at)
    from app.format import num, pct
    for score, weight, scaled in zip(step.scores, step.weights, step.scaled_weights):
        assert f"| {num(score)} | {pct(weight)} | {pct(scaled)} |" in text
    assert "softmax(Q·Kᵀ / 1.4)" in text  # the toy's d = 2


def test_the_transformer_view_is_a_slide_in_french(make_app):
    at = make_app({**TOY, "present": "true", "panel": "8", "lang": "fr"}, locale="fr-FR")
    no_exception(at)
    assert "Ce que change un Transformer" in markdown_text(at)
