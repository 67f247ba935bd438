"""The Train page: settings, a run drawn as it trains, the runs table, and the run opened in Explore."""
from __future__ import annotations

import pytest

from app import training
from app.i18n import fr
from model.training.live import WORKERS_ENV
from tests.app.apptest_helpers import all_messages, markdown_text, no_exception


@pytest.fixture
def train_page(make_app, monkeypatch):
    """The Train page, training in the test's own thread (the worker process is tested in tests/model)."""
    monkeypatch.setenv(WORKERS_ENV, "0")
    training.training_pool.clear()

    def open_page(query: dict | None = None, lang: str = "en"):
        at = make_app({"lang": lang, **(query or {})})
        at.switch_page("views/train.py")
        return at.run()

    yield open_page
    training.training_pool.clear()


def train(at, epochs: int = 40, score: str = "dot"):
    at.selectbox(key="train_score").select(score)
    at.number_input(key="train_epochs").set_value(epochs)
    at.button(key="train_start").click()
    return at.run()


def test_the_page_offers_the_settings_and_no_run_yet(train_page):
    at = train_page()
    no_exception(at)
    assert at.selectbox(key="train_score").options == ["dot", "cosine", "general", "additive"]
    assert at.selectbox(key="train_score").value == "dot"
    assert at.selectbox(key="train_hidden").value == 2
    assert at.select_slider(key="train_lr").value == 0.05
    assert at.number_input(key="train_epochs").value == 200
    assert at.number_input(key="train_seed").value == 42
    assert "No run yet" in all_messages(at)
    assert "the dot product of the decoder output" in all_messages(at)


def test_a_run_is_drawn_and_joins_the_runs_table(train_page):
    at = train(train_page(), epochs=40)
    no_exception(at)
    text = markdown_text(at)
    assert "Run 1" in [h.value for h in at.subheader]
    assert "`let's go` → `vamos` · `to go` → `ir`" in text
    assert "after epoch 40 of 40" in text
    assert "Both phrases translated right for the first time after epoch" in text
    table = at.dataframe[0].value
    assert list(table["Run"]) == ["1"] and list(table["Score"]) == ["dot"] and list(table["Both right at the end"]) == ["yes"]
    at = train(at, epochs=30, score="general")
    table = at.dataframe[0].value
    assert list(table["Run"]) == ["1", "2"] and list(table["Score"]) == ["dot", "general"]
    assert at.selectbox(key="train_open_which").options == ["Run 1", "Run 2"]


def test_the_trained_toy_opens_in_explore_with_every_panel(train_page):
    at = train(train_page(), epochs=40)
    at.button(key="train_open").click()
    at = at.run()
    no_exception(at)
    assert at.selectbox(key="model").value == "trained-1"
    assert at.text_input(key="sentence").value == "let's go"
    assert "The toy model you trained, run 1: dot score, 2 numbers per word, 40 epochs" in all_messages(at)
    assert "vamos" in markdown_text(at)


def test_a_link_to_another_tabs_toy_says_so(make_app):
    at = make_app({"model": "trained-3", "sentence": "let's go"})
    no_exception(at)
    assert "trained in another browser tab" in all_messages(at)
    assert at.selectbox(key="model").value == "statquest-toy"


def test_the_page_in_french(train_page):
    at = train(train_page(lang="fr"), epochs=20)
    no_exception(at)
    assert at.selectbox(key="train_score").label == fr.MESSAGES["train.score"]
    assert at.button(key="train_start").label == "Entraîner"
    assert "Traductions actuelles" in markdown_text(at)
    assert "Entraînement 1" in [h.value for h in at.subheader]
    assert "Époques avant les deux justes" in list(at.dataframe[0].value.columns)


def test_a_share_link_reopens_the_settings(train_page):
    at = train_page({"train_score": "additive", "train_hidden": "4", "train_lr": "0.1", "train_epochs": "60",
                     "train_seed": "7"})
    no_exception(at)
    assert at.selectbox(key="train_score").value == "additive"
    assert at.selectbox(key="train_hidden").value == 4
    assert at.select_slider(key="train_lr").value == 0.1
    assert at.number_input(key="train_epochs").value == 60
    assert at.number_input(key="train_seed").value == 7
    assert "Bahdanau" in all_messages(at)
