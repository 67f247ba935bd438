"""A setting that holds while a block runs (the step document is composed for one language and mode)."""
from __future__ import annotations

import contextvars
from contextlib import contextmanager


@contextmanager
def holding(variable: contextvars.ContextVar, value):
    """`variable` is `value` inside the block, and what it was after it (also in other threads: each
    request of the server has its own context)."""
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)
