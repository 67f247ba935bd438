"""Catalog Markdown to HTML and LaTeX to MathML, in Python, before anything reaches the browser.

User text is already inside code spans (format.md_code) when a catalog sentence is filled in; markdown-it
escapes every character of it and raw HTML is switched off, so what the viewer inserts is markup made
here from safe parts. Formulas become MathML, which Chromium draws natively: no formula library in the
page, nothing to load.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

from latex2mathml.converter import convert
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_DECIMAL_COMMA = re.compile(r"<mn>(\d+)</mn><mrow><mo>&#x0002C;</mo></mrow><mn>(\d+)</mn>")


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> str:
    """Block Markdown (paragraphs, headings, tables) as HTML."""
    return _MARKDOWN.render(text)


@lru_cache(maxsize=8192)
def inline_html(text: str) -> str:
    """One line of Markdown (bold, code spans) as inline HTML, without a paragraph around it."""
    return _MARKDOWN.renderInline(text)


@lru_cache(maxsize=1024)
def formula_mathml(latex: str) -> str:
    """A display formula as MathML. French decimals are written `0{,}213` in LaTeX (a comma that is not
    a separator); they come out as one number."""
    return _DECIMAL_COMMA.sub(r"<mn>\1,\2</mn>", convert(latex, display="block"))


def text_node(text: str) -> str:
    """Plain text for a place that takes markup."""
    return html.escape(text, quote=True)
