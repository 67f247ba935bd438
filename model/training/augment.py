"""Training data augmentation: long sentences and names the model has never seen.

- Joined pairs (Nguyen, Murray & Chiang 2021, "Data augmentation by concatenation"): two or three
  training pairs joined into one, source with source and translation with translation, so that
  15-40-word inputs are in the training data and a long input translates about as well as its parts.
- Swapped names and numbers: where a capitalised word or a number appears unchanged on both sides
  ("Tom" / "Tom", "1987" / "1987"), a copy of the pair has it replaced on both sides by a made-up
  name or number, so the model learns to copy what it cannot translate, piece by piece.
"""
from __future__ import annotations

import random
import re

from .batches import Example

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_NUMBER = re.compile(r"\b\d+\b")
_ONSETS = ("b", "ch", "d", "f", "g", "h", "j", "k", "kw", "l", "m", "n", "ng", "p", "r", "s", "sh", "t",
           "v", "w", "y", "z", "zh", "br", "dr", "kr", "st", "tr", "x", "q", "gr", "pr", "fr", "bl", "kl",
           "fl", "pl", "sp", "sk", "th", "ph", "ts")
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "u",  # plain vowels twice as likely
           "ai", "ei", "ia", "ou", "ao", "y", "ee", "oo", "ie", "é", "ö")
_INNER_CODAS = ("n", "r", "s", "l", "m", "k", "nd", "st", "ng")
_CODAS = ("", "", "", "n", "ng", "r", "s", "l", "k", "m", "t", "x", "d", "nk", "rd", "sh", "sson", "ski",
          "ez", "ov", "id", "uk", "ine", "za", "ta")


def made_up_name(rng: random.Random) -> str:
    """A pronounceable name nobody wrote in the corpus: "Roya", "Wéine", "Mangooski", "Ungu";
    sometimes two words. A quarter start with a vowel and some syllables are closed, as in many real names."""
    def syllable(first: bool, last: bool) -> str:
        onset = "" if first and rng.random() < 0.25 else rng.choice(_ONSETS)
        coda = rng.choice(_CODAS) if last else (rng.choice(_INNER_CODAS) if rng.random() < 0.3 else "")
        return onset + rng.choice(_VOWELS) + coda

    def word() -> str:
        count = rng.choice((1, 2, 2, 2, 3))
        return "".join(syllable(i == 0, i == count - 1) for i in range(count)).capitalize()
    return word() if rng.random() < 0.8 else f"{word()} {word()}"


def made_up_number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        return str(rng.randint(1900, 2099))  # years
    if kind < 0.6:
        return str(rng.randint(0, 100))
    return str(rng.randint(101, 10 ** rng.randint(3, 7)))


def copyable_words(english: str, translation: str) -> list[str]:
    """Names and numbers written the same on both sides (not the English word "I")."""
    words = {w for w in _CAPITALISED.findall(english) if w != "I"} | set(_NUMBER.findall(english))
    present = set(_CAPITALISED.findall(translation)) | set(_NUMBER.findall(translation))
    return sorted(words & present)


def swap_names_and_numbers(pairs: list[tuple[str, str]], percent: float, seed: int) -> list[tuple[str, str]]:
    """About percent % of len(pairs) new pairs, each a pair with its copyable words replaced. Where the
    corpus has fewer pairs to swap than that, each is swapped again with other made-up words."""
    rng = random.Random(seed)
    candidates = [(english, translation, words) for english, translation in pairs
                  if (words := copyable_words(english, translation))]
    if not candidates:
        return []
    wanted = int(len(pairs) * percent / 100)
    chosen = []
    while len(chosen) < wanted:
        chosen += rng.sample(candidates, min(wanted - len(chosen), len(candidates)))
    swapped = []
    for english, translation, words in chosen:
        for word in words:
            new = made_up_number(rng) if word.isdigit() else made_up_name(rng)
            pattern = re.compile(rf"\b{re.escape(word)}\b")
            english, translation = pattern.sub(new, english), pattern.sub(new, translation)
        swapped.append((english, translation))
    return swapped


def join_examples(examples: list[Example], percent: float, max_tokens: int, seed: int) -> list[Example]:
    """About percent % of len(examples) new examples, each 2 or 3 random examples joined (ids concatenated:
    every piece sentence starts with a word-start piece, so joining ids is joining text)."""
    rng = random.Random(seed)
    joined = []
    for _ in range(int(len(examples) * percent / 100)):
        parts = [examples[rng.randrange(len(examples))] for _ in range(rng.choice((2, 3)))]
        source = [i for part in parts for i in part[0]]
        target = [i for part in parts for i in part[1]]
        if len(source) <= max_tokens and len(target) <= max_tokens:
            joined.append((source, target))
    return joined
