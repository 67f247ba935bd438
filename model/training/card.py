"""Write a model folder's card (README.md) from the files the code wrote: config.json,
training.json, evaluation.json and length_comparison.json. No number is typed by hand.

    python -m model.card pretrained/en-fr pretrained/en-es ...
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..inference.config import ModelConfig
from ..inference.evidence import EXAMPLES_KEPT, EvidenceIndex
from ..inference.folder import (
    CARD_FILE,
    COMPARISON_FILE,
    CONFIG_FILE,
    EVALUATION_FILE,
    EVIDENCE_FILE,
    TRAINING_FILE,
    read_record,
)
from ..inference.languages import language
from .config import TrainingConfig

ATTRIBUTION = (
    "Trained on Tatoeba sentence pairs (tatoeba.org) as packaged by manythings.org/anki, licensed "
    "under Creative Commons Attribution 2.0 France (CC-BY 2.0 FR). Attribution: www.manythings.org/anki "
    "and tatoeba.org."
)


HALF_WEIGHT_KERNELS = (" (the LSTMs and the output layer read their float16 weights as they are, on PyTorch's FBGEMM"
                       " kernels where the CPU has them: half the bytes per decoding step; inputs, states and sums"
                       " stay float32).")


def _architecture(config: ModelConfig, settings: TrainingConfig, training: dict | None) -> list[str]:
    attention = f"{config.score} attention score" if config.attention else "no attention (the decoder sees only the encoder's final states)"
    lines = [
        "## Architecture",
        f"- LSTM encoder-decoder, {config.num_layers} layer(s), embedding size {config.embedding_size}, "
        f"hidden size {config.hidden_size}, {attention}.",
        "- Encoder LSTM states start at zero; the decoder starts from the encoder's final states and "
        "from the `<EOS>` token.",
        *_recipe(config, settings),
        "- Output: one fully connected layer over [decoder output; attention values]"
        if config.attention else "- Output: one fully connected layer over the decoder output",
        f"  to the target vocabulary, then a softmax. Weights stored as {config.weights_dtype}, computed in float32"
        + (HALF_WEIGHT_KERNELS if config.weights_dtype == "float16" else "."),
        f"- Input limit {config.max_source_tokens} tokens (longer input is refused by the CLI, cut by the app); "
        f"output limit {config.max_output_tokens} tokens.",
    ]
    if training and "parameters" in training:
        lines.append(f"- {training['parameters']:,} parameters.")
    lines += ["", "### config.json (the architecture)", "```json", config.to_json().strip(), "```"]
    if training and training.get("settings"):
        lines += ["", "### Training settings (training.json)", "```json",
                  json.dumps(training["settings"], indent=2, ensure_ascii=False), "```"]
    return lines


def _recipe(config: ModelConfig, settings: TrainingConfig) -> list[str]:
    """The parts of the subword recipe a model uses, each a line."""
    lines = []
    if config.tokenizer == "sentencepiece":
        shared = "one joint English and target-language" if config.tie_embeddings else "a"
        lines.append(f"- Tokens: {shared} SentencePiece unigram vocabulary of {settings.vocab_size:,} pieces "
                     "(`sentencepiece.model`), digits split: no input word is unknown, rare words, names and "
                     "numbers are read and written piece by piece.")
    if config.bidirectional:
        lines.append("- Bidirectional encoder (Bahdanau et al. 2015): each input word's encoding is the forward LSTM's "
                     "output plus the backward LSTM's, so it has seen the whole sentence and keeps the decoder's size; "
                     "the decoder starts from the two directions' final states added.")
    if config.tie_embeddings:
        features = "[decoder output; attention values]" if config.attention else "the decoder output"
        lines.append("- Tied embeddings (Press & Wolf 2017): one embedding table for input and output pieces; the "
                     f"fully connected layer's weight matrix is that table times a learned projection of {features} "
                     "(still one linear layer).")
    if settings.joined_percent or settings.copy_percent:
        lines.append(f"- Training data augmented with {settings.joined_percent:g} % extra examples of 2-3 pairs joined "
                     f"(Nguyen, Murray & Chiang 2021; up to {settings.max_joined_tokens} pieces a side) and "
                     f"{settings.copy_percent:g} % with a name or number swapped for a made-up one on both sides "
                     "(`model/training/augment.py`).")
    if settings.subword_sampling:
        lines.append("- Subword regularization (Kudo 2018) in the last part: each epoch split the training sentences into "
                     "pieces anew, drawn from the SentencePiece model's possible splits (smoothing alpha "
                     f"{settings.subword_sampling:g}), so that the model learns a word from several spellings in pieces; "
                     "validation, evaluation and the app use the one likeliest split.")
    if settings.distilled:
        threshold = (f" where its sentence chrF against the corpus's translations reaches {settings.distilled_min_chrf:g} "
                     "(the other sentences keep their corpus pairs)" if settings.distilled_min_chrf else "")
        lines.append("- Sequence-level knowledge distillation (Kim & Rush 2016) in the last part: each training English "
                     "sentence learned once with the translation a teacher model's beam search gave it "
                     f"(`python -m model.distill`){threshold}. The swapped copies, the held-out sentences and the "
                     "evidence of what the model learned from stay the corpus's.")
    if settings.synthetic:
        lines.append("- Forward translation (synthetic pairs) in the last part: English sentences of another corpus "
                     "that this one lacks, translated by a teacher model's beam search (`python -m model.distill "
                     "--other`), added to the training pairs; never a held-out sentence (the split's hash), a "
                     "classroom sentence or the app's examples. The evidence stays the corpus's pairs.")
    return lines


def _checks(evaluation: dict, comparison: dict | None) -> list[str]:
    """The joined-sentences test and the names-and-numbers check, where the evaluation has them."""
    lines = []
    joined = evaluation.get("joined_sentences")
    if joined:
        lines += ["", f"### Long inputs: held-out sentences joined {joined['sentences_per_input']} at a time (greedy)", "",
                  f"{joined['inputs']:,} inputs of {joined['sentences_per_input']} held-out sentences "
                  f"({joined['mean_words']} words on average), scored against their references joined the same way: "
                  f"BLEU {joined['joined']['bleu']:.2f} / chrF {joined['joined']['chrf']:.2f} translated whole, "
                  f"{joined['one_by_one']['bleu']:.2f} / {joined['one_by_one']['chrf']:.2f} one by one "
                  f"({joined['bleu_change']:+.2f} BLEU)."]
    if comparison and comparison.get("joined"):
        a, b = comparison["models"]
        c = comparison["joined"]
        lines += ["", f"Joined inputs, {a} vs {b}: BLEU {c[a]['joined']['bleu']:.2f} vs {c[b]['joined']['bleu']:.2f} "
                  f"({c['bleu_gap']:+.2f})."]
    for decoding, check in evaluation.get("names_and_numbers", {}).items():
        lines += ["", f"### Names and numbers ({decoding})", "",
                  f"{check['copied']} of {check['items']} names and numbers ({100 * check['share']:.1f} %) written "
                  "unchanged in the translations of the sentences of `model/checks.py`.", "",
                  "| English | translation | not copied |", "|---|---|---|"]
        for row in check["sentences"]:
            missing = ", ".join(item for item in row["items"] if item not in row["copied"])
            lines.append(f"| {row['source']} | {row['translation']} | {missing} |")
    return lines


def _quality(evaluation: dict, comparison: dict | None) -> list[str]:
    lines = [
        "## Measured quality",
        f"Measured by `python -m model.evaluate` on {evaluation['english_sentences']:,} held-out English "
        f"sentences ({evaluation['references']:,} reference translations, grouped per sentence), "
        f"{evaluation['split']}. sacreBLEU {evaluation['sacrebleu']} defaults (13a, case-sensitive).",
        "",
        "| decoding | source length | sentences | BLEU | chrF | sentences/s |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for decoding, result in evaluation["results"].items():
        lines.append(f"| {decoding} | all | {result['sentences']:,} | {result['bleu']:.2f} | {result['chrf']:.2f} "
                     f"| {result['sentences_per_second']:.1f} |")
        for name, row in result["by_length"].items():
            lines.append(f"| {decoding} | {name} words | {row['sentences']:,} | {row['bleu']:.2f} | {row['chrf']:.2f} | |")
    if "greedy_with_unk" in evaluation["results"]:
        lines += ["", "Greedy and beam search never write `<unk>`, as the app and the CLIs translate: where `<unk>` (the "
                  "stand-in for every word outside the vocabulary) is the most likely word, the most likely real word "
                  "is written. `greedy_with_unk` is the model's raw argmax, `<unk>` included, for comparison."]
    first = next(iter(evaluation["results"].values()))
    lines += ["", f"Signatures: BLEU `{first['signature']['bleu']}`, chrF `{first['signature']['chrf']}`."]
    if comparison:
        a, b = comparison["models"]
        lines += ["", f"### With and without attention, greedy, by source length ({a} vs {b})", "",
                  f"| source length | sentences | BLEU {a} | BLEU {b} | BLEU gap | chrF {a} | chrF {b} |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for row in comparison["rows"]:
            lines.append(f"| {row['length']} words | {row['sentences']:,} | {row[a]['bleu']:.2f} | {row[b]['bleu']:.2f} "
                         f"| {row['bleu_gap']:+.2f} | {row[a]['chrf']:.2f} | {row[b]['chrf']:.2f} |")
        lines += ["", "The same table is in `length_comparison.json`."]
    lines += _checks(evaluation, comparison)
    classroom = {decoding: result for decoding, result in (evaluation.get("classroom") or {}).items() if result}
    if classroom:
        first = next(iter(classroom.values()))
        lines += ["", "### The classroom set", "",
                  f"{first['sentences']} sentences a teacher would type, with references written for this project "
                  "(`model/training/classroom.json`; never trained on), `python -m model.evaluate --classroom`:", "",
                  "| decoding | BLEU | chrF | exactly a reference |", "|---|---:|---:|---:|"]
        lines += [f"| {decoding} | {result['bleu']:.2f} | {result['chrf']:.2f} | {result['exact']} of {result['sentences']} |"
                  for decoding, result in classroom.items()]
    lines += ["", "## Example translations", "", "| English | decoding | translation |", "|---|---|---|"]
    for example in evaluation["examples"]:
        lines.append(f"| {example['source']} | {example['decoding']} | {example['translation']} |")
    return lines


def _history_table(history: list[dict]) -> list[str]:
    lines = ["| epoch | train loss (label-smoothed) | validation loss | minutes | learning rate |", "|---:|---:|---:|---:|---:|"]
    for row in history:
        lines.append(f"| {row['epoch']} | {row['train_loss']:.4f} | {row['validation_loss']:.4f} "
                     f"| {row['seconds'] / 60:.1f} | {row['learning_rate']:g} |")
    return lines


def _earlier_parts(training: dict) -> list[dict]:
    """The runs a model was trained further from (`model.train --init-from`), oldest first, as each
    training.json kept the one before it."""
    parts, earlier = [], training.get("initialised_from")
    while earlier:
        parts.insert(0, earlier)
        earlier = earlier.get("initialised_from")
    return parts


def _part(number: int, part: dict) -> list[str]:
    lines = [f"### Part {number}: {part['epochs']} epoch(s), {part['training_seconds'] / 60:.1f} minutes "
             f"(best validation cross-entropy {part['best_validation_loss']:.4f})", ""]
    averaged = _averaged(part)
    return (lines + _grown(part) + _widened(part) + _teachers(part) + ["```", *part["commands"], "```", ""]
            + _history_table(part["history"]) + ([""] + averaged if averaged else []) + _souped(part, "####") + [""])


def _teachers(training: dict) -> list[str]:
    """The commands that made a part's teacher translations (model.distill), before its training command."""
    commands = training.get("teacher_commands")
    if not commands:
        return []
    return ["The teacher's translations it learned from, made before it with:", "", "```", *commands, "```",
            "", "Then:", ""]


def _grown(training: dict) -> list[str]:
    """A part that started from a smaller vocabulary says so (its record's `initialised_from` has the sizes)."""
    grown = (training.get("initialised_from") or {}).get("grown_vocabularies")
    if not grown:
        return []
    sizes = ", ".join(f"{side} {before:,} -> {after:,} words" for side, (before, after) in grown.items())
    return [f"This part used a lower `--min-count`, so the vocabularies grew ({sizes}): the earlier words kept "
            "their weights and each new word started as the `<unk>` it had been (`model.train.warm_start`). Its "
            "validation cross-entropy scores the new words, which the earlier parts counted as `<unk>`: it is not "
            "comparable with theirs.", ""]


def _widened(training: dict) -> list[str]:
    """A part that started from a narrower model says so (its record's `initialised_from` has the sizes)."""
    widened = (training.get("initialised_from") or {}).get("widened_hidden_size")
    if not widened:
        return []
    before, after = widened
    return [f"This part widened the model: its LSTM states grew from {before} to {after} numbers "
            "(`--hidden-size` larger than the folder's). The new units started silent, zero weights into them "
            "(each outputs exactly 0, so the wider model began by computing what the narrower one did) and "
            "random weights out of them, which send them gradients (`model/training/widen.py`, after "
            "Net2WiderNet, Chen et al. 2016).", ""]


def _training(training: dict) -> list[str]:
    commands = training.get("commands") or [training["command"]]
    lines = ["## Training", ""]
    parts = _earlier_parts(training)
    if parts:
        count = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}.get(len(parts) + 1, str(len(parts) + 1))
        epochs = sum(p["epochs"] for p in parts) + training["epochs"]
        minutes = (sum(p["training_seconds"] for p in parts) + training["training_seconds"]) / 60
        lines += [f"Trained in {count} parts: a first run, then more epochs starting each time from the last "
                  f"one's weights (`--init-from`, a fresh optimizer): {epochs} epochs and {minutes:.1f} minutes "
                  "in all.", ""]
        for number, part in enumerate(parts, 1):
            lines += _part(number, part)
        lines += [f"### Part {len(parts) + 1}: trained further from those weights", "", *_grown(training),
                  *_widened(training)]
    lines += [*_teachers(training), "```", *commands, "```", ""]
    if len(commands) > 1:
        lines += ["(One run: each later command resumed it from its checkpoint.)", ""]
    if "stats" in training:
        s = training["stats"]
        minutes = training["training_seconds"] / 60
        lines += [
            f"- Data: {s['corpus_pairs']:,} pairs; {s['train_pairs']:,} for training" + (
                f", learned as {s['learned_pairs']:,} pairs with the teacher's translations ({s['train_pairs_used']:,} "
                "used after the length limit), " if "learned_pairs" in s else
                f" ({s['train_pairs_used']:,} used after the length limit), ")
            + f"{s['validation_pairs']:,} held out ({s['validation_english_sentences']:,} distinct English sentences)."
            + (f" Added: {s['joined_examples']:,} joined examples, {s['swapped_name_and_number_examples']:,} with "
               "a name or number swapped." if "joined_examples" in s else ""),
            f"- {training['epochs']} epoch(s) in {minutes:.1f} minutes of wall clock (time the process was paused "
            f"included) on {training['hardware']} (torch {training['torch']}).",
            f"- Throughput: {training['target_tokens_per_second']:,.0f} target tokens/s "
            f"({training['source_and_target_tokens_per_second']:,.0f} source + target tokens/s).",
            f"- Best validation cross-entropy: {training['best_validation_loss']:.4f} per target "
            + ("piece." if "joined_examples" in s else "token."),
            *_averaged(training),
            "", *_history_table(training["history"]),
            *_souped(training),
        ]
    else:  # the toy model
        lines += [f"- {training['iterations']} full-batch Adam iterations in {training['training_seconds']} s; "
                  f"final loss {training['final_loss']:.4f}.",
                  *[f"- \"{src}\" -> \"{out}\"" for src, out in training["translations"].items()]]
    return lines


def _averaged(training: dict) -> list[str]:
    """Whether the mean of the last epochs' weights was saved instead of the best epoch's."""
    average = training.get("checkpoint_average")
    if not average:
        return []
    verdict = "kept (lower than the best epoch's)" if average["kept"] else "not kept: the best epoch's weights are saved"
    return [f"- Checkpoint averaging: the mean of epochs {', '.join(map(str, average['epochs']))} scored "
            f"{average['validation_loss']:.4f}; {verdict}."]


def _souped(training: dict, heading: str = "###") -> list[str]:
    """The second run a model's weights were averaged with (`--soup-with`): how it was made, and the verdict."""
    soup = training.get("soup")
    if not soup:
        return []
    run = soup["run"]
    verdict = ("kept: the saved weights are the average" if soup["kept"]
               else "not kept: this run's own weights are saved")
    return ["", f"{heading} Averaged with a second run from the same start", "",
            "A second run from the same weights and data, with another seed, trained before this one with the "
            f"commands below ({run['epochs']} epoch(s), {run['training_seconds'] / 60:.1f} minutes, on top of the "
            "figures above). Averaging the weights of such runs (a \"model soup\", Wortsman et al. 2022) scored "
            f"{soup['validation_loss']:.4f} validation cross-entropy against this run's {soup['own_validation_loss']:.4f}: "
            f"{verdict}.", "", *_teachers(run), "```", *run["commands"], "```", "", *_history_table(run["history"])]


def _evidence(folder: Path, config: ModelConfig) -> list[str]:
    """What the evidence index holds, read from it."""
    path = folder / EVIDENCE_FILE
    if not path.is_file():
        return []
    index = EvidenceIndex.load(path)
    source, target = (language(config.source_language).names["en"], language(config.target_language).names["en"])
    return ["## What it learned from", "",
            f"`{EVIDENCE_FILE}` ({path.stat().st_size / 2**20:.2f} MiB) counts, for each of the "
            f"{index.word_count('source'):,} {source} and {index.word_count('target'):,} {target} words of its "
            f"{index.pair_count:,} training pairs (validation pairs excluded; the joined and swapped extra examples "
            "are made from these), in how many pairs the model saw it, with up to "
            f"{EXAMPLES_KEPT} of those pairs (the shortest): `python -m model.evidence --model {folder.as_posix()} WORD`, "
            f"`m.evidence(word)`, and the app's sentence line. The example pairs are Tatoeba sentences: "
            "CC-BY 2.0 FR, attribution above.", ""]


def _reading(config: ModelConfig) -> list[str]:
    """How the model reads odd input (model/inference/reading.py), a line each."""
    subword = config.tokenizer == "sentencepiece"
    lines = ["## Reading odd input", "",
             "- Capitals: a word in capitals is read in ordinary case (a name or an acronym as the vocabulary knows it); "
             "a sentence all in capitals is translated in ordinary case and its translation written in capitals.",
             "- Length: decoding stops after twice the input's tokens plus ten (at most "
             f"{config.max_output_tokens}), so a repeated word cannot loop on; the corpora's translations almost never "
             "need more (2 of 138,427 English-French pairs, none of 115,382 English-Spanish, in pieces).",
             "- Not English: a sentence most of whose lower-case words were never seen on the English side of the "
             "training pairs is flagged (`not_english`), and still translated and traced."]
    if subword:
        lines[3:3] = [
            "- Characters never seen in training (emoji, symbols) are read as made-up names, which the model copies, "
            "and put back where they come out; one that does not come out is left out and the trace says so.",
            "- A sentence without final punctuation is read with a full stop (a question mark if it starts as a "
            "question) and a capital first, as every training sentence has them; the full stop is taken off again."]
    return lines + ["- Each change is a note in the trace (`trace.notes`, `trace.read_as`); tests: "
                    "`tests/model/inference/test_reading.py`.", ""]


def write_card(folder: str | Path) -> Path:
    folder = Path(folder)
    config = ModelConfig.load(folder / CONFIG_FILE)
    training = read_record(folder, TRAINING_FILE)
    evaluation = read_record(folder, EVALUATION_FILE)
    comparison = read_record(folder, COMPARISON_FILE)
    settings = TrainingConfig.from_record(config, training)
    toy = config.name == "statquest-toy"
    title = {True: "the StatQuest video's toy model"}.get(toy, f"{config.language_pair} translator")
    lines = [f"# {config.name}: {title}", ""]
    if toy:
        lines += ["English {let's, to, go} -> Spanish {ir, vamos, y}, trained on the two pairs of the video "
                  "(\"let's go\" -> \"vamos\", \"to go\" -> \"ir\") with sizes of 2 so every number fits on a slide. "
                  "Data written in `model/training/toy_settings.py`; no corpus.", ""]
    else:
        lines += ["## Data and license", "", f"Corpus: `{settings.data}`.", "", ATTRIBUTION, ""]
    lines += _evidence(folder, config)
    lines += _architecture(config, settings, training) + [""]
    if not toy:
        lines += _reading(config)
    if training:
        lines += _training(training) + [""]
    if evaluation:
        lines += _quality(evaluation, comparison) + [""]
    (folder / CARD_FILE).write_text("\n".join(lines), encoding="utf-8")
    return folder / CARD_FILE


def main() -> None:
    """`python -m model.card FOLDER ...`: rewrite each folder's README.md from its records."""
    for argument in sys.argv[1:] or ["--help"]:
        if argument.startswith("-"):
            print("usage: python -m model.card FOLDER [FOLDER ...]  (rewrites each folder's README.md)")
            continue
        print(write_card(argument))
