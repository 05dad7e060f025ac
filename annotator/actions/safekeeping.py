"""Copies, backups, restores and checks of a project file, for the window and the command line.

The work is in :mod:`annotator.storage.backups`, :mod:`annotator.storage.restore` and
:mod:`annotator.storage.integrity`; this is the one door both faces use.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.storage import Project, ProjectError
from annotator.storage.backups import Backup, backup_on_open, backups_folder, copy_database, list_backups, take_backup
from annotator.storage.failures import is_disk_full
from annotator.storage.integrity import CheckReport, check_file
from annotator.storage.restore import restore_backup

__all__ = [
    "Backup",
    "CheckReport",
    "backup_now",
    "backups_folder",
    "check_project",
    "list_backups",
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


def note_opened(project: Project) -> Path | None:
    """The window opened ``project`` for work: a backup unless one was taken in the last hour."""
    if project.path is None or project.read_only:
        return None
    return backup_on_open(project.db.conn, Path(project.path))


def restore(project_path: str | os.PathLike, backup: str | os.PathLike) -> Path:
    """Put ``backup`` in place of the (closed) project; returns where the replaced file is kept."""
    return restore_backup(Path(project_path), Path(backup))


def check_project(path: str | os.PathLike) -> CheckReport:
    """Every check ``annotator check`` runs; never writes to the project."""
    return check_file(Path(path))
