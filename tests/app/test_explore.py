"""The explore page with the toy model: translation, the step viewer's document, language, share links,
bad input. (The viewer itself steps in the browser: tests/browser.)"""
from __future__ import annotations

import gc

import pytest

from app.panels import PANELS
from tests.app.apptest_helpers import all_messages, markdown_text, no_exception, step_text, viewer

TOY = {"model": "statquest-toy"}


def step_heading(at, index: int | None = None) -> str:
    """The heading of the step the page opens at (or of step `index`), as text."""
    data = viewer(at)
    return step_text(data["document"], data["step"] - 1 if index is None else index, panels=())


def test_first_visit_asks_for_a_sentence(make_app):
    at = make_app()
    no_exception(at)
    assert at.text_input(key="sentence").label == "Sentence to translate"
    assert at.selectbox(key="model").value == "statquest-toy"
    assert "Type a sentence" in all_messages(at)


def test_sentence_gives_translation_and_every_panel(make_app, toy_model):
    at = make_app(TOY)
    at.text_input(key="sentence").set_value("let's go").run()
    no_exception(at)
    expected = toy_model.trace("let's go", truncate=True)
    assert f"### `{expected.translation}`" in markdown_text(at)
    data = viewer(at)
    document = data["document"]
    assert data["step"] == 1 and document["step_count"] == len(expected.steps)
    assert document["ui"]["step.label"] == "Decoding step"
    assert [panel["id"] for panel in document["panels"]] == [panel.id for panel in PANELS]
    assert all(len(panel["steps"]) == len(expected.steps) for panel in document["panels"])
    kinds = {document["blocks"][n]["kind"] for panel in document["panels"] for n in panel["steps"][0]}
    assert {"heading", "text", "formula", "table", "chart"} <= kinds
    assert "Step 1 of 2: the decoder reads <EOS> and writes vamos." in step_heading(at)


def test_example_button_fills_the_sentence(make_app):
    at = make_app(TOY)
    at.button(key="explore_example_0").click().run()
    no_exception(at)
    assert at.text_input(key="sentence").value == "let's go"
    assert "### `vamos`" in markdown_text(at)


def test_every_step_is_in_the_document(make_app, toy_model):
    at = make_app({**TOY, "sentence": "let's go"})
    trace = toy_model.trace("let's go", truncate=True)
    assert "Step 1 of 2" in step_heading(at, 0)
    assert "Step 2 of 2" in step_heading(at, 1)
    assert f"reads {trace.steps[1].input_label}" in step_heading(at, 1)
    document = viewer(at)["document"]
    assert step_text(document, 0) != step_text(document, 1)


def test_stepping_never_reruns_the_model(make_app, monkeypatch):
    from model.inference.api import TranslationModel

    calls = []
    original = TranslationModel.trace

    def counting(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(TranslationModel, "trace", counting)
    at = make_app({**TOY, "sentence": "to go ."})  # a sentence no other test traces: not yet cached
    assert len(calls) == 1
    at.query_params["step"] = "2"
    at.run()
    at.query_params["lang"] = "fr"
    at.run()
    no_exception(at)
    assert len(calls) == 1


def test_url_restores_the_view(make_app, toy_model):
    at = make_app({**TOY, "sentence": "let's go", "step": "2", "lang": "fr"})
    no_exception(at)
    assert at.text_input(key="sentence").value == "let's go"
    assert viewer(at)["step"] == 2
    assert "Étape 2 sur 2" in step_heading(at)
    assert at.segmented_control(key="lang").value == "fr"
    assert at.query_params["step"] in ("2", ["2"])  # the server keeps it in the link


def test_step_beyond_the_trace_falls_back(make_app):
    at = make_app({**TOY, "sentence": "let's go", "step": "40"})
    no_exception(at)
    assert viewer(at)["step"] == 2
    at = make_app({**TOY, "sentence": "let's go", "step": "two"})
    no_exception(at)
    assert viewer(at)["step"] == 1


@pytest.mark.parametrize(
    "locale, label",
    [("fr-FR", "Phrase à traduire"), ("en-GB", "Sentence to translate"), (None, "Sentence to translate")],
)
def test_language_follows_the_browser(make_app, locale, label):
    at = make_app(TOY, locale=locale)
    no_exception(at)
    assert at.text_input(key="sentence").label == label


def test_lang_parameter_beats_the_browser(make_app):
    at = make_app({**TOY, "lang": "en"}, locale="fr-FR")
    assert at.text_input(key="sentence").label == "Sentence to translate"


def test_french_page(make_app):
    at = make_app({**TOY, "sentence": "let's go", "lang": "fr"})
    no_exception(at)
    document = viewer(at)["document"]
    assert document["ui"]["step.label"] == "Étape de décodage" and document["lang"] == "fr"
    assert "Traduction" in markdown_text(at)
    assert document["panels"][1]["title"] == "1. Sorties de l'encodeur"
    assert "Sorties de l'encodeur" in step_text(document, 0)


def test_switching_language_keeps_the_view(make_app):
    at = make_app({**TOY, "sentence": "let's go", "step": "2"})
    at.segmented_control(key="lang").set_value("fr").run()
    no_exception(at)
    assert viewer(at)["step"] == 2
    assert "Étape 2 sur 2" in step_heading(at)


def test_what_if_continues_from_the_chosen_word(make_app, toy_model):
    at = make_app({**TOY, "sentence": "let's go"})
    original = toy_model.trace("let's go", truncate=True)
    alternative = next(c.token for c in original.steps[0].top_k if c.token not in (original.steps[0].output_token, "<pad>", "<EOS>"))
    at.selectbox(key="whatif_choice_0").set_value(alternative).run()
    at.button(key="whatif_apply").click().run()
    no_exception(at)
    assert at.query_params.get("forced") == alternative
    forced = toy_model.trace("let's go", prefix=[alternative], truncate=True)
    assert f"### `{forced.translation}`" in markdown_text(at)
    assert f"writes {alternative}" in step_heading(at, 0)
    assert "What-if" in all_messages(at)
    at.button(key="whatif_reset").click().run()
    assert "forced" not in at.query_params
    assert f"### `{original.translation}`" in markdown_text(at)


def test_forced_words_from_the_url(make_app, toy_model):
    at = make_app({**TOY, "sentence": "let's go", "forced": ["ir", "y"]})
    no_exception(at)
    forced = toy_model.trace("let's go", prefix=["ir", "y"], truncate=True)
    assert f"### `{forced.translation}`" in markdown_text(at)


def test_unknown_forced_word_is_explained(make_app):
    at = make_app({**TOY, "sentence": "let's go", "forced": "pizza"})
    no_exception(at)
    assert "cannot write these forced words" in all_messages(at)
    assert "`pizza`" in all_messages(at)  # the user's word, literally
    at.button(key="forced_reset").click().run()
    assert "### `vamos`" in markdown_text(at)


def test_model_refusals_speak_the_page_language(make_app):
    at = make_app({**TOY, "sentence": "let's go", "forced": "pizza", "lang": "fr"})
    no_exception(at)
    assert "ne peut pas écrire ces mots imposés" in all_messages(at)
    assert "`pizza`" in all_messages(at)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("   ", "Type a sentence"),
        ("word " * 600, "characters"),
        ("let's go " * 30, "was cut"),
        ("🍕🍕 let's go 😀", "<unk>"),
        ("<script>alert(1)</script> **bold** [x](javascript:alert(1)) :red[x] $x^2$", "<unk>"),
        ("我们走吧。 Пойдём! اذهب", "<unk>"),
        ("Let's go.", "<unk>"),
    ],
)
def test_bad_input_gets_a_message_not_a_traceback(make_app, sentence, expected):
    at = make_app(TOY)
    at.text_input(key="sentence").set_value(sentence).run()
    no_exception(at)
    assert expected in all_messages(at) + markdown_text(at)


def test_user_text_only_inside_code_spans(make_app):
    sentence = "**bold** <b>x</b> :red[x]"
    at = make_app({**TOY, "sentence": sentence})
    no_exception(at)
    for element in [*at.markdown, *at.warning, *at.info, *at.caption]:
        text = str(element.value)
        outside = "".join(text.split("`")[::2])  # text outside code spans
        for dangerous in ("**bold**", "<b>", ":red["):
            assert dangerous not in outside, text
    document = viewer(at)["document"]
    markup = [block.get("html", "") for block in document["blocks"]] + [step["heading"] for step in document["steps"]]
    markup += [cell for block in document["blocks"] if block["kind"] == "table" for row in block["rows"] for cell in row]
    assert not any("<b>" in text for text in markup)  # in the viewer's markup only escaped: &lt;b&gt;
    assert any("&lt;" in text for text in markup)  # the typed "<", escaped


def test_presentation_mode_opens_one_panel(make_app):
    at = make_app({**TOY, "sentence": "let's go", "present": "true"})
    no_exception(at)
    data = viewer(at)
    assert data["document"]["mode"] == "present" and data["panel"] == "picture"
    at = make_app({**TOY, "sentence": "let's go", "present": "true", "panel": "6"})
    assert viewer(at)["panel"] == "output_layer"  # the link names the panel by its number
    assert at.query_params["panel"] in ("6", ["6"])


def test_no_attention_model_explains_itself(make_app, toy_only, tmp_path):
    _no_attention_copy(toy_only)
    at = make_app({"model": "en-fr-no-attention", "sentence": "let's go"})
    no_exception(at)
    assert "This model has no attention" in step_text(viewer(at)["document"], 0, panels=("softmax",))


def _no_attention_copy(folder):
    """A tiny model without attention, made from the toy's vocabularies (for this test only)."""
    from model.inference.config import ModelConfig
    from model.inference.loading import load_model, save_model
    from model.inference.seq2seq import Seq2Seq

    toy = load_model(folder / "statquest-toy")
    config = ModelConfig(name="tiny-no-attention", target_language="es", attention=False, embedding_size=2, hidden_size=2, num_layers=1, dropout=0.0, max_output_tokens=4, weights_dtype="float32")
    save_model(Seq2Seq(config, len(toy.source_vocab), len(toy.target_vocab)), toy.source_vocab, toy.target_vocab, folder / "en-fr-no-attention")


def test_broken_model_disables_only_itself(make_app, toy_only):
    broken = toy_only / "en-fr"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    at = make_app({"model": "en-fr", "sentence": "let's go"})
    no_exception(at)
    assert "cannot be used" in all_messages(at)
    assert at.selectbox(key="model").options == ["en-fr", "statquest-toy"]
    at.selectbox(key="model").set_value("statquest-toy").run()
    no_exception(at)
    assert "### `vamos`" in markdown_text(at)


def test_link_to_a_missing_model(make_app):
    at = make_app({"model": "en-es", "sentence": "let's go"})
    no_exception(at)
    assert "not installed" in all_messages(at)
    assert at.selectbox(key="model").value == "statquest-toy"


def test_exports_are_offered(make_app):
    at = make_app({**TOY, "sentence": "let's go"})
    keys = {button.key for button in at.get("download_button")}
    assert {"export_png", "export_svg", "export_html", "export_json", "export_csv"} <= keys


def test_a_one_step_translation(make_app):
    """Forcing <EOS> first gives a single step: the viewer gets one step."""
    at = make_app({**TOY, "sentence": "let's go", "forced": "<EOS>"})
    no_exception(at)
    data = viewer(at)
    assert data["step"] == 1 and data["document"]["step_count"] == 1
    assert "Step 1 of 1" in step_heading(at)


def test_loading_a_model_freezes_what_exists_for_the_garbage_collector(make_app):
    """app.models: the libraries and models loaded by then stay out of every full collection."""
    at = make_app({**TOY, "sentence": "let's go"})
    no_exception(at)
    assert gc.get_freeze_count() > 10_000
