"""Presentation mode: one panel at a time, large type, no sidebar. Read by the panels' charts."""
from __future__ import annotations

import streamlit as st

PRESENT_KEY = "present"  # widget key and URL parameter

# Static CSS only (no user text): bigger type for the back of the room, no sidebar.
PRESENTATION_CSS = """
<style>
html { font-size: 22px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] { display: none !important; }
.block-container { padding-top: 1rem !important; padding-bottom: 1rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.1rem; line-height: 1.45; }
.katex { font-size: 1.35em; }
</style>
"""


def is_presenting() -> bool:
    return bool(st.session_state.get(PRESENT_KEY, False))


def chart_font_size() -> int:
    return 22 if is_presenting() else 14


def apply_presentation_style() -> None:
    if is_presenting():
        st.html(PRESENTATION_CSS)
