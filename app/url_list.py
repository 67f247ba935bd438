"""A list kept in the URL (a repeated parameter, `?forced=je&forced=suis`), so a share link restores it, and
remembered in the session: Streamlit drops a page's URL parameters on a page switch, and coming back from
another page must show the same list. What-if's forced words and the attention edits are two of these."""
from __future__ import annotations

import streamlit as st


def current(param: str, remembered_key: str) -> tuple[str, ...]:
    """The URL's values, or the ones this session had before it visited another page."""
    values = tuple(st.query_params.get_all(param))
    remembered = st.session_state.get(remembered_key, ())
    if not values and remembered:
        st.query_params[param] = list(remembered)
        return tuple(remembered)
    st.session_state[remembered_key] = values
    return values


def store(param: str, remembered_key: str, values: list[str]) -> None:
    if values:
        st.query_params[param] = list(values)
        st.session_state[remembered_key] = tuple(values)
    else:
        clear(param, remembered_key)


def clear(param: str, remembered_key: str) -> None:
    st.session_state.pop(remembered_key, None)
    if param in st.query_params:
        del st.query_params[param]
