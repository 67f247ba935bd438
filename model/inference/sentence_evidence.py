"""A traced sentence's evidence (what the model learned from, word by word) and its reading notes."""
from __future__ import annotations

import re

from .config import ModelConfig
from .evidence import RARE_BELOW, EvidenceIndex
from .reading import PLACEHOLDERS, Reading
from .subword import WORD_START
from .tokenize import tokenize
from .trace import ReadingNote, TraceEvidence, WordSeen

NOT_ENGLISH_SHARE = 0.5  # more than this share of the sentence's words never seen: perhaps not English
_PLACEHOLDER = re.compile(rf"^(?:{'|'.join(PLACEHOLDERS)})\d*$")


def token_spans(tokens: list[str], subword: bool) -> list[tuple[int, int]] | None:
    """Character spans of a subword sentence's pieces in its text (None for word-level tokens)."""
    if not subword:
        return None
    spans, position = [], -1  # the first piece's "▁" stands for the space before the text
    for piece in tokens:
        length = len(piece.replace(WORD_START, " "))
        spans.append((position, position + length))
        position += length
    return spans


def word_tokens(text: str, words: list[str], spans: list[tuple[int, int]] | None, count: int) -> list[list[int]]:
    """For each word (in order in text), the indices of the tokens covering it (count tokens in all)."""
    if spans is None:  # word-level: the words are the tokens
        return [[i] if i < count else [] for i in range(len(words))]
    result, start = [], 0
    for word in words:
        found = text.find(word, start)
        if found < 0:
            result.append([])
            continue
        end = found + len(word)
        result.append([i for i, (a, b) in enumerate(spans) if a < end and b > found and b - max(a, 0) > 0])
        start = end
    return result


def words_seen(index: EvidenceIndex, text: str, tokens: list[str], language: str, side, subword: bool) -> list[WordSeen]:
    words = tokenize(text, language)
    covering = word_tokens(text, words, token_spans(tokens, subword), len(tokens))
    return [WordSeen(word, found.pairs, found.examples, indices)
            for word, indices in zip(words, covering) for found in [index.lookup(word, side)]]


def is_word(word: str) -> bool:
    return any(ch.isalnum() for ch in word) and not _PLACEHOLDER.match(word)


def sentence_evidence(index: EvidenceIndex, read: str, tokens: list[str], written: str, target_tokens: list[str],
                      config: ModelConfig, subword: bool) -> TraceEvidence:
    """Each word of the sentence the model read and of the translation it wrote, with its training pairs."""
    source = words_seen(index, read, tokens, config.source_language, "source", subword)
    target = words_seen(index, written, target_tokens, config.target_language, "target", subword)
    if subword:
        token_pairs = [index.piece_pairs(piece, "source") for piece in tokens]
    else:
        token_pairs = [index.lookup(token, "source").pairs for token in tokens]
    ordinary = [w for w in source if w.word.isalpha() and w.word.islower()]  # names may be unseen in any English
    unseen = sum(w.pairs == 0 for w in ordinary) / len(ordinary) if ordinary else 0.0
    return TraceEvidence(
        training_pairs=index.pair_count, rare_below=RARE_BELOW, source_words=source, target_words=target,
        source_token_pairs=token_pairs,
        rare_source_words=[i for i, w in enumerate(source) if w.pairs < RARE_BELOW and is_word(w.word)],
        unseen_share=unseen, looks_english=not (len(ordinary) >= 2 and unseen > NOT_ENGLISH_SHARE),
    )


def reading_notes(reading: Reading, left_out: list[str], finished: bool, limit: int, steps: int,
                  evidence: TraceEvidence | None) -> list[ReadingNote]:
    """What the model read differently from what was typed, and the limits it met, in the trace's words."""
    notes = []
    if reading.read_in_ordinary_case:
        notes.append(ReadingNote("capitals", list(reading.read_in_ordinary_case)))
    if reading.all_caps:
        notes.append(ReadingNote("all_caps"))
    if reading.full_stop_added:
        notes.append(ReadingNote("full_stop"))
    if reading.question_mark_added:
        notes.append(ReadingNote("question_mark"))
    if reading.capital_added:
        notes.append(ReadingNote("capital"))
    if reading.placeholders:
        notes.append(ReadingNote("unseen_characters", [characters for characters, _ in reading.placeholders],
                                 {"names": [name for _, name in reading.placeholders]}))
    if left_out:
        notes.append(ReadingNote("characters_left_out", list(left_out)))
    if not finished and steps >= limit:
        notes.append(ReadingNote("output_limit", values={"limit": limit}))
    if evidence is not None and not evidence.looks_english:
        notes.append(ReadingNote("not_english", values={"share": evidence.unseen_share}))
    return notes
