"""The explore page's panels, in teaching order. Each is `render(trace, step_index, heading)` in its own
module; the heading is the panel's title in the page's language, drawn with the panel's first text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import attention_values, decoder, encoder, heatmap, output_layer, picture, similarity, softmax, transformer


@dataclass(frozen=True)
class Panel:
    id: str  # also the `panel` URL value in presentation mode and the container's CSS key
    title_key: str
    render: Callable


PANELS = (
    Panel("picture", "panel.picture", picture.render),
    Panel("encoder", "panel.encoder", encoder.render),
    Panel("decoder", "panel.decoder", decoder.render),
    Panel("similarity", "panel.similarity", similarity.render),
    Panel("softmax", "panel.softmax", softmax.render),
    Panel("attention_values", "panel.attention_values", attention_values.render),
    Panel("output_layer", "panel.output_layer", output_layer.render),
    Panel("heatmap", "panel.heatmap", heatmap.render),
    Panel("transformer", "panel.transformer", transformer.render),
)
PANELS_BY_ID = {panel.id: panel for panel in PANELS}
