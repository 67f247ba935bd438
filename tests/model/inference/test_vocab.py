import pytest

from model.inference.vocab import EOS_ID, PAD_ID, UNK_ID, Vocab


def test_reserved_tokens_come_first():
    vocab = Vocab.build([["a", "b", "a"], ["c"]])
    assert vocab.itos[:3] == ["<pad>", "<unk>", "<EOS>"]
    assert (PAD_ID, UNK_ID, EOS_ID) == (0, 1, 2)


def test_min_count_and_frequency_order():
    vocab = Vocab.build([["a", "b", "a"], ["c", "a", "b"]], min_count=2)
    assert vocab.itos[3:] == ["a", "b"]
    assert vocab.encode(["a", "c"]) == [3, UNK_ID]


def test_save_and_load(tmp_path):
    vocab = Vocab.build([["é", "ñ", "don't"]])
    vocab.save(tmp_path / "v.json")
    assert Vocab.load(tmp_path / "v.json").itos == vocab.itos


def test_broken_vocabulary_is_refused(tmp_path):
    (tmp_path / "v.json").write_text('["a", "b"]')
    with pytest.raises(ValueError):
        Vocab.load(tmp_path / "v.json")
