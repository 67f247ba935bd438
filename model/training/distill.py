"""A teacher model's beam translations as training data, two ways:

- sequence-level knowledge distillation (Kim & Rush 2016): the English of the training split, whose
  translations a student then learns instead of the corpus's (`model.train --distilled FILE`): it
  learns to find in one greedy pass what the teacher's beam finds;
- forward translation (synthetic pairs, Zhang & Zong 2016): English of another corpus that this one
  lacks (`--other`), added to the training pairs (`model.train --synthetic FILE`).

The file written is a corpus like the others (English<TAB>translation, one line per English sentence).
Never a held-out sentence (the split's hash decides, whatever the corpus), a classroom sentence, one of the
app's examples or the video's, nor one of these written with other capitals, spaces or end punctuation.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path

from sacrebleu import sentence_chrf
from tqdm import tqdm

from ..inference.folder import WEIGHTS_FILE
from ..inference.languages import REGISTRY
from ..inference.loading import load_model
from .classroom import classroom_set, normalised
from .data import Pair, group_references, is_validation, read_pairs, split_pairs
from .evaluate import CLASSIC_SENTENCES, training_settings
from .recorded import recorded_command

CHUNK = 2048  # sentences translated, then written, at a time: an interrupted run keeps what it wrote


def training_sources(data: str, validation_percent: float) -> list[str]:
    """The training split's English sentences, each once, in corpus order (held-out ones never)."""
    train, _ = split_pairs(read_pairs(data), validation_percent)
    return list(dict.fromkeys(english for english, _ in train))


def sentence_key(english: str) -> str:
    """What two writings of one sentence share: "That's right!" and "that’s right." are one sentence."""
    return normalised(english).lower().rstrip(" .!?…")


def never_trained_on(target_language: str) -> set[str]:
    """Sentences no synthetic pair may hold: the classroom set's, the app's examples and the video's."""
    examples = [sentence for entry in REGISTRY.values() for sentence in entry.examples]
    return set(classroom_set(target_language)[0] + CLASSIC_SENTENCES + examples)


def known_keys(*sentence_sets: Iterable[str]) -> set[str]:
    """The sentence keys of the English a teacher may not add (see is_new_english)."""
    return {sentence_key(english) for sentences in sentence_sets for english in sentences}


def is_new_english(english: str, known: set[str], validation_percent: float) -> bool:
    """English a teacher's translation may add to the training data: no writing of it among `known` (the keys
    of the corpus's English, held out or not, and of never_trained_on's sentences), and not held out
    itself (the split's hash, whatever the corpus)."""
    return sentence_key(english) not in known and not is_validation(english, validation_percent)


def forward_sources(other: str, own: str, validation_percent: float, target_language: str) -> list[str]:
    """The English of corpus `other`, each once, that corpus `own` lacks, held-out ones never."""
    known = known_keys((english for english, _ in read_pairs(own)), never_trained_on(target_language))
    return [e for e in dict.fromkeys(e for e, _ in read_pairs(other)) if is_new_english(e, known, validation_percent)]


def synthetic_pairs(path: str | Path, own_english: Iterable[str], validation_percent: float,
                    target_language: str) -> list[Pair]:
    """A forward-translated file's pairs, with the same exclusions checked again at training time."""
    known = known_keys(own_english, never_trained_on(target_language))
    return [(english, translation) for english, translation in read_pairs(path)
            if is_new_english(english, known, validation_percent)]


def command_file(path: str | Path) -> Path:
    """Beside a teacher's file: the command that wrote it, which training records for the model card."""
    return Path(str(Path(path).expanduser()) + ".json")


def teacher_commands(*paths: str) -> list[str]:
    """The commands that wrote these teacher files, where they say so."""
    commands = []
    for path in filter(None, paths):
        if command_file(path).is_file():
            commands.append(json.loads(command_file(path).read_text(encoding="utf-8"))["command"])
    return commands


def distilled_pairs(path: str | Path) -> dict[str, str]:
    """A distilled file -> English -> the teacher's translation."""
    return dict(read_pairs(path))


def with_teacher_translations(train_pairs: list[Pair], teacher: dict[str, str], min_chrf: float = 0.0) -> list[Pair]:
    """Each English sentence of the training pairs once, with the teacher's translation, where that scores
    at least `min_chrf` (sentence chrF against the sentence's corpus translations: the teacher's own
    mistakes are not taught); the other sentences keep their corpus pairs."""
    references = group_references(train_pairs)
    pairs = []
    for english, translations in references.items():
        translation = teacher.get(english)
        if translation is not None and (min_chrf <= 0 or sentence_chrf(translation, translations).score >= min_chrf):
            pairs.append((english, translation))
        else:
            pairs += [(english, reference) for reference in translations]
    return pairs


def teacher_fingerprint(model_folder: Path) -> str:
    """The teacher's weights, hashed: a file another teacher wrote is not resumed."""
    return hashlib.sha256((Path(model_folder) / WEIGHTS_FILE).read_bytes()).hexdigest()


def written_pairs(out: Path) -> dict[str, str]:
    """What an earlier run wrote to `out`. A run killed while writing leaves the gzip stream cut short:
    its whole lines are kept (the file is rewritten with them), the cut one is dropped."""
    whole, cut = [], False
    try:
        with gzip.open(out, "rt", encoding="utf-8") as file:
            for line in file:
                if not line.endswith("\n"):
                    cut = True
                    break
                whole.append(line)
    except (EOFError, gzip.BadGzipFile, zlib.error):
        cut = True
    if cut:
        print(f"{out}: cut short by an interrupted run; keeping its {len(whole)} whole lines", flush=True)
        partial = out.with_name(out.name + ".partial")
        with gzip.open(partial, "wt", encoding="utf-8") as file:
            file.writelines(whole)
        os.replace(partial, out)
    return distilled_pairs(out)


def resumable(out: Path, fingerprint: str) -> bool:
    """Whether `out` holds an earlier run's translations by this same teacher (a file whose record names
    another teacher starts over; one from before teachers were recorded is trusted)."""
    if not out.is_file():
        return False
    recorded = json.loads(command_file(out).read_text(encoding="utf-8")) if command_file(out).is_file() else {}
    if recorded.get("teacher_sha256", fingerprint) != fingerprint:
        print(f"{out} was written by another teacher: starting over", flush=True)
        return False
    return True


def distill(model_folder: Path, out: Path, beam: int = 4, data: str | None = None, other: str | None = None,
            command: str = "") -> int:
    """Translate the training split's English (or with `other`, that corpus's English this one lacks)
    with the model's beam into `out` (.tsv.gz), resuming after the sentences a previous run of the same
    teacher wrote; the command and the teacher are recorded beside it (command_file).
    -> the number of sentences in the file."""
    model = load_model(model_folder)
    settings = training_settings(model)
    own = data or settings.data
    if other:
        sources = forward_sources(other, own, settings.validation_percent, model.config.target_language)
    else:
        sources = training_sources(own, settings.validation_percent)
    fingerprint = teacher_fingerprint(model_folder)
    done = set(written_pairs(out)) if resumable(out, fingerprint) else set()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not done:
        out.unlink(missing_ok=True)
    record = {"command": command, "teacher_sha256": fingerprint}
    command_file(out).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    todo = [s for s in sources if s not in done and "\t" not in s]
    with gzip.open(out, "at", encoding="utf-8") as file, tqdm(total=len(todo), unit="sentence") as progress:
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            for english, translation in zip(chunk, model.translate(chunk, beam=beam)):
                if translation.strip():
                    file.write(f"{english}\t{translation}\n")
            file.flush()
            progress.update(len(chunk))
    count = len(distilled_pairs(out))
    command_file(out).write_text(json.dumps({**record, "sentences": count}, indent=2) + "\n", encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m model.distill", description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, required=True, help="the teacher's model folder")
    parser.add_argument("--out", type=Path, required=True,
                        help="the file to write (.tsv.gz); a partial one by the same teacher resumes")
    parser.add_argument("--beam", type=int, default=4, help="the teacher's beam width (default: 4)")
    parser.add_argument("--data", default=None, help="the corpus (default: the one the teacher was trained on)")
    parser.add_argument("--other", default=None, help="forward translation: another corpus (e.g. eng-fra.tsv.gz for "
                        "en-es), whose English that this corpus lacks is translated instead of the training split's")
    args = parser.parse_args(argv)
    command = recorded_command("model.distill", argv if argv is not None else sys.argv[1:])
    count = distill(args.model, args.out.expanduser(), args.beam, args.data, args.other, command)
    print(f"{args.out}: {count} English sentences with the teacher's translation (beam {args.beam})")


if __name__ == "__main__":
    main()
