"""What the model learned from: exact counts and examples from the pairs it was trained on."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from model.inference.evidence import EvidenceIndex, words_of
from model.training.evidence_index import build_index

ROOT = Path(__file__).resolve().parents[3]
PAIRS = [
    ("The cat sleeps.", "Le chat dort."),
    ("The cat eats the fish.", "Le chat mange le poisson."),
    ("A dog sleeps.", "Un chien dort."),
    ("Don't eat the CAT's fish!", "Ne mange pas le poisson du chat !"),
]


def index():
    return EvidenceIndex.from_bytes(build_index(PAIRS, {"source": "en", "target": "fr"}))


def test_counts_pairs_not_occurrences_case_insensitively():
    evidence = index()
    assert evidence.lookup("the").pairs == 3  # "The ... the" counts once per pair
    assert evidence.lookup("CAT").pairs == 2  # "CAT's" is the word "cat's"
    assert evidence.lookup("cat's").pairs == 1 and evidence.lookup("don't").pairs == 1
    assert evidence.lookup("mange", "target").pairs == 2
    assert evidence.pair_count == 4


def test_examples_are_the_shortest_pairs_holding_the_word():
    evidence = index()
    assert evidence.lookup("sleeps").examples == [["A dog sleeps.", "Un chien dort."], ["The cat sleeps.", "Le chat dort."]]
    assert evidence.lookup("the", limit=1).examples == [["The cat sleeps.", "Le chat dort."]]
    assert evidence.lookup("the", limit=0).examples == []


def test_a_word_never_seen_has_no_pairs_and_no_error():
    result = index().lookup("parliament")
    assert (result.pairs, result.examples, result["word"]) == (0, [], "parliament")
    with pytest.raises(ValueError):
        index().lookup("cat", side="both")


def test_words_are_the_word_tokenizer_s():
    assert words_of("Don't eat the pizza.", "en") == ["don't", "eat", "the", "pizza", "."]
    assert words_of("Asseyez-vous.", "fr") == ["asseyez", "-vous", "."]


def test_training_writes_the_index_of_its_own_training_pairs(tiny_model_folder):
    from model import load_model
    from model.training.data import read_pairs, split_pairs
    from model.training.evaluate import training_settings

    model = load_model(tiny_model_folder)
    settings = training_settings(model)
    train_pairs, held_out = split_pairs(read_pairs(settings.data), settings.validation_percent)
    expected = sum("horse" in words_of(english, "en") for english, _ in train_pairs)
    assert model.evidence("horse").pairs == expected > 0
    assert model.evidence("Horse", limit=3).examples[0][0] in {english for english, _ in train_pairs}
    held_out_only = {w for e, _ in held_out for w in words_of(e, "en")} - {w for e, _ in train_pairs for w in words_of(e, "en")}
    assert all(model.evidence(word).pairs == 0 for word in held_out_only)


def test_the_command_prints_one_object_per_word():
    result = subprocess.run([sys.executable, "-m", "model.evidence", "--model", str(ROOT / "pretrained/statquest-toy"),
                             "--limit", "1", "go", "neural"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [{"word": "go", "side": "source", "pairs": 2, "examples": [["to go", "ir"]]},
                     {"word": "neural", "side": "source", "pairs": 0, "examples": []}]
    target = subprocess.run([sys.executable, "-m", "model.evidence", "--model", str(ROOT / "pretrained/statquest-toy"),
                             "--side", "target", "vamos"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert json.loads(target.stdout)["pairs"] == 1


@pytest.mark.parametrize("name", ["en-fr", "en-fr-no-attention", "en-es"])
def test_committed_indexes_fit_the_budget(name):
    path = ROOT / "pretrained" / name / "evidence.txt.gz"
    if not path.is_file():
        pytest.skip(f"{name} has no evidence index")
    assert path.stat().st_size <= 3 * 2**20
    evidence = EvidenceIndex.load(path)
    assert evidence.lookup("parliament").pairs <= 3 and evidence.lookup("neural").pairs == 0
