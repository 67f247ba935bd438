"""Loading model folders: round trip, and a clear ModelLoadError for every kind of damage."""
import dataclasses
import json
import shutil

import pytest

from model import ModelLoadError, load_model
from model.inference.loading import save_model
from tests.conftest import TOY


@pytest.fixture
def toy_copy(tmp_path):
    return shutil.copytree(TOY, tmp_path / "toy")


def test_save_load_round_trip(toy_model, tmp_path):
    save_model(toy_model.net, toy_model.source_vocab, toy_model.target_vocab, tmp_path / "again")
    again = load_model(tmp_path / "again")
    assert again.evidence_index is None  # the evidence comes from training (model/training/evidence_index.py)
    assert again.trace("let's go") == dataclasses.replace(toy_model.trace("let's go"), evidence=None)


def test_missing_folder(tmp_path):
    with pytest.raises(ModelLoadError, match="No model folder"):
        load_model(tmp_path / "nowhere")


@pytest.mark.parametrize("name", ["config.json", "model.safetensors", "source_vocab.json", "target_vocab.json"])
def test_missing_file(toy_copy, name):
    (toy_copy / name).unlink()
    with pytest.raises(ModelLoadError, match=name):
        load_model(toy_copy)


def test_truncated_weights(toy_copy):
    data = (toy_copy / "model.safetensors").read_bytes()
    (toy_copy / "model.safetensors").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelLoadError, match="corrupt or truncated"):
        load_model(toy_copy)


def test_garbage_weights(toy_copy):
    (toy_copy / "model.safetensors").write_bytes(b"\x80\x04not safetensors at all")
    with pytest.raises(ModelLoadError, match="corrupt or truncated"):
        load_model(toy_copy)


def test_weights_of_another_model(toy_copy):
    config = json.loads((toy_copy / "config.json").read_text())
    config["hidden_size"] = 3
    (toy_copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match="do not fit"):
        load_model(toy_copy)


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"hidden_size": "big"}', '{"colour": 1}', '{"score": "magic"}'])
def test_broken_config(toy_copy, text):
    (toy_copy / "config.json").write_text(text)
    with pytest.raises(ModelLoadError):
        load_model(toy_copy)


def test_broken_vocabulary(toy_copy):
    (toy_copy / "target_vocab.json").write_text('["x"]')
    with pytest.raises(ModelLoadError, match="vocabulary"):
        load_model(toy_copy)


def test_translate_keeps_line_count_and_empty_lines(toy_model):
    assert toy_model.translate(["let's go", "", "   ", "to go"]) == ["vamos", "", "", "ir"]


@pytest.mark.parametrize(
    "sentence, prefix, reason, values",
    [
        ("", None, "empty", {}),
        ("\x00\x01", None, "empty", {}),
        ("let's go", ["pizza", "vamos"], "unknown_forced_words", {"words": ["pizza"]}),
        ("let's go", ["ir"] * 100, "too_many_forced_words", {"limit": None}),
    ],
)
def test_refusals_name_their_reason(toy_model, sentence, prefix, reason, values):
    """A UI translates the refusal from `reason` and `values`, not from the English message."""
    from model import InputError

    with pytest.raises(InputError) as refused:
        toy_model.trace(sentence, prefix=prefix)
    assert refused.value.reason == reason
    for name, value in values.items():
        assert name in refused.value.values
        if value is not None:
            assert refused.value.values[name] == value


def test_too_long_refusal_carries_its_numbers(toy_model):
    from model import InputError

    limit = toy_model.config.max_source_tokens
    with pytest.raises(InputError) as refused:
        toy_model.trace("go " * (limit + 5), truncate=False)
    assert refused.value.reason == "too_many_tokens"
    assert refused.value.values == {"count": limit + 5, "limit": limit}


def test_a_sentencepiece_model_folder_round_trips_and_traces_readable_pieces(tmp_path):
    import torch

    from model import load_model
    from model.inference.config import ModelConfig
    from model.inference.loading import save_model
    from model.inference.seq2seq import Seq2Seq
    from model.inference.subword import SubwordTokenizer
    from model.inference.vocab import Vocab
    from model.training.subword import train_sentencepiece

    sentences = [f"{n} {v} the {t}." for n in ("Tom", "Mary", "Anna") for v in ("likes", "smelled", "sees")
                 for t in ("pizza", "cake", "dog", "house")] + ["Tom aime la pizza 1290.", "Marie sent le gâteau."]
    subword = SubwordTokenizer(train_sentencepiece(sentences, vocab_size=40))
    vocab = Vocab(subword.pieces)
    config = ModelConfig(embedding_size=8, hidden_size=6, num_layers=1, dropout=0.0, tokenizer="sentencepiece",
                         bidirectional=True, tie_embeddings=True, max_output_tokens=6)
    torch.manual_seed(0)
    save_model(Seq2Seq(config, len(vocab), len(vocab)), vocab, vocab, tmp_path, subword)
    model = load_model(tmp_path)
    trace = model.trace("Tom smelled 1290 cakes.")
    assert trace.source_tokens == subword.tokenize("Tom smelled 1290 cakes.")
    assert not trace.unknown_source_tokens
    assert "".join(trace.source_tokens).replace("\u2581", " ").strip() == "Tom smelled 1290 cakes."
    assert trace.model.tokenizer == "sentencepiece"
    assert all(not label.startswith("\u2581") or label == "\u2581" for label in trace.source_labels)
    assert [s.output_label for s in trace.steps[:-1]] == [c for c in trace.target_labels][: len(trace.steps) - 1]
    assert model.translate(["Tom smelled 1290 cakes."]) == [trace.translation]
