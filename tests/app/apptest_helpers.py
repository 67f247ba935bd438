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
