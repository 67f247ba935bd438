"""The exact command lines: python -m model.trace and python -m model.translate."""
import json
import subprocess
import sys

from tests.conftest import ROOT, TOY


def run(args, stdin=b""):
    return subprocess.run([sys.executable, "-m", *args], input=stdin, capture_output=True, cwd=ROOT, timeout=120)


def test_trace_cli_prints_the_toy_trace():
    result = run(["model.trace", "--model", str(TOY), "let's go"])
    assert result.returncode == 0, result.stderr
    trace = json.loads(result.stdout)
    assert trace["translation"] == "vamos"
    assert trace["model"]["language_pair"] == "en-es" and trace["model"]["score"] == "dot"
    assert trace["steps"][0]["input_token"] == "<EOS>"


def test_trace_cli_prefix():
    result = run(["model.trace", "--model", str(TOY), "--prefix", "ir", "let's go"])
    assert json.loads(result.stdout)["steps"][0]["output_token"] == "ir"


def test_trace_cli_bad_input_exits_2_with_one_line():
    for args in (["--model", str(TOY), "   "], ["--model", "/nonexistent", "hi"],
                 ["--model", str(TOY), " ".join(["go"] * 60)]):
        result = run(["model.trace", *args])
        assert result.returncode == 2
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in lines[0]


def test_translate_cli_one_line_per_line():
    result = run(["model.translate", "--model", str(TOY)], b"let's go\n\nto go\n\xff\xfe bad bytes\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().split("\n") == ["vamos", "", "ir", result.stdout.decode().split("\n")[3], ""]


def test_translate_cli_beam():
    result = run(["model.translate", "--model", str(TOY), "--beam", "3"], b"to go\n")
    assert result.stdout.decode() == "ir\n"


def test_help_explains_train_and_evaluate():
    for module in ("model.train", "model.evaluate"):
        result = run([module, "--help"])
        assert result.returncode == 0 and b"usage" in result.stdout and len(result.stdout) > 300


def test_allow_unk_flag_writes_the_raw_argmax(tiny_model_folder, tmp_path):
    from .test_trace import unk_loving_copy

    folder = str(unk_loving_copy(tiny_model_folder, tmp_path / "unk"))
    default = run(["model.translate", "--model", folder], b"The cat sees the dog.\n")
    raw = run(["model.translate", "--model", folder, "--allow-unk"], b"The cat sees the dog.\n")
    assert "<unk>" not in default.stdout.decode() and raw.stdout.decode().startswith("<unk>")
    steps = json.loads(run(["model.trace", "--model", folder, "The cat sees the dog."]).stdout)["steps"]
    assert steps[0]["skipped_unk"] and steps[0]["output_token"] != "<unk>"
    raw_steps = json.loads(run(["model.trace", "--model", folder, "--allow-unk", "The cat sees the dog."]).stdout)["steps"]
    assert raw_steps[0]["output_token"] == "<unk>"
