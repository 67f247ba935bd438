"""A new language pair is one entry in model/inference/languages.py and one command: checked with a
made-up language, a tiny corpus written here, and `python -m model.train --pair en-xx` (what
`make model PAIR=en-xx` runs), down to the app offering the model."""
import gzip

import pytest

from model.inference import languages
from model.inference.languages import Language, corpus_file
from tests.model.conftest import tiny_pairs

TESTISH = Language("xx", "xxx", {"en": "Testish", "fr": "testois"}, moses="fr",
                   examples=("The cat sees the dog.",))


@pytest.fixture
def testish(monkeypatch):
    monkeypatch.setitem(languages.REGISTRY, "xx", TESTISH)  # the one entry a new language needs
    return TESTISH


def test_a_new_pair_trains_from_one_entry_and_the_app_offers_it(testish, tmp_path, monkeypatch):
    from model import load_model
    from model.training.train import main

    corpora = tmp_path / "corpora"
    corpora.mkdir()
    assert corpus_file("xx") == "eng-xxx.tsv.gz"
    with gzip.open(corpora / corpus_file("xx"), "wt", encoding="utf-8") as out:
        for english, french in tiny_pairs():
            out.write(f"{english}\t{french}\n")
    pretrained = tmp_path / "pretrained"
    main(["--pair", "en-xx", "--corpora", str(corpora), "--out", str(pretrained / "en-xx"),
          "--cache-dir", str(tmp_path / "cache"), "--embedding-size", "16", "--hidden-size", "24", "--num-layers", "1",
          "--dropout", "0", "--min-count", "1", "--batch-tokens", "80", "--learning-rate", "0.02", "--max-epochs", "3",
          "--validation-percent", "10", "--no-evaluate"])
    model = load_model(pretrained / "en-xx")
    assert (model.config.name, model.config.language_pair) == ("en-xx", "en-xx")
    assert model.trace("The cat sees the dog.").steps
    assert model.evidence("cat").pairs > 0 and model.evidence("chat", side="target").pairs > 0

    from app import models

    monkeypatch.setenv(models.PRETRAINED_ENV, str(pretrained))
    [choice] = models.installed_choices()
    assert (choice.id, choice.target_language, choice.attention) == ("en-xx", "xx", True)
    assert choice.examples == (models.VIDEO_SENTENCE, "The cat sees the dog.")


def test_an_unknown_pair_is_refused(tmp_path):
    from model.training.train import main

    with pytest.raises(SystemExit):
        main(["--pair", "en-zz", "--corpora", str(tmp_path)])
