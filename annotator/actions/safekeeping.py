"""Copies, backups, restores and checks of a project file, for the window and the command line.

The work is in :mod:`annotator.storage.backups`, :mod:`annotator.storage.restore` and
:mod:`annotator.storage.integrity`; this is the one door both faces use.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.storage import Project, ProjectError
from annotator.storage.backups import Backup, backup_on_open, backups_folder, copy_database, list_backups, take_backup
from annotator.storage.connection import ProjectDatabase
from annotator.storage.failures import is_disk_full, write_blocker
from annotator.storage.integrity import CheckReport, check_file
from annotator.storage.restore import restore_backup

__all__ = [
    "Backup",
    "CheckReport",
    "backup_now",
    "backups_folder",
    "check_project",
    "list_backups",
    "checkpoint_if_changed",
    "is_project_file_path",
    "note_opened",
    "restore",
    "save_copy",
]


def save_copy(project: Project, destination: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write the open ``project`` to ``destination`` as one whole file (SQLite's backup API:
    consistent while the project is open, unsaved ``-wal`` pages included).

    Refuses the project's own file and, unless ``overwrite``, any existing file.
    """
    destination = Path(destination)
    if project.path is not None and destination.exists() and destination.resolve() == Path(project.path).resolve():
        raise ProjectError(f"{destination} is the project itself; choose another file")
    if destination.exists() and not overwrite:
        raise ProjectError(f"{destination} already exists; choose another name")
    if destination.is_dir():
        raise ProjectError(f"{destination} is a folder; give a file name")
    try:
        copy_database(project.db.conn, destination)
    except OSError as error:
        why = "the disk is full" if is_disk_full(error) else (error.strerror or str(error))
        raise ProjectError(f"cannot write {destination}: {why}; nothing was written") from error
    except Exception as error:
        why = "the disk is full" if is_disk_full(error) else str(error)
        raise ProjectError(f"cannot write {destination}: {why}; nothing was written") from error
    return destination


def backup_now(project: Project, reason: str = "manual") -> Path:
    """A backup into the project's backups folder, kept by the rotation like the others."""
    if project.path is None:
        raise ProjectError("an in-memory project has no file to back up")
    return take_backup(project.db.conn, Path(project.path), reason)


def note_opened(project_path: str | os.PathLike) -> Path | None:
    """The window opened the project file at ``project_path`` for work: a backup unless one was
    taken in the last hour. Uses a read-only connection of its own, so it may run in a worker
    thread while the window works (SQLite connections belong to their thread)."""
    import sqlite3

    path = Path(project_path)
    if not path.is_file() or write_blocker(path):
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return backup_on_open(conn, path)
    finally:
        conn.close()


def is_project_file_path(project: Project) -> bool:
    """Whether ``project`` lives in a local file (backups, copies and restores apply)."""
    return project.path is not None and isinstance(project.db, ProjectDatabase)


def checkpoint_if_changed(project: Project, seen: int) -> int:
    """Fold the ``-wal`` into the project file if anything was written since ``seen`` (a count
    from the last call); returns the count to pass next time."""
    now = project.changes_made()
    if now != seen and project.checkpoint():
        return now
    return seen if now != seen else now


def restore(project_path: str | os.PathLike, backup: str | os.PathLike) -> Path:
    """Put ``backup`` in place of the (closed) project; returns where the replaced file is kept."""
    return restore_backup(Path(project_path), Path(backup))


def check_project(path: str | os.PathLike) -> CheckReport:
    """Every check ``annotator check`` runs; never writes to the project."""
    return check_file(Path(path))
