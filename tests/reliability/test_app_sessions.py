"""30 app sessions at once on one real Streamlit server must each see exactly what they would see
alone: the app-level counterpart of test_concurrency.py (one shared model, per-session state).

The sessions speak the browser's websocket protocol (bench/harness/streamlit_client.py). AppTest cannot be
used here: each AppTest.run swaps process-global state (streamlit's Runtime singleton and a patch of
config.get_option), so AppTests running in threads break one another.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from tests.reliability.support import ROOT, TOY

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900), pytest.mark.skipif(not (ROOT / "app" / "main.py").is_file(), reason="no app")]

SESSIONS = 30
# 30 different sentences for the toy model: known words, unknown words, different lengths.
WORDS = ["let's", "to", "go", "now", "home", "we"]
SENTENCES = [" ".join(WORDS[(i + j) % len(WORDS)] for j in range(1 + i % 5)) + ("." if i % 2 else "")
             for i in range(SESSIONS)]


def visit(server_url: str, sentence: str, start: threading.Barrier | None = None) -> list[list[str]]:
    """Open the page with the sentence, then a link to its second step; the Markdown and the step
    viewer's data (its document, every step) of every reply."""
    from bench.harness.streamlit_client import StreamlitSession

    pages = []
    for step in ("1", "2"):
        session = StreamlitSession(server_url, timeout=300)
        try:
            if start and step == "1":
                start.wait()
            _, page = session.open(urlencode({"lang": "en", "model": TOY.name, "sentence": sentence, "step": step}))
            pages.append(page.markdown + page.components)
        finally:
            session.close()
    return pages


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from bench.harness.app_server import streamlit_server

    pretrained = tmp_path_factory.mktemp("pretrained")
    (pretrained / TOY.name).symlink_to(TOY)
    with streamlit_server(pretrained) as running:
        running.wait_healthy(timeout=180)
        yield running


def test_thirty_sessions_see_what_each_would_see_alone(server):
    assert len(set(SENTENCES)) == SESSIONS
    alone = [visit(server.url, sentence) for sentence in SENTENCES]
    assert all(any('"step": 1' in text for text in pages[0]) for pages in alone), "every sentence must show its steps"
    assert all(any('"step": 2' in text for text in pages[1]) for pages in alone), "a link to step 2 must open it"
    start = threading.Barrier(SESSIONS)
    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        together = list(pool.map(lambda sentence: visit(server.url, sentence, start), SENTENCES))
    for sentence, expected, got in zip(SENTENCES, alone, together):
        assert got == expected, f"session for {sentence!r} saw another page when 30 ran at once"
