"""Tokenizer: the words a student will read in the heatmap, and natural text back."""
import pytest

from model.inference.tokenize import detokenize, tokenize

# Real lines of the Tatoeba corpus (CC-BY 2.0 FR, tatoeba.org, via manythings.org/anki).
CORPUS_LINES = [
    ("en", "Don't eat the delicious looking and smelling pizza."),
    ("en", "Let's go."),
    ("en", "I had no idea you'd be here."),
    ("en", "It's Tom's book, isn't it?"),
    ("en", "I woke up at 6:30."),
    ("en", "Where have you been all afternoon?"),
    ("fr", "Va !"),
    ("fr", "J'ai trouvé ça sous ton lit."),
    ("fr", "Où as-tu été toute l'après-midi ?"),
    ("fr", "Je pense que tu devrais t'en tenir à ton programme d'entraînement."),
    ("fr", "Ça faisait deux heures que la famille dormait lorsque l'incendie se déclara."),
    ("fr", "Qu'est-ce que c'est ?"),
    ("fr", "Asseyez-vous !"),
    ("fr", "Va-t-il venir ?"),
    ("fr", "Aujourd'hui, il a dit « bonjour » : oui ; non."),
    ("es", "¿Por qué no vienes a mi casa y tocas el piano?"),
    ("es", "¡Hola, Tom!"),
    ("es", "Ese ruido me está volviendo loco."),
    ("es", "Él es muy famoso en Japón también."),
]


@pytest.mark.parametrize("lang,line", CORPUS_LINES)
def test_round_trip_on_corpus_lines(lang, line):
    assert detokenize(tokenize(line, lang), lang) == line


def test_english_contractions_stay_one_word():
    assert tokenize("Don't eat the delicious looking and smelling pizza.", "en") == [
        "Don't", "eat", "the", "delicious", "looking", "and", "smelling", "pizza", "."]
    assert tokenize("let's go", "en") == ["let's", "go"]
    assert tokenize("It's here.", "en") == ["It's", "here", "."]


def test_french_elision_and_inversion():
    assert tokenize("J'ai vu l'homme qu'il aime.", "fr")[:3] == ["J'", "ai", "vu"]
    assert "l'" in tokenize("J'ai vu l'homme.", "fr")
    assert tokenize("Asseyez-vous !", "fr") == ["Asseyez", "-vous", "!"]
    assert tokenize("Est-ce vrai ?", "fr") == ["Est", "-ce", "vrai", "?"]
    assert tokenize("A-t-il faim ?", "fr") == ["A", "-t-il", "faim", "?"]
    assert tokenize("aujourd'hui", "fr") == ["aujourd'hui"]
    assert tokenize("après-midi", "fr") == ["après-midi"]  # other hyphenated words stay whole


def test_french_spacing_before_high_punctuation():
    assert detokenize(["Tu", "viens", "?"], "fr") == "Tu viens ?"
    assert detokenize(["Attention", "!"], "fr") == "Attention !"
    assert detokenize(["You", "come", "?"], "en") == "You come?"


def test_spanish_inverted_marks_are_tokens_and_glue_back():
    assert tokenize("¿Qué?", "es") == ["¿", "Qué", "?"]
    assert detokenize(["¡", "Hola", "!"], "es") == "¡Hola!"


def test_punctuation_is_its_own_token():
    assert tokenize("Hi, Tom!", "en") == ["Hi", ",", "Tom", "!"]


def test_curly_apostrophes_and_control_characters_are_normalized():
    assert tokenize("Don\u2019t\x00 go\t now", "en") == ["Don't", "go", "now"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00"])
def test_empty_text_gives_no_tokens(text):
    assert tokenize(text, "en") == []


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        tokenize("hello", "de")
