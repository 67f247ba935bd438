"""Subword pieces: reserved ids, digits split, text round trip, readable labels."""
import pytest

from model.inference.subword import SubwordTokenizer, piece_label, piece_labels
from model.inference.vocab import RESERVED
from model.training.subword import train_sentencepiece

SENTENCES = [f"{name} {verb} the {thing}." for name in ("Tom", "Mary", "Anna", "Paul")
             for verb in ("likes", "smelled", "looked at", "is eating")
             for thing in ("pizza", "delicious cake", "red apple", "small house", "train station")] + [
    "Tom a mangé la pizza.", "Marie aime le gâteau délicieux.", "J'ai 3 pommes et 12 poires."]


@pytest.fixture(scope="module")
def subword():
    return SubwordTokenizer(train_sentencepiece(SENTENCES, vocab_size=60))


def test_the_reserved_tokens_come_first(subword):
    assert tuple(subword.pieces[:3]) == RESERVED
    assert len(subword.pieces) == 60


def test_a_number_is_spelt_out_digit_by_digit(subword):
    pieces = subword.tokenize("Tom has 1321 apples.")
    assert [p.lstrip("\u2581") for p in pieces if p.strip("\u2581").isdigit()] == ["1", "3", "2", "1"]


def test_text_survives_tokenize_then_detokenize(subword):
    for text in ("Paul smelled the pizza 312 times.", "  Don\u2019t   eat it!  "):
        assert subword.detokenize(subword.tokenize(text)) == " ".join(text.replace("\u2019", "'").split())


def test_empty_text_gives_no_pieces(subword):
    assert subword.tokenize("   ") == []


def test_labels_write_a_split_word_readably():
    assert piece_labels(["\u2581smell", "ing", "\u2581pizza", "."]) == ["smell", "\u00b7ing", "pizza", "."]
    assert piece_labels(["\u2581", "1", "9"]) == ["\u2581", "1", "\u00b79"]  # a lone word start, then the word
    assert piece_label("<EOS>") == "<EOS>"
