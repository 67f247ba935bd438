"""One message catalog per language; `t(key)` picks the current session's language.

The catalogs are plain dicts (en.py, fr.py) with the same keys; tests check the parity.
Placeholders use str.format: t("step.title", step=2).
"""
from __future__ import annotations

import streamlit as st

from . import en, fr

CATALOGS: dict[str, dict[str, str]] = {"en": en.MESSAGES, "fr": fr.MESSAGES}
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
LANGUAGE_KEY = "lang"  # widget key and URL parameter


def current_language() -> str:
    lang = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in CATALOGS else DEFAULT_LANGUAGE


def language_from_locale(locale: str | None) -> str:
    """The browser's preferred language if we have it, else English."""
    prefix = (locale or "").split("-")[0].lower()
    return prefix if prefix in CATALOGS else DEFAULT_LANGUAGE


def t(key: str, **values) -> str:
    """The message `key` in the current language, with `values` filled in."""
    message = CATALOGS[current_language()][key]
    return message.format(**values) if values else message
