"""Rotating backups of a project, and consistent copies of an open one.

Where: in a folder beside the project named after it — ``study.annotator`` keeps its backups in
``study.backups/`` — so they travel with the project's folder and are written on the same disk.
Each is a whole project file, ``study-<UTC time>-<reason>.annotator``, made with SQLite's online
backup API (consistent while the project is open, its ``-wal`` included).

When: on opening in the window (at most one an hour), and before every schema upgrade, import,
codebook import, merge and restore. Which are kept: the last :data:`KEEP_LATEST`, and the
newest of each of the last :data:`KEEP_DAYS` days; the rest are deleted, together with the
partial copies of backups that were interrupted. The file a restore replaced is kept aside in
the same folder (``-replaced``) and never deleted.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from annotator.storage.errors import DiskFullError, ProjectWriteError
from annotator.storage.failures import is_disk_full

KEEP_LATEST = 10
KEEP_DAYS = 7
OPEN_BACKUP_EVERY = timedelta(hours=1)
REPLACED = "replaced"  # a file a restore took out of place: never deleted
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?-(?P<reason>[a-z]+(?:-[a-z]+)*)\.annotator$")
_PARTIAL = re.compile(r"^\..+\.(?P<pid>\d+)\.partial$")


@dataclass(frozen=True)
class Backup:
    """One backup file; ``articles``/``annotations`` are None when it cannot be read."""

    path: Path
    taken_at: datetime
    reason: str
    size: int
    articles: int | None = None
    annotations: int | None = None


def backups_folder(project_path: Path) -> Path:
    """``study.backups`` beside ``study.annotator``."""
    project_path = Path(project_path)
    return project_path.with_name(f"{project_path.stem}.backups")


def take_backup(conn: sqlite3.Connection, project_path: Path, reason: str, *, now: datetime | None = None) -> Path:
    """Copy the project open on ``conn`` into its backups folder, then prune the folder.

    Raises :class:`ProjectWriteError` (no space, no permission): the caller must then not go on.
    """
    project_path = Path(project_path)
    folder = backups_folder(project_path)
    now = now or datetime.now(timezone.utc)
    target = _new_name(folder, project_path.stem, reason, now)
    try:
        folder.mkdir(exist_ok=True)
        copy_database(conn, target)
    except (sqlite3.Error, OSError) as error:
        if is_disk_full(error):
            raise DiskFullError(f"cannot write the backup {target}: the disk is full; nothing was changed") from error
        raise ProjectWriteError(f"cannot write the backup {target} ({error}); nothing was changed") from error
    prune(project_path, now=now)
    return target


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """Write the database open on ``conn`` to ``target`` as one whole file, atomically: the copy
    is made under a temporary name and renamed when complete, so a kill or a full disk never
    leaves a partial file at ``target``."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        destination = sqlite3.connect(partial)
        try:
            conn.backup(destination)
            # A copy that is one file at rest: no -wal to forget when it is mailed or copied.
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise


def backup_on_open(conn: sqlite3.Connection, project_path: Path, *, now: datetime | None = None) -> Path | None:
    """A backup when a project is opened for work, unless one was taken in the last hour."""
    now = now or datetime.now(timezone.utc)
    newest = next(iter(list_backups(project_path, counts=False)), None)
    if newest is not None and now - newest.taken_at < OPEN_BACKUP_EVERY:
        return None
    return take_backup(conn, project_path, "open", now=now)


def _taken_at(stamp: str) -> datetime:
    """``_STAMP`` read back (``20261202T003000Z``). Not ``datetime.strptime``: its first call
    imports _strptime and calendar and compiles locale patterns, milliseconds the window's
    start paid for listing the backups on opening. ValueError for an impossible date, as
    strptime would."""
    return datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]),
                    int(stamp[11:13]), int(stamp[13:15]), tzinfo=timezone.utc)


def list_backups(project_path: Path, *, counts: bool = True) -> list[Backup]:
    """The project's backups, newest first, with their article and annotation counts."""
    project_path = Path(project_path)
    folder = backups_folder(project_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or match["stem"] != project_path.stem or not path.is_file():
            continue
        taken = _taken_at(match["stamp"])
        articles, annotations = _counts(path) if counts else (None, None)
        found.append(Backup(path, taken, match["reason"], path.stat().st_size, articles, annotations))
    found.sort(key=lambda b: (b.taken_at, int(_NAME.match(b.path.name)["n"] or 1)), reverse=True)
    return found


def prune(project_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rotation no longer keeps, and partial copies left by interrupted
    backups; returns what was deleted. Files kept aside by a restore are never deleted."""
    now = now or datetime.now(timezone.utc)
    rotating = [b for b in list_backups(project_path, counts=False) if b.reason != REPLACED]
    keep = {b.path for b in rotating[:KEEP_LATEST]}
    newest_of_day: dict = {}
    for backup in rotating:  # newest first: the first seen of a day is its newest
        if now - backup.taken_at <= timedelta(days=KEEP_DAYS):
            newest_of_day.setdefault(backup.taken_at.date(), backup.path)
    keep |= set(newest_of_day.values())
    deleted = []
    for backup in rotating:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    deleted += _remove_interrupted(backups_folder(project_path), now)
    return deleted


def _remove_interrupted(folder: Path, now: datetime) -> list[Path]:
    removed = []
    for path in folder.glob(".*.partial*"):
        match = _PARTIAL.match(path.name.removesuffix("-journal"))
        if match is None:
            continue
        age = now.timestamp() - path.stat().st_mtime
        if not _alive(int(match["pid"])) or age > 24 * 3600:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _new_name(folder: Path, stem: str, reason: str, now: datetime) -> Path:
    stamp = now.strftime(_STAMP)
    candidate = folder / f"{stem}-{stamp}-{reason}.annotator"
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = folder / f"{stem}-{stamp}-{counter}-{reason}.annotator"
    return candidate


def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
        try:
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            annotations = conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None, None
    return articles, annotations


def backup_copy(project, reason: str = "before-merge") -> Path | None:
    """A rotating backup of an open ``project`` (None for an in-memory project)."""
    return backup_before(project.db, reason)


def backup_before(db, reason: str) -> Path | None:
    """A rotating backup of the project open on ``db`` before an operation that changes much
    at once (None for an in-memory or read-only project, where nothing will be written)."""
    path = getattr(db, "path", None)
    if path is None or getattr(db, "read_only_reason", None) is not None:
        return None
    return take_backup(db.conn, Path(path), reason)
