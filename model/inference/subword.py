"""Subword pieces with SentencePiece: no input word is unknown to the model.

Everyday words stay whole; a rare word, a name or a number is split into pieces the model knows
("smelling" -> "▁smell" "ing", "1987" -> "▁" "1" "9" "8" "7"), so it can read it and write it back.
One joint English + French (or Spanish) model: a name is the same pieces on both sides, which is
what lets the translation copy it. "▁" marks a piece that starts a word.
"""
from __future__ import annotations

from pathlib import Path

import sentencepiece as spm

from .tokenize import normalize
from .vocab import RESERVED, UNK_ID

WORD_START = "\u2581"  # ▁
CONTINUES = "\u00b7"  # ·, shown before a piece that continues the previous word


class SubwordTokenizer:
    """Text <-> pieces with a trained SentencePiece model (the `sentencepiece.model` of a folder)."""

    def __init__(self, model_bytes: bytes):
        self.processor = spm.SentencePieceProcessor(model_proto=model_bytes)
        self.model_bytes = model_bytes
        self._characters: dict[str, bool] = {}  # can_write's answers (a dict: safe to share between threads)

    @classmethod
    def load(cls, path: str | Path) -> "SubwordTokenizer":
        return cls(Path(path).read_bytes())

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.model_bytes)

    @property
    def pieces(self) -> list[str]:
        """Every piece, in id order: the vocabulary (its first three are RESERVED)."""
        pieces = [self.processor.id_to_piece(i) for i in range(self.processor.get_piece_size())]
        assert tuple(pieces[:3]) == RESERVED, pieces[:3]
        return pieces

    def tokenize(self, text: str) -> list[str]:
        text = normalize(text)
        return self.processor.encode(text, out_type=str) if text else []

    def tokenize_many(self, texts: list[str]) -> list[list[str]]:
        return self.processor.encode([normalize(t) for t in texts], out_type=str)

    def can_write(self, character: str) -> bool:
        """Whether the vocabulary has this character (one the training text never had reads as <unk>)."""
        known = self._characters.get(character)
        if known is None:
            known = self._characters[character] = UNK_ID not in self.processor.encode(character)
        return known

    def detokenize(self, pieces: list[str]) -> str:
        return self.processor.decode_pieces([p for p in pieces if p not in RESERVED])


def piece_label(piece: str) -> str:
    """How the app writes a piece: a word's first piece as the word ("▁smell" -> "smell"), a piece
    that continues a word after a dot ("ing" -> "·ing"), reserved tokens as they are."""
    if piece in RESERVED or piece == WORD_START:
        return piece
    if piece.startswith(WORD_START):
        return piece[1:]
    if not any(ch.isalnum() for ch in piece):  # punctuation: "." needs no mark to be read as attached
        return piece
    return CONTINUES + piece


def piece_labels(pieces: list[str]) -> list[str]:
    """Labels of a sentence's pieces; after a lone "▁" the next piece starts the word."""
    labels = []
    for index, piece in enumerate(pieces):
        label = piece_label(piece)
        if index and pieces[index - 1] == WORD_START and label.startswith(CONTINUES):
            label = label[1:]
        labels.append(label)
    return labels
