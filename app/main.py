"""Attention Explorer: `streamlit run app/main.py`.

Sets up the page, the language and presentation mode, then runs the chosen page.
"""
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from app import header  # noqa: E402
from app.display import apply_presentation_style, is_presenting  # noqa: E402
from app.i18n import t  # noqa: E402
from app.server_tuning import disable_nagle  # noqa: E402


@st.cache_resource(show_spinner=False)
def _server_sockets_tuned() -> int:
    """Once per server process, at its first page run (app/server_tuning.py says why)."""
    return disable_nagle()


st.set_page_config(page_title="Attention Explorer", layout="wide", initial_sidebar_state="auto")
_server_sockets_tuned()
header.choose_initial_language()
header.render()
apply_presentation_style()

VIEWS = Path(__file__).resolve().parent / "views"
pages = [
    st.Page(VIEWS / "explore.py", title=t("nav.explore"), url_path="explore", default=True),
    st.Page(VIEWS / "compare.py", title=t("nav.compare"), url_path="compare"),
    st.Page(VIEWS / "train.py", title=t("nav.train"), url_path="train"),
    st.Page(VIEWS / "about.py", title=t("nav.about"), url_path="about"),
]
st.navigation(pages, position="hidden" if is_presenting() else "sidebar").run()
