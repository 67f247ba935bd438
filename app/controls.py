"""The inputs every page shares: model picker, sentence box and example sentences.

Each is a keyed widget bound to the URL (`model`, `sentence`), so a share link restores them.
A new sentence or model starts again at step 1 without forced words.
"""
from __future__ import annotations

import streamlit as st

from . import models, trained_toys
from .attention_edit import clear_edits
from .format import md_code
from .i18n import t
from .stepper import reset_step
from .whatif import clear_forced

MODEL_KEY = "model"
SENTENCE_KEY = "sentence"
REMEMBERED_SENTENCE_KEY = "_sentence_for_other_pages"
SENTENCE_PAGE_KEY = "_sentence_box_page"


def start_over() -> None:
    clear_forced()
    clear_edits()
    reset_step()


def _use_example(sentence: str) -> None:
    st.session_state[SENTENCE_KEY] = sentence
    start_over()


def model_picker() -> str | None:
    """The chosen model's id (installed, or a toy this session trained), or None when there is none
    (the page says so)."""
    installed = [choice.id for choice in models.installed_choices()]
    options = installed + trained_toys.model_ids()
    requested = st.query_params.get(MODEL_KEY)
    if requested and requested not in options:
        key = "model.trained_missing" if trained_toys.is_trained_id(requested) else "model.requested_missing"
        st.warning(t(key, model=md_code(requested)))
    if not options:
        st.error(t("model.none_installed", folder=md_code(str(models.pretrained_dir()))))
        return None
    # The option labels are the folder names: the URL stores the label, so it must not depend on
    # the language. The translated description is written under the picker.
    chosen = st.selectbox(t("model.label"), options=options, key=MODEL_KEY, bind="query-params", on_change=start_over)
    toy = trained_toys.find(chosen) if trained_toys.is_trained_id(chosen) else None
    if toy:
        settings = toy.run.settings
        st.caption(t("model.trained", number=toy.number, score=settings.score, hidden=settings.hidden_size,
                     epochs=settings.epochs))
    elif chosen:
        st.caption(models.choice(chosen).label())
    missing = models.missing_choices()
    if missing:
        st.caption(t("model.missing", models=", ".join(md_code(model_id) for model_id in missing)))
    return chosen


def sentence_box(page: str) -> str:
    """The sentence box. Explore and Compare each have one; the sentence follows from page to page
    (Streamlit drops another page's bound URL values on a page switch, so it is remembered here and
    given to the box when it first appears on another page)."""
    remembered = st.session_state.get(REMEMBERED_SENTENCE_KEY)
    arriving = st.session_state.get(SENTENCE_PAGE_KEY) != page
    if arriving and remembered and SENTENCE_KEY not in st.query_params:
        st.session_state[SENTENCE_KEY] = remembered
    st.session_state[SENTENCE_PAGE_KEY] = page
    sentence = st.text_input(
        t("input.label"),
        key=SENTENCE_KEY,
        bind="query-params",
        placeholder=t("input.placeholder"),
        on_change=start_over,
    ) or ""
    st.session_state[REMEMBERED_SENTENCE_KEY] = sentence
    return sentence


BEAM_KEY = "beam"  # widget key and URL parameter
BEAM_WIDTHS = ("1", "2", "3", "4", "5", "6", "7", "8")


def decoding_picker() -> int:
    """Greedy decoding (the video's, the default) or beam search of width 2-8. The URL stores the option's
    label, so the labels are the widths themselves (?beam=4), the same in every language."""
    width = st.selectbox(t("beam.label"), options=BEAM_WIDTHS, key=BEAM_KEY, bind="query-params",
                         on_change=start_over, width=320)
    return int(width or 1)


def example_buttons(examples: tuple[str, ...], key_prefix: str) -> None:
    """One click puts an example in the sentence box."""
    st.caption(t("input.examples"))
    with st.container(horizontal=True, gap="small"):
        for number, example in enumerate(examples):
            st.button(example, key=f"{key_prefix}_example_{number}", on_click=_use_example, args=(example,))
