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
    autocommit mode: each statement outside :meth:`atomic` is its own transaction.

    A lost connection fails the statement (and its transaction, rolled back by the server) with
    a :class:`ServerWriteError` the window shows; the next statement outside a transaction
    connects again (``reconnect``), so the coder goes on once the server is back.
    """

    def __init__(self, pg, reconnect=None):
        self.pg = pg
        self.conn = _Connection(pg)
        self._reconnect = reconnect
        self._depth = 0

    @staticmethod
    def run(pg, sql: str, params=()):
        statement = translate(sql)
        if statement is None:
            return _NoRows()
        # Always a list, even empty: psycopg then reads "%%" as the "%" it stands for.
        return pg.execute(statement, list(params or []))

    def execute(self, sql: str, params=()):
        self._ensure_connected()
        with server_errors():
            return self.run(self.pg, sql, params)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction; nested calls become savepoints of the outer one."""
        self._ensure_connected()
        self._depth += 1
        try:
            with server_errors(), self.pg.transaction():
                yield
        finally:
            self._depth -= 1

    def _ensure_connected(self) -> None:
        if self._depth == 0 and self.pg.broken and self._reconnect is not None:
            from annotator.storage.errors import ConnectionLostError, ProjectError

            try:
                self.pg = self._reconnect()
            except ProjectError as error:  # still unreachable: the edit waits as unsent
                raise ConnectionLostError(f"the study's server cannot be reached ({error})",
                                          _RECONNECT_REMEDY) from error
            self.conn = _Connection(self.pg)

    def connection(self):
        """The live psycopg connection (made again first if it was lost), for code that speaks
        PostgreSQL's own dialect (``pg/corpus.py``)."""
        self._ensure_connected()
        return self.pg

    def close(self) -> None:
        self.pg.close()


@contextmanager
def server_errors() -> Iterator[None]:
    """psycopg's errors for a lost connection or a refused write, as one line and a remedy."""
    import psycopg

    from annotator.storage.errors import ConnectionLostError, ServerWriteError

    try:
        yield
    except psycopg.errors.InsufficientPrivilege as error:
        raise ServerWriteError(
            "the server refused it: your role in this study may not make this change (coders change "
            "only their own coding; the lead changes the codebook, the settings and the assignment)",
            "ask the study's lead") from error
    except psycopg.OperationalError as error:
        raise ConnectionLostError("the connection to the study's server was lost", _RECONNECT_REMEDY) from error
    except psycopg.IntegrityError as error:
        # A tag or article deleted meanwhile (foreign key), a passage the server's check refuses.
        detail = (error.diag.message_primary or str(error)).strip().splitlines()[0]
        raise ServerWriteError(f"the server refused it: {detail}",
                               "reload the article to see the study as it is now") from error


_RECONNECT_REMEDY = "check the network; annotator keeps the edit and sends it when the server is back"
