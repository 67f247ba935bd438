"""Guess first: the answers of one decoding step, in an order the whole class shares, and a guess graded
against the trace. Torch-free: the app calls it with the trace it already has."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from .trace import Step
from .vocab import PAD, UNK

CHOICES = 5
NEVER_WRITTEN = (PAD, UNK)  # a translation never writes these: not a fair choice


def word_choices(sentence: str, step_index: int, step: Step) -> list[int]:
    """Indices into step.top_k of the model's five most likely words that a translation can write,
    shuffled the same way for everyone on the same sentence and step (so a class can answer together),
    with the written word among them whenever it is in top_k (a what-if word may not be)."""
    writable = [k for k, c in enumerate(step.top_k) if c.token not in NEVER_WRITTEN]
    indices = writable[:CHOICES]
    written = next((k for k, c in enumerate(step.top_k) if c.token == step.output_token), None)
    if written is not None and written not in indices:
        indices = indices[:CHOICES - 1] + [written]
    seed = hashlib.sha256(f"{' '.join(sentence.split())}\n{step_index}".encode("utf-8")).digest()
    random.Random(seed).shuffle(indices)
    return indices


@dataclass(frozen=True)
class Grade:
    word_right: bool
    written_label: str
    input_right: bool | None  # None: no attention, or no input guessed
    top_input: int | None  # the input the decoder looked at most (None without attention)
    share_guess: float | None  # the guessed share of the guessed input word (0-1), if any
    share_actual: float | None  # its real attention weight
    share_off: float | None  # |guess - actual|, in shares (0-1)


def grade(step: Step, input_guess: int | None, word_guess: str | None, share_guess: float | None) -> Grade:
    """Right or wrong for the input word and the written word; how far the share guess was."""
    top_input = None if step.weights is None else max(range(len(step.weights)), key=step.weights.__getitem__)
    input_right = None if top_input is None or input_guess is None else input_guess == top_input
    actual = None
    if step.weights is not None and input_guess is not None and 0 <= input_guess < len(step.weights):
        actual = step.weights[input_guess]
    off = None if actual is None or share_guess is None else abs(share_guess - actual)
    return Grade(word_guess == step.output_token, step.output_label, input_right, top_input,
                 share_guess if actual is not None else None, actual, off)


def share_offs(step: Step, shares: list[float]) -> list[list[float]]:
    """How far each guessed share is from each input word's weight, |guess - actual|: [input][guess],
    the same number `grade` gives for that input word and guess."""
    if step.weights is None:
        return []
    return [[abs(share - weight) for share in shares] for weight in step.weights]


@dataclass(frozen=True)
class Tally:
    answered: int  # steps revealed
    words_right: int
    inputs_right: int
    inputs_answered: int


def tally(grades: list[Grade]) -> Tally:
    """The sentence's score so far."""
    inputs = [g.input_right for g in grades if g.input_right is not None]
    return Tally(len(grades), sum(g.word_right for g in grades), sum(inputs), len(inputs))
