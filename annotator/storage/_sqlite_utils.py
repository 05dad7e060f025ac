"""Import ``sqlite_utils`` without the pandas and numpy it would drag in.

``sqlite_utils.db`` imports pandas and numpy whenever they are installed, only to map their
scalar types to column types when a table is created from Python values — which this project
never does (the schema is written as SQL migrations). Most researchers have pandas, and the
two cost about 0.36 s of every command's and the window's start (measured: ``annotator --help``
0.45–0.6 s). So the first import of ``sqlite_utils`` runs with the two marked as absent
(``sys.modules[name] = None`` makes ``import name`` raise ImportError, which sqlite_utils
catches); the marks are removed at once, so a later ``import pandas`` (a user's script, the
agreement statistics) imports them as usual. When they are already imported nothing is hidden.

Storage modules import ``Database`` (and ``Migrations``) from here, never from ``sqlite_utils``
directly, so whichever is imported first goes through this (tests/test_startup.py checks).
"""

from __future__ import annotations

import importlib.util
import sys

_HIDDEN = ("pandas", "numpy")
# Imported by sqlite_utils (``from dateutil import parser`` in its recipes) but used only
# inside the date-parsing recipes, which this project never calls: loaded on first use instead
# (importlib's LazyLoader), which takes about a fifth off importing sqlite_utils. (Only a
# from-import stays lazy: a plain ``import secrets`` reads ``__spec__``, which loads it.)
_DEFERRED = ("dateutil.parser",)


def _defer(name: str) -> None:
    """Put a module in ``sys.modules`` that runs its code only when an attribute is first read."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


def _import_without_pandas() -> None:
    if "sqlite_utils.db" in sys.modules:
        return
    for name in _DEFERRED:
        _defer(name)
    hidden = [name for name in _HIDDEN if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


_import_without_pandas()

from sqlite_utils import Database, Migrations  # noqa: E402  (after the import above)

__all__ = ["Database", "Migrations"]
