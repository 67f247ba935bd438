"""Models for the reliability suite: the toy model, a small model built here, and real ones if present."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reliability.support import REAL_MODELS, TOY, build_model


@pytest.fixture(scope="session")
def built_model_folder(tmp_path_factory):
    """A French model with a real-word vocabulary and random weights (tests must not need real models)."""
    return build_model(tmp_path_factory.mktemp("models") / "built-en-fr")


def _model_params():
    params = [pytest.param("toy", id="toy"), pytest.param("built", id="built")]
    for folder in REAL_MODELS[:1]:  # one real model is enough for the table; it runs only when present
        params.append(pytest.param(folder, id=folder.name, marks=pytest.mark.skipif(
            not (folder / "config.json").is_file(), reason=f"{folder.name} not trained yet")))
    if os.environ.get("RELIABILITY_MODEL"):  # any other model folder, e.g. one being trained
        folder = Path(os.environ["RELIABILITY_MODEL"])
        params.append(pytest.param(folder, id=folder.name))
    return params


_loaded = {}


@pytest.fixture(scope="session", params=_model_params())
def any_model(request, built_model_folder):
    """Each bad-input test runs once per model: the tiny toy, the built one, and pretrained/en-fr."""
    from model import load_model

    folder = {"toy": TOY, "built": built_model_folder}.get(request.param, request.param)
    if folder not in _loaded:
        _loaded[folder] = load_model(folder)
    return _loaded[folder]
