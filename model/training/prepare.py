"""From a corpus file to training examples: read, split, tokenize, augment, encode; the vocabularies."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..inference.folder import SUBWORD_FILE
from ..inference.subword import SubwordTokenizer
from ..inference.tokenize import tokenize
from ..inference.vocab import Vocab
from .augment import join_examples, swap_names_and_numbers
from .batches import Example
from .config import TrainingConfig
from .data import Pair, read_pairs, split_pairs
from .distill import distilled_pairs, synthetic_pairs, with_teacher_translations
from .subword import sampled_pieces, train_sentencepiece


@dataclass
class PreparedData:
    train_examples: list[Example]  # the training pairs encoded, then the joined and swapped extra examples
    validation_examples: list[Example]
    source_vocab: Vocab
    target_vocab: Vocab  # the same object as source_vocab for a joint subword vocabulary
    stats: dict  # counts for training.json: pairs, pairs used, extra examples
    train_pairs: list[Pair]  # the training split's (English, translation) pairs, as read
    subword: SubwordTokenizer | None = None  # subword models only
    resplit: Callable[[int], list[Example]] | None = None  # subword sampling only: an epoch's examples, split anew

    def examples_for_epoch(self, epoch: int) -> list[Example]:
        """The training examples of epoch `epoch` (0-based): the same every epoch, or split anew."""
        return self.train_examples if self.resplit is None else self.resplit(epoch)


def tokenize_pairs(pairs, source_language: str, target_language: str, max_tokens: int) -> list[tuple[list[str], list[str]]]:
    tokenized = []
    for english, translation in pairs:
        source, target = tokenize(english, source_language), tokenize(translation, target_language)
        if 0 < len(source) <= max_tokens and 0 < len(target) <= max_tokens:
            tokenized.append((source, target))
    return tokenized


def split_stats(pairs, train_pairs, validation_pairs, used: int) -> dict:
    return {"corpus_pairs": len(pairs), "train_pairs": len(train_pairs), "validation_pairs": len(validation_pairs),
            "train_pairs_used": used, "validation_english_sentences": len({e for e, _ in validation_pairs})}


def learned_pairs(config: TrainingConfig, train_pairs: list[Pair], corpus: list[Pair] = ()) -> list[Pair]:
    """The pairs the model learns from: the corpus's, or each English sentence once with a teacher's
    translation when the config names a distilled file; then a synthetic file's pairs, if named, none
    of whose English is in `corpus` (every pair of it, held out or not)."""
    pairs = train_pairs
    if config.distilled:
        pairs = with_teacher_translations(train_pairs, distilled_pairs(config.distilled), config.distilled_min_chrf)
    if config.synthetic:
        pairs = pairs + synthetic_pairs(config.synthetic, (english for english, _ in corpus), config.validation_percent,
                                        config.model.target_language)
    return pairs


def prepare(config: TrainingConfig, cache: Path | None = None, init_from: Path | None = None) -> PreparedData:
    """Read, split, tokenize and encode the corpus; build the vocabularies on the training side."""
    pairs = read_pairs(config.data)
    train_pairs, validation_pairs = split_pairs(pairs, config.validation_percent)
    if config.model.tokenizer == "sentencepiece":
        return prepare_pieces(config, pairs, train_pairs, validation_pairs, cache, init_from)
    languages = (config.model.source_language, config.model.target_language, config.max_train_tokens)
    train_tokens = tokenize_pairs(learned_pairs(config, train_pairs, pairs), *languages)
    validation_tokens = tokenize_pairs(validation_pairs, *languages)
    source_vocab = Vocab.build((s for s, _ in train_tokens), config.min_count)
    target_vocab = Vocab.build((t for _, t in train_tokens), config.min_count)

    def encode(tokenized):
        return [(source_vocab.encode(s), target_vocab.encode(t)) for s, t in tokenized]

    return PreparedData(encode(train_tokens), encode(validation_tokens), source_vocab, target_vocab,
                        split_stats(pairs, train_pairs, validation_pairs, len(train_tokens)), train_pairs)


def prepare_pieces(config: TrainingConfig, pairs, train_pairs, validation_pairs, cache: Path | None,
                   init_from: Path | None) -> PreparedData:
    """The subword recipe: one SentencePiece model for both sides (trained once, then reused from the
    checkpoint folder or --init-from), swapped names and numbers, and joined pairs. With a distilled
    file, each training English sentence is learned once with the teacher's translation; the swapped
    copies and the model's evidence stay the corpus pairs."""
    subword_file = next((folder / SUBWORD_FILE for folder in (init_from, cache)
                         if folder is not None and (folder / SUBWORD_FILE).is_file()), None)
    subword = SubwordTokenizer.load(subword_file) if subword_file is not None else None
    if subword is not None and len(subword.pieces) != config.vocab_size:
        raise SystemExit(f"{subword_file} has {len(subword.pieces)} pieces, not --vocab-size {config.vocab_size}: "
                         "use the same size, or --fresh to start over")
    if subword is None:
        print(f"Training a {config.vocab_size}-piece SentencePiece model ...", flush=True)
        subword = SubwordTokenizer(train_sentencepiece(
            (side for pair in train_pairs for side in pair), config.vocab_size))
        if cache is not None:
            subword.save(cache / SUBWORD_FILE)
    vocab = Vocab(subword.pieces)
    swapped = swap_names_and_numbers(train_pairs, config.copy_percent, config.seed)

    def encode(some_pairs, max_tokens, sampling_seed: int | None = None):
        texts = [e for e, _ in some_pairs] + [t for _, t in some_pairs]
        if sampling_seed is None:
            pieces = subword.tokenize_many(texts)
        else:
            pieces = sampled_pieces(subword.processor, texts, config.subword_sampling, sampling_seed)
        sources, targets = pieces[:len(some_pairs)], pieces[len(some_pairs):]
        return [(vocab.encode(s), vocab.encode(t)) for s, t in zip(sources, targets)
                if 0 < len(s) <= max_tokens and 0 < len(t) <= max_tokens]

    learned = learned_pairs(config, train_pairs, pairs)

    def examples(epoch: int | None = None) -> tuple[list[Example], list[Example], list[Example]]:
        """The learned pairs, their joined examples and the swapped copies; split anew for `epoch`."""
        seeds = (None, None) if epoch is None else (epoch_seed(config.seed, epoch, 0), epoch_seed(config.seed, epoch, 1))
        train_examples = encode(learned, config.max_train_tokens, seeds[0])
        joined = join_examples(train_examples, config.joined_percent, config.max_joined_tokens, config.seed)
        return train_examples, joined, encode(swapped, config.max_train_tokens, seeds[1])

    train_examples, joined, copies = examples()
    stats = split_stats(pairs, train_pairs, validation_pairs, len(train_examples)) | {
        "joined_examples": len(joined), "swapped_name_and_number_examples": len(copies)}
    if config.distilled or config.synthetic:
        stats["learned_pairs"] = len(learned)
    resplit = None
    if config.subword_sampling > 0:
        def resplit(epoch: int) -> list[Example]:
            return [example for part in examples(epoch) for example in part]
    return PreparedData(train_examples + joined + copies, encode(validation_pairs, config.max_train_tokens), vocab,
                        vocab, stats, train_pairs, subword, resplit)


def epoch_seed(seed: int, epoch: int, part: int) -> int:
    """The sampling seed of one part of one epoch's examples: a run and its resumption draw the same splits."""
    return (seed * 100_003 + epoch * 2 + part) % 2**32
