"""Train: the class trains the video's toy model here and watches it learn.

The choices, a Train button (key T), the loss and the attention of "let's go" redrawn while it
trains, then the session's runs side by side; any run opens in Explore with every panel. In
presentation mode the introduction and the choices fold into an expander, so the run fills the screen.
"""
import streamlit as st

from app import trained_toys, training
from app.display import is_presenting
from app.i18n import t

presenting = is_presenting()
choices = st.expander(t("train.settings"), expanded=not trained_toys.trained(), key="train_settings_expander") \
    if presenting else st.container()
with choices:
    st.markdown(t("train.intro"))
    settings = training.settings_form()
started = st.button(t("train.start"), key="train_start", type="primary", shortcut="T", icon=":material/model_training:")
if started:
    training.train_now(settings)
else:
    training.latest_run()
training.runs_table()
