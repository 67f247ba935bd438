"""Measure translation quality on the held-out validation split with sacreBLEU.

    python -m model.evaluate --model pretrained/en-fr --beam 4 --compare pretrained/en-fr-no-attention

Every English validation sentence is scored against all of its translations in the corpus at once
(multi-reference BLEU and chrF, sacreBLEU defaults: 13a tokenization, case-sensitive). Results go to
`evaluation.json` in the model folder (and `length_comparison.json` in both folders with --compare),
and a table to stdout. `greedy` and `beamN` never write <unk> (as the app translates, see
model.decode); `greedy_with_unk` is the raw argmax beside them.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF

from ..inference.api import TranslationModel
from ..inference.folder import COMPARISON_FILE, EVALUATION_FILE, TRAINING_FILE, read_record, write_record
from ..inference.loading import load_model
from .checks import joined_sentences, names_and_numbers
from .classroom import classroom_scores
from .config import TrainingConfig
from .data import group_references, read_pairs, split_pairs

WITH_UNK = "greedy_with_unk"  # the raw argmax, <unk> allowed (the app and `greedy` never write it)
LENGTH_BUCKETS = (("1-5", 1, 5), ("6-10", 6, 10), ("11-15", 11, 15), ("16+", 16, 10_000))
CLASSIC_SENTENCES = [
    "Let's go.",
    "Don't eat the delicious looking and smelling pizza.",
    "I am cold.",
    "Where is the train station?",
    "I think we make a good team.",
    "Tom doesn't like to swim in the sea.",
    "She bought a new car last week because her old one broke down.",
]


def length_bucket(sentence: str) -> str:
    """Source length in English words (whitespace-separated, punctuation attached)."""
    words = len(sentence.split())
    return next(name for name, low, high in LENGTH_BUCKETS if low <= words <= high)


def score(hypotheses: list[str], references: list[list[str]]) -> dict:
    """Multi-reference corpus BLEU and chrF; sentences may have different numbers of references."""
    streams = max(len(r) for r in references)
    transposed = [[r[i] if i < len(r) else None for r in references] for i in range(streams)]
    bleu, chrf = BLEU(), CHRF()
    return {"bleu": round(bleu.corpus_score(hypotheses, transposed).score, 2),
            "chrf": round(chrf.corpus_score(hypotheses, transposed).score, 2),
            "sentences": len(hypotheses),
            "signature": {"bleu": str(bleu.get_signature()), "chrf": str(chrf.get_signature())}}


def score_by_length(sources: list[str], hypotheses: list[str], references: list[list[str]]) -> dict:
    table = {}
    for name, _, _ in LENGTH_BUCKETS:
        rows = [i for i, s in enumerate(sources) if length_bucket(s) == name]
        if rows:
            table[name] = score([hypotheses[i] for i in rows], [references[i] for i in rows])
    return table


def training_settings(model: TranslationModel) -> TrainingConfig:
    """How the model was trained (its folder's training.json), defaults where it says nothing."""
    record = read_record(model.folder, TRAINING_FILE) if model.folder is not None else None
    return TrainingConfig.from_record(model.config, record)


def validation_set(model: TranslationModel, data: str | None) -> tuple[list[str], list[list[str]], str]:
    """The English validation sentences of the model's own split, with all their references."""
    settings = training_settings(model)
    path = data or settings.data
    if not path or not Path(path).expanduser().is_file():
        raise SystemExit(f"error: no corpus at {path!r}; pass --data PATH")
    _, validation = split_pairs(read_pairs(path), settings.validation_percent)
    grouped = group_references(validation)
    return list(grouped), list(grouped.values()), path


def evaluate(model: TranslationModel, sources: list[str], references: list[list[str]], beam: int,
             allow_unk: bool = False) -> dict:
    started = time.time()
    hypotheses = model.translate(sources, beam=beam, allow_unk=allow_unk)
    seconds = time.time() - started
    result = score(hypotheses, references)
    result.update(seconds=round(seconds, 1), sentences_per_second=round(len(sources) / seconds, 1),
                  by_length=score_by_length(sources, hypotheses, references))
    return result


def evaluate_folder(folder: Path, beams=(1, 4), data: str | None = None) -> dict:
    model = load_model(folder)
    sources, references, path = validation_set(model, data)
    report = {
        "model": model.config.name,
        "data": path,
        "split": f"validation: English sentences whose stable hash falls in {training_settings(model).validation_percent}% "
                 "(never trained on); all their corpus translations grouped as references",
        "english_sentences": len(sources),
        "references": sum(len(r) for r in references),
        "sacrebleu": sacrebleu.__version__,
        "results": {},
        "examples": [],
    }
    for beam in beams:
        report["results"]["greedy" if beam == 1 else f"beam{beam}"] = evaluate(model, sources, references, beam)
    # The model's raw argmax, <unk> included: what the default of never writing <unk> changes.
    report["results"][WITH_UNK] = evaluate(model, sources, references, 1, allow_unk=True)
    report["joined_sentences"] = joined_sentences(model, sources, references, score)
    report["names_and_numbers"] = {"greedy" if beam == 1 else f"beam{beam}": names_and_numbers(model, beam)
                                   for beam in beams}
    report["classroom"] = {"greedy" if beam == 1 else f"beam{beam}": classroom_scores(model, beam, score)
                           for beam in beams}
    for beam in beams:
        for sentence, translation in zip(CLASSIC_SENTENCES, model.translate(CLASSIC_SENTENCES, beam=beam)):
            report["examples"].append({"source": sentence, "decoding": "greedy" if beam == 1 else f"beam{beam}",
                                       "translation": translation})
    write_record(folder, EVALUATION_FILE, report)
    return report


def update_classroom(folder: Path, beams) -> dict:
    """The classroom set's scores alone, written into the folder's evaluation.json (kept otherwise)."""
    model = load_model(folder)
    scores = {"greedy" if beam == 1 else f"beam{beam}": classroom_scores(model, beam, score) for beam in beams}
    report = read_record(folder, EVALUATION_FILE) or {"model": model.config.name}
    report["classroom"] = scores
    write_record(folder, EVALUATION_FILE, report)
    for decoding, result in scores.items():
        if result:
            print(f"{model.config.name} classroom set ({decoding}): BLEU {result['bleu']:.2f} / chrF "
                  f"{result['chrf']:.2f}, {result['exact']} of {result['sentences']} exactly a reference", flush=True)
    return scores


def compare_by_length(first: Path, second: Path) -> dict:
    """Greedy BLEU/chrF by source length of two models on the same validation set, side by side."""
    a, b = (read_record(f, EVALUATION_FILE) for f in (first, second))
    if a["data"] != b["data"] or a["english_sentences"] != b["english_sentences"]:
        raise SystemExit("error: the two models were not evaluated on the same validation set")
    rows = []
    for name, _, _ in LENGTH_BUCKETS:
        left, right = a["results"]["greedy"]["by_length"].get(name), b["results"]["greedy"]["by_length"].get(name)
        if left and right:
            rows.append({"length": name, "sentences": left["sentences"],
                         a["model"]: {"bleu": left["bleu"], "chrf": left["chrf"]},
                         b["model"]: {"bleu": right["bleu"], "chrf": right["chrf"]},
                         "bleu_gap": round(left["bleu"] - right["bleu"], 2),
                         "chrf_gap": round(left["chrf"] - right["chrf"], 2)})
    table = {"models": [a["model"], b["model"]], "decoding": "greedy", "unit": "source length in English words",
             "data": a["data"], "rows": rows}
    if "joined_sentences" in a and "joined_sentences" in b:
        left, right = a["joined_sentences"], b["joined_sentences"]
        table["joined"] = {"inputs": left["inputs"], "sentences_per_input": left["sentences_per_input"],
                           "mean_words": left["mean_words"],
                           a["model"]: {"joined": left["joined"], "one_by_one": left["one_by_one"]},
                           b["model"]: {"joined": right["joined"], "one_by_one": right["one_by_one"]},
                           "bleu_gap": round(left["joined"]["bleu"] - right["joined"]["bleu"], 2),
                           "chrf_gap": round(left["joined"]["chrf"] - right["joined"]["chrf"], 2)}
    for folder in (first, second):
        write_record(folder, COMPARISON_FILE, table)
    return table


def print_report(report: dict) -> None:
    print(f"{report['model']}: {report['english_sentences']} validation sentences, {report['references']} references")
    print(f"{'decoding':<16}{'length':<8}{'sentences':>10}{'BLEU':>8}{'chrF':>8}")
    for decoding, result in report["results"].items():
        print(f"{decoding:<16}{'all':<8}{result['sentences']:>10}{result['bleu']:>8.2f}{result['chrf']:>8.2f}")
        for name, row in result["by_length"].items():
            print(f"{'':<16}{name:<8}{row['sentences']:>10}{row['bleu']:>8.2f}{row['chrf']:>8.2f}")
    joined = report.get("joined_sentences")
    if joined:
        print(f"{joined['inputs']} inputs of {joined['sentences_per_input']} held-out sentences joined "
              f"({joined['mean_words']} words on average), greedy: BLEU {joined['joined']['bleu']:.2f} / chrF "
              f"{joined['joined']['chrf']:.2f} joined, {joined['one_by_one']['bleu']:.2f} / "
              f"{joined['one_by_one']['chrf']:.2f} one by one ({joined['bleu_change']:+.2f} BLEU)")
    for decoding, check in report.get("names_and_numbers", {}).items():
        print(f"names and numbers copied ({decoding}): {check['copied']} of {check['items']} ({100 * check['share']:.1f} %)")
    for decoding, result in (report.get("classroom") or {}).items():
        if result:
            print(f"classroom set ({decoding}): BLEU {result['bleu']:.2f} / chrF {result['chrf']:.2f}, "
                  f"{result['exact']} of {result['sentences']} exactly a reference")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m model.evaluate",
        description="Score a model folder on its held-out validation split (English sentences never trained "
                    "on, every corpus translation of each as a reference) with sacreBLEU BLEU and chrF, "
                    "greedy and beam search, overall and by source length (1-5, 6-10, 11-15, 16+ words), "
                    "held-out sentences joined three at a time against one by one, and the share of names and "
                    "numbers copied in sentences of model/checks.py. "
                    "Writes evaluation.json into the folder and prints a table.",
    )
    parser.add_argument("--model", required=True, type=Path, help="model folder")
    parser.add_argument("--data", default=None, help="corpus .tsv/.tsv.gz (default: the one the model was trained on)")
    parser.add_argument("--beam", type=int, default=4, help="beam size reported beside greedy (default 4; 1: greedy only)")
    parser.add_argument("--compare", type=Path, default=None,
                        help="a second model folder (e.g. without attention): evaluate it too and write the "
                             "by-length table of both into length_comparison.json in both folders")
    parser.add_argument("--json", type=Path, default=None, help="also write the report to this path")
    parser.add_argument("--reuse", action="store_true",
                        help="use a folder's existing evaluation.json instead of translating again")
    parser.add_argument("--classroom", action="store_true",
                        help="only the classroom development set (model/training/classroom.json): BLEU, chrF and "
                             "exact matches, printed and added to the folder's evaluation.json")
    args = parser.parse_args(argv)
    beams = (1,) if args.beam <= 1 else (1, args.beam)

    def evaluated(folder: Path, data: str | None) -> dict:
        existing = folder / EVALUATION_FILE
        if args.reuse and existing.is_file():
            return read_record(folder, EVALUATION_FILE)
        return evaluate_folder(folder, beams, data)

    if args.classroom:
        for folder in [args.model] + ([args.compare] if args.compare else []):
            update_classroom(folder, beams)
        return
    report = evaluated(args.model, args.data)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.compare:
        other = evaluated(args.compare, report["data"])
        print_report(other)
        table = compare_by_length(args.model, args.compare)
        print(f"\nGreedy BLEU by source length: {table['models'][0]} vs {table['models'][1]}")
        for row in table["rows"]:
            left, right = (row[m]["bleu"] for m in table["models"])
            print(f"{row['length']:<8}{row['sentences']:>6}{left:>8.2f}{right:>8.2f}  gap {row['bleu_gap']:+.2f}")
        if "joined" in table:
            joined = table["joined"]
            left, right = (joined[m]["joined"]["bleu"] for m in table["models"])
            print(f"{'joined':<8}{joined['inputs']:>6}{left:>8.2f}{right:>8.2f}  gap {joined['bleu_gap']:+.2f}")


if __name__ == "__main__":
    main()
