"""Word-level tokenizer and detokenizer, by the rules of each language (model/inference/languages.py).

Built on sacremoses (Moses rules), with three choices made for a readable heatmap:
- English clitics stay on their word: "don't", "let's", "it's", "Tom's" are one token each
  (Moses alone would split "do" + "n't"); the video's "don't" is one cell.
- French elision stays Moses's ("l'", "j'", "qu'" are tokens), but "aujourd'hui" is one word, and
  inverted pronouns become their own token: "asseyez-vous" -> "asseyez" "-vous", "est-ce" ->
  "est" "-ce", "a-t-il" -> "a" "-t-il". A token starting with "-" is glued back on output.
- Spanish "¿" and "¡" are tokens of their own, glued to the next word on output.
Punctuation is its own token. The detokenizer writes French spacing before "? ! : ;" as the
Tatoeba corpus does.
"""
from __future__ import annotations

import re
from functools import lru_cache

from sacremoses import MosesDetokenizer, MosesTokenizer

from .languages import language

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_TIMES = r"\b\d{1,2}:\d{2}\b"  # "6:30" stays one token in every language
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


@lru_cache(maxsize=None)
def _moses(lang: str) -> tuple[MosesTokenizer, MosesDetokenizer]:
    code = language(lang).moses_code
    return MosesTokenizer(code), MosesDetokenizer(code)


@lru_cache(maxsize=None)
def _inverted_pronoun(lang: str) -> re.Pattern | None:
    pronouns = language(lang).inverted_pronouns
    if not pronouns:
        return None
    return re.compile(rf"^(?P<verb>[^\W\d_]+?)(?P<pronoun>(?:-t)?-(?:{'|'.join(pronouns)}))$", re.IGNORECASE)


def normalize(text: str) -> str:
    """One apostrophe, no control characters, single spaces: what the tokenizer sees."""
    text = _SURROGATE.sub("\ufffd", text)  # undecodable bytes from a command line
    text = _CONTROL.sub(" ", text.translate(_APOSTROPHES))
    return " ".join(text.split())


def _merge_english_clitics(tokens: list[str]) -> list[str]:
    merged: list[str] = []
    for token in tokens:
        if merged and token.startswith("'") and len(token) > 1 and token[1:].isalpha():
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def _split_inverted_pronouns(tokens: list[str], pattern: re.Pattern) -> list[str]:
    split: list[str] = []
    for token in tokens:
        match = pattern.match(token)
        if match:
            split += [match["verb"], match["pronoun"]]
        else:
            split.append(token)
    return split


def tokenize(text: str, lang: str) -> list[str]:
    """Text -> word tokens, by the language's rules (model/inference/languages.py). Never raises on odd
    text; empty text gives []."""
    rules = language(lang)
    tokenizer, _ = _moses(lang)
    text = normalize(text)
    if not text:
        return []
    tokens = tokenizer.tokenize(text, escape=False, protected_patterns=[_TIMES, *rules.protected])
    if rules.merge_clitics:
        tokens = _merge_english_clitics(tokens)
    if (inverted := _inverted_pronoun(lang)) is not None:
        tokens = _split_inverted_pronouns(tokens, inverted)
    return tokens


def detokenize(tokens: list[str], lang: str) -> str:
    """Word tokens -> natural text in the corpus's style."""
    rules = language(lang)
    _, detokenizer = _moses(lang)
    glued: list[str] = []
    for token in tokens:
        if glued and rules.inverted_pronouns and token.startswith("-") and len(token) > 1:
            glued[-1] += token
        else:
            glued.append(token)
    text = detokenizer.detokenize(glued, unescape=False)
    if rules.glue_opening_marks:
        text = re.sub(r"([¿¡])\s+", r"\1", text)
    return text
