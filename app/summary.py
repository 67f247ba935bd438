"""What the model did with the whole sentence: the translation, the input as the model sees it
(<unk> marked and explained), and notes on cutting, unfinished output and forced words."""
from __future__ import annotations

import streamlit as st

from model.inference.trace import Trace

from .format import UNK_LABEL, md_code, source_labels, word_list
from .i18n import t


def render_translation(trace: Trace, hidden: bool = False) -> None:
    """hidden: in quiz mode the translation is the answer, so it waits."""
    if hidden:
        st.markdown(f"{t('summary.translation')}\n### …\n\n{t('quiz.translation_hidden')}")
        return
    st.markdown(f"{t('summary.translation')}\n### {md_code(trace.translation) if trace.translation else '∅'}")


def render_translation_line(trace: Trace, hidden: bool = False) -> None:
    """Presentation mode: sentence and translation on one line."""
    if hidden:
        st.markdown(f"{md_code(trace.source)} → …")
        return
    st.markdown(f"{md_code(trace.source)} → **{md_code(trace.translation) if trace.translation else '∅'}**")


def render_input_notes(trace: Trace) -> None:
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
    if trace.truncated:
        st.warning(t("summary.truncated", kept=len(trace.source_tokens), total=trace.original_token_count))
    if not trace.finished:
        st.info(t("summary.unfinished", limit=trace.model.max_output_tokens))
    if trace.forced_prefix:
        st.info(t("summary.forced", words=word_list([s.output_label for s in trace.steps[:len(trace.forced_prefix)]])))


def render(trace: Trace, hidden: bool = False) -> None:
    render_translation(trace, hidden)
    render_input_notes(trace)
