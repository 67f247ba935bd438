"""The bar at the top of every page: title, language and presentation mode.

Both settings are keyed widgets bound to the URL (`lang`, `present`). The first visit without a
`lang` parameter takes the browser's language.
"""
from __future__ import annotations

import streamlit as st

from .display import PRESENT_KEY, is_presenting
from .i18n import CATALOGS, LANGUAGE_KEY, LANGUAGE_NAMES, language_from_locale, t


def choose_initial_language() -> None:
    """Before the selector exists: seed it from the browser locale unless the URL or session decides."""
    if LANGUAGE_KEY not in st.session_state and LANGUAGE_KEY not in st.query_params:
        st.session_state[LANGUAGE_KEY] = language_from_locale(st.context.locale)


def render() -> None:
    """In presentation mode the title goes: the screen is for the lesson."""
    title_col, language_col, present_col = st.columns([5, 2, 3], vertical_alignment="center")
    with language_col:
        # Options are the codes themselves: the URL stores what the control shows (?lang=fr).
        st.segmented_control(
            t("language.label"),  # the same in both catalogs: findable whatever the current language
            options=list(CATALOGS),
            required=True,  # no `default`: the value is seeded in Session State (see above)
            key=LANGUAGE_KEY,
            bind="query-params",
            label_visibility="collapsed" if is_presenting() else "visible",
            help=" · ".join(f"{code}: {name}" for code, name in LANGUAGE_NAMES.items()),
        )
    with present_col:
        st.toggle(t("present.toggle"), key=PRESENT_KEY, bind="query-params", help=t("present.help"))
    if not is_presenting():
        with title_col:
            st.markdown(f"## {t('app.title')}")
