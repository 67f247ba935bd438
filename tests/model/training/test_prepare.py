"""From a corpus to training examples: subword sampling (a new split of the training pairs every epoch)."""
import pytest

from model.training.config import TrainingConfig
from model.training.prepare import prepare

from ..conftest import tiny_config


def subword_config(corpus, **overrides) -> TrainingConfig:
    return tiny_config(corpus, tokenizer="sentencepiece", vocab_size=60, bidirectional=True, tie_embeddings=True,
                       max_train_tokens=200, **overrides)


def texts(data, examples) -> list[tuple[str, str]]:
    """The sentences an example list spells, whatever their split into pieces."""
    def spell(ids):
        return "".join(data.source_vocab.decode(ids)).replace("\u2581", " ").strip()
    return [(spell(source), spell(target)) for source, target in examples]


def test_without_sampling_every_epoch_learns_the_same_examples(tiny_corpus, tmp_path):
    data = prepare(subword_config(tiny_corpus), tmp_path)
    assert data.resplit is None
    assert data.examples_for_epoch(0) is data.train_examples is data.examples_for_epoch(3)


def test_sampling_splits_the_same_sentences_anew_each_epoch_and_repeatably(tiny_corpus, tmp_path):
    plain = prepare(subword_config(tiny_corpus), tmp_path)
    data = prepare(subword_config(tiny_corpus, subword_sampling=0.1), tmp_path)  # the same pieces
    first, again, second = data.examples_for_epoch(0), data.examples_for_epoch(0), data.examples_for_epoch(1)
    assert first == again  # a resumed epoch sees the batches it started with
    assert first != second and first != data.train_examples
    assert texts(data, first) == texts(data, second) == texts(plain, plain.train_examples)  # other pieces, same text
    assert sum(len(s) for s, _ in first) > sum(len(s) for s, _ in plain.train_examples)  # rarer, finer splits
    assert data.train_examples == plain.train_examples  # the likeliest split, as recorded in the stats
    assert data.validation_examples == plain.validation_examples  # validated as evaluated: the likeliest split


def test_sampling_needs_a_subword_vocabulary(tiny_corpus):
    with pytest.raises(ValueError, match="sentencepiece"):
        tiny_config(tiny_corpus, subword_sampling=0.5)
