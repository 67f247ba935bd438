"""The export buttons. Heavy files (images, offline HTML) are built only when clicked."""
from __future__ import annotations

import streamlit as st

from model.inference.trace import Trace

from . import export
from .display import is_presenting
from .i18n import current_language, t


def render(trace: Trace) -> None:
    stem = export.file_stem(trace)
    language, presenting = current_language(), is_presenting()
    with st.expander(t("export.title"), key="export_expander"):
        with st.container(horizontal=True, gap="small"):
            has_weights = trace.attention_matrix is not None
            st.download_button(
                t("export.png"), data=lambda: export.heatmap_image(trace, "png"), file_name=f"{stem}.png",
                mime="image/png", key="export_png", disabled=not has_weights, on_click="ignore",
            )
            st.download_button(
                t("export.svg"), data=lambda: export.heatmap_image(trace, "svg"), file_name=f"{stem}.svg",
                mime="image/svg+xml", key="export_svg", disabled=not has_weights, on_click="ignore",
            )
            st.download_button(
                t("export.html"), data=lambda: export.viewer_html(trace, language, presenting), file_name=f"{stem}.html",
                mime="text/html", key="export_html", on_click="ignore",
            )
            st.download_button(
                t("export.json"), data=lambda: export.trace_json(trace), file_name=f"{stem}.json",
                mime="application/json", key="export_json", on_click="ignore",
            )
            st.download_button(
                t("export.csv"), data=lambda: export.trace_csv(trace), file_name=f"{stem}.csv",
                mime="text/csv", key="export_csv", on_click="ignore",
            )
        if not has_weights:
            st.caption(t("export.no_weights"))
