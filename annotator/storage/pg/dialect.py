"""Running the stores' SQL on PostgreSQL: the few places where SQLite's dialect differs.

The stores (``storage/articles.py``, ``annotations.py``, ``codebook.py``, …) write plain SQL with
``?`` placeholders against sqlite-utils' ``Database``. :class:`PgDatabase` offers the part of
that interface they use (``execute``, ``conn.executemany``, ``atomic``) over a psycopg
connection, rewriting each statement once (cached): ``?`` becomes ``%s``, a literal ``%``
doubles, ``rowid`` becomes the ``seq`` column that keeps the import order, ``INSERT OR IGNORE``
becomes ``ON CONFLICT DO NOTHING``, and SQLite's PRAGMAs do nothing (their work is done by the
schema: deferred link constraints, WAL has no counterpart). What cannot be rewritten safely
(full-text search, case-insensitive equality) is overridden in :mod:`annotator.storage.pg.stores`.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

_ROWID = re.compile(r"\browid\b", re.IGNORECASE)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_PRAGMA = re.compile(r"^\s*PRAGMA\b", re.IGNORECASE)
# The article store fills SQLite's full-text index itself; the server searches its own way.
_FTS_WRITE = re.compile(r"^\s*INSERT\s+INTO\s+articles_fts\b", re.IGNORECASE)


@lru_cache(maxsize=512)
def translate(sql: str) -> str | None:
    """``sql`` in PostgreSQL's dialect, or None for a statement with nothing to do there."""
    if _PRAGMA.match(sql) or _FTS_WRITE.match(sql):
        return None
    out, quote = [], None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    text = _ROWID.sub("seq", "".join(out))
    if _OR_IGNORE.match(text):
        text = _OR_IGNORE.sub("INSERT INTO", text, count=1).rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return text


class _NoRows:
    """The cursor of a statement that had nothing to do on PostgreSQL."""

    rowcount = 0

    def fetchone(self):
        return None

    def fetchall(self):
        return []

    def __iter__(self):
        return iter(())


class _Connection:
    """``db.conn`` as the stores use it: ``executemany`` for bulk writes."""

    def __init__(self, pg):
        self._pg = pg

    def executemany(self, sql: str, rows) -> None:
        statement = translate(sql)
        if statement is None:
            return
        rows = list(rows)
        if rows:
            with self._pg.cursor() as cursor:
                cursor.executemany(statement, rows)

    def execute(self, sql: str, params=()):
        return PgDatabase.run(self._pg, sql, params)


class PgDatabase:
    """The slice of sqlite-utils' ``Database`` the stores use, over a psycopg connection in
    autocommit mode: each statement outside :meth:`atomic` is its own transaction."""

    def __init__(self, pg):
        self.pg = pg
        self.conn = _Connection(pg)

    @staticmethod
    def run(pg, sql: str, params=()):
        statement = translate(sql)
        if statement is None:
            return _NoRows()
        # Always a list, even empty: psycopg then reads "%%" as the "%" it stands for.
        return pg.execute(statement, list(params or []))

    def execute(self, sql: str, params=()):
        return self.run(self.pg, sql, params)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction; nested calls become savepoints of the outer one."""
        with self.pg.transaction():
            yield

    def close(self) -> None:
        self.pg.close()
