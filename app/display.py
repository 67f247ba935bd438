"""Presentation mode: one panel at a time, large type, no sidebar. Read by the panels' charts."""
from __future__ import annotations

import contextvars

import streamlit as st

from .settings_scope import holding

PRESENT_KEY = "present"  # widget key and URL parameter

# Static CSS only (no user text): bigger type for the back of the room, no sidebar.
PRESENTATION_CSS = """
<style>
html { font-size: 20px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.6rem 1.5rem 1rem 1.5rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.1rem; line-height: 1.45; }
</style>
"""


def is_presenting() -> bool:
    """The toggle's value; before the toggle is drawn on a first visit, the URL's."""
    if PRESENT_KEY in st.session_state:
        return bool(st.session_state[PRESENT_KEY])
    return st.query_params.get(PRESENT_KEY, "").lower() in ("true", "1")


PRESENTATION_FONT, PAGE_FONT = 22, 14
_CHART_FONT = contextvars.ContextVar("chart_font", default=None)


def chart_font(size: int):
    """Charts drawn at `size` while inside (the step document is composed for one mode)."""
    return holding(_CHART_FONT, size)


def chart_font_size() -> int:
    override = _CHART_FONT.get()
    if override is not None:
        return override
    return PRESENTATION_FONT if is_presenting() else PAGE_FONT


def apply_presentation_style() -> None:
    if is_presenting():
        st.html(PRESENTATION_CSS)
