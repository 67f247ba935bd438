"""Augmentation: joined pairs stay under the limit; swapped names change on both sides alike."""
import random

from model.training.augment import copyable_words, join_examples, made_up_name, swap_names_and_numbers


def test_copyable_words_are_the_names_and_numbers_on_both_sides():
    assert copyable_words("I saw Tom in 1987 in London.", "J'ai vu Tom en 1987 à Londres.") == ["1987", "Tom"]
    assert copyable_words("I am here.", "Je suis ici.") == []


def test_a_swap_replaces_the_word_on_both_sides_with_the_same_new_one():
    pairs = [("Tom is 30.", "Tom a 30 ans."), ("I am cold.", "J'ai froid.")]
    (english, french), = swap_names_and_numbers(pairs, percent=50, seed=1)
    assert "Tom" not in english and "30" not in english
    new_name = english.split(" is ")[0]
    new_number = english.split(" is ")[1].rstrip(".")
    assert french == f"{new_name} a {new_number} ans."


def test_swaps_are_the_same_for_the_same_seed():
    pairs = [(f"Tom has {n} cats.", f"Tom a {n} chats.") for n in range(20)]
    assert swap_names_and_numbers(pairs, 50, 7) == swap_names_and_numbers(pairs, 50, 7)
    assert len(swap_names_and_numbers(pairs, 50, 7)) == 10


def test_a_corpus_with_few_pairs_to_swap_gets_each_swapped_again_with_other_names():
    pairs = [("Tom is here.", "Tom est ici."), ("I am cold.", "J'ai froid."), ("Go.", "Va.")]
    swapped = swap_names_and_numbers(pairs, percent=300, seed=3)
    assert len(swapped) == 9
    names = [english.removesuffix(" is here.") for english, _ in swapped]
    assert all(french == f"{name} est ici." for name, (_, french) in zip(names, swapped))
    assert len(set(names)) > 1


def test_made_up_names_are_capitalised_words():
    rng = random.Random(0)
    for _ in range(50):
        assert all(part[:1].isupper() and part.isalpha() and len(part) <= 24 for part in made_up_name(rng).split())


def test_joined_examples_are_two_or_three_examples_end_to_end():
    examples = [([i], [100 + i]) for i in range(10)]
    joined = join_examples(examples, percent=100, max_tokens=3, seed=0)
    assert len(joined) == 10
    for source, target in joined:
        assert len(source) in (2, 3)
        assert target == [100 + i for i in source]


def test_joined_examples_respect_the_length_limit():
    examples = [([1, 2, 3], [4, 5, 6])] * 5
    assert join_examples(examples, percent=100, max_tokens=5, seed=0) == []
