"""Odd but real input: capitals, characters the model never saw, a repeated word, a sentence not in English."""
import pytest

from model.inference.reading import Reading, is_all_caps, read_sentence, write_back
from tests.conftest import PRETRAINED

VOCABULARY = {"i", "I", "love", "my", "dog", "Tom", "TV", "eat", "the", "pizza", "don't", "Dont"}


def knows(word):
    return word in VOCABULARY


def test_capitals_are_read_in_ordinary_case_names_and_acronyms_kept():
    reading = read_sentence("TOM LOVES THE TV.", knows, None)
    assert reading.read == "Tom loves the TV." and reading.all_caps
    assert reading.read_in_ordinary_case == ["TOM", "LOVES", "THE"]
    mixed = read_sentence("I love my DOG.", knows, None)
    assert (mixed.read, mixed.all_caps, mixed.read_in_ordinary_case) == ("I love my dog.", False, ["DOG"])
    assert read_sentence("I love my dog.", knows, None) == Reading("I love my dog.", "I love my dog.")
    assert is_all_caps("DON'T EAT!") and not is_all_caps("I am OK.") and not is_all_caps("I.")


def test_unseen_characters_become_names_and_come_back():
    reading = read_sentence("I love 🍕 and ☕.", knows, lambda c: c.isascii())
    assert reading.read == "I love Zorbu and Kwemi." and reading.placeholders == [("🍕", "Zorbu"), ("☕", "Kwemi")]
    assert write_back("J'adore Zorbu et Kwemi.", reading) == ("J'adore 🍕 et ☕.", [])
    assert write_back("J'adore Zorbu et Zorbu.", reading) == ("J'adore et.", ["🍕", "☕"])  # not exactly once: left out
    caps = read_sentence("I LOVE 🍕!", knows, lambda c: c.isascii())
    assert write_back("J'adore Zorbu !", caps) == ("J'ADORE 🍕 !", [])


@pytest.mark.parametrize("name, expected", [
    ("en-fr", {"I LOVE MY DOG.": "J'ADORE MON CHIEN.", "I love 🍕 and ☕.": "J'adore 🍕 et ☕."}),
    ("en-es", {"I LOVE MY DOG.": "ME ENCANTA A MI PERRO.", "I love 🍕 and ☕.": "Me encanta 🍕 y ☕."}),
])
def test_the_translators_handle_odd_input(name, expected):
    folder = PRETRAINED / name
    if not folder.is_dir():
        pytest.skip(f"{name} is not there")
    from model import load_model

    model = load_model(folder)
    shouted, ordinary = model.trace("I LOVE MY DOG."), model.trace("I love my dog.")
    assert shouted.read_as == "I love my dog." and shouted.translation == ordinary.translation.upper()
    with_symbols = model.trace("I love 🍕 and ☕.")
    kept = [character for character in with_symbols.translation if character in "🍕☕"]
    assert kept == ["🍕", "☕"] and not any(character.isdigit() for character in with_symbols.translation)
    for trace in (shouted, with_symbols):
        assert {trace.source: trace.translation}.items() <= expected.items()  # the committed model's words
        assert model.translate([trace.source]) == [trace.translation]
    notes = {note.kind for note in model.trace("I LOVE MY DOG.").notes}
    assert notes == {"capitals", "all_caps"}
    symbols = model.trace("I love 🍕 and ☕.")
    assert [(n.kind, n.words) for n in symbols.notes] == [("unseen_characters", ["🍕", "☕"])]
    assert not any(token == "<unk>" for token in symbols.source_tokens)
    looping = model.trace(" ".join(["the"] * 12))
    assert len(looping.steps) <= 2 * len(looping.source_tokens) + 10 == looping.output_limit
    assert [n.kind for n in looping.notes if n.kind == "output_limit"] in ([], ["output_limit"])
    french = model.trace("Je mange une pomme avec mon frère.")
    assert not french.evidence.looks_english and "not_english" in {n.kind for n in french.notes}
    assert french.steps  # the trace is still shown
    assert model.trace("She reads a book every evening.").evidence.looks_english


def test_the_evidence_of_the_video_sentence_marks_its_rare_word():
    folder = PRETRAINED / "en-fr"
    if not folder.is_dir():
        pytest.skip("en-fr is not there")
    from model import load_model

    evidence = load_model(folder).trace("Don't eat the delicious looking and smelling pizza.").evidence
    words = {w.word: w for w in evidence.source_words}
    assert [evidence.source_words[i].word for i in evidence.rare_source_words] == ["smelling"]
    assert words["smelling"].pairs == 2 and len(words["smelling"].tokens) == 2  # two pieces: smell, ing
    assert len(evidence.source_token_pairs) == 12 and all(w.tokens for w in evidence.source_words)


def test_a_sentence_without_final_punctuation_is_read_as_one():
    seen = str.isascii
    plain = read_sentence("i am cold", knows, seen)
    assert (plain.read, plain.full_stop_added, plain.capital_added) == ("I am cold.", True, False)
    assert write_back("J'ai froid.", plain) == ("J'ai froid", [])
    lower = read_sentence("the cat sleeps", knows, seen)
    assert (lower.read, lower.capital_added) == ("The cat sleeps.", True)
    question = read_sentence("where is the station", knows, seen)
    assert (question.read, question.question_mark_added, question.full_stop_added) == ("Where is the station?", True, False)
    assert write_back("Où est la gare ?", question) == ("Où est la gare ?", [])
    command = read_sentence("Don't eat the pizza", knows, seen)
    assert command.read == "Don't eat the pizza." and not command.question_mark_added
    assert read_sentence("Let's go.", knows, seen).read == "Let's go."
    toy = read_sentence("let's go", knows, None)  # word-level models read their own phrases as they are
    assert toy.read == "let's go" and not toy.full_stop_added


@pytest.mark.parametrize("name, expected", [  # each sentence's translations a teacher would accept
    ("en-fr", {"I am cold": {"J'ai froid"},
               "Where is the train station": {"Où se trouve la gare ?", "Où est la gare ?"}}),
    ("en-es", {"She reads a book every evening": {"Ella lee un libro todas las noches"},
               "Where is the train station": {"¿Dónde está la estación de tren?"}}),
])
def test_the_translators_read_a_bare_sentence_as_a_sentence(name, expected):
    folder = PRETRAINED / name
    if not folder.is_dir():
        pytest.skip(f"{name} is not there")
    from model import load_model

    model = load_model(folder)
    translations = model.translate(list(expected))
    assert [t in right for t, right in zip(translations, expected.values())] == [True] * len(expected), translations
    assert {n.kind for n in model.trace("I am cold").notes} == {"full_stop"}
