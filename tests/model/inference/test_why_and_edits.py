"""The model's contracts on the toy (numbers small enough to check by hand): the logit parts
add up, hand-set attention drives context and output, bad edits are refused with a reason."""
import json
import subprocess
import sys

import pytest

from model.inference.errors import InputError
from tests.conftest import ROOT, TOY


def test_the_toy_first_step_has_these_exact_numbers(toy_model):
    step = toy_model.trace("let's go").steps[0]
    assert step.decoder_output == pytest.approx([0.9742332, -0.0000716], abs=1e-6)
    assert step.scores == pytest.approx([0.7406619, 0.9355677], abs=1e-6)  # d . h_let's, d . h_go
    assert step.weights == pytest.approx([0.4514272, 0.5485728], abs=1e-6)
    assert step.context == pytest.approx([0.8699350, -0.8712217], abs=1e-6)
    assert [c.token for c in step.top_k[:2]] == ["vamos", "ir"]


def test_every_candidates_parts_add_up_to_its_logit(toy_model):
    for sentence in ("let's go", "to go"):
        for step in toy_model.trace(sentence).steps:
            for candidate in step.top_k:
                parts = candidate.parts
                assert len(parts.inputs) == 2
                total = parts.decoder + sum(parts.inputs) + parts.bias
                assert total == pytest.approx(candidate.logit, rel=1e-4, abs=1e-6)


def test_an_input_part_is_its_weight_times_its_push(toy_model):
    plain = toy_model.trace("let's go").steps[0].top_k[0].parts
    half = toy_model.trace("let's go", attention_edits={0: [1, 1]}).steps[0].top_k[0].parts
    only_go = toy_model.trace("let's go", attention_edits={0: [0, 1]}).steps[0].top_k[0].parts
    assert only_go.inputs[0] == 0.0
    assert half.inputs[1] == pytest.approx(only_go.inputs[1] / 2, rel=1e-5)
    assert plain.decoder == pytest.approx(only_go.decoder) and plain.bias == only_go.bias


def test_an_edited_step_keeps_its_scores_and_follows_the_weights(toy_model):
    plain = toy_model.trace("let's go")
    edited = toy_model.trace("let's go", attention_edits={0: [3, 1]})
    step, original = edited.steps[0], plain.steps[0]
    assert step.attention_edited and not original.attention_edited
    assert step.scores == original.scores and step.cosine == original.cosine
    assert step.weights == pytest.approx([0.75, 0.25])
    h = plain.encoder_outputs
    assert step.context == pytest.approx([0.75 * h[0][k] + 0.25 * h[1][k] for k in range(2)], abs=1e-6)
    assert not edited.steps[1].attention_edited


@pytest.mark.parametrize("edits, reason", [
    ({0: [1]}, "wrong_attention_count"),
    ({0: [0, 0]}, "bad_attention_weights"),
    ({0: [-1, 2]}, "bad_attention_weights"),
    ({0: [float("nan"), 1]}, "bad_attention_weights"),
    ({0: ["a", 1]}, "bad_attention_weights"),
    ({-1: [1, 1]}, "bad_attention_step"),
    ({"0": [1, 1]}, "bad_attention_step"),
    ({5: [1, 1]}, "bad_attention_step"),  # the toy writes 2 steps
])
def test_bad_edits_are_refused_with_a_reason(toy_model, edits, reason):
    with pytest.raises(InputError) as refused:
        toy_model.trace("let's go", attention_edits=edits)
    assert refused.value.reason == reason


def test_the_cli_numbers_steps_from_one():
    result = subprocess.run([sys.executable, "-m", "model.trace", "--model", str(TOY), "--edit-attention", "2=1,0",
                             "let's go"], capture_output=True, text=True, cwd=ROOT, check=True)
    steps = json.loads(result.stdout)["steps"]
    assert [s["attention_edited"] for s in steps] == [False, True]
    assert steps[1]["weights"] == [1.0, 0.0]
    assert set(steps[1]["top_k"][0]["parts"]) == {"decoder", "inputs", "bias"}


# -- beam search, traced ---------------------------------------------------------------------------
def test_beam_one_is_greedy(toy_model):
    assert toy_model.trace("let's go", beam=1).to_json() == toy_model.trace("let's go").to_json()


def test_a_traced_beam_is_the_translated_one_with_the_model_own_numbers(toy_model):
    for sentence in ("let's go", "to go", "go"):
        traced = toy_model.trace(sentence, beam=3)
        assert traced.translation == toy_model.translate([sentence], beam=3)[0]
        assert traced.beam_width == 3 and all(step.beam for step in traced.steps)
        forced = toy_model.trace(sentence, prefix=[s.output_token for s in traced.steps])
        assert [s.weights for s in traced.steps] == [s.weights for s in forced.steps]
        assert not any(step.forced for step in traced.steps)


def test_each_step_lists_what_the_beam_weighed(toy_model):
    step = toy_model.trace("let's go", beam=2).steps[0]
    assert {h.status for h in step.beam} <= {"kept", "finished", "dropped"}
    assert sum(h.status == "kept" for h in step.beam) <= 2
    assert [h.log_prob for h in step.beam] == sorted((h.log_prob for h in step.beam), reverse=True)
    assert any(h.tokens == [step.output_token] for h in step.beam)


@pytest.mark.parametrize("beam, reason", [(0, "bad_beam"), (65, "bad_beam"), (2.5, "bad_beam")])
def test_a_bad_beam_width_is_refused(toy_model, beam, reason):
    with pytest.raises(InputError) as refused:
        toy_model.trace("let's go", beam=beam)
    assert refused.value.reason == reason


def test_beam_is_not_traced_with_edits(toy_model):
    with pytest.raises(InputError) as refused:
        toy_model.trace("let's go", beam=2, attention_edits={0: [1, 1]})
    assert refused.value.reason == "beam_with_edits"


def test_the_cli_traces_a_beam():
    result = subprocess.run([sys.executable, "-m", "model.trace", "--model", str(TOY), "--beam", "2", "let's go"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    trace = json.loads(result.stdout)
    assert trace["beam_width"] == 2 and trace["steps"][0]["beam"][0]["status"] in ("kept", "finished")


def test_scaled_weights_are_the_softmax_of_the_scores_over_root_d(toy_model):
    import math
    trace = toy_model.trace("let's go")
    assert trace.model.score_scale == pytest.approx(math.sqrt(2))
    for step in trace.steps:
        exps = [math.exp(s / math.sqrt(2)) for s in step.scores]
        assert step.scaled_weights == pytest.approx([e / sum(exps) for e in exps], rel=1e-5)
        assert max(step.scaled_weights) <= max(step.weights)  # flatter


@pytest.mark.parametrize("weights", [[1e39, 1.0], [1e-46, 1e-46], [1e308, 1e308]])
def test_extreme_edits_are_normalised_or_refused_never_nan(toy_model, weights):
    import math
    try:
        step = toy_model.trace("let's go", attention_edits={0: weights}).steps[0]
    except InputError as refused:
        assert refused.reason == "bad_attention_weights"
        return
    assert all(math.isfinite(w) for w in step.weights) and sum(step.weights) == pytest.approx(1.0)


def test_text_is_not_a_list_of_weights(toy_model):
    with pytest.raises(InputError) as refused:
        toy_model.trace("let's go", attention_edits={0: "12"})
    assert refused.value.reason == "bad_attention_weights"
