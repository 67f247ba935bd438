"""Write a model folder's evidence index (model/inference/evidence.py reads it) from the exact pairs
it was trained on. Training writes it; for a folder trained before, this command does:

    python -m model.training.evidence_index pretrained/en-fr [pretrained/en-es ...]

which reads the corpus and validation split the folder's training.json records (the toy: its two
phrases)."""
from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from ..inference.config import ModelConfig
from ..inference.evidence import EVIDENCE_VERSION, EXAMPLES_KEPT, SIDES, sorted_lines, words_of
from ..inference.folder import CONFIG_FILE, EVIDENCE_FILE, SUBWORD_FILE, TRAINING_FILE, read_record
from ..inference.subword import SubwordTokenizer
from .config import TrainingConfig
from .data import Pair, read_pairs, split_pairs
from .toy_settings import TOY_PAIRS


def build_index(pairs: list[Pair], languages: dict[str, str], subword: SubwordTokenizer | None = None) -> bytes:
    """Count, for each side, the pairs holding each word (and piece); keep the shortest pairs as examples
    -> the index file's contents (uncompressed; model/inference/evidence.py reads them).

    Examples are shared between words where possible: among pairs of equal length the ones already
    kept for another word are preferred, which keeps the file small. Tabs and line breaks inside a
    sentence are spaces in the index (its lines are tab-separated)."""
    order = sorted(range(len(pairs)), key=lambda i: (len(pairs[i][0]) + len(pairs[i][1]), i))
    blocks: dict[str, bytes] = {}
    kept: dict[int, int] = {}  # pair index -> its row in the pairs block
    for column, side in enumerate(SIDES):
        counts: dict[str, list] = {}
        side_texts = [pair[column] for pair in pairs]
        side_words = [set(words_of(text, languages[side])) for text in side_texts]
        for index in order:
            for word in side_words[index]:
                entry = counts.setdefault(word, [0, []])
                entry[0] += 1
                if len(entry[1]) < EXAMPLES_KEPT:
                    entry[1].append(kept.setdefault(index, len(kept)))
        blocks[f"words.{side}"] = sorted_lines([[word, str(count), ",".join(map(str, ids))]
                                                for word, (count, ids) in counts.items() if clean(word) == word])
        if subword is not None:
            piece_counts: Counter = Counter()
            for piece_list in subword.tokenize_many(side_texts):
                piece_counts.update(set(piece_list))
            blocks[f"pieces.{side}"] = sorted_lines([[piece, str(n)] for piece, n in piece_counts.items()])
    rows = [""] * len(kept)
    for index, row in kept.items():
        rows[row] = "\t".join(clean(text) for text in pairs[index])
    blocks["pairs"] = "\n".join(rows).encode("utf-8")
    header = {"version": EVIDENCE_VERSION, "languages": languages, "pair_count": len(pairs),
              "blocks": [[name, len(data)] for name, data in blocks.items()]}
    return json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + b"".join(blocks.values())


def clean(text: str) -> str:
    return " ".join(text.split())


def write_evidence(folder: str | Path, pairs: list[Pair]) -> Path:
    """Write `evidence.txt.gz` into a model folder (its config.json and any sentencepiece.model first)."""
    folder = Path(folder)
    config = ModelConfig.load(folder / CONFIG_FILE)
    subword = SubwordTokenizer.load(folder / SUBWORD_FILE) if (folder / SUBWORD_FILE).is_file() else None
    contents = build_index(pairs, {"source": config.source_language, "target": config.target_language}, subword)
    path = folder / EVIDENCE_FILE
    with gzip.GzipFile(path, "wb", mtime=0) as stream:  # mtime 0: the same pairs give the same bytes
        stream.write(contents)
    return path


def training_pairs(folder: str | Path) -> list[Pair]:
    """The pairs a committed folder was trained on: its corpus minus its validation split."""
    folder = Path(folder)
    config = ModelConfig.load(folder / CONFIG_FILE)
    record = read_record(folder, TRAINING_FILE) or {}
    if config.name == "statquest-toy" or "iterations" in record:
        return list(TOY_PAIRS)
    settings = TrainingConfig.from_record(config, record)
    if not settings.data:
        raise SystemExit(f"{folder / TRAINING_FILE} records no corpus (settings.data)")
    train_pairs, _ = split_pairs(read_pairs(settings.data), settings.validation_percent)
    return train_pairs


def main(argv: list[str] | None = None) -> None:
    folders = (argv if argv is not None else sys.argv[1:]) or ["--help"]
    for folder in folders:
        if folder.startswith("-"):
            print("usage: python -m model.training.evidence_index FOLDER [FOLDER ...]  (writes each folder's "
                  f"{EVIDENCE_FILE} from the pairs it was trained on)")
            continue
        path = write_evidence(folder, training_pairs(folder))
        print(f"{path}: {path.stat().st_size / 2**20:.2f} MiB", flush=True)


if __name__ == "__main__":
    main()
