"""Train a translator from a TSV corpus and write a model folder (weights, config, vocabularies, card).

    python -m model.train --data ../shared/corpora/eng-fra.tsv.gz --target-language fr \\
        --name en-fr --out pretrained/en-fr
    python -m model.train --toy          # the video's tiny model, in seconds

Runs resume from their checkpoint in --cache-dir (stopped runs lose at most a few minutes).
"""
from __future__ import annotations

import argparse
import math
import os
import platform
import random
import sys
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import torch
from tqdm import tqdm

from ..inference.config import ModelConfig
from ..inference.folder import (
    CONFIG_FILE,
    SOURCE_VOCAB_FILE,
    TARGET_VOCAB_FILE,
    TRAINING_FILE,
    WEIGHTS_FILE,
    read_record,
    write_record,
)
from ..inference.languages import corpus_file, language
from ..inference.loading import save_model
from ..inference.seq2seq import Seq2Seq
from ..inference.vocab import UNK_ID, Vocab
from .batches import Example, batch_loss, make_batches, validation_loss
from .checkpoint import clear_checkpoint, epoch_weights_file, load_checkpoint, save_checkpoint
from .config import TRAINING_FIELDS, TrainingConfig
from .distill import teacher_commands
from .evidence_index import write_evidence
from .prepare import prepare
from .recorded import portable, recorded_command
from .widen import widen_state

DEFAULT_CACHE = Path(os.environ.get("ATTENTION_EXPLORER_CACHE", Path.home() / ".cache" / "attention-explorer"))
CHECKPOINT_EVERY_SECONDS = 300
LABEL_SMOOTHING = 0.1


def scheduled_learning_rate(config: TrainingConfig, epoch: int) -> float | None:
    """The rate for a 1-based epoch when a decay schedule is on (None: keep the optimizer's rate).

    Computed from the config alone, so a run resumed with a longer schedule decays the same way."""
    if not config.lr_decay_start_epoch or epoch < config.lr_decay_start_epoch:
        return None
    return config.learning_rate * config.lr_decay ** (epoch - config.lr_decay_start_epoch + 1)


def average_weights(states: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """Element-wise mean of several epochs' weights (checkpoint averaging)."""
    return {name: torch.stack([state[name].float() for state in states]).mean(0) for name in states[0]}


@dataclass
class AveragingResult:
    """Checkpoint averaging's outcome, recorded in training.json."""

    epochs: list[int]  # the epochs whose weights were averaged
    validation_loss: float  # of the average
    kept: bool  # the average was saved: its validation loss beat the best epoch's


def try_averaging(net: Seq2Seq, config: TrainingConfig, cache: Path, progress: "TrainingProgress",
                  validation_examples) -> AveragingResult | None:
    """Average the best epoch with the ones before it; keep the average only if its validation loss is lower."""
    best_epoch = min(progress.history, key=lambda h: h.validation_loss).epoch
    epochs = [e for e in range(best_epoch - config.average_last + 1, best_epoch + 1)
              if e >= 1 and epoch_weights_file(cache, e).is_file()]
    if len(epochs) < 2:
        return None
    from safetensors.torch import load_file
    net.load_state_dict(average_weights([load_file(str(epoch_weights_file(cache, e))) for e in epochs]))
    loss = validation_loss(net, validation_examples, config.batch_tokens)
    print(f"average of epochs {epochs}: validation loss {loss:.4f} (best epoch {progress.best_validation_loss:.4f})",
          flush=True)
    return AveragingResult(epochs, loss, loss < progress.best_validation_loss)


# what a model folder's training.json says of an earlier run that a later one builds on (the card shows it)
RUN_SUMMARY = ("commands", "teacher_commands", "epochs", "training_seconds", "best_validation_loss", "history")
# how an earlier part chose the weights it saved (an average of epochs, a soup): its figures, not its best epoch's
WEIGHTS_SAVED = ("checkpoint_average", "soup")


@dataclass
class SoupResult:
    """Weight averaging with another run from the same start, recorded in training.json."""

    folder: str  # the other run's model folder
    validation_loss: float  # of the average
    own_validation_loss: float  # of this run's weights before it
    kept: bool  # the average was saved: its validation loss beat this run's
    run: dict  # the other run's training record (its commands, epochs, losses and time)


def try_soup(net: Seq2Seq, folder: Path, own_loss: float, initialised_from: dict | None,
             source_vocab: Vocab, target_vocab: Vocab, validation_examples, batch_tokens: int) -> SoupResult:
    """Average this run's weights with another finished run's that started from the same weights and
    data with another seed (a "model soup", Wortsman et al. 2022: runs fine-tuned from one start stay
    in one basin, and their mean often generalises better than either); keep the average only if its
    validation loss is lower."""
    from safetensors.torch import load_file

    other = read_record(folder, TRAINING_FILE) or {}
    if not initialised_from or other.get("initialised_from") != initialised_from:
        raise SystemExit(f"--soup-with {folder}: that run did not start from the same weights as this one "
                         "(--init-from)")
    if ModelConfig.load(folder / CONFIG_FILE) != net.config:
        raise SystemExit(f"--soup-with {folder}: its config.json differs from this model's")
    if Vocab.load(folder / SOURCE_VOCAB_FILE).itos != source_vocab.itos or \
            Vocab.load(folder / TARGET_VOCAB_FILE).itos != target_vocab.itos:
        raise SystemExit(f"--soup-with {folder}: its vocabularies differ from this model's")
    own = {name: tensor.detach().clone() for name, tensor in net.state_dict().items()}
    net.load_state_dict(average_weights([own, load_file(str(folder / WEIGHTS_FILE))]))
    loss = validation_loss(net, validation_examples, batch_tokens)
    print(f"average with {folder}: validation loss {loss:.4f} (this run {own_loss:.4f})", flush=True)
    if loss >= own_loss:
        net.load_state_dict(own)
    return SoupResult(str(folder), loss, own_loss, loss < own_loss, {key: other.get(key) for key in RUN_SUMMARY})


def warm_start(net: Seq2Seq, folder: Path, source_vocab: Vocab, target_vocab: Vocab, seed: int = 0) -> dict:
    """Start from a trained model folder's weights (same data and sizes), e.g. to train a committed model
    further in a later session; -> that folder's training record, kept in the new one.

    The vocabularies may have grown (a lower min count): the folder's words keep their rows, and each new
    word starts as the `<unk>` it was for that model (its embedding, its output row with `<unk>`'s logit
    shared among them), so training starts where the folder ended and only has to tell the new words apart.
    The hidden size may have grown too (--hidden-size larger than the folder's): the new units start silent
    (model/training/widen.py), so the wider model starts out computing what the folder's did."""
    from safetensors.torch import load_file

    tensors = {name: tensor.float() for name, tensor in load_file(str(folder / WEIGHTS_FILE)).items()}
    widened = {}
    folder_config = ModelConfig.load(folder / CONFIG_FILE)
    if folder_config.hidden_size != net.config.hidden_size:
        try:
            tensors = widen_state(tensors, folder_config, net.config, seed)
        except ValueError as error:
            raise SystemExit(f"--init-from {folder}: {error}") from None
        # the new units' weights are drawn with the run's seed: runs with two seeds start from two models
        widened = {"widened_hidden_size": [folder_config.hidden_size, net.config.hidden_size], "widening_seed": seed}
    grown = {}
    for side, name, vocab, rows in (
        ("source", SOURCE_VOCAB_FILE, source_vocab, ("source_embedding.weight",)),
        ("target", TARGET_VOCAB_FILE, target_vocab, ("target_embedding.weight", "output_layer.weight", "output_layer.bias")),
    ):
        old = Vocab.load(folder / name)
        if old.itos == vocab.itos:
            continue
        if any(token not in vocab for token in old.itos):
            raise SystemExit(f"{folder / name} differs from the vocabulary built from this corpus and min_count "
                             "(it has words this one lacks)")
        grown[side] = [len(old), len(vocab)]
        old_ids = torch.tensor([old.stoi.get(token, UNK_ID) for token in vocab.itos])  # new words -> <unk>
        for row in rows:
            tensors[row] = tensors[row][old_ids]  # indexing copies: the rows are new tensors
        if side == "target":  # <unk>'s probability, split evenly among the words it stood for
            stood_for_unk = old_ids == UNK_ID
            tensors["output_layer.bias"][stood_for_unk] -= math.log(int(stood_for_unk.sum()))
    net.load_state_dict(tensors)
    previous = read_record(folder, TRAINING_FILE)
    return {key: previous.get(key) for key in (*RUN_SUMMARY, *WEIGHTS_SAVED, "initialised_from")} \
        | {"folder": str(folder)} \
        | ({"grown_vocabularies": grown} if grown else {}) | widened


@dataclass
class HistoryRow:
    """One epoch of a run, as training.json lists it."""

    epoch: int  # 1-based
    train_loss: float  # mean cross-entropy per target token, label smoothing included
    validation_loss: float  # the same on the validation pairs, without smoothing
    seconds: float  # the run's wall clock at the end of the epoch
    learning_rate: float  # Adam's rate after the epoch


@dataclass
class TrainingProgress:
    """Where a run stands; saved (as a dict) in every checkpoint, so a stopped run resumes from here."""

    epoch: int = 0  # epochs finished
    batch: int = 0  # batches of the current epoch done
    best_validation_loss: float | None = None
    bad_epochs: int = 0  # epochs since the best one
    seconds: float = 0.0  # wall clock of the run so far (pauses included)
    target_tokens: int = 0
    source_tokens: int = 0
    history: list[HistoryRow] = field(default_factory=list)  # one row per epoch
    done: bool = False
    commands: list[str] = field(default_factory=list)  # every command that ran this run (budgets may change)
    initialised_from: dict | None = None  # the record of the folder it started from (--init-from)

    @classmethod
    def from_dict(cls, saved: dict) -> "TrainingProgress":
        """From a checkpoint's JSON (asdict of a TrainingProgress)."""
        return cls(**{**saved, "history": [HistoryRow(**row) for row in saved.get("history", [])]})


@dataclass
class Run:
    """One training run's moving parts (not the model's: it is trained, then saved)."""

    config: TrainingConfig
    net: Seq2Seq
    optimizer: torch.optim.Optimizer
    cache: Path
    progress: TrainingProgress
    best_weights: dict | None = None
    started: float = 0.0  # time.time() at the start, as if the run had never stopped
    last_save: float = 0.0

    def elapsed(self) -> float:
        return time.time() - self.started

    def out_of_time(self) -> bool:
        return self.elapsed() > (self.config.time_budget_minutes * 60 or float("inf"))

    def checkpoint(self) -> None:
        self.progress.seconds = self.elapsed()
        save_checkpoint(self.cache, self.net, self.optimizer, self.best_weights, asdict(self.progress))
        self.last_save = time.time()


def start_or_resume(config: TrainingConfig, net: Seq2Seq, cache: Path, command: str, init_from: Path | None,
                    source_vocab: Vocab, target_vocab: Vocab) -> Run:
    """A run from the checkpoint in cache if there is one, else from --init-from's weights or random ones."""
    optimizer = torch.optim.Adam(net.parameters(), lr=config.learning_rate)
    run = Run(config, net, optimizer, cache, TrainingProgress())
    restored = load_checkpoint(cache, net, optimizer)
    if restored:
        saved, run.best_weights = restored
        run.progress = TrainingProgress.from_dict(saved)
        print(f"Resumed from {cache}: epoch {run.progress.epoch + 1}, batch {run.progress.batch}", flush=True)
        more_allowed = run.progress.bad_epochs <= config.patience and run.progress.epoch < config.max_epochs \
            and run.progress.seconds < (config.time_budget_minutes * 60 or float("inf"))
        run.progress.done = run.progress.done and not more_allowed  # a larger budget than last time: go on
    elif init_from is not None:
        run.progress.initialised_from = warm_start(net, init_from, source_vocab, target_vocab, config.seed)
        print(f"Starting from the weights of {init_from}", flush=True)
    run.progress.commands.append(command)
    run.started, run.last_save = time.time() - run.progress.seconds, time.time()
    return run


def train_one_epoch(run: Run, examples: list[Example]) -> tuple[float, int]:
    """The epoch's remaining batches (checkpointing every few minutes) -> (summed loss, target tokens)."""
    progress, epoch = run.progress, run.progress.epoch
    scheduled = scheduled_learning_rate(run.config, epoch + 1)
    if scheduled is not None:
        for group in run.optimizer.param_groups:
            group["lr"] = scheduled
    batches = make_batches(examples, run.config.batch_tokens, seed=run.config.seed + epoch)
    bar = tqdm(batches[progress.batch:], desc=f"epoch {epoch + 1}", mininterval=30, file=sys.stdout)
    epoch_loss, epoch_tokens = 0.0, 0
    for indices in bar:
        loss, tokens = batch_loss(run.net, examples, indices, LABEL_SMOOTHING)
        run.optimizer.zero_grad()
        (loss / tokens).backward()
        torch.nn.utils.clip_grad_norm_(run.net.parameters(), 1.0)
        run.optimizer.step()
        epoch_loss, epoch_tokens = epoch_loss + float(loss.detach()), epoch_tokens + tokens
        progress.batch += 1
        progress.target_tokens += tokens
        progress.source_tokens += sum(len(examples[i][0]) for i in indices)
        bar.set_postfix(loss=f"{epoch_loss / epoch_tokens:.3f}",
                        tok_s=f"{progress.target_tokens / run.elapsed():.0f}", refresh=False)
        if time.time() - run.last_save > CHECKPOINT_EVERY_SECONDS:
            run.checkpoint()
        if run.out_of_time():
            break
    return epoch_loss, epoch_tokens


def end_epoch(run: Run, validation_examples: list[Example], epoch_loss: float, epoch_tokens: int) -> None:
    """Validate, keep the best weights (halve the rate on a plateau), record the epoch, checkpoint."""
    progress, epoch = run.progress, run.progress.epoch
    loss = validation_loss(run.net, validation_examples, run.config.batch_tokens)
    improved = progress.best_validation_loss is None or loss < progress.best_validation_loss
    if improved:
        progress.best_validation_loss, progress.bad_epochs = loss, 0
        run.best_weights = {k: v.detach().clone() for k, v in run.net.state_dict().items()}
    else:
        progress.bad_epochs += 1
        for group in run.optimizer.param_groups:
            group["lr"] *= 0.5
    progress.history.append(HistoryRow(epoch + 1, epoch_loss / max(epoch_tokens, 1), loss, run.elapsed(),
                                       run.optimizer.param_groups[0]["lr"]))
    print(f"epoch {epoch + 1}: validation loss {loss:.4f}{' (best)' if improved else ''}, {run.elapsed():.0f} s",
          flush=True)
    progress.epoch, progress.batch = epoch + 1, 0
    if run.config.average_last > 1:  # kept for checkpoint averaging at the end
        from safetensors.torch import save_file
        save_file({k: v.detach().contiguous() for k, v in run.net.state_dict().items()},
                  str(epoch_weights_file(run.cache, epoch + 1)))
    progress.done = progress.bad_epochs > run.config.patience or run.out_of_time()
    run.checkpoint()


def training_record(run: Run, command: str, stats: dict, averaged: AveragingResult | None,
                    souped: SoupResult | None = None) -> dict:
    """What training.json says: the commands, settings, data, epochs, losses, time, speed and machine."""
    progress, seconds, threads = run.progress, run.progress.seconds, torch.get_num_threads()
    record = {
        "command": command,
        "commands": progress.commands,
        "settings": run.config.settings(),
        "stats": stats,
        "epochs": progress.epoch,
        "history": [asdict(row) for row in progress.history],
        "best_validation_loss": progress.best_validation_loss,
        "training_seconds": round(seconds, 1),
        "target_tokens_per_second": round(progress.target_tokens / max(seconds, 1e-9), 1),
        "source_and_target_tokens_per_second": round((progress.target_tokens + progress.source_tokens) / max(seconds, 1e-9), 1),
        "parameters": sum(p.numel() for p in run.net.parameters()),
        "hardware": f"{platform.machine()}, {os.cpu_count()} CPU cores, {threads} torch thread{'s' * (threads != 1)}, no GPU",
        "torch": torch.__version__,
    }
    if averaged:
        record["checkpoint_average"] = asdict(averaged)
    if souped:
        record["soup"] = asdict(souped)
    if teachers := teacher_commands(run.config.distilled, run.config.synthetic):
        record["teacher_commands"] = teachers
    if progress.initialised_from:
        record["initialised_from"] = progress.initialised_from
    return record


def train(config: TrainingConfig, out: Path, cache_dir: Path, command: str, evaluate_after: bool = True,
          init_from: Path | None = None) -> Path:
    """Train (or resume) until the budget, the epochs or the patience run out; write the model folder."""
    torch.manual_seed(config.seed)
    random.seed(config.seed)
    cache = cache_dir / config.model.name
    cache.mkdir(parents=True, exist_ok=True)  # the SentencePiece model, epochs kept for averaging, checkpoints
    print(f"Preparing {config.data} ...", flush=True)
    data = prepare(config, cache, init_from)
    print(f"{data.stats}; vocabularies: source {len(data.source_vocab)}, target {len(data.target_vocab)}", flush=True)
    net = Seq2Seq(config.model, len(data.source_vocab), len(data.target_vocab))
    print(f"{sum(p.numel() for p in net.parameters()):,} parameters", flush=True)
    run = start_or_resume(config, net, cache, command, init_from, data.source_vocab, data.target_vocab)
    net.train()
    while not run.progress.done and run.progress.epoch < config.max_epochs:
        end_epoch(run, data.validation_examples, *train_one_epoch(run, data.examples_for_epoch(run.progress.epoch)))
    averaged = None
    if config.average_last > 1:
        averaged = try_averaging(net, config, cache, run.progress, data.validation_examples)
    if not (averaged and averaged.kept):
        net.load_state_dict(run.best_weights)
    souped = None
    if config.soup_with:
        own_loss = averaged.validation_loss if averaged and averaged.kept else run.progress.best_validation_loss
        souped = try_soup(net, Path(config.soup_with).expanduser(), own_loss, run.progress.initialised_from,
                          data.source_vocab, data.target_vocab, data.validation_examples, config.batch_tokens)
    save_model(net, data.source_vocab, data.target_vocab, out, data.subword)
    write_record(out, TRAINING_FILE, training_record(run, command, data.stats, averaged, souped))
    write_evidence(out, data.train_pairs)
    print(f"Wrote {out} ({run.progress.seconds / 60:.1f} min)", flush=True)
    if evaluate_after:
        from .card import write_card
        from .evaluate import evaluate_folder
        evaluate_folder(out, beams=(1, 4))
        write_card(out)
    return out


def config_from_args(args: argparse.Namespace) -> TrainingConfig:
    """The architecture's and the training's settings given on the command line, defaults for the rest."""
    def given(names) -> dict:
        return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}

    architecture = given(f.name for f in fields(ModelConfig))
    if args.no_attention:
        architecture["attention"] = False
    settings = given(TRAINING_FIELDS)
    for name in ("data", "distilled", "synthetic", "soup_with"):  # files: recorded as a path any clone can read
        if settings.get(name):
            settings[name] = portable(settings[name])
    return TrainingConfig(model=ModelConfig(**architecture), **settings)


def fill_from_pair(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """--pair en-xx: the model's name, its languages and its corpus, from the language registry."""
    source, _, target = args.pair.partition("-")
    try:
        language(source), language(target)
    except ValueError as error:
        parser.error(f"--pair {args.pair}: {error}")
    if source != "en":
        parser.error(f"--pair {args.pair}: the translators read English (en-xx)")
    args.name = args.name or args.pair
    args.source_language = args.source_language or source
    args.target_language = args.target_language or target
    args.data = args.data or str(args.corpora / corpus_file(target))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m model.train",
        description="Train an LSTM encoder-decoder translator (with or without attention) from a "
                    "tab-separated corpus (English<TAB>translation, .tsv or .tsv.gz) and write a model "
                    "folder: config.json, model.safetensors, source/target vocabularies, training.json, "
                    "evaluation.json and a model card README.md. Interrupted runs resume from "
                    "--cache-dir. With --toy, train the StatQuest video's two-sentence model instead.",
    )
    parser.add_argument("--toy", action="store_true", help="train the video's toy model (let's go -> vamos, to go -> ir)")
    parser.add_argument("--out", type=Path, help="model folder to write (default: pretrained/NAME)")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help=f"checkpoints (default: {DEFAULT_CACHE})")
    parser.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint and start over")
    parser.add_argument("--no-evaluate", action="store_true", help="skip evaluation and the model card")
    parser.add_argument("--no-attention", action="store_true", help="train the same model without attention")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: all cores)")
    parser.add_argument("--init-from", type=Path, default=None, help="start from this model folder's weights "
                        "(same corpus, sizes and min count) instead of random ones, to train a model further; "
                        "a larger --hidden-size than the folder's widens it, computing the same at the start")
    parser.add_argument("--pair", default=None, help="a language pair of model/inference/languages.py, e.g. en-fr: "
                        "sets --name, --target-language and --data (the pair's corpus in --corpora) where not given")
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"),
                        help="the folder of the corpora --pair reads (default: ../shared/corpora)")
    for defaults, names in ((ModelConfig(), [f.name for f in fields(ModelConfig)]), (TrainingConfig(), TRAINING_FIELDS)):
        for name in names:
            default = getattr(defaults, name)
            if name == "attention":
                continue
            if isinstance(default, bool):
                parser.add_argument(f"--{name.replace('_', '-')}", dest=name, action="store_const", const=True,
                                    default=None, help="(default: off)")
                continue
            kind = str if name == "score" else type(default)
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name, type=kind, default=None,
                                help=f"(default: {default!r})")
    args = parser.parse_args(argv)
    arguments = argv if argv is not None else sys.argv[1:]
    command = recorded_command("model.train", arguments)
    for name in ("out", "cache_dir", "init_from", "corpora"):  # a ~ the shell left alone (a quoted one)
        if getattr(args, name) is not None:
            setattr(args, name, getattr(args, name).expanduser())
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.toy:
        from .toy import train_committed_toy  # noqa: PLC0415

        torch.set_num_threads(args.threads or 1)  # its tensors are tiny: more threads only wait on each other
        train_committed_toy(args.out or Path("pretrained/statquest-toy"), command)
        return
    if args.pair:
        fill_from_pair(args, parser)
    config = config_from_args(args)
    if not config.data:
        parser.error("--data is required (a .tsv or .tsv.gz corpus), or use --toy")
    if not Path(config.data).expanduser().is_file():
        parser.error(f"no corpus file at {config.data}")
    if args.fresh:
        clear_checkpoint(args.cache_dir / config.model.name)
    train(config, args.out or Path("pretrained") / config.model.name, args.cache_dir, command, not args.no_evaluate,
          args.init_from)


if __name__ == "__main__":
    main()
