"""Hearing what colleagues change on the server: the ``annotator_changes`` notifications.

A listener holds a connection of its own (notifications arrive on the connection that
listens); its socket can be watched by an event loop, and :meth:`poll` returns what arrived
without waiting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from annotator.storage.pg.connection import connect
from annotator.storage.pg.schema import CHANNEL


@dataclass(frozen=True)
class ServerChange:
    """One row changed on the server: its table, INSERT/UPDATE/DELETE, its id, its article."""

    table: str
    op: str
    id: str
    article_id: str


class ChangeListener:
    def __init__(self, url: str):
        self.conn = connect(url, autocommit=True)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return self.conn.pgconn.socket

    @property
    def lost(self) -> bool:
        """True once the connection dropped: listen again with a new listener."""
        return self.conn.broken or self.conn.closed

    def poll(self) -> list[ServerChange]:
        """The changes announced since the last call (none: an empty list, at once; also when
        the connection dropped — then :attr:`lost` is true)."""
        import psycopg

        out = []
        try:
            notes = list(self.conn.notifies(timeout=0))
        except psycopg.OperationalError:
            return []
        for note in notes:
            try:
                body = json.loads(note.payload)
                out.append(ServerChange(body["table"], body["op"], body.get("id", ""), body.get("article_id", "")))
            except (ValueError, KeyError):
                continue  # not ours
        return out

    def close(self) -> None:
        self.conn.close()
