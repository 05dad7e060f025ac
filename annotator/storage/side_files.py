"""The ``-wal`` side file: SQLite's log of recent commits, which belongs to exactly one
project file.

While the project is open, commits go to ``study.annotator-wal`` first and reach the main file
at the next checkpoint (the window checkpoints when idle and on close). A ``-wal`` left behind by
a crash belongs to its file and is replayed when the project is next opened — that is how no
saved edit is lost. But a ``-wal`` next to a *different* file (a backup copied over the project
with ``cp`` while the old ``-wal`` stayed) is replayed just the same and mixes two versions'
pages into a malformed project. SQLite cannot tell the two apart; replaying it in a read-only
view and checking the result can.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from annotator.storage.errors import DamagedProjectError
from annotator.storage.holders import others_with_open
from annotator.storage.integrity import UNFINISHED, quick_check

_WAL_MAGIC = (0x377F0682, 0x377F0683)
# A leftover -wal is rare and its check decides whether the project is damaged: give it longer.
LEFTOVER_WAL_BUDGET_SECONDS = 5.0


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def has_pending_wal(path: Path) -> bool:
    wal = wal_path(path)
    return wal.exists() and wal.stat().st_size > 0


def check_leftover_wal(path: Path) -> None:
    """Raise :class:`DamagedProjectError` if a ``-wal`` beside ``path`` does not belong to it.

    A ``-wal`` that a running process is using is not a leftover and is left alone. Reads only
    (SQLite may create a ``-shm`` beside the file for the read-only view).
    """
    if not has_pending_wal(path) or others_with_open(path):
        return
    wal = wal_path(path)
    if not _valid_header(wal):
        return  # SQLite ignores a -wal without a valid header
    if _wal_page_size(wal) != _db_page_size(path):
        raise _foreign(path, "its page size differs from the project's")
    uri = path.resolve().as_uri()
    with_wal = _check(f"{uri}?mode=ro")
    if with_wal in ("ok", UNFINISHED):
        return
    without_wal = _check(f"{uri}?immutable=1")
    if without_wal in ("ok", UNFINISHED):
        raise _foreign(path, f"with it the project reads as damaged: {with_wal}")
    raise DamagedProjectError(
        f"{path} is damaged ({without_wal}); list its backups with: annotator backups {path}"
    )


def _foreign(path: Path, why: str) -> DamagedProjectError:
    wal = wal_path(path)
    return DamagedProjectError(
        f"{wal.name} beside {path} does not belong to it ({why}); the project was left as it "
        f"was: move {wal.name} (and {shm_path(path).name}) to another folder, then open it again"
    )


def _check(uri: str) -> str:
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            return quick_check(conn, LEFTOVER_WAL_BUDGET_SECONDS)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return str(error)


def _valid_header(wal: Path) -> bool:
    with wal.open("rb") as handle:
        header = handle.read(32)
    return len(header) == 32 and struct.unpack(">I", header[:4])[0] in _WAL_MAGIC


def _wal_page_size(wal: Path) -> int:
    with wal.open("rb") as handle:
        return struct.unpack(">I", handle.read(12)[8:12])[0]


def _db_page_size(path: Path) -> int:
    with path.open("rb") as handle:
        raw = struct.unpack(">H", handle.read(18)[16:18])[0]
    return 65536 if raw == 1 else raw
