"""Shared test set-up: one torch thread (tests run beside training and each other on 2 cores)."""
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(1)

PRETRAINED = ROOT / "pretrained"
TOY = PRETRAINED / "statquest-toy"


@pytest.fixture(scope="session")
def toy_model():
    from model import load_model

    return load_model(TOY)
