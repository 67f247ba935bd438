"""The kinds of content the step viewer lays out, and the context a panel composes them in.

A panel adds blocks to a `Blocks` in the order they are read; the viewer knows these kinds, not the
panels: heading, text, formula, products, table, chart, note, select (one of several block lists, chosen by the
student) and fold (a block list behind a summary line). Every string of markup here is made in Python
from catalog text and escaped values (markupsafe escapes every value that is not already markup).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape as escape_text

from markupsafe import Markup

from model.inference.trace import Trace

from ..format import source_labels
from ..i18n import CATALOGS
from .markup import formula_mathml, inline_html

Block = dict

@dataclass
class Context:
    """What a panel composes for: the trace, the page's language and mode, and whether the class guesses first."""
    trace: Trace
    language: str
    presenting: bool
    quizzing: bool = False  # the class guesses first: nothing may give the answers away
    memo: dict = field(default_factory=dict)  # what a panel builds once for every step (the heatmap)

    @cached_property
    def labels(self) -> list[str]:
        """The input words as the panels name them (format.source_labels), worked out once."""
        return source_labels(self.trace)

    def text(self, key: str, **values) -> str:
        """Catalog text, plain (headings, labels, chart titles)."""
        message = CATALOGS[self.language][key]
        return message.format(**values) if values else message

    def template(self, key: str) -> str:
        """Catalog text as inline HTML with its `{placeholders}`: for a sentence filled in many times
        (values must be escaped with `safe` before `format`)."""
        return inline_html(CATALOGS[self.language][key])

    def html(self, key: str, **values) -> Markup:
        """Catalog text as inline HTML, its values escaped unless they are markup already."""
        template = self.template(key)
        if not values:
            return Markup(template)
        return Markup(template.format(**{name: safe(value) for name, value in values.items()}))


def safe(value) -> str:
    """A value for markup: markup stays as it is, anything else is escaped."""
    return str(value) if isinstance(value, Markup) else escape_text(str(value), quote=True)


@lru_cache(maxsize=4096)
def word(text: str) -> Markup:
    """A token inside a sentence of explanation, shown literally (a sentence's words recur at every step)."""
    return Markup("<code>" + escape_text(text, quote=True) + "</code>")


@dataclass
class Blocks:
    """The blocks of one panel at one step, in order."""
    items: list[Block] = field(default_factory=list)

    def heading(self, text: str) -> None:
        self.items.append(dict(kind="heading", text=text))

    def text(self, *paragraphs: Markup | str) -> None:
        html = "".join(f"<p>{safe(paragraph)}</p>" for paragraph in paragraphs)
        self.items.append(dict(kind="text", html=html))

    def formula(self, latex: str) -> None:
        self.items.append(dict(kind="formula", mathml=formula_mathml(latex)))

    def products(self, left: list[str], right: list[str], terms: list[str], total: str, elided: bool) -> None:
        """A dot product's arithmetic, (a1 × b1) + … = t1 + … = total, every number already written as
        text; `elided`: the last pair follows an ellipsis."""
        self.items.append(dict(kind="products", left=left, right=right, terms=terms, total=total, elided=elided))

    def table(self, columns: dict[str, list], right_aligned: tuple[str, ...] = ()) -> None:
        """Header texts (plain) and cells (plain text, or markup such as `word(...)`)."""
        header = list(columns)
        rows = [[safe(cell) for cell in row] for row in zip(*columns.values())]
        self.items.append(dict(kind="table", header=header, right=[h in right_aligned for h in header], rows=rows))

    def chart(self, key: str, spec: dict, description: str) -> None:
        """A Vega-Lite spec; `key` names the same chart at every step (document.py joins them) and
        `description` is its text alternative: the same at every step (the text beside it says what
        the step shows), so that the steps' charts can become one."""
        if "width" not in spec:  # as wide as the panel
            spec["width"] = "container"
            spec.setdefault("autosize", dict(type="fit-x", contains="padding"))
        spec.setdefault("description", description)  # Vega writes it as the chart's aria-label
        self.items.append(dict(kind="chart", key=key, spec=spec, description=description))

    def note(self, html: Markup | str, tone: str = "info") -> None:
        self.items.append(dict(kind="note", tone=tone, html=safe(html)))

    def select(self, key: str, label: str, options: list[str], chosen: int | None, each: list[Blocks],
               placeholder: str | None = None) -> None:
        """The student picks one option; its blocks are shown (none while `chosen` is None)."""
        self.items.append(dict(kind="select", key=key, label=label, options=options, chosen=chosen,
                               placeholder=placeholder, each=[blocks.items for blocks in each]))

    def fold(self, summary: str, inner: Blocks, hint: str | None = None) -> None:
        self.items.append(dict(kind="fold", summary=summary, hint=hint, blocks=inner.items))
