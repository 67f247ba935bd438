"""Damaged model folders: load_model raises ModelLoadError with a clear message, the CLIs exit 2
with one line, and models already loaded keep working."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from model import InputError, ModelLoadError, load_model
from tests.reliability.support import TOY, assert_one_clear_line, assert_one_clear_message, build_model, run_cli


@dataclass(frozen=True)
class Damage:
    id: str
    damage: Callable[[Path], Path]  # takes a copy of a good folder, breaks it, returns the folder to load
    mentions: str  # a word the ModelLoadError message must contain
    known_bug: str = ""  # a model/ bug that makes it fail today: the test is xfail(strict) until fixed
    cli: bool = False  # also run through the translate CLI (each call ~2 s)


def edit_json(name: str, change: Callable):
    def damage(folder: Path) -> Path:
        path = folder / name
        path.write_text(json.dumps(change(json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")
        return folder
    return damage


def write(name: str, data: bytes):
    def damage(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder
    return damage


def remove(name: str):
    def damage(folder: Path) -> Path:
        (folder / name).unlink()
        return folder
    return damage


def truncate_weights(folder: Path) -> Path:
    path = folder / "model.safetensors"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return folder


def weights_of_another_model(folder: Path) -> Path:
    shutil.copy(TOY / "model.safetensors", folder / "model.safetensors")
    return folder


def nan_weights(folder: Path) -> Path:
    from safetensors.torch import load_file, save_file

    tensors = load_file(str(folder / "model.safetensors"))
    first = sorted(tensors)[0]
    tensors[first][0] = float("nan")
    save_file(tensors, str(folder / "model.safetensors"))
    return folder


def config(**changes):
    return edit_json("config.json", lambda data: {**data, **changes})


DAMAGES = [
    Damage("missing-folder", lambda folder: folder / "no-such-model", "no model folder", cli=True),
    Damage("a-file-not-a-folder", lambda folder: folder / "config.json", "no model folder"),
    Damage("empty-folder", lambda folder: (shutil.rmtree(folder), folder.mkdir(), folder)[2], "config.json"),
    Damage("no-weights", remove("model.safetensors"), "model.safetensors"),
    Damage("no-source-vocabulary", remove("source_vocab.json"), "source_vocab.json"),
    Damage("no-target-vocabulary", remove("target_vocab.json"), "target_vocab.json"),
    Damage("empty-weights", write("model.safetensors", b""), "corrupt"),
    Damage("truncated-weights", truncate_weights, "truncated", cli=True),
    Damage("garbage-weights", write("model.safetensors", bytes(range(256)) * 64), "corrupt"),
    Damage("weights-of-another-model", weights_of_another_model, "do not fit", cli=True),
    Damage("nan-weights", nan_weights, "NaN"),
    Damage("config-not-json", write("config.json", b"{name: en-fr"), "config.json", cli=True),
    Damage("config-empty", write("config.json", b""), "config.json"),
    Damage("config-a-list", write("config.json", b"[1, 2]"), "config.json"),
    Damage("config-not-utf8", write("config.json", b'{"name": "\xff\xfe"}'), "config.json"),
    Damage("config-unknown-key", config(colour="blue"), "colour"),
    Damage("config-unknown-score", config(score="telepathy"), "score"),
    Damage("config-size-not-a-number", config(hidden_size="big"), "hidden_size", cli=True),
    Damage("config-size-zero", config(hidden_size=0), "hidden_size"),
    Damage("config-limit-a-string", config(max_source_tokens="5"), "max_source_tokens"),
    Damage("config-unsupported-language", config(source_language="de"), "language", cli=True),
    Damage("vocabulary-not-json", write("source_vocab.json", b"<pad> <unk> <EOS>"), "vocabulary", cli=True),
    Damage("vocabulary-not-a-list", write("target_vocab.json", b'{"<pad>": 0}'), "vocabulary"),
    Damage("vocabulary-without-reserved-tokens", write("target_vocab.json", b'["a", "b", "c"]'), "vocabulary"),
    Damage("vocabulary-with-duplicates", edit_json("source_vocab.json", lambda v: v + [v[-1]]), "vocabulary"),
    Damage("vocabulary-one-word-longer", edit_json("source_vocab.json", lambda v: v + ["zzzextra"]), "do not fit"),
    Damage("vocabulary-not-utf8", write("source_vocab.json", b'["<pad>", "<unk>", "<EOS>", "\xff"]'), "vocabulary"),
]


def params(damages):
    return [pytest.param(d, id=d.id, marks=[pytest.mark.xfail(strict=True, reason=d.known_bug)] if d.known_bug else [])
            for d in damages]


@pytest.fixture
def damaged(request, tmp_path) -> Path:
    """A fresh small model, broken the way the test's Damage says."""
    good = build_model(tmp_path / "model")
    return request.param.damage(good)


@pytest.fixture(scope="module")
def witness():
    """A model loaded before any damage, with its trace: loading broken folders must not affect it."""
    model = load_model(TOY)
    return model, model.trace("Let's go.")


@pytest.mark.parametrize("damaged", params(DAMAGES), indirect=True)
def test_load_model_says_what_is_wrong(request, damaged, witness):
    damage = request.node.callspec.params["damaged"]
    with pytest.raises(ModelLoadError) as failure:
        model = load_model(damaged)
        model.translate(["go"])  # a model that loads must also work: a config error may only show here
        model.trace("go")
    assert_one_clear_message(failure.value, damage.mentions)
    model, trace = witness
    assert model.trace("Let's go.") == trace


@pytest.mark.slow
@pytest.mark.parametrize("damaged", params([d for d in DAMAGES if d.cli]), indirect=True)
def test_translate_cli_exits_2_with_one_line(request, damaged):
    damage = request.node.callspec.params["damaged"]
    assert_one_clear_line(run_cli("translate", "--model", str(damaged), stdin=b"go\n"), damage.mentions)


@pytest.mark.slow
@pytest.mark.parametrize("damaged", params([d for d in DAMAGES if d.id in ("missing-folder", "truncated-weights")]),
                         indirect=True)
def test_trace_cli_exits_2_with_one_line(request, damaged):
    damage = request.node.callspec.params["damaged"]
    assert_one_clear_line(run_cli("trace", "--model", str(damaged), "go"), damage.mentions)


def test_several_models_loaded_side_by_side_stay_independent(tmp_path):
    """The app keeps every model loaded at once; one must not change another's numbers."""
    french = load_model(build_model(tmp_path / "fr", seed=1))
    spanish = load_model(build_model(tmp_path / "es", target_language="es", seed=2))
    toy = load_model(TOY)
    before = [m.trace("I am cold.") for m in (french, spanish, toy)]
    with pytest.raises(ModelLoadError):
        load_model(tmp_path / "missing")
    with pytest.raises(InputError):
        french.trace("")
    assert [m.trace("I am cold.") for m in (toy, spanish, french)] == before[::-1]
