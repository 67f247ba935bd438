"""A real `streamlit run app/main.py` driven by Debian's Chromium through Playwright.

The server and the browser are started once for the whole browser suite and stopped at the end.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
STARTUP_SECONDS = 300
COLD_START_MS = 900_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("streamlit did not become healthy in time")


@pytest.fixture(scope="session")
def app_url(server_url, browser):
    """The server, after one full page run: the first run imports torch and loads the model, which
    can take minutes while training has the CPU, so the tests themselves start warm."""
    from tests.browser.browser_helpers import new_page, open_app

    page = new_page(browser)
    page.set_default_timeout(COLD_START_MS)
    try:
        open_app(page, f"{server_url}/?model=statquest-toy&sentence=let%27s+go", idle_timeout=COLD_START_MS)
    finally:
        page.context.close()
    return server_url


@pytest.fixture(scope="session")
def server_url():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    port = free_port()
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    env.pop("ATTENTION_EXPLORER_PRETRAINED", None)
    command = [sys.executable, "-m", "streamlit", "run", "app/main.py", "--server.port", str(port), "--server.headless", "true",
               "--server.fileWatcherType", "none"]
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    log = open(SCREENSHOTS.parent / "streamlit-browser-tests.log", "wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    try:
        wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session", autouse=True)
def patient_expectations():
    """The suite runs niced beside model training: give assertions time."""
    from playwright.sync_api import expect

    expect.set_options(timeout=120_000)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    from tests.browser.browser_helpers import new_page

    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
