"""Reading an AppTest page: its Markdown, its messages, and skipping when a real model is absent."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

PRETRAINED = Path(__file__).resolve().parents[2] / "pretrained"


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def all_messages(at: AppTest) -> str:
    """Every info, warning, error and caption on the page, joined."""
    parts = [e.value for kind in (at.info, at.warning, at.error, at.caption) for e in kind]
    return "\n".join(str(p) for p in parts)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def requires_model(name: str):
    return pytest.mark.skipif(not (PRETRAINED / name).is_dir(), reason=f"pretrained/{name} is not there yet")


def viewer(at: AppTest) -> dict:
    """What the page gave the step viewer: {id, step, panel, document} with the document unpacked."""
    import base64
    import gzip
    import json

    (element,) = at.get("bidi_component")
    data = json.loads(element.proto.json)
    data["document"] = json.loads(gzip.decompress(base64.b64decode(data["document"])))
    return data


def step_text(document: dict, index: int, panels: tuple[str, ...] | None = None) -> str:
    """The plain text of the step's heading and of every block of its panels (a choice's every option
    included), as a reader sees it: tags gone, entities read."""
    import html
    import re

    blocks = document["blocks"]

    def text(number: int) -> list[str]:
        block = blocks[number]
        kind = block["kind"]
        if kind in ("text", "note", "formula"):
            return [block.get("html") or block.get("mathml")]
        if kind == "heading":
            return [html.escape(block["text"])]
        if kind == "table":
            return [" | ".join(map(html.escape, block["header"]))] + [" | ".join(row) for row in block["rows"]]
        if kind == "products":
            return [" ".join(block["left"] + block["right"] + block["terms"] + [block["total"]])]
        if kind == "select":
            return [html.escape(" ".join(block["options"]))] + [t for option in block["each"] for n in option for t in text(n)]
        if kind == "fold":
            return [html.escape(block["summary"])] + [t for n in block["blocks"] for t in text(n)]
        return []

    parts = [document["steps"][index]["heading"]]
    for panel in document["panels"]:
        if panels is None or panel["id"] in panels:
            parts += [t for number in panel["steps"][index] for t in text(number)]
    return html.unescape(re.sub(r"<[^>]+>", "", "\n".join(parts)))
