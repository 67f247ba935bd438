"""What the model learned from: in how many training pairs it saw a word, and a few of those pairs.

A model folder's `evidence.txt.gz` (written by model/training/evidence_index.py from the exact
training pairs, validation pairs excluded) holds, for each side:

    words:  lowercased word, number of training pairs holding it, ids of up to 3 example pairs
    pieces: subword models only, piece, number of training pairs holding it
    pairs:  the example pairs' text, English and translation, shared by both sides

as sorted tab-separated lines after a JSON header line (see EvidenceIndex), so that a loaded index
is a few bytes objects, not hundreds of thousands of Python objects.
A word is what the model's own word tokenizer (model/inference/tokenize.py, Moses rules of the
side's language) makes of a sentence, compared case-insensitively. A word the model never saw has
0 pairs and no examples. No pickle: gzip-compressed text.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import threading
import weakref
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .tokenize import tokenize

EVIDENCE_VERSION = 2
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


class SortedLines:
    """Lines of UTF-8 text sorted by their first field (up to a tab), found by binary search: a table of
    tens of thousands of rows in one bytes object and an array of offsets, not a dict of Python objects."""

    def __init__(self, data: bytes):
        self.data = data
        starts, position = array("I"), 0
        while position < len(data):
            starts.append(position)
            end = data.find(b"\n", position)
            position = len(data) if end < 0 else end + 1
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, row: int) -> bytes:
        end = self.data.find(b"\n", self.starts[row])
        return self.data[self.starts[row]: len(self.data) if end < 0 else end]

    def find(self, key: str) -> list[str] | None:
        """The fields of the line whose first field is `key`, or None."""
        wanted, low, high = key.encode("utf-8"), 0, len(self.starts)
        while low < high:
            middle = (low + high) // 2
            line = self.line(middle)
            first = line.split(b"\t", 1)[0]
            if first == wanted:
                return line.decode("utf-8").split("\t")
            low, high = (middle + 1, high) if first < wanted else (low, middle)
        return None


def sorted_lines(rows: list[list[str]]) -> bytes:
    """Tab-separated rows as SortedLines reads them (no tab or newline inside a field)."""
    lines = sorted("\t".join(row).encode("utf-8") for row in rows)
    return b"\n".join(lines)


class EvidenceIndex:
    """A loaded evidence file: read-only, shared by every session (and by models trained on the same
    pairs: `load` returns the same index for the same file contents).

    The file (gzip) is a JSON header line, then blocks of tab-separated lines it gives the sizes of:
    per side the words (word, pairs, example ids) and the pieces (piece, pairs), sorted; then the
    example pairs (English, translation), one a line. In memory it stays those bytes."""

    def __init__(self, header: dict, blocks: dict[str, bytes]):
        if header.get("version") != EVIDENCE_VERSION:
            raise ValueError(f"unknown evidence index version {header.get('version')!r}")
        self.languages: dict[str, str] = header["languages"]  # side -> language code
        self.pair_count: int = header["pair_count"]  # the training pairs counted
        self._words = {side: SortedLines(blocks[f"words.{side}"]) for side in SIDES}
        self._pieces = {side: SortedLines(blocks.get(f"pieces.{side}", b"")) for side in SIDES}
        self._pairs = SortedLines(blocks["pairs"])  # not sorted: read by row number only

    @classmethod
    def from_bytes(cls, contents: bytes) -> "EvidenceIndex":
        first_line = contents.index(b"\n")
        header = json.loads(contents[:first_line])
        blocks, position = {}, first_line + 1
        for name, size in header["blocks"]:
            blocks[name] = contents[position: position + size]
            position += size
        return cls(header, blocks)

    @classmethod
    def load(cls, path: str | Path) -> "EvidenceIndex":
        compressed = Path(path).read_bytes()
        key = hashlib.sha256(compressed).hexdigest()
        with _LOADED_LOCK:
            index = _LOADED.get(key)
            if index is None:
                index = _LOADED[key] = cls.from_bytes(gzip.decompress(compressed))
        return index

    def pair(self, pair_id: int) -> list[str]:
        return self._pairs.line(pair_id).decode("utf-8").split("\t", 1)

    def lookup(self, word: str, side: Side = "source", limit: int = EXAMPLES_KEPT) -> WordEvidence:
        """The evidence of one word (any case); `limit` examples at most."""
        if side not in SIDES:
            raise ValueError(f"side must be one of {SIDES}, got {side!r}")
        fields = self._words[side].find(word.lower()) if "\t" not in word and "\n" not in word else None
        if fields is None:
            return WordEvidence(word, side, 0, [])
        ids = [int(i) for i in fields[2].split(",") if i][: max(0, limit)]
        return WordEvidence(word, side, int(fields[1]), [self.pair(i) for i in ids])

    def word_count(self, side: Side) -> int:
        """How many distinct words the side's training sentences have."""
        return len(self._words[side])

    def piece_pairs(self, piece: str, side: Side = "source") -> int:
        """Training pairs whose side holds this subword piece (0 for word-level models)."""
        fields = self._pieces[side].find(piece) if self._pieces[side].data else None
        return int(fields[1]) if fields else 0


_LOADED: "weakref.WeakValueDictionary[str, EvidenceIndex]" = weakref.WeakValueDictionary()
_LOADED_LOCK = threading.Lock()
