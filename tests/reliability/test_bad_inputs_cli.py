"""The bad-input table against the two command lines, with as few processes as possible.

Each `python -m model.*` call pays ~2 s of torch import, so the whole table goes through one
translate-CLI call (one stdin line per row), and only the rows marked trace_cli=True run the trace CLI.
"""
from __future__ import annotations

import json

import pytest

from model import Trace
from tests.reliability.inputs import BAD_INPUTS, MODEL_BUGS, REFUSED, TOO_LONG, TRACE_CLI, TRANSLATE_CLI
from tests.reliability.support import TOY, assert_no_traceback, assert_one_clear_line, run_cli

pytestmark = pytest.mark.slow

CLEAN_ROWS = [row for row in BAD_INPUTS if TRANSLATE_CLI not in row.known_bugs]


def stdin_lines(data: bytes) -> list[str]:
    """The lines a translate CLI must see in these bytes: split on \\n only, as `wc -l` counts them."""
    text = data.decode("utf-8", "replace")
    assert text.endswith("\n")
    return text[:-1].split("\n")


def run_translate(rows, *args: str) -> tuple[list[str], dict[str, slice]]:
    """One translate-CLI call over the rows; returns the output lines and each row's slice of them."""
    result = run_cli("translate", "--model", str(TOY), *args, stdin=b"".join(row.stdin_bytes for row in rows))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b"", result.stderr
    lines = result.stdout.decode("utf-8").split("\n")
    assert lines[-1] == "", "the output must end with a newline"
    slices, start = {}, 0
    for row in rows:
        slices[row.id] = slice(start, start + row.stdin_lines)
        start += row.stdin_lines
    return lines[:-1], slices


@pytest.fixture(scope="module")
def greedy_run():
    return run_translate(CLEAN_ROWS)


@pytest.fixture(scope="module")
def beam_run():
    return run_translate(CLEAN_ROWS, "--beam", "4")


def test_one_output_line_per_input_line(greedy_run):
    lines, _ = greedy_run
    assert len(lines) == sum(row.stdin_lines for row in CLEAN_ROWS)


@pytest.mark.parametrize("row", CLEAN_ROWS, ids=[row.id for row in CLEAN_ROWS])
def test_translate_cli_row(row, greedy_run, beam_run, toy_model):
    """Every row's lines are exactly what the API gives for the same (decoded) lines."""
    for (lines, slices), beam in ((greedy_run, 1), (beam_run, 4)):
        got = lines[slices[row.id]]
        assert got == toy_model.translate(stdin_lines(row.stdin_bytes), beam=beam)
        if row.expect == REFUSED:
            assert got == [""] * row.stdin_lines


BUG_ROWS = [row for row in BAD_INPUTS if TRANSLATE_CLI in row.known_bugs]

if BUG_ROWS:  # rows that would break the line alignment of the shared run get a run each
    @pytest.mark.parametrize("row", [
        pytest.param(row, id=row.id,
                     marks=pytest.mark.xfail(strict=True, reason=MODEL_BUGS[row.known_bugs[TRANSLATE_CLI]]))
        for row in BUG_ROWS
    ])
    def test_translate_cli_known_bug_row(row):
        result = run_cli("translate", "--model", str(TOY), stdin=row.stdin_bytes)
        assert_no_traceback(result)
        assert result.stdout.decode("utf-8").count("\n") == row.stdin_lines


def test_translate_cli_refuses_a_bad_beam():
    assert_one_clear_line(run_cli("translate", "--model", str(TOY), "--beam", "0", stdin=b"go\n"), "beam")


TRACE_ROWS = [row for row in BAD_INPUTS if row.trace_cli]


@pytest.mark.parametrize("row", [
    pytest.param(row, id=row.id, marks=[pytest.mark.xfail(strict=True, reason=MODEL_BUGS[row.known_bugs[TRACE_CLI]])]
                 if TRACE_CLI in row.known_bugs else [])
    for row in TRACE_ROWS
])
def test_trace_cli_row(row, toy_model):
    argument = row.argv if row.argv is not None else row.text
    result = run_cli("trace", "--model", str(TOY), argument)
    if row.expect == REFUSED:
        assert_one_clear_line(result, row.mentions)
    elif row.expect == TOO_LONG:
        assert_one_clear_line(result, "limit", str(toy_model.config.max_source_tokens))
    else:
        assert_no_traceback(result)
        assert result.returncode == 0 and result.stderr == b"", result.stderr
        trace = Trace.from_dict(json.loads(result.stdout.decode("utf-8")))
        expected = toy_model.trace(row.text)
        assert trace.source_tokens == expected.source_tokens
        assert trace.unknown_source_tokens == expected.unknown_source_tokens
        assert [s.output_token for s in trace.steps] == [s.output_token for s in expected.steps]
        for step, expected_step in zip(trace.steps, expected.steps):
            assert step.weights == pytest.approx(expected_step.weights, abs=1e-6)


def test_trace_cli_refuses_a_prefix_it_cannot_write():
    assert_one_clear_line(run_cli("trace", "--model", str(TOY), "--prefix", "xyzzy", "Let's go."), "xyzzy")
