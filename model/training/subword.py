"""Training the SentencePiece model a subword translator reads and writes (model/inference/subword.py uses it)."""
from __future__ import annotations

import io
from typing import Iterable

import sentencepiece as spm

from ..inference.tokenize import normalize
from ..inference.vocab import EOS, PAD, UNK


def train_sentencepiece(sentences: Iterable[str], vocab_size: int, seed_sentences: int = 2_000_000) -> bytes:
    """Train a unigram model on the sentences (both languages) -> the model file's bytes.

    Ids 0, 1, 2 are the vocabulary's reserved <pad>, <unk>, <EOS>; digits are single pieces so any
    number is spelt out and can be copied."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=(normalize(s) for s in sentences), model_writer=model, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, split_digits=True, byte_fallback=False,
        pad_id=0, unk_id=1, eos_id=2, bos_id=-1, pad_piece=PAD, unk_piece=UNK, eos_piece=EOS,
        input_sentence_size=seed_sentences, shuffle_input_sentence=True, num_threads=2,
        minloglevel=2,
    )
    return model.getvalue()


def sampled_pieces(processor: spm.SentencePieceProcessor, texts: list[str], alpha: float, seed: int) -> list[list[str]]:
    """Each text split into one of its possible piece sequences, drawn from the unigram model's
    distribution raised to the power `alpha` (subword regularization, Kudo 2018: at 1 the model's own
    distribution, where most sentences keep their likeliest split; smaller values flatten it and split
    words more often and more finely). The same seed gives the same splits, so an epoch resumed
    mid-way sees the batches it started with."""
    spm.set_random_generator_seed(seed)
    return processor.encode([normalize(t) for t in texts], out_type=str, enable_sampling=True, alpha=alpha,
                            nbest_size=-1, num_threads=1)  # one thread: the draws follow the seed
