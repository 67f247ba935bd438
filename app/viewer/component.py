"""The step viewer on a Streamlit page: one st.components.v2 component that receives the step document
packed once per sentence and steps through it in the browser.

The chart libraries and the viewer are served from app/static (`server.enableStaticServing`), so the
browser caches them and only this small loader travels with the page. The step and, in presentation
mode, the panel come back once the user pauses (`setStateValue`), so the server's tools, a reload and a
share link follow.
"""
from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

import orjson
import streamlit as st

from . import files

HERE = Path(__file__).resolve().parent
VIEWER_KEY = "step_viewer"  # always keyed: an unkeyed component loses its identity when its data changes

_component = st.components.v2.component(
    "attention_explorer.step_viewer",
    js=(HERE / "component.js").read_text(encoding="utf-8")
    .replace("__LIBRARIES__", json.dumps(files.LIBRARIES)).replace("__VIEWER__", json.dumps(files.VIEWER_JS))
    .replace("__FILES_VERSION__", files.version()),
    css=files.read(files.VIEWER_CSS),
)


def pack(document: dict) -> str:
    """The document as sent: JSON (orjson: several times faster than the standard library's, and every
    sentence a class opens is serialised), gzip (the browser unpacks it natively; level 3: nearly level
    6's size in half its time), base64."""
    raw = orjson.dumps(document)
    return base64.b64encode(gzip.compress(raw, compresslevel=3, mtime=0)).decode("ascii")


def show(document_id: str, packed: str, step: int, panel: str | None):
    """Mount the viewer; returns the component's state: `step` ({"step": n, "sentence": its document's
    sentence key}) and `panel`, where the user paused (None until then)."""
    return _component(
        data=dict(id=document_id, document=packed, step=step, panel=panel),
        key=VIEWER_KEY,
        default=dict(step=None, panel=None),
        on_step_change=lambda: None,
        on_panel_change=lambda: None,
    )
