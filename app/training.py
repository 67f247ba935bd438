"""The Train page's parts: the settings, the live view of a run, and the table of this session's runs.

The numbers come from model.live_training (the worker process computes them); this module lays
them out. Every setting is a keyed widget bound to the URL, so a share link reopens the same settings.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from model.inference.errors import InputError
from model.inference.scores import SCORE_FUNCTIONS
from model.training.live import (
    HIDDEN_SIZES,
    MAX_EPOCHS,
    MAX_SEED,
    SCORES,
    WATCHED_PHRASE,
    AttentionSnapshot,
    ToyProgress,
    ToySettings,
    TrainingPool,
    train_live,
)

from . import trained_toys
from .charts import attention_heatmap, loss_curve
from .format import md_code, num
from .i18n import CATALOGS, current_language, t

LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.3)
DEFAULTS = ToySettings(epochs=200)
EXPLORE_PAGE = "views/explore.py"
KEYS = dict(score="train_score", hidden_size="train_hidden", learning_rate="train_lr", epochs="train_epochs",
            seed="train_seed")  # widget keys, also the URL parameters


@st.cache_resource(show_spinner=False)
def training_pool() -> TrainingPool:
    """One pool of worker processes per server, shared by every session (model/live_training.py says why)."""
    return TrainingPool()


def settings_form() -> ToySettings:
    """The five choices, defaults the video's (dot score, 2 numbers per word)."""
    with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
        score = st.selectbox(t("train.score"), options=SCORES, index=SCORES.index(DEFAULTS.score), key=KEYS["score"],
                             bind="query-params", width=220)
        hidden = st.selectbox(t("train.hidden"), options=HIDDEN_SIZES, index=HIDDEN_SIZES.index(DEFAULTS.hidden_size),
                              key=KEYS["hidden_size"], bind="query-params", width=180)
        rate = st.select_slider(t("train.learning_rate"), options=LEARNING_RATES, value=DEFAULTS.learning_rate,
                                key=KEYS["learning_rate"], bind="query-params", width=320)
        epochs = st.number_input(t("train.epochs"), min_value=1, max_value=MAX_EPOCHS, value=DEFAULTS.epochs, step=50,
                                 key=KEYS["epochs"], bind="query-params", width=180)
        seed = st.number_input(t("train.seed"), min_value=0, max_value=MAX_SEED, value=DEFAULTS.seed, step=1,
                               key=KEYS["seed"], bind="query-params", width=180)
    st.caption(t(SCORE_FUNCTIONS[score or DEFAULTS.score].explanation_key))
    return ToySettings(score=score or DEFAULTS.score, hidden_size=int(hidden or DEFAULTS.hidden_size),
                       learning_rate=float(rate if rate is not None else DEFAULTS.learning_rate),
                       epochs=int(epochs if epochs is not None else DEFAULTS.epochs),
                       seed=int(seed if seed is not None else DEFAULTS.seed))


def translations_line(translations: dict[str, str]) -> str:
    """Each phrase and what the model writes now (nothing at all, early on: <EOS> first)."""
    return " · ".join(f"{md_code(english)} → {md_code(spanish) if spanish else t('train.nothing')}"
                      for english, spanish in translations.items())


def render_state(epoch: int, epochs: int, losses: list[float], translations: dict[str, str],
                 attention: AttentionSnapshot, first_right: int | None, key: str) -> None:
    """The loss so far and the attention of "let's go" now, side by side."""
    loss_column, attention_column = st.columns([3, 2], gap="large")
    with loss_column:
        st.markdown(t("train.loss_title", epoch=epoch, epochs=epochs, loss=num(losses[-1], 4)))
        st.vega_lite_chart(loss_curve(losses, first_right, epochs, t("train.epoch_axis"), t("train.loss_axis"),
                                      t("train.right_marker", epoch=first_right or 0)),
                           key=f"{key}-loss", width="stretch")
    with attention_column:
        st.markdown(t("train.attention_title", phrase=md_code(WATCHED_PHRASE)))
        st.vega_lite_chart(attention_heatmap(attention.weights, attention.output_labels, attention.input_labels, None),
                           key=f"{key}-attention", width="stretch")
    st.markdown(t("train.translations", translations=translations_line(translations)))
    if first_right is not None:
        st.markdown(t("train.right_at", epoch=first_right))


def train_now(settings: ToySettings) -> None:
    """Run the training in this script run, redrawing after every chunk; the finished run joins the
    session's runs. A problem becomes a message; the page keeps working."""
    bar = st.progress(0.0, text=t("train.waiting"))
    live = st.empty()
    try:
        progress: ToyProgress | None = None
        for progress in train_live(settings, training_pool()):
            bar.progress(progress.epoch / progress.epochs,
                         text=t("train.progress", epoch=progress.epoch, epochs=progress.epochs,
                                loss=num(progress.losses[-1], 4)))
            with live.container():
                render_state(progress.epoch, progress.epochs, progress.losses, progress.translations,
                             progress.attention, progress.first_right_epoch, key=f"train-live-{progress.epoch}")
    except InputError as error:
        key = f"train.refused.{error.reason}"
        st.warning(t(key, **error.values) if key in CATALOGS[current_language()] else str(error))
        return
    except Exception as error:  # noqa: BLE001 - the page must show a message, never a traceback
        st.error(f"{t('train.failed')}\n\n{md_code(f'{type(error).__name__}: {error}')}")
        return
    trained_toys.add(progress.run)
    st.rerun()


def open_in_explore(toy: trained_toys.TrainedToy) -> None:
    st.switch_page(EXPLORE_PAGE, query_params={"model": toy.model_id, "sentence": WATCHED_PHRASE})


def latest_run() -> None:
    """The last run as it ended, and a way to open any run in Explore."""
    toys = trained_toys.trained()
    if not toys:
        st.info(t("train.no_runs"))
        return
    toy = toys[-1]
    run = toy.run
    st.subheader(t("train.latest", number=toy.number))
    render_state(run.settings.epochs, run.settings.epochs, run.losses, run.translations, run.attention,
                 run.first_right_epoch, key="train-latest")
    st.markdown(t("train.finished", seconds=num(run.training_seconds, 1), wall=num(run.wall_seconds, 1)))
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
        numbers = [each.number for each in toys]
        chosen = st.selectbox(t("train.open_which"), options=numbers, index=len(numbers) - 1, key="train_open_which",
                              format_func=lambda number: t("train.run_name", number=number), width=260)
        if st.button(t("train.open"), key="train_open", type="primary", icon=":material/open_in_new:"):
            open_in_explore(next(each for each in toys if each.number == chosen))


def runs_table() -> None:
    """The session's runs side by side: which score function learned the phrases in fewer epochs."""
    toys = trained_toys.trained()
    if not toys:
        return
    st.subheader(t("train.runs_title"))
    rows = [{
        t("train.col.run"): toy.number,
        t("train.col.score"): toy.run.settings.score,
        t("train.col.hidden"): toy.run.settings.hidden_size,
        t("train.col.learning_rate"): toy.run.settings.learning_rate,
        t("train.col.epochs"): toy.run.settings.epochs,
        t("train.col.seed"): toy.run.settings.seed,
        t("train.col.first_right"): toy.run.first_right_epoch if toy.run.first_right_epoch is not None else t("train.never"),
        t("train.col.final_loss"): num(toy.run.final_loss, 4),
        t("train.col.both_right"): t("train.yes") if toy.run.both_right else t("train.no"),
        t("train.col.seconds"): num(toy.run.training_seconds, 1),
    } for toy in toys]
    st.dataframe(pd.DataFrame(rows).astype(str), hide_index=True, key="train_runs_table")
    st.caption(t("train.runs_note", limit=trained_toys.MAX_RUNS))
