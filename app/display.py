"""Presentation mode: one panel at a time, large type, no sidebar. Read by the panels' charts."""
from __future__ import annotations

import streamlit as st

PRESENT_KEY = "present"  # widget key and URL parameter

# Static CSS only (no user text): bigger type for the back of the room, no sidebar.
PRESENTATION_CSS = """
<style>
html { font-size: 20px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.6rem 1.5rem 1rem 1.5rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.1rem; line-height: 1.45; }
.katex { font-size: 1.35em; }
</style>
"""


def is_presenting() -> bool:
    """The toggle's value; before the toggle is drawn on a first visit, the URL's."""
    if PRESENT_KEY in st.session_state:
        return bool(st.session_state[PRESENT_KEY])
    return st.query_params.get(PRESENT_KEY, "").lower() in ("true", "1")


def chart_font_size() -> int:
    return 22 if is_presenting() else 14


def apply_presentation_style() -> None:
    if is_presenting():
        st.html(PRESENTATION_CSS)
