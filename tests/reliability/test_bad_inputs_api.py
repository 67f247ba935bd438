"""The bad-input table against the Python API: m.trace and m.translate, on every model at hand."""
from __future__ import annotations

import math

import pytest

from model import InputError, Trace
from model.inference.vocab import RESERVED
from tests.reliability.inputs import API, BAD_INPUTS, BAD_PREFIXES, MODEL_BUGS, REFUSED, TOO_LONG, TRANSLATED
from tests.reliability.support import assert_one_clear_message

# A real model's longest traces (50 input words, 60 steps) are ~30 MB of JSON, checked by a round
# trip: seconds on an idle machine, minutes beside training. A hang is not the risk here.
pytestmark = pytest.mark.timeout(1200)


def rows_for(surface: str, rows=BAD_INPUTS, mark_known_bugs: bool = True):
    """pytest params for the table, with rows that hit a known model/ bug marked xfail(strict)."""
    params = []
    for row in rows:
        bug = row.known_bugs.get(surface) if mark_known_bugs else None
        marks = [pytest.mark.xfail(strict=True, reason=MODEL_BUGS[bug])] if bug else []
        params.append(pytest.param(row, id=row.id, marks=marks))
    return params


def check_trace(trace: Trace, model) -> None:
    """What every trace must satisfy, whatever the input: the app draws it without guarding."""
    assert trace.source_tokens, "a trace needs at least one source token"
    assert trace.steps, "a trace needs at least one decoding step"
    assert not set(trace.source_tokens) & set(RESERVED), "typed text must never become a special token"
    expected_unknown = [i for i, token in enumerate(trace.source_tokens) if token not in model.source_vocab]
    assert trace.unknown_source_tokens == expected_unknown
    assert len(trace.encoder_outputs) == len(trace.source_tokens)
    for step in trace.steps:
        if model.config.attention:
            assert len(step.weights) == len(trace.source_tokens)
            assert all(math.isfinite(w) and 0.0 <= w <= 1.0 for w in step.weights)
            assert abs(sum(step.weights) - 1.0) < 1e-5
        assert step.top_k and all(math.isfinite(c.prob) for c in step.top_k)
    assert isinstance(trace.translation, str) and "\n" not in trace.translation
    text = trace.to_json()
    text.encode("utf-8")  # the app, the CLI and any log must be able to write it
    assert Trace.from_json(text) == trace


def expected(row, model) -> str:
    """The row's expectation for this model: a word the table counts as one token may be many subword
    pieces, and so over a subword model's limit."""
    if row.expect == TRANSLATED and len(model.tokenize(row.text)) > model.config.max_source_tokens:
        return TOO_LONG
    return row.expect


@pytest.mark.parametrize("row", rows_for(API))
def test_trace(row, any_model):
    limit = any_model.config.max_source_tokens
    if expected(row, any_model) == TRANSLATED:
        trace = any_model.trace(row.text)
        check_trace(trace, any_model)
        assert not trace.truncated
        if row.all_unknown and any_model.subword is None:  # pieces: only unseen characters are unknown
            assert trace.unknown_source_tokens == list(range(len(trace.source_tokens)))
    elif row.expect == REFUSED:
        with pytest.raises(InputError) as refusal:
            any_model.trace(row.text)
        assert_one_clear_message(refusal.value, row.mentions)
    else:
        with pytest.raises(InputError) as refusal:
            any_model.trace(row.text, truncate=False)
        assert_one_clear_message(refusal.value, row.mentions, str(limit))


@pytest.mark.parametrize("row", rows_for(API, [r for r in BAD_INPUTS if r.expect == TOO_LONG]))
def test_trace_truncate_cuts_at_the_limit(row, any_model):
    limit = any_model.config.max_source_tokens
    trace = any_model.trace(row.text, truncate=True)
    check_trace(trace, any_model)
    assert trace.truncated
    assert len(trace.source_tokens) == limit
    read = any_model.read(row.text).read  # what the model reads (a capital first: model/inference/reading.py)
    assert trace.original_token_count == len(any_model.tokenize(read)) > limit
    assert trace.source_tokens == any_model.tokenize(read)[:limit]


@pytest.mark.parametrize("row", rows_for(API, [r for r in BAD_INPUTS if r.expect == TRANSLATED], mark_known_bugs=False))
def test_trace_truncate_changes_nothing_under_the_limit(row, any_model):
    if expected(row, any_model) == TOO_LONG:
        pytest.skip("over this model's limit in pieces: test_trace checks it is cut")
    assert any_model.trace(row.text, truncate=True) == any_model.trace(row.text)


@pytest.mark.parametrize("row", rows_for(API, mark_known_bugs=False))  # translations hold no surrogates
def test_translate(row, any_model):
    [translation] = any_model.translate([row.text])
    assert isinstance(translation, str) and "\n" not in translation
    translation.encode("utf-8")
    if row.expect == REFUSED:
        assert translation == ""
    if expected(row, any_model) == TOO_LONG:  # cut at the limit, as the app's truncated trace is
        assert translation == any_model.trace(row.text, truncate=True).translation


def test_translate_the_whole_table_at_once_matches_row_by_row(any_model):
    """Batching pads sentences together; padding must not change any sentence's translation."""
    texts = [row.text for row in BAD_INPUTS]
    assert any_model.translate(texts) == [any_model.translate([text])[0] for text in texts]


def test_length_limit_boundary(any_model):
    limit = any_model.config.max_source_tokens
    at_limit, over_limit = " ".join(["go"] * limit), " ".join(["go"] * (limit + 1))
    assert len(any_model.trace(at_limit).source_tokens) == limit
    with pytest.raises(InputError) as refusal:
        any_model.trace(over_limit)
    assert_one_clear_message(refusal.value, str(limit), str(limit + 1))


def test_non_text_sentence_is_refused(any_model):
    for value in (None, 42, b"go", ["go"]):
        with pytest.raises(InputError) as refusal:
            any_model.trace(value)
        assert_one_clear_message(refusal.value, "text")


@pytest.mark.parametrize("prefix_id, prefix, mentions", BAD_PREFIXES, ids=[p[0] for p in BAD_PREFIXES])
def test_forced_prefix(prefix_id, prefix, mentions, any_model):
    if prefix_id == "unknown-word" and any_model.subword is not None:
        mentions = None  # a subword model writes any word piece by piece: nothing to refuse
    if mentions is None:
        trace = any_model.trace("Let's go.", prefix=prefix)
        check_trace(trace, any_model)
        forced = [step.output_token for step in trace.steps if step.forced]
        assert forced == trace.forced_prefix
    else:
        with pytest.raises(InputError) as refusal:
            any_model.trace("Let's go.", prefix=prefix)
        assert_one_clear_message(refusal.value, mentions)


def test_eos_prefix_gives_an_empty_finished_translation(any_model):
    trace = any_model.trace("Let's go.", prefix=["<EOS>"])
    assert trace.translation == "" and trace.finished and len(trace.steps) == 1
