"""Helpers of the reliability suite: a model built in a temp folder, CLI runs, failure checks."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOY = ROOT / "pretrained" / "statquest-toy"
REAL_MODELS = [ROOT / "pretrained" / name for name in ("en-fr", "en-fr-no-attention", "en-es")]

# Real words, so that a model built from them knows some of the table's words and not others:
# the <unk> marking is then checked on a mix, not only on "everything unknown".
ENGLISH_WORDS = (
    "I am you are we they he she it is was go to let's the a an cat dog sat on mat and looked at cold "
    "warm word see now write today hello love pizza where station don't . , ? ! ' \" ( ) : ; 42 1 2"
).split()
FRENCH_WORDS = (
    "je suis tu es nous allons aller le la les un une chat chien sur et froid chaud mot voir maintenant "
    "écrire aujourd'hui bonjour aime pizza où gare -vous -il qu' l' j' . , ? ! « »"
).split()


def build_model(folder: Path, target_language: str = "fr", hidden_size: int = 16, num_layers: int = 2,
                attention: bool = True, seed: int = 0, extra_source_words: int = 0) -> Path:
    """Save a small random-weight model with a real-word vocabulary; fast enough for every test run."""
    import torch

    from model.inference.config import ModelConfig
    from model.inference.loading import save_model
    from model.inference.seq2seq import Seq2Seq
    from model.inference.vocab import RESERVED, Vocab

    torch.manual_seed(seed)
    filler = [f"filler{i}" for i in range(extra_source_words)]
    source_vocab = Vocab([*RESERVED, *dict.fromkeys(ENGLISH_WORDS), *filler])
    target_vocab = Vocab([*RESERVED, *dict.fromkeys(FRENCH_WORDS)])
    config = ModelConfig(
        name=folder.name, target_language=target_language, attention=attention, score="dot" if attention else None,
        embedding_size=hidden_size, hidden_size=hidden_size, num_layers=num_layers, max_output_tokens=20,
        weights_dtype="float32",
    )
    save_model(Seq2Seq(config, len(source_vocab), len(target_vocab)), source_vocab, target_vocab, folder)
    return folder


def run_cli(module: str, *args: str | bytes, stdin: bytes | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run `python -m model.<module>` as a user would; stdout and stderr come back as bytes."""
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("PYTHONIOENCODING", None)
    return subprocess.run(
        [sys.executable, "-m", f"model.{module}", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True, cwd=ROOT, env=env, timeout=timeout,
    )


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> str:
    """Exit status 2 and exactly one non-empty stderr line naming the problem; returns the line."""
    assert_no_traceback(result)
    stderr = result.stderr.decode("utf-8", "replace")
    lines = stderr.splitlines()
    assert result.returncode == 2, (result.returncode, stderr)
    assert len(lines) == 1 and lines[0].strip(), stderr
    for word in words:
        assert word.lower() in lines[0].lower(), (word, lines[0])
    return lines[0]


def assert_one_clear_message(error: BaseException, *words: str) -> str:
    """An exception message for a person: one non-empty line, naming what is wrong."""
    message = str(error)
    assert message.strip() and "\n" not in message, repr(message)
    assert "Traceback" not in message
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    return message
