"""The files the step viewer runs on, served from app/static (`server.enableStaticServing`) and inlined
by the offline export: one list for both."""
from __future__ import annotations

import hashlib
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static"
LIBRARIES = ("vendor/vega/vega.min.js", "vendor/vega-lite/vega-lite.min.js", "vendor/vega-embed/vega-embed.min.js")
VIEWER_JS = "viewer/viewer.js"
VIEWER_CSS = "viewer/viewer.css"


def read(path: str) -> str:
    return (STATIC / path).read_text(encoding="utf-8")


def version() -> str:
    """A digest of the files the page fetches: part of their URLs, so an update reaches every browser."""
    digest = hashlib.sha1()
    for path in (*LIBRARIES, VIEWER_JS):
        digest.update((STATIC / path).read_bytes())
    return digest.hexdigest()[:12]
