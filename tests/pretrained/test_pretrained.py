"""The committed models: they load, translate everyday sentences sensibly, and stay small and safe."""
import json
from pathlib import Path

import pytest

from model import load_model
from tests.conftest import PRETRAINED

# An everyday sentence each model gets right, and a word its translation must contain. The model
# without attention is the weaker one by design (it shows why attention exists), so it gets an easier one.
EXPECTED = {
    "en-fr": ("fr", "I am cold.", "froid"),
    "en-fr-no-attention": ("fr", "Thank you.", "merci"),
    "en-es": ("es", "I am cold.", "frío"),
}
MAX_BYTES = 25 * 2**20


def folders():
    return [p for p in sorted(PRETRAINED.iterdir()) if p.is_dir()]


@pytest.mark.parametrize("folder", folders(), ids=lambda p: p.name)
def test_folder_is_complete_small_and_pickle_free(folder: Path):
    for name in ("config.json", "model.safetensors", "source_vocab.json", "target_vocab.json", "README.md"):
        assert (folder / name).is_file(), name
    assert (folder / "model.safetensors").stat().st_size <= MAX_BYTES
    assert not [p for p in folder.iterdir() if p.suffix in {".pt", ".pth", ".pkl", ".bin", ".pickle"}]
    assert "Architecture" in (folder / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_everyday_sentence(name):
    folder = PRETRAINED / name
    if not folder.is_dir():
        pytest.skip(f"{name} is not trained yet")
    language, sentence, word = EXPECTED[name]
    model = load_model(folder)
    assert model.config.target_language == language
    assert word in model.translate([sentence])[0].lower()
    assert word in model.translate([sentence], beam=4)[0].lower()
    assert model.translate([sentence], beam=4)[0][0].isupper()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_card_numbers_are_the_evaluation(name):
    folder = PRETRAINED / name
    if not (folder / "evaluation.json").is_file():
        pytest.skip(f"{name} is not evaluated yet")
    evaluation = json.loads((folder / "evaluation.json").read_text(encoding="utf-8"))
    card = (folder / "README.md").read_text(encoding="utf-8")
    assert evaluation["english_sentences"] >= 2000
    for result in evaluation["results"].values():
        assert f"{result['bleu']:.2f}" in card and f"{result['chrf']:.2f}" in card
    assert "CC-BY 2.0 FR" in card and "tatoeba.org" in card


def committed(name: str):
    """The committed model `name`, loaded; the test skips where it is not trained yet."""
    folder = PRETRAINED / name
    if not folder.is_dir():
        pytest.skip(f"{name} is not trained yet")
    return load_model(folder)


HELD_OUT_LIKE = ["Don't eat the delicious looking and smelling pizza.", "She bought a new car last week.", "Let's go."]


@pytest.mark.parametrize("name", ["statquest-toy", *sorted(EXPECTED)])
def test_every_candidates_parts_add_up_to_its_logit(name):
    """The contract on every committed model: the parts of "why this word" are exact."""
    model = committed(name)
    for sentence in (["let's go", "to go"] if name == "statquest-toy" else HELD_OUT_LIKE):
        trace = model.trace(sentence, truncate=True)
        for step in trace.steps:
            for candidate in step.top_k:
                parts = candidate.parts
                assert len(parts.inputs) == (len(trace.source_tokens) if model.config.attention else 0)
                total = parts.decoder + sum(parts.inputs) + parts.bias
                assert total == pytest.approx(candidate.logit, rel=1e-4, abs=1e-4)


@pytest.mark.parametrize("name", ["en-fr", "en-es"])
def test_an_attention_edit_drives_the_step(name):
    model = committed(name)
    plain = model.trace(HELD_OUT_LIKE[0])
    count = len(plain.source_tokens)
    edited = model.trace(HELD_OUT_LIKE[0], attention_edits={1: [1.0] * count})
    step = edited.steps[1]
    assert step.attention_edited and step.scores == pytest.approx(plain.steps[1].scores)
    assert step.weights == pytest.approx([1 / count] * count)
    assert edited.steps[0].output_token == plain.steps[0].output_token  # steps before the edit are unchanged


def test_committed_records_carry_no_path_of_a_development_machine():
    for path in sorted(PRETRAINED.rglob("*")):
        if path.suffix in (".json", ".md"):
            text = path.read_text(encoding="utf-8")
            assert "/root/" not in text and "/home/" not in text and "/work/" not in text, path


@pytest.mark.parametrize("name", ["en-fr", "en-es"])
def test_a_traced_beam_is_the_translated_beam_on_held_out_sentences(name):
    """The contract: m.trace(s, beam=4) traces the translation m.translate([s], beam=4) writes."""
    folder = PRETRAINED / name
    if not folder.is_dir():
        pytest.skip(f"{name} is not trained yet")
    from model.training.data import read_pairs, split_pairs
    from model.training.evaluate import training_settings
    model = load_model(folder)
    settings = training_settings(model)
    corpus = Path(settings.data)
    if not corpus.is_file():
        pytest.skip(f"no corpus at {corpus}")
    _, held_out = split_pairs(read_pairs(corpus), settings.validation_percent)
    sentences = sorted({english for english, _ in held_out})[::100][:25]
    translated = model.translate(sentences, beam=4)
    assert [model.trace(s, beam=4).translation for s in sentences] == translated


EXAMPLES_RIGHT = {  # the app's examples after the video's sentence: each one's translations a teacher would accept
    "en-fr": [{"Allons-y."}, {"J'ai faim."}, {"Où se trouve la gare ?", "Où est la gare ?"},
              {"Elle lit un livre tous les soirs."}, {"Le chat dort sur le canapé."}],
    "en-es": [{"Vamos.", "Vayamos."}, {"Tengo hambre."}, {"¿Dónde está la estación de tren?"},
              {"Ella lee un libro todas las noches."}, {"El gato está durmiendo en el sofá."}],
}  # "Vayamos.": the exhortative of "ir" in its standard form, less common than the video's "Vamos.", also right


@pytest.mark.parametrize("name", sorted(EXAMPLES_RIGHT))
def test_the_app_s_examples_come_out_right(name):
    from model.inference.languages import language

    folder = PRETRAINED / name
    if not folder.is_dir():
        pytest.skip(f"{name} is not trained yet")
    model = load_model(folder)
    examples = list(language(model.config.target_language).examples)
    wrong = [(english, translation) for english, translation, right in
             zip(examples, model.translate(examples), EXAMPLES_RIGHT[name], strict=True) if translation not in right]
    assert not wrong
