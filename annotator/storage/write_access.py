"""Whether a project file can take writes at all, asked before the first edit rather than after."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.storage._sqlite_utils import Database


def why_not_writable(db: Database, path: Path | None) -> str | None:
    """Why nothing can be written to this project, or None when writes can go ahead.

    A connection set ``query_only``, a file without write permission, or a folder without it
    (SQLite writes its ``-wal`` and ``-shm`` files beside the project) accepts no edit.
    """
    reason = getattr(db, "read_only_reason", None)  # what Project.open found (immutable, disk...)
    if reason:
        return reason
    try:
        if db.execute("PRAGMA query_only").fetchone()[0]:
            return "it was opened read-only"
    except Exception:  # a closed connection: the first write will say why
        return None
    if path is None:
        return None
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path.name} is read-only"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return None
