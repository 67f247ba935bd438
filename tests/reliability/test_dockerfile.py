"""The Dockerfile's promises, checked without a Docker engine (none runs here): base image, pinned
CPU torch, non-root user, health check path, start command, and a build context that holds
everything the image copies."""
from __future__ import annotations

import fnmatch
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs: comments dropped, continuation lines joined."""
    logical, current = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("#") or not line.strip():
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    pairs = []
    for line in logical:
        keyword, _, arguments = line.strip().partition(" ")
        pairs.append((keyword.upper(), " ".join(arguments.split())))
    return pairs


def arguments(keyword: str) -> list[str]:
    return [args for kw, args in instructions() if kw == keyword]


def exec_form(text: str) -> list[str]:
    import json

    return json.loads(text)


def test_base_image_is_python_311_slim():
    assert arguments("FROM") == ["python:3.11-slim"]


def test_runs_as_a_non_root_user():
    users = arguments("USER")
    assert users, "no USER: the app would run as root"
    assert users[-1] not in ("root", "0") and not users[-1].startswith(("root:", "0:"))
    keywords = [kw for kw, _ in instructions()]
    assert keywords.index("USER") < keywords.index("CMD")
    created = " ".join(arguments("RUN"))
    assert re.search(rf"useradd\b.*\b{re.escape(users[-1])}\b", created), "the user must be created"


def test_healthcheck_asks_streamlit_health_endpoint():
    [healthcheck] = arguments("HEALTHCHECK")
    assert "http://localhost:8501/_stcore/health" in healthcheck
    assert "CMD" in healthcheck


def test_command_starts_the_app_on_all_interfaces():
    [command] = arguments("CMD")
    assert exec_form(command) == ["streamlit", "run", "app/main.py", "--server.port", "8501",
                                  "--server.address", "0.0.0.0"]
    assert arguments("EXPOSE") == ["8501"]


def test_every_runtime_requirement_is_pinned():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    requirements = [line for line in lines if line]
    assert requirements
    unpinned = [line for line in requirements if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+]+", line)]
    assert not unpinned, unpinned
    assert any(line.startswith("torch==") for line in requirements)


def test_torch_comes_from_the_cpu_index_at_the_pinned_version():
    runs = " && ".join(arguments("RUN"))
    assert f"--index-url {CPU_INDEX}" in runs
    assert "grep -E '^torch==' requirements.txt" in runs, "the torch pin must be read from requirements.txt"
    assert "pip install -r requirements.txt" in runs
    assert runs.index(CPU_INDEX) < runs.index("pip install -r requirements.txt"), \
        "CPU torch must be installed before the requirements, or PyPI's CUDA build comes first"
    assert "torch.version.cuda is None" in runs


def copied_sources() -> list[tuple[str, str]]:
    """(source, flags) of every COPY."""
    result = []
    for args in arguments("COPY"):
        words = shlex.split(args)
        flags = " ".join(w for w in words if w.startswith("--"))
        paths = [w for w in words if not w.startswith("--")]
        result += [(source, flags) for source in paths[:-1]]
    return result


def ignored(path: str, patterns: list[str]) -> bool:
    """Close enough to Docker's rules for these patterns: last match wins, ! re-includes."""
    verdict = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        parts = Path(path).parts
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(fnmatch.fnmatch(prefix, pattern) or fnmatch.fnmatch(prefix, pattern.replace("**/", ""))
               for prefix in prefixes):
            verdict = not negate
    return verdict


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("source", ["requirements.txt", ".streamlit/config.toml", "model/", "app/", "pretrained/"])
def test_every_copied_path_exists_and_is_in_the_build_context(source):
    assert source in [s for s, _ in copied_sources()]
    assert (ROOT / source).exists(), f"{source} is copied but missing"
    assert not ignored(source.rstrip("/"), dockerignore_patterns()), f".dockerignore hides {source}"
    for needed in ("app/main.py", "model/api.py", "pretrained/statquest-toy/model.safetensors"):
        assert not ignored(needed, dockerignore_patterns())


def test_application_files_are_owned_by_the_runtime_user():
    """model.safetensors is written with mode 0600: without --chown the non-root user cannot read it."""
    user = arguments("USER")[-1]
    for source, flags in copied_sources():
        if source != "requirements.txt":
            assert f"--chown={user}:{user}" in flags, source


@pytest.mark.parametrize("unwanted", [".git", ".venv", "tests", "bench", "data.tsv.gz", ".streamlit/secrets.toml",
                                      "model/__pycache__/api.cpython-311.pyc"])
def test_build_context_leaves_out_what_the_image_does_not_need(unwanted):
    assert ignored(unwanted, dockerignore_patterns())


def test_the_image_reads_streamlit_settings_from_the_config_file_alone():
    """One place for the server's settings: .streamlit/config.toml, copied where `streamlit run` reads it
    (the working directory); no STREAMLIT_* variable in the image to drift from it."""
    import tomllib

    environment = dict(pair.split("=", 1) for args in arguments("ENV") for pair in shlex.split(args))
    assert not [name for name in environment if name.startswith("STREAMLIT_")]
    copies = [shlex.split(args) for args in arguments("COPY")]
    assert any(words[-2:] == [".streamlit/config.toml", ".streamlit/config.toml"] for words in copies)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False and config["server"]["headless"] is True
