"""Neutralise spreadsheet formulas in CSV cells (CSV / formula injection).

Scraped articles are untrusted input. A spreadsheet that opens a CSV treats a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula, which can run commands or
leak data (OWASP "CSV Injection"). By default every *text* cell we write that starts with one of
those characters gets a leading apostrophe, which spreadsheets show as text.

So that the guard loses nothing, a cell that already starts with an apostrophe gets one more:
after the guard, **every** cell that starts with an apostrophe has exactly one added, and
``cell[1:] if cell.startswith("'") else cell`` gives the raw value back (:func:`unguard`).
Numbers (``start``, ``end``, counts) are never guarded: they are never negative.
``annotator export --no-formula-guard`` writes raw values for pipelines that want them.
"""

from __future__ import annotations

# The characters OWASP lists as formula triggers.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
# Cells starting with these get an apostrophe; the apostrophe itself is included so that the
# guard can always be undone by dropping one leading apostrophe.
GUARDED_STARTS = FORMULA_TRIGGERS | {"'"}


def guard(value: str) -> str:
    """``value`` made safe to open in a spreadsheet: prefixed with ``'`` when it starts with a
    formula trigger (``= + - @``, tab, carriage return) or with an apostrophe."""
    return "'" + value if value[:1] in GUARDED_STARTS else value


def unguard(value: str) -> str:
    """The raw value of a cell written by :func:`guard` (drops one leading apostrophe)."""
    return value[1:] if value[:1] == "'" else value


def identity(value: str) -> str:
    """The guard used with ``--no-formula-guard``."""
    return value


def cell_guard(enabled: bool):
    """:func:`guard` or :func:`identity`."""
    return guard if enabled else identity
