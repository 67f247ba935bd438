"""Panel 9: what the model learned from. In how many training pairs it saw each word of the sentence
and of the translation (the rare ones marked), and the pairs themselves for the word a student picks:
where a translation comes from, and why a rare word goes wrong. The same at every step; while the class
guesses first, only the sentence's counts (the pairs would give the answers away)."""
from __future__ import annotations

from markupsafe import Markup

from model.inference.trace import TraceEvidence, WordSeen

from ..format import count
from ..viewer.blocks import Blocks, Context, word
from .common import slide_or_fold


def compose(ctx: Context, index: int, out: Blocks) -> None:
    evidence = ctx.trace.evidence
    if evidence is None:
        out.note(ctx.html("evidence.missing"))
        return
    slide_or_fold(ctx, out, lambda blocks: _compose_all(ctx, evidence, blocks), "evidence.toggle", "evidence.teaser")


def _compose_all(ctx: Context, evidence: TraceEvidence, out: Blocks) -> None:
    trace, language = ctx.trace, ctx.language
    out.text(ctx.html("evidence.intro_quiz" if ctx.quizzing else "evidence.intro",
                      pairs=count(evidence.training_pairs, language), below=evidence.rare_below))
    if ctx.presenting and evidence.rare_source_words:  # in the page, the sentence line above the steps says it
        rare = [evidence.source_words[i] for i in evidence.rare_source_words]
        out.note(ctx.html("evidence.rare", below=evidence.rare_below, words=Markup(", ").join(
            Markup("{} ({})").format(word(seen.word), ctx.text("evidence.pairs", count=count(seen.pairs, language)))
            for seen in rare)), tone="warning")
    sides = [("source", evidence.source_words, trace.source_labels, evidence.source_token_pairs)]
    if not ctx.quizzing:
        sides.append(("target", evidence.target_words, trace.target_labels, None))
    for side, words, labels, piece_pairs in sides:
        rows = [seen for seen in words if any(ch.isalnum() for ch in seen.word)]
        if rows:
            _side(ctx, side, rows, labels, piece_pairs, evidence.rare_below, out)
    if ctx.quizzing:
        out.note(ctx.html("evidence.quiz"))


def _side(ctx: Context, side: str, rows: list[WordSeen], labels: list[str], piece_pairs: list[int] | None,
          rare_below: int, out: Blocks) -> None:
    """One side's words with their counts (and pieces), then the pairs of the word the student picks."""
    language = ctx.language
    out.text(Markup("<strong>{}</strong>").format(ctx.text(f"evidence.side_{side}")))
    pairs_header = ctx.text("evidence.col.pairs")
    columns = {
        ctx.text("evidence.col.word"): [Markup("⚠ ") + word(seen.word) if seen.pairs < rare_below else word(seen.word)
                                        for seen in rows],
        pairs_header: [count(seen.pairs, language) for seen in rows],
    }
    if piece_pairs is not None or any(len(seen.tokens) > 1 for seen in rows):
        columns[ctx.text("evidence.col.pieces")] = [
            Markup(", ").join(word(labels[i]) + (f" ({count(piece_pairs[i], language)})" if piece_pairs else "")
                              for i in seen.tokens) if len(seen.tokens) > 1 or piece_pairs else ""
            for seen in rows]
    out.table(columns, right_aligned=(pairs_header,))
    if ctx.quizzing:
        return
    each = []
    for seen in rows:
        blocks = Blocks()
        if seen.examples:
            blocks.text(ctx.html("evidence.some", shown=len(seen.examples), pairs=count(seen.pairs, language),
                                 word=word(seen.word)))
            english, translated = zip(*seen.examples)
            blocks.table({ctx.text("evidence.col.english"): [word(text) for text in english],
                          ctx.text("evidence.col.translation"): [word(text) for text in translated]})
        else:
            blocks.note(ctx.html("evidence.never", word=word(seen.word)))
        each.append(blocks)
    out.select(f"evidence-{side}", ctx.text(f"evidence.pick_{side}"), [seen.word for seen in rows], None, each,
               placeholder=ctx.text("evidence.pick_placeholder"))
