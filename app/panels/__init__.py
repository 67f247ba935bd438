"""The step viewer's panels, in teaching order. Each is `compose(context, step_index, blocks)` in its own
module: it adds the panel's blocks for that step (app/viewer/blocks.py); the viewer lays them out."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import (
    attention_values,
    decoder,
    encoder,
    evidence,
    heatmap,
    output_layer,
    picture,
    similarity,
    softmax,
    transformer,
)


@dataclass(frozen=True)
class Panel:
    id: str  # also the `panel` URL value in presentation mode
    title_key: str
    compose: Callable
    wide: bool = False  # laid out in one column on a slide (its chart needs the whole width)
    same_every_step: bool = False  # composed once (the encoder's outputs do not change while decoding)


PANELS = (
    Panel("picture", "panel.picture", picture.compose),
    Panel("encoder", "panel.encoder", encoder.compose, same_every_step=True),
    Panel("decoder", "panel.decoder", decoder.compose),
    Panel("similarity", "panel.similarity", similarity.compose),
    Panel("softmax", "panel.softmax", softmax.compose),
    Panel("attention_values", "panel.attention_values", attention_values.compose),
    Panel("output_layer", "panel.output_layer", output_layer.compose),
    Panel("heatmap", "panel.heatmap", heatmap.compose, wide=True),
    Panel("transformer", "panel.transformer", transformer.compose),
    Panel("evidence", "panel.evidence", evidence.compose, same_every_step=True),
)
PANELS_BY_ID = {panel.id: panel for panel in PANELS}
