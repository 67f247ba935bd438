"""The step document: everything the viewer shows for one translation, every step, composed once.

`build_document(trace, language, presenting)` is pure: the trace's numbers formatted in the page's
language, the catalogs' wording, each panel's blocks at each step, the guess-first questions with their
answers, and the controls' labels. The browser then steps through it without asking the server.
Blocks that are the same at several steps are sent once (`blocks`, referred to by number); a chart that
only changes its data from step to step becomes one Vega-Lite spec holding every step's rows and a
`step` parameter (0-based) that the viewer moves.
"""
from __future__ import annotations

import hashlib

import orjson
from markupsafe import Markup

from model.inference.quiz import grade, share_offs, word_choices
from model.inference.trace import Trace

from ..display import PAGE_FONT, PRESENTATION_FONT, chart_font
from ..format import numbers_in, pct, trace_key
from ..panels import PANELS
from .blocks import Block, Blocks, Context, word

FORMAT_VERSION = 1
SHARE_OPTIONS = list(range(0, 101, 5))  # the guessed share of the attention, in percent
STEP_PARAM = "step"
# d3-format's French locale for the charts' axes (38,7 %, −0,2): text on the chart is format.py's.
FRENCH_NUMBERS = dict(decimal=",", thousands="\u202f", grouping=[3], currency=["", "\u00a0€"], percent="\u202f%",
                      minus="\u2212")
UI_KEYS = ("step.label", "step.previous", "step.next", "step.play", "step.pause", "panel.chooser", "panel.previous",
           "panel.next", "quiz.reveal", "quiz.no_guess", "quiz.input_label", "quiz.word_label", "viewer.keys",
           "viewer.controls", "viewer.first", "viewer.last")


def build_document(trace: Trace, language: str, presenting: bool, quiz: bool = False) -> dict:
    """One translation's document for the viewer (JSON-ready)."""
    with numbers_in(language), chart_font(PRESENTATION_FONT if presenting else PAGE_FONT):
        ctx = Context(trace, language, presenting, quiz)
        steps = [_step(ctx, index, quiz) for index in range(len(trace.steps))]
        panels = [(panel, _panel_steps(ctx, panel)) for panel in PANELS]
    _join_charts([block for _, per_step in panels for blocks in per_step for block in blocks])
    pool = _Pool()
    sentence = trace_key(trace)
    return dict(
        format=FORMAT_VERSION,
        id=hashlib.sha1(f"{sentence}\n{language}\n{presenting}\n{quiz}".encode()).hexdigest()[:12],
        sentence=sentence,
        lang=language,
        mode="present" if presenting else "page",
        quiz=quiz,
        step_count=len(trace.steps),
        ui={key: ctx.text(key) for key in UI_KEYS},
        chart_locale=FRENCH_NUMBERS if language == "fr" else None,
        steps=steps,
        panels=[dict(id=panel.id, title=ctx.text(panel.title_key), wide=panel.wide,
                     steps=[[pool.add(b) for b in blocks] for blocks in per_step])
                for panel, per_step in panels],
        blocks=pool.blocks,
    )


def step_heading(ctx: Context, index: int) -> Markup:
    step = ctx.trace.steps[index]
    heading = ctx.html("step.heading", step=index + 1, count=len(ctx.trace.steps), input=word(step.input_label),
                       output=word(step.output_label))
    return heading + Markup(" ") + ctx.html("edit.heading_mark") if step.attention_edited else heading


def _step(ctx: Context, index: int, quiz: bool) -> dict:
    step = ctx.trace.steps[index]
    return dict(heading=str(step_heading(ctx, index)), output=step.output_label,
                quiz=_quiz(ctx, index) if quiz else None)


def _panel_steps(ctx: Context, panel) -> list[list[Block]]:
    """The panel's blocks at every step; a panel that shows the same at every step is composed once."""
    if panel.same_every_step:
        return [_panel_blocks(ctx, panel, 0)] * len(ctx.trace.steps)
    return [_panel_blocks(ctx, panel, index) for index in range(len(ctx.trace.steps))]


def _panel_blocks(ctx: Context, panel, index: int) -> list[Block]:
    blocks = Blocks()
    blocks.heading(ctx.text(panel.title_key))
    panel.compose(ctx, index, blocks)
    for chart in _charts(blocks.items):
        chart["_step"] = index
    return blocks.items


def _quiz(ctx: Context, index: int) -> dict:
    """The step's questions and, for every possible answer, what the page says once it is revealed
    (graded by model.inference.quiz, as the whole class's answers are)."""
    trace = ctx.trace
    step = trace.steps[index]
    labels = ctx.labels
    choices = word_choices(trace.source, index, step)
    written = next((n for n, k in enumerate(choices) if step.top_k[k].token == step.output_token), None)
    result = grade(step, None, None, None)
    quiz = dict(
        heading=str(ctx.html("quiz.heading", step=index + 1, count=len(trace.steps), input=word(step.input_label))),
        word=dict(question=ctx.text("quiz.word_q", previous=step.input_label),
                  options=[step.top_k[k].label for k in choices], written=written,
                  right=str(ctx.html("quiz.word_right", word=word(result.written_label))),
                  wrong=str(ctx.html("quiz.word_wrong", word=word(result.written_label)))),
        input=None, share=None,
    )
    if step.weights is not None:
        top = result.top_input
        marks = {key: str(ctx.html(f"quiz.input_{key}", word=word(labels[top]), share=pct(step.weights[top])))
                 for key in ("right", "wrong", "none")}
        quiz["input"] = dict(question=ctx.text("quiz.input_q"), options=labels, top=top, **marks)
        offs = [[pct(off) for off in row] for row in share_offs(step, [share / 100 for share in SHARE_OPTIONS])]
        quiz["share"] = dict(question=ctx.text("quiz.share_q"), options=[pct(share / 100, 0) for share in SHARE_OPTIONS],
                             actual=[pct(w) for w in step.weights], off=offs, result=ctx.text("quiz.share_result"))
    quiz["score"] = ctx.text("quiz.score")
    return quiz


def _data_free(spec: dict) -> dict:
    """The spec without its rows: what must match for several steps' charts to become one."""
    free = {k: v for k, v in spec.items() if k != "data"}
    if "layer" in free:
        free["layer"] = [{k: v for k, v in layer.items() if k != "data"} for layer in free["layer"]]
    return free


def join_steps(specs: list[tuple[int, dict]]) -> dict | None:
    """One spec for the charts of several steps that differ only in their rows: each row carries its
    step, and every part that holds data shows the rows of the `step` parameter. None if they differ in more."""
    first = _data_free(specs[0][1])
    if any(_data_free(spec) != first for _, spec in specs[1:]):
        return None
    # new dicts where rows and the filter go; the rest is shared with the first spec (neither is changed)
    joined = {k: v for k, v in specs[0][1].items() if k != "data"}
    if "layer" in joined:
        joined["layer"] = [dict(layer) for layer in joined["layer"]]
    holders = [(joined, [spec for _, spec in specs])]
    holders += [(layer, [spec["layer"][n] for _, spec in specs]) for n, layer in enumerate(joined.get("layer", []))]
    for holder, originals in holders:
        if "data" not in originals[0]:
            continue
        holder["data"] = dict(values=[dict(row, _step=index) for (index, _), original in zip(specs, originals)
                                      for row in original["data"]["values"]])
        holder["transform"] = [dict(filter=f"datum._step == {STEP_PARAM}"), *holder.get("transform", [])]
    joined["params"] = [dict(name=STEP_PARAM, value=0), *joined.get("params", [])]
    return joined


def _charts(blocks: list[Block]):
    for block in blocks:
        if block["kind"] == "chart":
            yield block
        elif block["kind"] == "select":
            for inner in block["each"]:
                yield from _charts(inner)
        elif block["kind"] == "fold":
            yield from _charts(block["blocks"])


def _join_charts(blocks: list[Block]) -> None:
    """Charts of the same key at several steps become one stepped spec where they can."""
    by_key: dict[str, list[dict]] = {}
    for block in _charts(blocks):
        by_key.setdefault(block["key"], []).append(block)
    for key, group in by_key.items():
        steps = [block.pop("_step", None) for block in group]
        specs = [block["spec"] for block in group]
        if all(spec is specs[0] for spec in specs) or all(spec == specs[0] for spec in specs):
            # one spec for every step already (the heatmap), or the same chart at every step (the encoder's)
            stepped = any(p.get("name") == STEP_PARAM for p in specs[0].get("params", []))
            shared = dict(group[0], stepped=stepped)
        elif None not in steps and (joined := join_steps(list(zip(steps, specs)))) is not None:
            shared = dict(group[0], spec=joined, stepped=True)
        else:
            for block in group:
                block["stepped"] = False
            continue
        for block in group:
            block.clear()
            block.update(shared)
            block["_shared"] = shared


UNSHARED_KINDS = ("chart", "products", "select")  # one step's own numbers: looking for a twin costs more than it saves


class _Pool:
    """Blocks by number; the same block at several steps is stored once."""

    def __init__(self):
        self.blocks: list[Block] = []
        self._numbers: dict[bytes, int] = {}
        self._shared: dict[int, int] = {}  # id of a block object (or of the shared part of joined charts)
        self._kept: list[Block] = []  # the blocks whose id is a key above, kept alive while the pool is

    def add(self, block: Block) -> int:
        known = self._shared.get(id(block.get("_shared", block)))
        if known is not None:
            return known
        number = self._add(block)
        self._shared[id(block.get("_shared", block))] = number
        self._kept.append(block)
        return number

    def _add(self, block: Block) -> int:
        shared = block.get("_shared")
        if shared is not None or "_step" in block:  # a chart: what joined it is not sent
            item = {k: v for k, v in block.items() if not k.startswith("_")}
        else:
            item = dict(block) if block["kind"] in ("select", "fold") else block  # those two get numbers below
        if item["kind"] == "select":
            item["each"] = [[self.add(inner) for inner in blocks] for blocks in item["each"]]
        elif item["kind"] == "fold":
            item["blocks"] = [self.add(inner) for inner in item["blocks"]]
        if shared is None and item["kind"] in UNSHARED_KINDS:
            self.blocks.append(item)
            return len(self.blocks) - 1
        key = orjson.dumps(item)  # blocks are built the same way: same order of keys
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self.blocks)
            self.blocks.append(item)
        return number
