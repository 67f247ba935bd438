"""Turn trace numbers and user text into safe display strings.

User text (sentences, tokens) is never interpreted as Markdown or HTML: in Markdown it goes inside
an inline code span, in charts it is data (Vega-Lite draws it as plain text), in Matplotlib `$` is escaped.
"""
from __future__ import annotations

import contextvars
import hashlib
import re

from model.inference.trace import Trace
from model.inference.vocab import UNK

from .settings_scope import holding

UNK_LABEL = UNK
_NUMBER_LANGUAGE = contextvars.ContextVar("number_language", default="en")


def numbers_in(language: str):
    """Numbers written as `language` writes them while inside: French 38,7 % and −0,213."""
    return holding(_NUMBER_LANGUAGE, language)


def num(value: float, digits: int = 3) -> str:
    """A number as the whiteboard writes it: fixed decimals, and never "-0.000"."""
    text = "%.*f" % (digits, value)
    if text[0] == "-" and not text.strip("-0."):  # -0.000: a negative number too small to show
        text = text[1:]
    if _NUMBER_LANGUAGE.get() == "fr":  # a minus sign and a decimal comma
        return text.replace("-", "\u2212").replace(".", ",")
    return text


def count(value: int, language: str = "en") -> str:
    """A whole number with its thousands marked as the page's language writes them (1,234 / 1 234)."""
    text = f"{value:,}"
    return text.replace(",", "\u202f") if language == "fr" else text


def pct(weight: float, digits: int = 1) -> str:
    """A share between 0 and 1 as a percentage string (formatting only: weight x 100)."""
    text = f"{weight * 100:.{digits}f}"
    if _NUMBER_LANGUAGE.get() == "fr":
        return text.replace("-", "\u2212").replace(".", ",") + "\u202f%"
    return text + "%"


def pct_or_tiny(probability: float, digits: int = 2) -> str:
    """Like pct, but a share too small to show at this precision reads "< 0.01%", not "0.00%"."""
    text = pct(probability, digits)
    return f"< {pct(10 ** -(digits + 2), digits)}" if probability > 0 and text == pct(0.0, digits) else text


def md_code(text: str) -> str:
    """Inline code span holding `text` literally: no Markdown, emoji, colour or math directive applies."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith(("`", " ")) or text.endswith(("`", " ")) or longest else text
    return f"{fence}{padded}{fence}"


def mpl_label(text: str) -> str:
    """Matplotlib treats `$...$` as math; escape it so a token is shown as typed."""
    return text.replace("$", r"\$")


def trace_key(trace: Trace) -> str:
    """A short name of one translation (model, sentence, forced words, output) for widget keys: a widget
    that belongs to one sentence starts afresh on the next."""
    text = "\n".join([trace.model.name, trace.source, *trace.forced_prefix, *trace.target_tokens])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def source_labels(trace: Trace) -> list[str]:
    """Input words as the model sees them: unknown words are shown as `<unk>` next to what was typed."""
    unknown = set(trace.unknown_source_tokens)
    return [f"{label} → {UNK_LABEL}" if i in unknown else label for i, label in enumerate(trace.source_labels)]


def vector_preview(values: list[float], head: int = 4, digits: int = 3) -> str:
    """A vector in brackets; long ones show their first numbers and how many more there are."""
    shown = ", ".join(num(v, digits) for v in values[:head])
    if len(values) > head:
        return f"[{shown}, … (+{len(values) - head})]"
    return f"[{shown}]"


def word_list(tokens: list[str]) -> str:
    """Tokens in a Markdown sentence, each shown literally."""
    return " ".join(md_code(token) for token in tokens)
