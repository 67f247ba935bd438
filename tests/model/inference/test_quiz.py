"""Guess first, graded with exact values on a step written by hand."""
import hashlib
import random

from model.inference.quiz import CHOICES, grade, share_offs, tally, word_choices
from model.inference.trace import Candidate, Step


def step(output_token="vamos", weights=(0.25, 0.75), tokens=("vamos", "<unk>", "ir", "y", "<pad>", "a", "b", "c")):
    return Step(input_token="<EOS>", decoder_output=[0.0], scores=None, cosine=None,
                weights=None if weights is None else list(weights), context=None,
                top_k=[Candidate(token=token, prob=0.1, logit=0.0) for token in tokens], output_token=output_token)


def test_choices_are_five_writable_words_in_a_shuffle_everyone_shares():
    indices = word_choices("let's go", 0, step())
    assert sorted(indices) == [0, 2, 3, 5, 6]  # <unk> (1) and <pad> (4) are never choices
    expected = [0, 2, 3, 5, 6]
    random.Random(hashlib.sha256(b"let's go\n0").digest()).shuffle(expected)
    assert indices == expected
    assert word_choices("let's   go", 0, step()) == indices  # the same sentence, however spaced
    assert len(indices) == CHOICES


def test_the_written_word_is_always_a_choice():
    indices = word_choices("s", 1, step(output_token="c"))
    assert 7 in indices and len(indices) == CHOICES and 6 not in indices


def test_grade_and_tally_exact_values():
    right = grade(step(), input_guess=1, word_guess="vamos", share_guess=0.5)
    assert (right.word_right, right.input_right, right.top_input) == (True, True, 1)
    assert (right.share_guess, right.share_actual, right.share_off) == (0.5, 0.75, 0.25)
    wrong = grade(step(), input_guess=0, word_guess="ir", share_guess=None)
    assert (wrong.word_right, wrong.input_right, wrong.share_actual, wrong.share_off) == (False, False, 0.25, None)
    no_attention = grade(step(weights=None), input_guess=0, word_guess="vamos", share_guess=0.9)
    assert (no_attention.input_right, no_attention.top_input, no_attention.share_guess) == (None, None, None)
    score = tally([right, wrong, no_attention])
    assert (score.answered, score.words_right, score.inputs_right, score.inputs_answered) == (3, 2, 1, 2)


def test_share_offs_are_the_grades_distances_for_every_input_and_guess():
    shares = [0.0, 0.5, 1.0]
    offs = share_offs(step(), shares)
    assert offs == [[0.25, 0.25, 0.75], [0.75, 0.25, 0.25]]  # [input word][guess]
    assert all(offs[i][k] == grade(step(), i, None, share).share_off for i in (0, 1) for k, share in enumerate(shares))
    assert share_offs(step(weights=None), shares) == []
