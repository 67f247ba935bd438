"""A setting held for a block: set inside, restored after, even when the block fails."""
from __future__ import annotations

import contextvars

import pytest

from app.settings_scope import holding

LANGUAGE = contextvars.ContextVar("language", default="en")


def test_the_value_holds_inside_and_is_restored_after_even_on_error():
    with holding(LANGUAGE, "fr"):
        assert LANGUAGE.get() == "fr"
        with holding(LANGUAGE, "es"):
            assert LANGUAGE.get() == "es"
        assert LANGUAGE.get() == "fr"
    assert LANGUAGE.get() == "en"
    with pytest.raises(RuntimeError), holding(LANGUAGE, "fr"):
        raise RuntimeError("a failed build")
    assert LANGUAGE.get() == "en"
