"""AppTest helpers: the app runs against a pretrained/ folder the test chooses.

By default that folder holds only the toy model (always present), so results do not change while
the real models appear. Tests for real models use the repo's pretrained/ and skip when a folder is
missing.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "app" / "main.py"
PRETRAINED = ROOT / "pretrained"
TOY = PRETRAINED / "statquest-toy"
TIMEOUT = 90  # a script run takes well under a second; busy CI machines (or training beside) need room


@pytest.fixture(scope="session", autouse=True)
def warm_imports():
    """Import the heavy libraries once, outside any timed script run (AppTest allows TIMEOUT s a run,
    and these tests run niced beside training)."""
    import matplotlib.figure  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    import app.views  # noqa: F401
    from app import charts, export, panels  # noqa: F401
    from model import load_model

    load_model(TOY)


@pytest.fixture
def toy_only(tmp_path, monkeypatch) -> Path:
    """A pretrained/ folder with just the toy model."""
    folder = tmp_path / "pretrained"
    folder.mkdir()
    (folder / "statquest-toy").symlink_to(TOY)
    monkeypatch.setenv("ATTENTION_EXPLORER_PRETRAINED", str(folder))
    return folder


@pytest.fixture
def make_app(toy_only):
    """AppTest of app/main.py with optional URL parameters and browser locale, already run."""

    def make(query: dict | None = None, locale: str | None = "en-US", run: bool = True) -> AppTest:
        at = AppTest.from_file(str(MAIN), default_timeout=TIMEOUT)
        at.query_params.update(query or {})
        if locale:
            at.context["locale"] = locale
        return at.run() if run else at

    return make
