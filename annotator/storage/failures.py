"""Turn SQLite's generic errors into one line naming the cause and the file.

SQLite reports "attempt to write a readonly database", "database or disk is full" or
"database is locked" without saying which file, or why. :func:`explain` looks at the file, its
folder and its side files and says which of them is in the way (read-only permissions, the
immutable flag, a read-only disk, a full disk, another process writing).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from annotator.storage.errors import (
    DiskFullError,
    ProjectLockedError,
    ProjectWriteError,
    ReadOnlyProjectError,
)
from annotator.storage.holders import writer_of

# SQLite's primary result codes (the low byte of the extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN = 3, 5, 6, 8, 10, 13, 14
EXPLAINED_CODES = {_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _FULL, _CANTOPEN}


def is_explained(error: BaseException) -> bool:
    """Whether :func:`explain` has a better line for ``error`` than SQLite's own."""
    return isinstance(error, sqlite3.OperationalError) and _code(error) in EXPLAINED_CODES


def explain(
    error: sqlite3.Error, path: Path | None, *, busy_seconds: float = 0, read_only_reason: str | None = None
) -> ProjectWriteError:
    """The :class:`ProjectWriteError` subclass for ``error`` raised on the project at ``path``
    (``read_only_reason``: why the project was opened read-only, if it was)."""
    name = str(path) if path else "the project"
    code = _code(error)
    if code in (_BUSY, _LOCKED):
        holder = writer_of(path) if path else None
        who = holder.describe() if holder else "another program"
        waited = f" for {busy_seconds:g} s" if busy_seconds else ""
        return ProjectLockedError(
            f"cannot save to {name}: {who} is writing to it (waited{waited}); "
            "try again when it has finished"
        )
    if code == _FULL or _is_disk_full(error):
        return DiskFullError(f"cannot save to {name}: the disk is full; free some space and try again")
    blocker = read_only_reason or (write_blocker(path) if path else None)
    if blocker or code in (_READONLY, _PERM):
        return ReadOnlyProjectError(f"cannot save to {name}: {blocker or 'the file is read-only'}")
    return ProjectWriteError(f"cannot save to {name}: {error}")


def write_blocker(path: Path) -> str | None:
    """Why ``path`` (an existing project file) cannot be written, or None if it can.

    Checks the file, the folder (SQLite writes ``-wal``/``-shm`` side files beside the project
    while it is open) and the side files themselves. Reads only.
    """
    path = Path(path)
    if _read_only_disk(path):
        return "the disk it is on is read-only"
    if not os.access(path, os.W_OK):
        if _immutable(path):
            return "the file is marked immutable (chattr +i); only its owner can clear that"
        return "the file is read-only (its permissions); make it writable, or Save a copy elsewhere"
    folder = path.parent
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if side.exists() and not os.access(side, os.W_OK):
            return f"its side file {side.name} is read-only"
    if not os.access(folder, os.W_OK | os.X_OK):
        if not all(s.exists() for s in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))):
            return f"its folder {folder} is read-only (annotator writes {path.name}-wal beside it while it is open)"
    return None


def folder_blocker(folder: Path) -> str | None:
    """Why a new file cannot be created in ``folder``, or None."""
    if _read_only_disk(folder):
        return f"the disk holding {folder} is read-only"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only"
    return None


def is_disk_full(error: BaseException) -> bool:
    """Whether an ``OSError`` or SQLite error says the disk is full."""
    import errno

    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    return isinstance(error, sqlite3.Error) and (_code(error) == _FULL or _is_disk_full(error))


def _is_disk_full(error: sqlite3.Error) -> bool:
    return "disk is full" in str(error) or "No space left" in str(error)


def _code(error: BaseException) -> int:
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def _read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _immutable(path: Path) -> bool:
    # lsattr runs in its own process: opening the file here would drop this process's SQLite
    # locks on it when the descriptor closes (POSIX locks belong to the process). subprocess
    # is imported here, on this failure path only: every command's start would pay it.
    import subprocess

    try:
        out = subprocess.run(["lsattr", "-d", str(path)], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    flags = out.split(" ", 1)[0]
    return "i" in flags
