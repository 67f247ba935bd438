"""Catalog Markdown to HTML and LaTeX to MathML, in Python, before anything reaches the browser.

A catalog message is rendered once, with its `{placeholders}` still in it and raw HTML switched off;
the values filled in later are escaped (app/viewer/blocks.py: Context.html), so what the viewer
inserts is markup made here from safe parts. Formulas become MathML, which Chromium draws natively:
no formula library in the page, nothing to load.
"""
from __future__ import annotations

from functools import lru_cache

from latex2mathml.converter import convert
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


@lru_cache(maxsize=8192)
def inline_html(text: str) -> str:
    """One line of Markdown (bold, code spans) as inline HTML, without a paragraph around it."""
    return _MARKDOWN.renderInline(text)


@lru_cache(maxsize=1024)
def formula_mathml(latex: str) -> str:
    """A display formula as MathML (the formulas hold symbols and whole numbers; a step's decimals are in
    `products` blocks and text, written by format.py)."""
    return convert(latex, display="block")
