"""Put a backup in place of a project: refused while another process has the project open; the
file it replaces is first copied aside into the backups folder (``-replaced``), never deleted."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from annotator.storage.backups import REPLACED, _new_name, backups_folder, copy_database, prune
from annotator.storage.errors import DamagedProjectError, ProjectLockedError, ProjectWriteError
from annotator.storage.failures import folder_blocker, is_disk_full, write_blocker
from annotator.storage.holders import others_with_open
from annotator.storage.integrity import quick_check
from annotator.storage.side_files import shm_path, wal_path


def restore_backup(project_path: Path, backup: Path) -> Path:
    """Replace the project at ``project_path`` by the project file ``backup``; returns where the
    replaced file was kept. The caller must have closed its own connection to the project."""
    from annotator.storage.project import check_project_file

    project_path, backup = Path(project_path), Path(backup)
    holders = others_with_open(project_path)
    if holders:
        raise ProjectLockedError(
            f"cannot restore {project_path}: {holders[0].describe()} has it open; close it there first"
        )
    check_project_file(backup)
    _check_whole(backup)
    blocker = write_blocker(project_path) if project_path.exists() else folder_blocker(project_path.parent)
    if blocker:
        raise ProjectWriteError(f"cannot restore {project_path}: {blocker}", "read-only")
    folder = backups_folder(project_path)
    folder.mkdir(exist_ok=True)
    now = datetime.now(timezone.utc)
    aside = _new_name(folder, project_path.stem, REPLACED, now)
    incoming = project_path.with_name(f".{project_path.name}.restoring-{os.getpid()}")
    try:
        if project_path.exists():
            _keep_aside(project_path, aside)
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            copy_database(source, incoming)
        finally:
            source.close()
        # The replaced file's side files belong to it, not to the backup coming in.
        for side in (wal_path(project_path), shm_path(project_path)):
            side.unlink(missing_ok=True)
        os.replace(incoming, project_path)
    except (sqlite3.Error, OSError) as error:
        incoming.unlink(missing_ok=True)
        why = "the disk is full" if is_disk_full(error) else str(error)
        raise ProjectWriteError(f"cannot restore {project_path}: {why}; the project was not changed") from error
    prune(project_path, now=now)
    return aside


def _keep_aside(project_path: Path, aside: Path) -> None:
    """A consistent copy of the current project (its pending ``-wal`` included)."""
    try:
        current = sqlite3.connect(project_path)
        try:
            current.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            copy_database(current, aside)
        finally:
            current.close()
    except sqlite3.DatabaseError:
        # A damaged project cannot be read page by page: keep its bytes as they are.
        import shutil

        shutil.copyfile(project_path, aside)
        if wal_path(project_path).exists():
            shutil.copyfile(wal_path(project_path), aside.with_name(aside.name + "-wal"))


def _check_whole(backup: Path) -> None:
    conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        verdict = quick_check(conn, budget_seconds=60)
    except sqlite3.DatabaseError as error:
        verdict = str(error)
    finally:
        conn.close()
    if verdict not in ("ok", "unfinished"):
        raise DamagedProjectError(f"{backup} is damaged ({verdict}); choose another backup")
