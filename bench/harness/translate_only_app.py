"""The floor of the class-at-once load: a Streamlit page that only translates (the app's own cached trace of
the sentence, then one line "Translation: ..."), no step viewer. bench/step_viewer.py drives it with the same
30 sessions as the app, so the two figures show what the page's document adds to Streamlit and the model."""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st  # noqa: E402

from app.tracing import compute_trace  # noqa: E402
from bench.harness.app_server import SENTENCE_LABEL  # noqa: E402

sentence = st.text_input(SENTENCE_LABEL, value="Let's go.", key="sentence")
result = compute_trace(os.environ.get("BENCH_MODEL", "en-fr"), sentence)
st.markdown("Translation: " + (" ".join(result.trace.target_tokens) if result.trace else str(result.error)))
