"""What the model reads of what was typed, and how its translation is written back.

Real input has things the training sentences never had. Each is handled here, before the model
reads the sentence, and undone on the translation it writes:

- Capitals. Training sentences are in ordinary case, so "I LOVE MY DOG." reads to the model as
  unknown names. A word in capitals is read in its ordinary form: lower case, or capitalised where
  the model's vocabulary knows the word only capitalised (a name: "TOM" -> "Tom"); a word the
  vocabulary has in capitals stays (an acronym: "TV"). A sentence all in capitals is translated in
  ordinary case and its translation written in capitals.
- No final punctuation, no capital at the start. Every training sentence starts with a capital and
  ends with . ! or ?, and without them the translators lose their way ("I am cold" -> "Je froid
  froid."). A subword model reads such a sentence with a capital first and a full stop at the end
  (a question mark if it starts as a question), and the full stop is taken off the translation again.
- Characters the model never saw (emoji, symbols: "🍕"). Unknown to its vocabulary, they would be
  read as `<unk>` and turned into other words or numbers. Each is read as a made-up name instead,
  which the model learned to copy unchanged (names and numbers swapped in training), and put back
  in the translation where the name comes out. A name that does not come out leaves its
  characters out of the translation, and the trace says so.

The model's numbers (the trace) are those of the sentence it read; the trace says what was read
differently and why.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

# Made-up names the subword models copy unchanged (tested on en-fr and en-es); one per unseen character.
PLACEHOLDERS = ("Zorbu", "Kwemi", "Talvo", "Dunek", "Mirzo", "Bexal", "Ruvik", "Solna")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")  # letters, with one apostrophe inside: "DON'T"


@dataclass(frozen=True)
class Reading:
    typed: str  # the sentence as typed (normalised spaces)
    read: str  # what the model reads
    read_in_ordinary_case: list[str] = field(default_factory=list)  # words in capitals read otherwise ("LOVE")
    all_caps: bool = False  # the sentence was in capitals: the translation is written in capitals
    placeholders: list[tuple[str, str]] = field(default_factory=list)  # (characters never seen, name read instead)
    full_stop_added: bool = False  # the sentence had no final punctuation: the model read a full stop
    question_mark_added: bool = False  # ... or, starting as a question, a question mark
    capital_added: bool = False  # the sentence started in lower case: the model read a capital

    @property
    def changed(self) -> bool:
        return self.read != self.typed


def ordinary_case(word: str, knows: Callable[[str], bool]) -> str:
    """A word in capitals as the vocabulary knows it: as it is (an acronym), capitalised (a name), or lower."""
    if knows(word):
        return word
    capitalised = word[:1] + word[1:].lower()
    if knows(capitalised) and not knows(word.lower()):
        return capitalised
    return word.lower()


def is_all_caps(text: str) -> bool:
    """Every word of two letters or more is in capitals, and there are at least two letters in capitals."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    return bool(words) and all(w.isupper() for w in words) and sum(c.isupper() for c in text) >= 2


def read_capitals(text: str, knows: Callable[[str], bool], spells_any_word: bool) -> tuple[str, list[str], bool]:
    """-> (the text with words in capitals in ordinary case, those words, whether it was all capitals).
    An all-capitals sentence starts with a capital, as the training sentences do, when the vocabulary
    can write its first word so (subword pieces spell any word: spells_any_word)."""
    all_caps = is_all_caps(text)
    changed: list[str] = []

    def replace(match: re.Match) -> str:
        word = match.group(0)
        if len(word) < 2 or not word.isupper():
            return word
        ordinary = ordinary_case(word, knows)
        if ordinary != word:
            changed.append(word)
        return ordinary

    read = _WORD.sub(replace, text)
    first = _WORD.search(read)
    if all_caps and first and first.group(0).islower() and (spells_any_word or knows(first.group(0).capitalize())):
        read = read[:first.start()] + first.group(0).capitalize() + read[first.end():]  # as sentences start
    return read, changed, all_caps


def read_unseen_characters(text: str, seen: Callable[[str], bool]) -> tuple[str, list[tuple[str, str]]]:
    """Runs of characters the model never saw, each replaced by a made-up name it copies (spaced as a word)."""
    placeholders: list[tuple[str, str]] = []
    pieces, run = [], ""
    for character in text + "\0":
        if character != "\0" and not character.isspace() and not seen(character):
            run += character
            continue
        if run:
            name = PLACEHOLDERS[len(placeholders) % len(PLACEHOLDERS)]
            if len(placeholders) >= len(PLACEHOLDERS):
                name += str(len(placeholders) // len(PLACEHOLDERS) + 1)
            placeholders.append((run, name))
            pieces.append(f" {name} ")
            run = ""
        if character != "\0":
            pieces.append(character)
    read = " ".join("".join(pieces).split())
    return re.sub(r" ([.,!?;:])", r"\1", read) if placeholders else text, placeholders


FINAL_PUNCTUATION = (".", "!", "?", "…", ";", ":")
CLOSING = "\"')»”’"


# First words that make a sentence a question ("Don't", "Have" start commands as often: not here).
QUESTION_STARTS = {"who", "what", "where", "when", "why", "how", "which", "whose", "whom", "is", "are", "am", "was",
                   "were", "do", "does", "did", "can", "could", "will", "would", "shall", "should", "may", "might",
                   "isn't", "aren't", "doesn't", "didn't"}
_LOWER_I = re.compile(r"\bi(?=$|[\s,.!?;:]|'(?:m|ve|ll|d)\b)")


def read_as_a_sentence(text: str, punctuate: bool = True) -> tuple[str, bool, bool]:
    """-> (text with a capital first and final punctuation, whether a full stop was added, whether a
    capital was). A sentence that starts as a question gets a question mark, kept in the translation."""
    text = _LOWER_I.sub("I", text)  # "i love you": the pronoun is written I in every training sentence
    stripped = text.rstrip(CLOSING)
    ending = punctuate and bool(stripped) and not stripped.endswith(FINAL_PUNCTUATION) and any(c.isalnum() for c in text)
    first_word = next(iter(_WORD.findall(text)), "").lower()
    full_stop = ending and first_word not in QUESTION_STARTS
    if ending:
        text = stripped + ("." if full_stop else "?") + text[len(stripped):]
    first = next((i for i, c in enumerate(text) if c.isalpha()), None)
    capital = first is not None and text[first].islower()
    if capital:
        text = text[:first] + text[first].upper() + text[first + 1:]
    return text, full_stop, capital


def read_sentence(text: str, knows: Callable[[str], bool], seen: Callable[[str], bool] | None,
                  punctuate: bool = True) -> Reading:
    """What the model reads of `text`. knows(word): the vocabulary has the word whole; seen(character):
    the vocabulary can write it (None: word-level models, whose unknown words are `<unk>` anyway and
    whose training phrases may have no punctuation, as the toy's). punctuate: False reads no final
    punctuation into the sentence (it would not fit the model's input limit)."""
    read, lowered, all_caps = read_capitals(text, knows, spells_any_word=seen is not None)
    placeholders: list[tuple[str, str]] = []
    full_stop = capital = False
    if seen is not None:
        read, placeholders = read_unseen_characters(read, seen)
        before = read
        read, full_stop, capital = read_as_a_sentence(read, punctuate)
        question = read.rstrip(CLOSING).endswith("?") and not before.rstrip(CLOSING).endswith("?")
        return Reading(text, read, lowered, all_caps, placeholders, full_stop, question, capital and not all_caps)
    return Reading(text, read, lowered, all_caps, placeholders)


def write_back(translation: str, reading: Reading) -> tuple[str, list[str]]:
    """The translation with each placeholder's characters back in its place, in capitals if the sentence
    was -> (translation, the characters left out: their name did not come out exactly once)."""
    left_out = []
    for characters, name in reading.placeholders:
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        if len(pattern.findall(translation)) == 1:
            translation = pattern.sub(lambda _: characters, translation)
        else:
            left_out.append(characters)
            translation = re.sub(r" ([.,])", r"\1", " ".join(pattern.sub("", translation).split()))
    if reading.full_stop_added and translation.endswith("."):
        translation = translation[:-1].rstrip()
    if reading.all_caps:
        translation = translation.upper()
    return translation, left_out
