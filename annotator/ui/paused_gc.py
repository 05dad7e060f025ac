"""Pausing Python's cyclic garbage collector while the window builds many small records at once
(opening an article of 20,000 annotations)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while an article's records are built.

    Thousands of new small objects trigger full collections that walk every object the
    application holds; none of these records forms a cycle, so nothing is lost by waiting.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # (Moving the new records straight to the oldest generation with gc.freeze() and
            # gc.unfreeze() would spare the 3-6 ms young collection that walks them next, but
            # crashed the interpreter in a later collection under PySide: tried and dropped.)
            gc.enable()
