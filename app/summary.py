"""What the model did with the whole sentence: the translation, the input as the model sees it
(<unk> marked and explained), and notes on cutting, unfinished output and forced words."""
from __future__ import annotations

import streamlit as st

from model.inference.trace import Trace

from .format import UNK_LABEL, md_code, pct, source_labels, word_list
from .i18n import t


def render_translation(trace: Trace, hidden: bool = False) -> None:
    """hidden: in quiz mode the translation is the answer, so it waits."""
    if hidden:
        st.markdown(f"{t('summary.translation')}\n### …\n\n{t('quiz.translation_hidden')}")
        return
    st.markdown(f"{t('summary.translation')}\n### {md_code(trace.translation) if trace.translation else '∅'}")


def render_translation_line(trace: Trace, hidden: bool = False) -> None:
    """Presentation mode: sentence and translation on one line (the notes, the rare words among them, are
    in the folded inputs)."""
    if hidden:
        st.markdown(f"{md_code(trace.source)} → …")
        return
    st.markdown(f"{md_code(trace.source)} → **{md_code(trace.translation) if trace.translation else '∅'}**")


def render_input_notes(trace: Trace, hidden: bool = False) -> None:
    if trace.model.tokenizer == "sentencepiece":
        st.markdown(t("summary.pieces", count=len(trace.source_tokens), tokens=word_list(source_labels(trace))))
    else:
        st.markdown(t("summary.tokens", tokens=word_list(source_labels(trace))))
    if trace.unknown_source_tokens:
        unknown = [trace.source_labels[i] for i in trace.unknown_source_tokens]
        st.warning(t("summary.unknown", words=word_list(unknown), vocab=trace.model.source_vocab_size))
    if UNK_LABEL in trace.target_tokens:
        st.info(t("summary.unknown_output"))
    skipped = [str(n + 1) for n, step in enumerate(trace.steps) if step.skipped_unk]
    if skipped:
        st.info(t("summary.skipped_unk", steps=", ".join(skipped)))
    render_reading_notes(trace)
    render_evidence(trace)
    if trace.truncated:
        st.warning(t("summary.truncated", kept=len(trace.source_tokens), total=trace.original_token_count))
    if not trace.finished and not any(note.kind == "output_limit" for note in trace.notes):
        st.info(t("summary.unfinished", limit=trace.output_limit or trace.model.max_output_tokens))
    if trace.forced_prefix:
        st.info(t("summary.forced", words=word_list([s.output_label for s in trace.steps[:len(trace.forced_prefix)]])))


def render_reading_notes(trace: Trace) -> None:
    """What the model read differently from what was typed (capitals, symbols), the limits it met,
    and whether the sentence looks like English: the model's notes, in the page's language."""
    if trace.read_as:
        st.markdown(t("reading.read_as", sentence=md_code(trace.read_as)))
    for note in trace.notes:
        values = {"words": word_list(note.words), **{k: v for k, v in note.values.items() if k != "names"}}
        if note.kind == "unseen_characters":
            values["names"] = word_list(note.values.get("names", []))
        if note.kind == "not_english":
            values["share"] = pct(note.values["share"], 0)
        (st.warning if note.kind in ("not_english", "characters_left_out") else st.info)(
            t(f"reading.{note.kind}", **values))


def rare_words_line(trace: Trace) -> str | None:
    """The plain sentence naming the words the model rarely saw in training, or None."""
    evidence = trace.evidence
    if evidence is None or not evidence.rare_source_words:
        return None
    words = [evidence.source_words[i] for i in evidence.rare_source_words]
    return t("evidence.rare", below=evidence.rare_below,
             words=", ".join(f"{md_code(w.word)} ({t('evidence.pairs', count=w.pairs)})" for w in words))


def render_evidence(trace: Trace) -> None:
    """The sentence line's note on the words the model rarely saw in training (each word's training
    pairs are panel 9 of the step viewer, app/panels/evidence.py). Shown while the class guesses too:
    it names English words only."""
    line = rare_words_line(trace)
    if line:
        st.info(line)


def render(trace: Trace, hidden: bool = False) -> None:
    render_translation(trace, hidden)
    render_input_notes(trace, hidden)
