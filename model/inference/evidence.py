"""What the model learned from: in how many training pairs it saw a word, and a few of those pairs.

A model folder's `evidence.json.gz` (written by model/training/evidence_index.py from the exact
training pairs, validation pairs excluded) holds, for each side:

    words:  lowercased word -> [number of training pairs holding it, [ids of up to 3 example pairs]]
    pieces: subword models only, piece -> number of training pairs holding it
    pairs:  the example pairs' text, [English, translation], shared by both sides

A word is what the model's own word tokenizer (model/inference/tokenize.py, Moses rules of the
side's language) makes of a sentence, compared case-insensitively. A word the model never saw has
0 pairs and no examples. No pickle: gzip-compressed JSON.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .folder import EVIDENCE_FILE  # noqa: F401  the file this module reads
from .tokenize import tokenize

EVIDENCE_VERSION = 1
RARE_BELOW = 5  # a word seen in fewer training pairs is marked rare in the app
EXAMPLES_KEPT = 3  # example pairs stored per word
Side = Literal["source", "target"]
SIDES: tuple[Side, ...] = ("source", "target")


@dataclass(frozen=True)
class WordEvidence:
    """One word's evidence; to_dict() is the contract of `python -m model.evidence`."""

    word: str
    side: Side
    pairs: int  # training pairs whose side holds the word (case-insensitive)
    examples: list[list[str]]  # up to `limit` of those pairs, [English, translation], shortest first

    def to_dict(self) -> dict:
        return {"word": self.word, "side": self.side, "pairs": self.pairs, "examples": self.examples}

    def __getitem__(self, key: str):
        """evidence["pairs"] reads like the JSON the command prints."""
        if key not in ("word", "side", "pairs", "examples"):
            raise KeyError(key)
        return getattr(self, key)


def words_of(text: str, language: str) -> list[str]:
    """The words the index counts: the word tokenizer's tokens, lowercased."""
    return [token.lower() for token in tokenize(text, language)]


class EvidenceIndex:
    """A loaded evidence file: read-only, shared by every session."""

    def __init__(self, data: dict):
        if data.get("version") != EVIDENCE_VERSION:
            raise ValueError(f"unknown evidence index version {data.get('version')!r}")
        self.languages: dict[str, str] = data["languages"]  # side -> language code
        self.pair_count: int = data["pair_count"]  # the training pairs counted
        self.pairs: list[list[str]] = data["pairs"]
        self.words: dict[str, dict[str, list]] = data["words"]
        self.pieces: dict[str, dict[str, int]] = data.get("pieces") or {}

    @classmethod
    def load(cls, path: str | Path) -> "EvidenceIndex":
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            return cls(json.load(stream))

    def lookup(self, word: str, side: Side = "source", limit: int = EXAMPLES_KEPT) -> WordEvidence:
        """The evidence of one word (any case); `limit` examples at most."""
        if side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}, got {side!r}")
        count, example_ids = self.words[side].get(word.lower(), (0, []))
        return WordEvidence(word, side, count, [list(self.pairs[i]) for i in example_ids[: max(0, limit)]])

    def piece_pairs(self, piece: str, side: Side = "source") -> int:
        """Training pairs whose side holds this subword piece (0 for word-level models)."""
        return self.pieces.get(side, {}).get(piece, 0)
