"""A tiny translator trained on a corpus the tests write themselves (a few seconds on one thread)."""
import gzip
import itertools

import pytest

from model.inference.config import ModelConfig
from model.training.config import TRAINING_FIELDS, TrainingConfig

NOUNS = {"cat": "chat", "dog": "chien", "bird": "oiseau", "horse": "cheval", "fish": "poisson", "wolf": "loup"}
ADJECTIVES = {"big": "grand", "small": "petit", "old": "vieux", "young": "jeune"}
VERBS = {"sleeps": "dort", "eats": "mange", "runs": "court", "sings": "chante"}


def tiny_pairs():
    pairs = []
    for (n, fn), (a, fa), (v, fv) in itertools.product(NOUNS.items(), ADJECTIVES.items(), VERBS.items()):
        pairs.append((f"The {a} {n} {v}.", f"Le {fa} {fn} {fv}."))
    for (n1, f1), (n2, f2) in itertools.permutations(NOUNS.items(), 2):
        pairs.append((f"The {n1} sees the {n2}.", f"Le {f1} voit le {f2}."))
    return pairs


def tiny_config(path, **overrides) -> TrainingConfig:
    """The tiny model's architecture and training settings; overrides may name fields of either."""
    architecture = dict(name="tiny", target_language="fr", embedding_size=16, hidden_size=24, num_layers=1, dropout=0.0)
    settings = dict(data=str(path), min_count=1, batch_tokens=80, learning_rate=0.02, max_epochs=15, patience=3,
                    validation_percent=10.0, seed=7)
    for name, value in overrides.items():
        (settings if name in TRAINING_FIELDS else architecture)[name] = value
    return TrainingConfig(model=ModelConfig(**architecture), **settings)


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "tiny.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for english, french in tiny_pairs():
            out.write(f"{english}\t{french}\tattribution column\n")
    return path


@pytest.fixture(scope="session")
def tiny_model_folder(tiny_corpus, tmp_path_factory):
    from model.training.train import train

    root = tmp_path_factory.mktemp("tiny")
    return train(tiny_config(tiny_corpus), root / "model", root / "cache", "python -m model.train (test)")
