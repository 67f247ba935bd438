"""Word-level vocabulary: token <-> id, with the three reserved tokens of the video."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable

PAD, UNK, EOS = "<pad>", "<unk>", "<EOS>"
RESERVED = (PAD, UNK, EOS)
PAD_ID, UNK_ID, EOS_ID = 0, 1, 2


class Vocab:
    """Maps tokens to ids. `<EOS>` ends every sentence and, as in the video, starts decoding."""

    def __init__(self, tokens: Iterable[str]):
        tokens = list(tokens)
        if tuple(tokens[:3]) != RESERVED:
            raise ValueError(f"a vocabulary must start with {RESERVED}, got {tokens[:3]}")
        if len(set(tokens)) != len(tokens):
            raise ValueError("a vocabulary must not list a token twice")
        self.itos = tokens
        self.stoi = {token: i for i, token in enumerate(tokens)}

    @classmethod
    def build(cls, sentences: Iterable[list[str]], min_count: int = 1, max_size: int | None = None) -> "Vocab":
        """Most frequent tokens first; ties broken alphabetically so the build is deterministic."""
        counts = Counter(token for sentence in sentences for token in sentence)
        for token in RESERVED:
            counts.pop(token, None)
        kept = sorted((t for t, c in counts.items() if c >= min_count), key=lambda t: (-counts[t], t))
        if max_size is not None:
            kept = kept[: max(0, max_size - len(RESERVED))]
        return cls([*RESERVED, *kept])

    def __len__(self) -> int:
        return len(self.itos)

    def __contains__(self, token: str) -> bool:
        return token in self.stoi

    def encode(self, tokens: Iterable[str]) -> list[int]:
        return [self.stoi.get(token, UNK_ID) for token in tokens]

    def decode(self, ids: Iterable[int]) -> list[str]:
        return [self.itos[i] for i in ids]

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.itos, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> "Vocab":
        tokens = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise ValueError(f"{path} is not a JSON list of tokens")
        return cls(tokens)
