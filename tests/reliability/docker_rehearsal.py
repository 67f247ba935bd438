"""Rehearse the Docker image without Docker (no engine runs on the development machine).

    python -m tests.reliability.docker_rehearsal --venv /tmp/docker-venv

--venv is a fresh Python 3.11 venv where requirements.txt was installed the way the Dockerfile
does it (docs/deploy.md gives the commands); its interpreter must be one an unprivileged user can
run (e.g. /usr/bin/python3.11, not one under /root). The rehearsal then, reading everything from the
Dockerfile itself:
1. copies what the COPY lines copy, minus what .dockerignore leaves out, into a temporary root;
2. shows that a non-root user cannot read the weights without COPY --chown (they are mode 0600);
3. gives the files to an unprivileged uid (as --chown does) and starts the CMD as that uid, with
   the ENV of the Dockerfile and the venv's Python;
4. runs the HEALTHCHECK command, opens the page in Chromium until the sentence box is usable and a
   trace is shown, and checks the STREAMLIT_* settings took effect (`streamlit config show`).
It must run as root (to switch uid); it stops the server it started, by its process group.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.reliability.test_dockerfile import ROOT, arguments, dockerignore_patterns, ignored

UNPRIVILEGED = 65534  # "nobody": stands in for the image's `explorer` user


def dockerfile_env() -> dict[str, str]:
    env = {}
    for args in arguments("ENV"):
        for pair in shlex.split(args):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def copy_build_context(target: Path) -> None:
    """What the image's COPY lines put in its WORKDIR, minus .dockerignore."""
    patterns = dockerignore_patterns()
    for args in arguments("COPY"):
        words = [w for w in shlex.split(args) if not w.startswith("--")]
        for source in words[:-1]:
            if source == "requirements.txt":
                continue  # installed into the venv, not needed at run time
            origin = ROOT / source
            files = [origin] if origin.is_file() else [p for p in origin.rglob("*") if p.is_file()]
            for path in files:
                relative = path.relative_to(ROOT).as_posix()
                if not ignored(relative, patterns):
                    (target / relative).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target / relative)


def check(label: str, ok: bool, detail: str = "") -> bool:
    print(f"{'PASS' if ok else 'FAIL'}  {label}{': ' + detail if detail else ''}", flush=True)
    return ok


def as_unprivileged() -> dict:
    return {"user": UNPRIVILEGED, "group": UNPRIVILEGED, "extra_groups": []}


def rehearse(venv: Path) -> bool:
    from bench.harness.app_server import chromium, free_port, new_page

    results = []
    python = venv / "bin" / "python"
    work = Path(tempfile.mkdtemp(prefix="docker-rehearsal-"))
    root, home = work / "srv", work / "home"
    root.mkdir(), home.mkdir()
    os.chmod(work, 0o755)
    copy_build_context(root)
    weights = next(root.glob("pretrained/*/model.safetensors"))
    blocked = subprocess.run([str(python), "-c", f"open({str(weights)!r}, 'rb').read(1)"], capture_output=True,
                             **as_unprivileged())
    results.append(check("without --chown a non-root user cannot read the weights",
                         blocked.returncode != 0 and b"PermissionError" in blocked.stderr, weights.name))
    for path in [root, home, *root.rglob("*")]:
        os.chown(path, UNPRIVILEGED, UNPRIVILEGED)

    env = {**dockerfile_env(), "PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    shown = subprocess.run([str(venv / "bin" / "streamlit"), "config", "show"], cwd=root, env=env,
                           capture_output=True, text=True, **as_unprivileged())
    for setting, value in (("headless", "true"), ("gatherUsageStats", "false"), ("toolbarMode", '"viewer"'),
                           ("enableXsrfProtection", "true"), ("maxUploadSize", "1"), ("fileWatcherType", '"none"')):
        results.append(check(f"setting {setting} = {value}", f"{setting} = {value}" in shown.stdout))

    port = free_port()
    command = [a if a != "8501" else str(port) for a in json.loads(arguments("CMD")[-1])]
    command[0] = str(venv / "bin" / command[0])
    server = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True, **as_unprivileged())
    try:
        healthcheck = json.loads(arguments("HEALTHCHECK")[-1].split(" CMD ", 1)[1])
        healthcheck = [str(python) if a == "python" else a.replace(":8501/", f":{port}/") for a in healthcheck]
        deadline, healthy = time.monotonic() + 300, False
        while time.monotonic() < deadline and not healthy and server.poll() is None:
            healthy = subprocess.run(healthcheck, capture_output=True, env=env).returncode == 0
            time.sleep(0.5)
        results.append(check("HEALTHCHECK command exits 0 with the server up (as uid 65534)", healthy))
        with chromium() as browser:
            page = new_page(browser)
            page.goto(f"http://127.0.0.1:{port}/?lang=en&sentence=Let%27s%20go.")
            page.wait_for_selector('input[aria-label="Sentence to translate"]', timeout=300_000)
            page.wait_for_selector('[aria-label="Decoding step"]', timeout=300_000)
            results.append(check("page usable and a trace shown in Chromium", True, page.url))
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        output = server.stdout.read().decode("utf-8", "replace") if server.stdout else ""
        results.append(check("no traceback in the server log", "Traceback" not in output, f"{len(output)} bytes"))
    shutil.rmtree(work, ignore_errors=True)
    return all(results)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability.docker_rehearsal", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--venv", required=True, type=Path, help="venv with requirements.txt installed as the image does")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: the rehearsal switches to an unprivileged uid")
    sys.exit(0 if rehearse(args.venv.resolve()) else 1)


if __name__ == "__main__":
    main()
