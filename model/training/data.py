"""Reading a parallel TSV corpus and splitting it the same way every time."""
from __future__ import annotations

import gzip
import hashlib
from collections import defaultdict
from pathlib import Path

Pair = tuple[str, str]  # (English, translation)


def read_pairs(path: str | Path) -> list[Pair]:
    """A TSV or TSV.gz with two or more tab-separated columns -> (English, translation) pairs.

    Only the first two columns are used (newer manythings.org files add an attribution column);
    lines with fewer than two non-empty columns are skipped.
    """
    path = Path(path).expanduser()  # a recorded path may start with ~ (model.training.recorded.portable)
    opener = gzip.open if path.suffix == ".gz" else open
    pairs = []
    with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
        for line in lines:
            columns = line.rstrip("\n").split("\t")
            if len(columns) >= 2 and columns[0].strip() and columns[1].strip():
                pairs.append((columns[0].strip(), columns[1].strip()))
    return pairs


def is_validation(english: str, percent: float) -> bool:
    """A stable hash of the English side decides: every translation of a sentence lands on the same
    side of the split, in every run and on every machine."""
    digest = hashlib.sha1(" ".join(english.split()).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 10_000 < percent * 100


def split_pairs(pairs: list[tuple[str, str]], percent: float) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """-> (training pairs, validation pairs)."""
    train, validation = [], []
    for pair in pairs:
        (validation if is_validation(pair[0], percent) else train).append(pair)
    return train, validation


def group_references(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """English sentence -> all its translations in the corpus, in file order."""
    references: dict[str, list[str]] = defaultdict(list)
    for english, translation in pairs:
        references[english].append(translation)
    return dict(references)
