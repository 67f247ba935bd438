"""What-if: make the decoder write another candidate at some step, then let it continue greedily.

The forced words live in the URL (`?forced=je&forced=suis`, repeated in order) so a share link
restores the choice. No widget holds the whole list, so this is the one hand-managed parameter.
They are also remembered in the session: Streamlit drops a page's URL parameters on a page switch,
and coming back from Compare must show the same what-if. A new sentence or model clears both.
"""
from __future__ import annotations

import streamlit as st

from model.inference.trace import Trace
from model.inference.vocab import PAD

from . import url_list
from .format import word_list
from .i18n import t
from .stepper import STEP_KEY

FORCED_PARAM = "forced"
REMEMBERED_FORCED_KEY = "_forced_for_other_pages"


def current_forced() -> tuple[str, ...]:
    """The forced words of the URL, or the ones this session chose before it visited another page."""
    return url_list.current(FORCED_PARAM, REMEMBERED_FORCED_KEY)


def set_forced(words: list[str]) -> None:
    url_list.store(FORCED_PARAM, REMEMBERED_FORCED_KEY, words)


def clear_forced() -> None:
    url_list.clear(FORCED_PARAM, REMEMBERED_FORCED_KEY)


def render_picker(trace: Trace, index: int) -> None:
    """Choose another of this step's candidates; decoding restarts from the choice, same step shown."""
    step = trace.steps[index]
    labels = {c.token: c.label for c in step.top_k}
    labels.setdefault(step.output_token, step.output_label)
    options = [c.token for c in step.top_k if c.token != PAD]
    if step.output_token not in options:
        options.insert(0, step.output_token)
    st.markdown(f"**{t('whatif.title')}**")
    with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):  # one element, not three
        choice = st.selectbox(
            t("whatif.pick", step=index + 1),
            options=options,
            index=options.index(step.output_token),
            key=f"whatif_choice_{index}",
            format_func=lambda token: labels.get(token, token),
            width=320,
        )
        forced = [s.output_token for s in trace.steps[:index]] + [choice]
        if st.button(
            t("whatif.apply"),
            key="whatif_apply",
            disabled=choice == step.output_token,
            type="primary",
            on_click=_apply,
            args=(forced, index + 1),
        ):
            st.rerun()  # the whole page: a new trace (callbacks alone would rerun only the step fragment)
    if trace.forced_prefix:
        st.caption(t("whatif.active", words=word_list([s.output_label for s in trace.steps[:len(trace.forced_prefix)]])))
        if st.button(t("whatif.reset"), key="whatif_reset", on_click=clear_forced):
            st.rerun()


def _apply(forced: list[str], step: int) -> None:
    """Runs before the widgets are drawn again, so it may move the step."""
    set_forced(forced)
    st.session_state[STEP_KEY] = step
