"""About: what the app shows, how to drive it in class, and the installed models."""
import pandas as pd
import streamlit as st

from app import models
from app.i18n import t
from app.tracing import check_model

st.markdown(t("about.body"))
st.subheader(t("about.models_title"))
rows = []
for choice in models.installed_choices():
    problem = check_model(choice.id)
    status = t("about.status_broken") if problem else t("about.status_ready")
    info = None if problem else models.load(choice.id).info
    rows.append(
        {
            t("about.model"): choice.label(),
            t("about.status"): status,
            t("about.pair"): info.language_pair if info else "",
            t("about.attention"): (info.score or t("about.none")) if info else "",
            t("about.sizes"): f"{info.embedding_size} / {info.hidden_size} × {info.num_layers}" if info else "",
            t("about.vocab"): f"{info.source_vocab_size} / {info.target_vocab_size}" if info else "",
        }
    )
for model_id in models.missing_choices():
    rows.append({t("about.model"): model_id, t("about.status"): t("about.status_missing"), t("about.pair"): "",
                 t("about.attention"): "", t("about.sizes"): "", t("about.vocab"): ""})
st.table(pd.DataFrame(rows), hide_index=True)
st.caption(t("about.models_note"))
