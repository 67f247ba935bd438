"""Panel 2: the decoder's output at this step, starting from <EOS> as in the video."""
from __future__ import annotations

from model.inference.trace import Trace

from ..format import vector_preview
from ..i18n import t
from .common import explain, formula, show_vectors, word


def render(trace: Trace, index: int, heading: str) -> None:
    step = trace.steps[index]
    key = "decoder.explain_first" if index == 0 else "decoder.explain_next"
    explain(
        heading,
        t(
            key,
            step=index + 1,
            input=word(step.input_label),
            size=trace.model.hidden_size,
            vector=word(vector_preview(step.decoder_output)),
        ),
        formula(r"d_t = \mathrm{LSTM}_{\text{dec}}\left(y_{t-1},\; d_{t-1}\right)"),
    )
    label = t("decoder.row_label", step=index + 1, input=step.input_label)
    show_vectors([step.decoder_output], [label], t("decoder.header"), chart_key="decoder-strip")
