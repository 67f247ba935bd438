"""A model folder: the one place that knows its file names, and saves and loads it.

    pretrained/en-fr/
        config.json             the ModelConfig: the architecture (how it was trained: training.json)
        model.safetensors       the weights (float16 or float32; no pickle)
        source_vocab.json       token list, id order (the same list twice for a joint vocabulary)
        target_vocab.json
        sentencepiece.model     subword models only: the SentencePiece model the vocabulary comes from
        training.json           model.train's record        evaluation.json   model.evaluate's
        length_comparison.json  model.evaluate --compare    README.md         the card, model.card
        evidence.txt.gz        in how many training pairs each word was seen, with examples

Saving and loading a folder: model/inference/loading.py. This module needs no torch.
"""
from __future__ import annotations

import json
from pathlib import Path

CONFIG_FILE, WEIGHTS_FILE = "config.json", "model.safetensors"
SOURCE_VOCAB_FILE, TARGET_VOCAB_FILE = "source_vocab.json", "target_vocab.json"
SUBWORD_FILE = "sentencepiece.model"  # only for config.tokenizer == "sentencepiece"
TRAINING_FILE, EVALUATION_FILE, COMPARISON_FILE = "training.json", "evaluation.json", "length_comparison.json"
CARD_FILE = "README.md"
EVIDENCE_FILE = "evidence.txt.gz"  # what it was trained on: model/inference/evidence.py


def read_record(folder: str | Path, name: str) -> dict | None:
    """One of the folder's JSON records (training, evaluation, comparison), or None if it is not there."""
    path = Path(folder) / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def write_record(folder: str | Path, name: str, record: dict) -> Path:
    path = Path(folder) / name
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
