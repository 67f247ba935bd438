"""Start `streamlit run app/main.py` on a free port and drive it with Playwright in Debian's Chromium.

Used by the benchmarks that need the real app (cold start, the step viewer, replica memory) and by the
reliability tests. The server is this process's own child, started in its own process group and
stopped by its id.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]

APP_MAIN = ROOT / "app" / "main.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]
# Labels of the app's controls (app/i18n/en.py); the benchmarks open the app in English.
SENTENCE_LABEL = "Sentence to translate"
STEP_LABEL = "Decoding step"
NEXT_LABEL = "Next"


def app_missing_reason() -> str:
    """Empty when the app can be benchmarked; else why not."""
    if not APP_MAIN.is_file():
        return "app not found (no app/main.py)"
    if not Path(CHROMIUM).is_file():
        return f"no browser at {CHROMIUM}"
    return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    started: float  # time.perf_counter() just before the process was started
    log: Path

    def page_url(self, **query: str) -> str:
        return f"{self.url}/?{urlencode(query)}" if query else self.url

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def wait_healthy(self, timeout: float = 60) -> float:
        """Seconds from process start until /_stcore/health answers 200."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
            if self.healthy():
                return time.perf_counter() - self.started
            time.sleep(0.02)
        raise TimeoutError(f"streamlit did not answer within {timeout} s: {self.log.read_text()[-2000:]}")


@contextmanager
def streamlit_server(pretrained: Path, threads: int = 1, extra_args: tuple[str, ...] = (), app: Path = APP_MAIN,
                     env: dict[str, str] | None = None) -> Iterator[Server]:
    """`streamlit run app/main.py` (or another page) with the repo's .streamlit/config.toml, models from
    `pretrained`."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="bench-streamlit-", suffix=".log")[1])
    env = {**os.environ, "ATTENTION_EXPLORER_PRETRAINED": str(pretrained), "OMP_NUM_THREADS": str(threads), **(env or {})}
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", *extra_args]
    with log.open("wb") as log_file:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        yield Server(process, f"http://127.0.0.1:{port}", started, log)
    finally:
        stop(process)
        log.unlink(missing_ok=True)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's own process group (it was started in a new session), then SIGKILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def chromium() -> Iterator:
    """A Playwright browser (Debian's Chromium), English locale, a laptop-sized window."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1366, "height": 900})
    return context.new_page()
