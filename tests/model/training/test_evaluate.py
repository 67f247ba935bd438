"""Evaluation: multi-reference sacreBLEU, length buckets, and the with/without comparison table."""
import json
import shutil

from model.training.evaluate import compare_by_length, length_bucket, score


def test_all_references_of_a_sentence_count():
    single = score(["the cat is on the mat"], [["a cat is on the mat"]])
    multi = score(["the cat is on the mat"], [["a cat is on the mat", "the cat is on the mat"]])
    assert multi["bleu"] == 100.0 and single["bleu"] < 100.0
    assert "case:mixed" in multi["signature"]["bleu"] and "tok:13a" in multi["signature"]["bleu"]


def test_length_buckets():
    assert [length_bucket(" ".join(["w"] * n)) for n in (1, 5, 6, 10, 11, 15, 16, 40)] == [
        "1-5", "1-5", "6-10", "6-10", "11-15", "11-15", "16+", "16+"]


def test_evaluation_file_and_comparison(tiny_model_folder, tmp_path):
    report = json.loads((tiny_model_folder / "evaluation.json").read_text())
    assert set(report["results"]) == {"greedy", "beam4", "greedy_with_unk"}
    assert report["english_sentences"] > 0 and report["results"]["greedy"]["by_length"]
    other = shutil.copytree(tiny_model_folder, tmp_path / "other")
    table = compare_by_length(tiny_model_folder, other)
    assert table["rows"] and all(row["bleu_gap"] == 0 for row in table["rows"])
    assert json.loads((other / "length_comparison.json").read_text()) == table
