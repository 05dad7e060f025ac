"""The ids of edits already stored, so an edit sent twice is applied once.

Written in the same transaction as the edit itself: if the id is here, the edit is too, even
when the server's acknowledgement of its COMMIT never reached the window.
"""

from __future__ import annotations

from annotator.core.model import now_iso


class AppliedOperations:
    def __init__(self, db):
        self.db = db

    def was_applied(self, operation_id: str) -> bool:
        """True when the edit ``operation_id`` is already stored."""
        return self.db.execute("SELECT 1 FROM applied_operations WHERE id = ?", [operation_id]).fetchone() is not None

    def record(self, operation_id: str, coder: str, label: str = "") -> None:
        """Remember ``operation_id`` (call inside the edit's own transaction)."""
        self.db.execute(
            "INSERT INTO applied_operations(id, coder, label, applied_at) VALUES (?, ?, ?, ?)",
            [operation_id, coder, label, now_iso()],
        )
