"""Training: loss falls, a model folder is written and loads, runs resume, the toy model translates."""
import dataclasses
import json

import pytest

from model import load_model
from model.training.card import write_card
from model.training.data import is_validation, read_pairs, split_pairs
from model.training.train import main as train_main
from model.training.train import make_batches
from tests.model.conftest import tiny_config


def test_read_pairs_accepts_two_or_more_columns(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text("Hi.\tSalut.\nGo.\tVa !\tCC-BY 2.0 (France) Attribution\nbroken line\n\t\n", encoding="utf-8")
    assert read_pairs(path) == [("Hi.", "Salut."), ("Go.", "Va !")]


def test_validation_split_is_stable_and_keeps_sentences_together():
    pairs = [(f"Sentence {i}.", f"Phrase {i} {j}.") for i in range(2000) for j in range(2)]
    train, validation = split_pairs(pairs, 5.0)
    assert 100 < len(validation) < 300
    assert not {e for e, _ in train} & {e for e, _ in validation}
    assert is_validation("Sentence 7.", 5.0) == is_validation("Sentence  7.", 5.0)


def test_batches_respect_the_token_budget():
    examples = [([3] * (i % 9 + 1), [4] * (i % 7 + 1)) for i in range(500)]
    batches = make_batches(examples, 60, seed=1)
    assert sorted(i for b in batches for i in b) == list(range(500))
    for batch in batches:
        longest = max(max(len(examples[i][0]), len(examples[i][1]) + 1) for i in batch)
        assert longest * len(batch) <= 60 or len(batch) == 1


def test_loss_falls_and_the_folder_loads(tiny_model_folder):
    record = json.loads((tiny_model_folder / "training.json").read_text())
    losses = [row["validation_loss"] for row in record["history"]]
    assert losses[-1] < losses[0] / 2
    for name in ("config.json", "model.safetensors", "source_vocab.json", "target_vocab.json",
                 "evaluation.json", "README.md"):
        assert (tiny_model_folder / name).is_file()
    model = load_model(tiny_model_folder)
    assert model.translate(["The big cat sleeps."]) == ["Le grand chat dort."]


def test_model_card_shows_measured_numbers(tiny_model_folder):
    card = (tiny_model_folder / "README.md").read_text()
    evaluation = json.loads((tiny_model_folder / "evaluation.json").read_text())
    assert f"{evaluation['results']['greedy']['bleu']:.2f}" in card
    assert "CC-BY 2.0 FR" in card and "python -m model.train" in card


def test_training_resumes_from_its_checkpoint(tiny_corpus, tmp_path, capsys):
    from model.training.train import train

    config = tiny_config(tiny_corpus, max_epochs=1)
    train(config, tmp_path / "a", tmp_path / "cache", "test", evaluate_after=False)
    config = tiny_config(tiny_corpus, max_epochs=2)
    train(config, tmp_path / "a", tmp_path / "cache", "test", evaluate_after=False)
    assert "Resumed from" in capsys.readouterr().out
    record = json.loads((tmp_path / "a" / "training.json").read_text())
    assert [row["epoch"] for row in record["history"]] == [1, 2]


def test_toy_model_trains_and_translates(tmp_path):
    train_main(["--toy", "--out", str(tmp_path / "toy")])
    model = load_model(tmp_path / "toy")
    assert model.translate(["let's go", "to go"]) == ["vamos", "ir"]
    assert model.source_vocab.itos == ["<pad>", "<unk>", "<EOS>", "let's", "to", "go"]
    assert model.target_vocab.itos == ["<pad>", "<unk>", "<EOS>", "ir", "vamos", "y"]
    assert (model.config.embedding_size, model.config.hidden_size, model.config.num_layers) == (2, 2, 1)


def test_learning_rate_schedule_decays_from_its_start_epoch(tiny_corpus):
    from model.training.train import scheduled_learning_rate

    constant = tiny_config(tiny_corpus)
    assert [scheduled_learning_rate(constant, epoch) for epoch in (1, 9)] == [None, None]
    decayed = tiny_config(tiny_corpus, learning_rate=0.002, lr_decay_start_epoch=9, lr_decay=0.5)
    assert scheduled_learning_rate(decayed, 8) is None
    assert [scheduled_learning_rate(decayed, epoch) for epoch in (9, 10, 11)] == [0.001, 0.0005, 0.00025]


def test_training_further_starts_from_a_model_folder(tiny_corpus, tiny_model_folder, tmp_path):
    """--init-from: a committed model trained on in a later session (its checkpoints are gone)."""
    from model.training.train import train

    before = json.loads((tiny_model_folder / "training.json").read_text())
    train(tiny_config(tiny_corpus, max_epochs=1, min_count=before["settings"]["min_count"]), tmp_path / "b", tmp_path / "cache", "test",
          evaluate_after=False, init_from=tiny_model_folder)
    record = json.loads((tmp_path / "b" / "training.json").read_text())
    assert record["initialised_from"]["folder"] == str(tiny_model_folder)
    assert record["initialised_from"]["epochs"] == before["epochs"]
    # it starts where the folder ended: its first validation loss is near the folder's best, far below a fresh start
    first_validation = record["history"][0]["validation_loss"]
    assert first_validation < before["history"][0]["validation_loss"] / 1.5
    card = write_card(tmp_path / "b").read_text()
    total = before["epochs"] + record["epochs"]
    assert "Trained in two parts" in card and f"{total} epochs" in card and before["commands"][0] in card
    with pytest.raises(SystemExit, match="differs"):  # another min count builds another vocabulary
        train(tiny_config(tiny_corpus, max_epochs=1, min_count=10_000), tmp_path / "c", tmp_path / "cache2",
              "test", evaluate_after=False, init_from=tiny_model_folder)


def test_training_further_keeps_epochs_for_averaging_in_a_new_cache(tiny_corpus, tiny_model_folder, tmp_path):
    """--init-from with --average-last 2 and a checkpoint folder that does not exist yet (`make models`' parts)."""
    from model.training.train import train

    settings = json.loads((tiny_model_folder / "training.json").read_text())["settings"]
    cache = tmp_path / "new" / "cache"
    train(tiny_config(tiny_corpus, max_epochs=2, average_last=2, min_count=settings["min_count"]), tmp_path / "b", cache,
          "test", evaluate_after=False, init_from=tiny_model_folder)
    assert sorted(p.name for p in (cache / "tiny").glob("epoch-*.safetensors")) == \
        ["epoch-1.safetensors", "epoch-2.safetensors"]
    assert "checkpoint_average" in json.loads((tmp_path / "b" / "training.json").read_text())


def test_a_second_run_from_the_same_start_is_averaged_in_when_that_lowers_validation_loss(
        tiny_corpus, tiny_model_folder, tmp_path):
    """--soup-with: two runs from one model folder with another seed each; the second saves the mean of
    both runs' weights if it scores a lower validation loss than its own, else its own."""
    import torch
    from safetensors.torch import load_file

    from model.training.train import train

    min_count = json.loads((tiny_model_folder / "training.json").read_text())["settings"]["min_count"]

    def run(name, seed, **more):
        config = tiny_config(tiny_corpus, max_epochs=1, seed=seed, min_count=min_count, **more)
        return train(config, tmp_path / name, tmp_path / "cache" / name, f"train {name}", evaluate_after=False,
                     init_from=tiny_model_folder)

    first, alone = run("first", 11), run("alone", 22)
    second = run("second", 22, soup_with=str(first))  # the same run as `alone`, then averaged with `first`
    record = json.loads((second / "training.json").read_text())
    soup = record["soup"]
    assert soup["folder"] == str(first) and soup["run"]["commands"] == ["train first"]
    assert soup["own_validation_loss"] == record["best_validation_loss"]
    assert soup["kept"] == (soup["validation_loss"] < soup["own_validation_loss"])
    saved, mine, theirs = (load_file(str(folder / "model.safetensors")) for folder in (second, alone, first))
    for name, tensor in saved.items():
        expected = (mine[name].float() + theirs[name].float()) / 2 if soup["kept"] else mine[name].float()
        assert torch.allclose(tensor.float(), expected, atol=2e-3), name
    card = write_card(second).read_text()
    assert "Averaged with a second run from the same start" in card and "train first" in card
    with pytest.raises(SystemExit, match="same weights"):  # the folder it started from is no such run
        run("third", 33, soup_with=str(tiny_model_folder))

    later = train(tiny_config(tiny_corpus, max_epochs=1, seed=44, min_count=min_count), tmp_path / "later",
                  tmp_path / "cache" / "later", "train later", evaluate_after=False, init_from=second)
    earlier = json.loads((later / "training.json").read_text())["initialised_from"]
    assert earlier["soup"] == soup  # the part it built on keeps how its saved weights were chosen
    card = write_card(later).read_text()
    assert "#### Averaged with a second run from the same start" in card and "train first" in card


def test_training_further_may_grow_the_vocabularies(tiny_corpus, tmp_path):
    """A lower --min-count with --init-from: the old words keep their rows, each new word starts as the
    <unk> it was (same embedding, <unk>'s probability shared among them), so nothing learnt is lost."""
    import math

    import torch

    from model.inference.seq2seq import Seq2Seq
    from model.training.prepare import prepare
    from model.training.train import train, warm_start

    folder = train(tiny_config(tiny_corpus, min_count=25, max_epochs=2), tmp_path / "small", tmp_path / "cache",
                   "test", evaluate_after=False)
    small = load_model(folder)
    config = tiny_config(tiny_corpus, min_count=1)
    data = prepare(config)
    source_vocab, target_vocab = data.source_vocab, data.target_vocab
    assert len(source_vocab) > len(small.source_vocab) and len(target_vocab) > len(small.target_vocab)
    net = Seq2Seq(config.model, len(source_vocab), len(target_vocab))
    record = warm_start(net, folder, source_vocab, target_vocab)
    assert record["grown_vocabularies"] == {"source": [len(small.source_vocab), len(source_vocab)],
                                            "target": [len(small.target_vocab), len(target_vocab)]}
    old = small.net.state_dict()
    new = net.state_dict()
    word = small.target_vocab.itos[3]
    assert torch.equal(new["output_layer.weight"][target_vocab.stoi[word]], old["output_layer.weight"][3])
    added = [i for i, token in enumerate(target_vocab.itos) if token not in small.target_vocab]
    unk_and_added = [1, *added]
    assert torch.equal(new["target_embedding.weight"][added[0]], old["target_embedding.weight"][1])
    shared = torch.logsumexp(new["output_layer.bias"][unk_and_added], 0)
    assert math.isclose(float(shared), float(old["output_layer.bias"][1]), abs_tol=1e-5)
    for token in small.source_vocab.itos:
        assert torch.equal(new["source_embedding.weight"][source_vocab.stoi[token]],
                           old["source_embedding.weight"][small.source_vocab.stoi[token]])

    grown = train(dataclasses.replace(config, max_epochs=1), tmp_path / "grown", tmp_path / "cache-grown", "test",
                  evaluate_after=False, init_from=folder)
    card = write_card(grown).read_text()
    assert "Trained in two parts" in card and "the vocabularies grew" in card
    assert f"target {len(small.target_vocab):,} -> {len(target_vocab):,} words" in card


def test_a_card_lists_every_part_of_a_model_trained_further_twice():
    from model.training.card import _training

    def part(epochs, command, earlier=None):
        return {"commands": [command], "epochs": epochs, "training_seconds": 60.0 * epochs, "best_validation_loss": 1.0,
                "history": [{"epoch": 1, "train_loss": 2.0, "validation_loss": 1.0, "seconds": 60.0,
                             "learning_rate": 0.001}], "initialised_from": earlier}

    training = part(4, "cmd-three") | {"stats": {"corpus_pairs": 10, "train_pairs": 9, "train_pairs_used": 9,
                                             "validation_pairs": 1, "validation_english_sentences": 1},
                                   "target_tokens_per_second": 1.0, "source_and_target_tokens_per_second": 2.0,
                                   "hardware": "x86_64", "torch": "2"}
    training["initialised_from"] = part(2, "cmd-two", part(11, "cmd-one"))
    text = "\n".join(_training(training))
    assert "Trained in three parts" in text and "17 epochs" in text and "17.0 minutes" in text
    assert text.index("### Part 1") < text.index("cmd-one") < text.index("### Part 2") < text.index("cmd-two") \
        < text.index("### Part 3") < text.index("cmd-three")


def test_commands_are_recorded_with_portable_paths(monkeypatch, tmp_path):
    from pathlib import Path

    from model.training.train import portable
    monkeypatch.chdir(tmp_path)
    assert portable(str(tmp_path / "runs" / "en-fr")) == "runs/en-fr"
    assert portable(f"--out={tmp_path}/pretrained/x") == "--out=pretrained/x"
    assert portable(str(Path.home() / ".cache" / "ae")) in ("~/.cache/ae", ".cache/ae")  # home may hold tmp_path
    assert portable("../shared/corpora/eng-fra.tsv.gz") == "../shared/corpora/eng-fra.tsv.gz"
    assert portable("--max-epochs") == "--max-epochs"


def test_a_recorded_command_leaves_the_home_folder_to_the_shell():
    from model.training.recorded import recorded_command

    command = recorded_command("model.train", ["--cache-dir", "~/.cache/ae", "--name", "it's"])
    assert command == "python -m model.train --cache-dir ~/.cache/ae --name 'it'\"'\"'s'"
    assert recorded_command("model.train", ["--out", "~/my runs/x"]) == "python -m model.train --out ~/'my runs/x'"


def test_a_subword_model_trains_on_sampled_splits_and_its_card_says_so(tiny_corpus, tmp_path):
    from model.training.train import train

    config = tiny_config(tiny_corpus, tokenizer="sentencepiece", vocab_size=60, bidirectional=True,
                         tie_embeddings=True, max_epochs=2, subword_sampling=0.2)
    folder = train(config, tmp_path / "model", tmp_path / "cache", "test", evaluate_after=False)
    record = json.loads((folder / "training.json").read_text())
    assert record["settings"]["subword_sampling"] == 0.2
    assert [row["epoch"] for row in record["history"]] == [1, 2]
    write_card(folder)
    assert "Subword regularization (Kudo 2018)" in (folder / "README.md").read_text()
    assert load_model(folder).translate(["The red cat sleeps."])[0]


def test_training_further_may_widen_the_model(tiny_corpus, tiny_model_folder, tmp_path):
    """A larger --hidden-size with --init-from: the wider model starts out translating exactly as the folder's
    (its new units silent), trains on, and its record and card say it was widened."""
    from model.inference.api import TranslationModel
    from model.inference.seq2seq import Seq2Seq
    from model.training.prepare import prepare
    from model.training.train import train, warm_start
    from tests.model.conftest import tiny_pairs

    small = load_model(tiny_model_folder)
    config = tiny_config(tiny_corpus, hidden_size=32)
    data = prepare(config, init_from=tiny_model_folder)
    net = Seq2Seq(config.model, len(data.source_vocab), len(data.target_vocab)).eval()
    record = warm_start(net, tiny_model_folder, data.source_vocab, data.target_vocab, seed=5)
    assert record["widened_hidden_size"] == [24, 32] and record["widening_seed"] == 5
    sentences = [english for english, _ in tiny_pairs()[::40]]
    wide = TranslationModel(net, data.source_vocab, data.target_vocab, subword=small.subword)
    assert wide.translate(sentences) == small.translate(sentences)

    grown = train(dataclasses.replace(config, max_epochs=1), tmp_path / "wide", tmp_path / "cache-wide", "test",
                  evaluate_after=False, init_from=tiny_model_folder)
    assert load_model(grown).net.config.hidden_size == 32
    card = write_card(grown).read_text()
    assert "widened the model: its LSTM states grew from 24 to 32" in card
    with pytest.raises(SystemExit, match="same weights"):  # another seed widens with other new units: no soup
        train(dataclasses.replace(config, max_epochs=1, seed=config.seed + 1, soup_with=str(grown)),
              tmp_path / "wide-2", tmp_path / "cache-wide-2", "test", evaluate_after=False, init_from=tiny_model_folder)

    with pytest.raises(SystemExit, match="embedding_size"):
        net = Seq2Seq(dataclasses.replace(config.model, embedding_size=20), len(data.source_vocab),
                      len(data.target_vocab))
        warm_start(net, tiny_model_folder, data.source_vocab, data.target_vocab)
