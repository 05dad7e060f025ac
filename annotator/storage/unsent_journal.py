"""The coder's own journal of edits not yet sent to a team study's server.

A small SQLite file on the coder's disk (beside their settings), one row per edit in the order
it was made, kept until the server has it: an edit made while the server is unreachable
survives quitting annotator, a crash or a reboot. Each row is keyed by the study (its URL
without password) and the login, so one journal serves every study a person codes in.

A row is ``unsent`` (waiting, sent in order as soon as the server answers) or ``conflict``
(the server refused it — the annotation was deleted meanwhile, a rule forbids it — and it stays
here, with the reason, until the coder discards it: never dropped silently).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import now_iso

UNSENT = "unsent"
CONFLICT = "conflict"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS unsent_edits (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    operation_id TEXT NOT NULL UNIQUE,
    study TEXT NOT NULL,
    coder TEXT NOT NULL,
    label TEXT NOT NULL,
    change TEXT NOT NULL,             -- core/change_codec.py
    state TEXT NOT NULL DEFAULT 'unsent' CHECK (state IN ('unsent', 'conflict')),
    problem TEXT NOT NULL DEFAULT '',
    made_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    operation_id: str
    label: str
    change: str
    state: str
    problem: str
    made_at: str


class UnsentJournal:
    """The journal for one study and login (``study`` is the URL without its password)."""

    def __init__(self, path: Path | str, study: str, coder: str):
        self.path = Path(path)
        self.study, self.coder = study, coder
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        # FULL: a row the window shows as "not yet sent" is on the disk before it is shown.
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA busy_timeout = 5000")
        self._db.executescript(_SCHEMA)

    def add(self, operation_id: str, label: str, change: str) -> None:
        """Keep an edit to send later (a second add of the same id is ignored)."""
        self._db.execute(
            "INSERT OR IGNORE INTO unsent_edits(operation_id, study, coder, label, change, made_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [operation_id, self.study, self.coder, label, change, now_iso()],
        )

    def entries(self, state: str | None = None) -> list[JournalEntry]:
        """This study's and login's edits, oldest first (only those in ``state`` if given)."""
        sql = ("SELECT seq, operation_id, label, change, state, problem, made_at FROM unsent_edits "
               "WHERE study = ? AND coder = ?")
        params: list = [self.study, self.coder]
        if state is not None:
            sql += " AND state = ?"
            params.append(state)
        return [JournalEntry(*row) for row in self._db.execute(sql + " ORDER BY seq", params)]

    def count(self, state: str = UNSENT) -> int:
        return self._db.execute(
            "SELECT count(*) FROM unsent_edits WHERE study = ? AND coder = ? AND state = ?",
            [self.study, self.coder, state],
        ).fetchone()[0]

    def remove(self, operation_id: str) -> None:
        """The server has the edit (or the coder discarded it)."""
        self._db.execute("DELETE FROM unsent_edits WHERE operation_id = ?", [operation_id])

    def mark_conflict(self, operation_id: str, problem: str) -> None:
        self._db.execute("UPDATE unsent_edits SET state = ?, problem = ? WHERE operation_id = ?",
                         [CONFLICT, problem, operation_id])

    def mark_unsent(self, operation_id: str) -> None:
        """Send a refused edit again (the coder asked to retry it)."""
        self._db.execute("UPDATE unsent_edits SET state = ?, problem = '' WHERE operation_id = ?",
                         [UNSENT, operation_id])

    def close(self) -> None:
        self._db.close()
