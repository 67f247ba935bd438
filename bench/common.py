"""What every benchmark shares: which model to use, the figure record, percentiles, and output.

Each bench/<measure>.py is a command (`python -m bench.<measure>`) that prints its figures as
Markdown rows, or as JSON with --json for bench/run_all.py. Every figure carries the command that
produced it, and a figure that could not be measured says why instead of showing a number.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from model.inference.folder import CONFIG_FILE

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_PRETRAINED = ROOT / "pretrained"
PREFERRED_MODELS = ("en-fr", "en-es", "en-fr-no-attention")  # realistic size; the toy is the fallback
TOY = "statquest-toy"
# 15 words (16 tokens with the full stop), everyday Tatoeba-style vocabulary.
FIFTEEN_WORDS = "My brother and I walked to the old train station near the river this morning."
# 40 words, the same everyday vocabulary: a long sentence a teacher might paste.
FORTY_WORDS = ("My brother and I walked to the old train station near the river this morning, but the train was late, "
               "so we bought some bread and cheese at the small shop and waited on a bench in the sun until it came.")


@dataclass
class Figure:
    measure: str
    value: float | None  # None: not measured, and `note` says why
    unit: str = ""
    target: float | None = None  # the figure must be at most this; None: reported only
    command: str = ""
    model: str = ""
    note: str = ""

    @property
    def status(self) -> str:
        if self.value is None:
            return "not measured"
        if self.target is None:
            return "reported"
        return "meets target" if self.value <= self.target else "MISSES target"

    def to_dict(self) -> dict:
        return {**asdict(self), "status": self.status}


@dataclass(frozen=True)
class ModelChoice:
    folder: Path
    name: str
    note: str  # empty for a realistic model; says so when it is only the toy


def choose_model(pretrained: Path) -> ModelChoice:
    """pretrained/en-fr when present (else en-es, en-fr-no-attention), else the toy model, noted."""
    for name in PREFERRED_MODELS:
        if (pretrained / name / CONFIG_FILE).is_file():
            return ModelChoice(pretrained / name, name, "")
    return ModelChoice(pretrained / TOY, TOY,
                       f"no realistic model in {pretrained}: toy model (hidden size 2), not representative")


def installed_models(pretrained: Path) -> list[Path]:
    return sorted(folder for folder in pretrained.iterdir() if (folder / CONFIG_FILE).is_file())


def percentile(values: list[float], q: float) -> float:
    """q in [0, 100], linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: list[float]) -> float:
    return statistics.median(values)


def command_line(module: str, args: argparse.Namespace) -> str:
    command = f"python -m bench.{module}"
    if Path(args.pretrained).resolve() != DEFAULT_PRETRAINED.resolve():
        command += f" --pretrained {args.pretrained}"
    return command


def markdown_table(figures: list[Figure]) -> str:
    lines = ["| measure | value | target | status | model | command | note |", "|---|---|---|---|---|---|---|"]
    for f in figures:
        value = "—" if f.value is None else f"{f.value:,.{0 if abs(f.value) >= 100 else 1}f} {f.unit}".strip()
        target = "—" if f.target is None else f"≤ {f.target:g} {f.unit}".strip()
        lines.append(f"| {f.measure} | {value} | {target} | {f.status} | {f.model or '—'} | `{f.command}` | {f.note} |")
    return "\n".join(lines)


def cli(module: str, description: str, measure: Callable[[argparse.Namespace], list[Figure]],
        add_arguments: Callable[[argparse.ArgumentParser], None] | None = None) -> None:
    """The command line of one benchmark: --pretrained DIR, --json; prints its figures."""
    parser = argparse.ArgumentParser(prog=f"python -m bench.{module}", description=description)
    parser.add_argument("--pretrained", default=str(DEFAULT_PRETRAINED),
                        help="folder of model folders, as the app's ATTENTION_EXPLORER_PRETRAINED (default: pretrained/)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (for bench.run_all)")
    if add_arguments:
        add_arguments(parser)
    args = parser.parse_args()
    args.pretrained = Path(args.pretrained)
    args.command = command_line(module, args)
    figures = measure(args)
    for figure in figures:
        figure.command = figure.command or args.command
    if args.json:
        print(json.dumps([f.to_dict() for f in figures], ensure_ascii=False))
    else:
        print(markdown_table(figures))


def torch_threads(count: int) -> None:
    import torch

    torch.set_num_threads(count)
    os.environ["OMP_NUM_THREADS"] = str(count)
