"""Train: the class trains the video's toy model here and watches it learn (issue 22, part 3).

The choices, a Train button (key T), the loss and the attention of "let's go" redrawn while it
trains, then the session's runs side by side; any run opens in Explore with every panel.
"""
import streamlit as st

from app import training
from app.i18n import t

st.markdown(t("train.intro"))
settings = training.settings_form()
started = st.button(t("train.start"), key="train_start", type="primary", shortcut="T", icon=":material/model_training:")
if started:
    training.train_now(settings)
else:
    training.latest_run()
training.runs_table()
