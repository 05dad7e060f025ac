"""The project's connection: every write transaction ``BEGIN IMMEDIATE`` under a busy timeout,
and SQLite's generic errors turned into lines that name the cause and the file.

A plain ``BEGIN`` that reads first and writes later cannot wait for another writer: when it
tries to write, SQLite answers "database is locked" at once (its snapshot may be stale), so a
second process's import died after 0.5 s. ``BEGIN IMMEDIATE`` takes the write lock first, and
the busy timeout makes it wait for the other writer's transaction to end.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Generator
from pathlib import Path

from annotator.storage._sqlite_utils import Database

from annotator.storage.failures import explain, is_explained

# How long a writer waits for another process's transaction before giving up. Imports commit
# every 500 articles (well under a second), so a second writer normally waits a fraction of it.
# ANNOTATOR_BUSY_TIMEOUT (seconds) changes it, for scripts that would rather fail fast.
BUSY_TIMEOUT_SECONDS = float(os.environ.get("ANNOTATOR_BUSY_TIMEOUT", "") or 10.0)


class ProjectDatabase(Database):
    """A sqlite-utils ``Database`` whose transactions take the write lock up front and whose
    failures are :class:`~annotator.storage.errors.ProjectWriteError` with a plain message."""

    def __init__(self, *args, path: Path | None = None, busy_timeout: float = BUSY_TIMEOUT_SECONDS, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = path
        self.busy_timeout = busy_timeout
        self.read_only_reason: str | None = None
        self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        # Statements outside atomic() that write start their implicit transaction this way too.
        self.conn.isolation_level = "IMMEDIATE"

    @contextlib.contextmanager
    def atomic(self) -> Generator["ProjectDatabase", None, None]:
        if self.conn.in_transaction:  # nested: a savepoint inside the caller's transaction
            with self._explained(), super().atomic():
                yield self
            return
        started = time.monotonic()
        with self._explained(started):
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            with self._explained(started):
                yield self
        except BaseException:
            self.rollback()
            raise
        try:
            with self._explained(started):
                self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def execute(self, sql: str, parameters=None):
        with self._explained(time.monotonic()):
            return super().execute(sql, parameters)

    @contextlib.contextmanager
    def _explained(self, started: float | None = None):
        try:
            yield
        except sqlite3.OperationalError as error:
            if not is_explained(error):
                raise
            waited = round(time.monotonic() - started, 1) if started is not None else 0
            raise explain(error, self.path, busy_seconds=waited, read_only_reason=self.read_only_reason) from error

    def checkpoint(self) -> bool:
        """Copy every committed page from the ``-wal`` side file into the project file and empty
        the side file, so the file alone holds the whole project (a copy taken now is complete).
        Returns False when a reader kept part of it from being copied (try again later)."""
        try:
            if self.read_only_reason is not None or self.memory or self.conn.in_transaction:
                return False
            busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            return False
        return busy == 0


def open_database(path: Path, *, read_only_uri: str | None = None) -> ProjectDatabase:
    """A connection to the project at ``path``; through ``read_only_uri`` when it cannot be
    written (then writes raise a :class:`ReadOnlyProjectError`)."""
    if read_only_uri is not None:
        conn = sqlite3.connect(read_only_uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    try:
        return ProjectDatabase(conn, path=path, execute_plugins=False)
    except sqlite3.Error:
        conn.close()
        raise
