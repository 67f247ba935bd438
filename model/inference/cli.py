"""The command lines `python -m model.translate`, `python -m model.trace` and `python -m model.evidence`.

Bad input or a bad model folder exits with status 2 and one clear line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import io
import json
import sys

from .api import MAX_BEAM, TranslationModel
from .errors import InputError, ModelLoadError
from .evidence import EXAMPLES_KEPT, SIDES
from .loading import load_model

ALLOW_UNK_HELP = "write <unk> where it is the most likely word (by default the most likely real word is written)"


def _fail(message: str) -> None:
    print(f"error: {' '.join(str(message).split())}", file=sys.stderr)
    raise SystemExit(2)


def _load(folder: str) -> TranslationModel:
    try:
        return load_model(folder)
    except ModelLoadError as error:
        _fail(str(error))
    except Exception as error:  # anything else from a damaged folder still gets one line
        _fail(f"Could not load the model folder {folder}: {type(error).__name__}: {error}")


def _stdin_lines() -> list[str]:
    """Lines of stdin; invalid UTF-8 bytes become U+FFFD instead of stopping the run."""
    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="\n")
    return [line.rstrip("\n").removesuffix("\r") for line in stream]  # only \n ends a line


def translate_main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m model.translate",
        description="Translate English sentences, one per line of stdin, to one translation per line of "
                    "stdout (same number of lines; an empty line gives an empty line; a sentence over the "
                    "model's length limit is cut at it).",
    )
    parser.add_argument("--model", required=True, help="model folder, e.g. pretrained/en-fr")
    parser.add_argument("--beam", type=int, default=1, help="beam size (1: greedy, the default)")
    parser.add_argument("--allow-unk", action="store_true", help=ALLOW_UNK_HELP)
    args = parser.parse_args(argv)
    if not 1 <= args.beam <= MAX_BEAM:
        _fail(f"--beam must be between 1 and {MAX_BEAM}.")
    model = _load(args.model)
    lines = _stdin_lines()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    for translation in model.translate(lines, beam=args.beam, allow_unk=args.allow_unk):
        out.write(translation.replace("\n", " ") + "\n")
    out.flush()


def _attention_edits(values: list[str]) -> dict[int, list[float]]:
    """["2=0.1,0.9"] -> {1: [0.1, 0.9]}: STEP as the app numbers steps (from 1), the trace's index from 0."""
    edits = {}
    for value in values:
        step, _, weights = value.partition("=")
        try:
            number = int(step)
            edits[number - 1] = [float(w) for w in weights.split(",")]
        except ValueError:
            _fail(f"--edit-attention {value!r}: expected STEP=w1,w2,... with a step number from 1 and numbers.")
        if number < 1:
            _fail(f"--edit-attention {value!r}: steps are numbered from 1.")
    return edits


def trace_main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m model.trace",
        description="Translate one English sentence greedily and print every number of every decoding "
                    "step as JSON: encoder outputs, decoder outputs, dot-product and cosine scores, "
                    "attention weights, attention values, top candidates.",
    )
    parser.add_argument("--model", required=True, help="model folder, e.g. pretrained/statquest-toy")
    parser.add_argument("--prefix", default=None, help="output words to force at the first steps, e.g. \"Ne mange\"")
    parser.add_argument("--indent", type=int, default=None, help="indent the JSON")
    parser.add_argument("--allow-unk", action="store_true", help=ALLOW_UNK_HELP)
    parser.add_argument("--edit-attention", action="append", default=[], metavar="STEP=w1,w2,...",
                        help="set the attention weights of decoding step STEP (from 1, as the app numbers steps) "
                             "by hand, one weight per input token, normalised to 100%%; repeatable")
    parser.add_argument("--beam", type=int, default=1,
                        help="trace the best translation of a beam search of this width (1: greedy, the default); "
                             "each step lists the hypotheses the beam weighed")
    parser.add_argument("sentence", help="the English sentence")
    args = parser.parse_args(argv)
    edits = _attention_edits(args.edit_attention)
    model = _load(args.model)
    try:
        trace = model.trace(args.sentence, prefix=args.prefix, allow_unk=args.allow_unk, attention_edits=edits,
                            beam=args.beam)
    except InputError as error:
        _fail(str(error))
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    out.write(trace.to_json(indent=args.indent) + "\n")
    out.flush()


def evidence_main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m model.evidence",
        description="In how many of its training pairs (validation pairs excluded) the model saw each word, "
                    "case-insensitively, as its own word tokenizer splits the sentences, and up to --limit of "
                    "those pairs (English, translation). One JSON object per word. A word it never saw: 0 pairs.",
    )
    parser.add_argument("--model", required=True, help="model folder, e.g. pretrained/en-fr")
    parser.add_argument("--side", choices=SIDES, default="source",
                        help="source: the English side (default); target: the translations")
    parser.add_argument("--limit", type=int, default=EXAMPLES_KEPT,
                        help=f"example pairs per word (default and most: {EXAMPLES_KEPT})")
    parser.add_argument("words", nargs="+", metavar="WORD")
    args = parser.parse_args(argv)
    if args.limit < 0:
        _fail("--limit must be 0 or more.")
    model = _load(args.model)
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    try:
        for word in args.words:
            out.write(json.dumps(model.evidence(word, side=args.side, limit=args.limit).to_dict(), ensure_ascii=False) + "\n")
    except ModelLoadError as error:
        _fail(str(error))
    out.flush()
