"""Panel 1: the encoder's output for every input word (the encodings attention looks at)."""
from __future__ import annotations

from model.inference.trace import Trace

from ..format import source_labels, vector_preview
from ..i18n import t
from .common import explain, formula, show_vectors, word


def render(trace: Trace, index: int, heading: str) -> None:
    labels = source_labels(trace)
    first = trace.encoder_outputs[0]
    what_next = t("encoder.use_attention" if trace.model.attention else "encoder.use_no_attention")
    explain(
        heading,
        t(
            "encoder.explain",
            count=len(trace.source_tokens),
            size=trace.model.hidden_size,
            layers=trace.model.num_layers,
            first_word=word(labels[0]),
            first_vector=word(vector_preview(first)),
        )
        + " "
        + what_next,
        formula(r"h_i = \mathrm{LSTM}_{\text{enc}}\left(x_i,\; h_{i-1}\right)"),
    )
    show_vectors(trace.encoder_outputs, labels, t("common.input_word"), chart_key="encoder-strip")
