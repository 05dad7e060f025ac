"""A consistent copy of an open project file, made with SQLite's online backup API (safe while
the project is open, WAL included), before an operation that changes much at once."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from annotator.storage.errors import ProjectError


def backup_path(path: Path, reason: str) -> Path:
    """``<name>.<reason>-<UTC timestamp>.annotator`` beside ``path``, not yet taken."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.stem}.{reason}-{stamp}-{counter}{path.suffix}")
    return candidate


def backup_copy(project, reason: str = "before-merge") -> Path | None:
    """Copy ``project`` beside its file; returns the copy's path (None for an in-memory project).

    Raises :class:`ProjectError` when the copy cannot be written (no space, no permission):
    the caller must then not go on.
    """
    if project.path is None:
        return None
    target = backup_path(Path(project.path), reason)
    try:
        destination = sqlite3.connect(target)
        try:
            project.db.conn.backup(destination)
        finally:
            destination.close()
    except (sqlite3.Error, OSError) as error:
        target.unlink(missing_ok=True)
        raise ProjectError(f"cannot write the backup {target} ({error}); nothing was changed") from error
    return target
