"""Which other processes have a project open or hold its write lock.

In WAL mode SQLite keeps its locks on the ``-shm`` side file: every open connection holds a
shared lock on one byte (the "DMS" byte, offset 128) for as long as it is open, and the writer
holds an exclusive lock on offset 120. Linux lists every process's locks in ``/proc/locks``;
reading that list takes no lock of our own (opening and closing the file to test a lock with
``fcntl`` would drop our own process's SQLite locks on it — POSIX locks belong to the
process). Elsewhere the answers are "unknown" (None / empty) and messages say "another
program".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_WAL_WRITE_LOCK_BYTE = 120
_DMS_BYTE = 128
_PROC_LOCKS = Path("/proc/locks")


@dataclass(frozen=True)
class Holder:
    pid: int
    command: str

    def describe(self) -> str:
        return f"process {self.pid} ({self.command})" if self.command else f"process {self.pid}"


def writer_of(path: Path) -> Holder | None:
    """The other process holding the project's write lock, if one is known."""
    holders = _lockers(path, _WAL_WRITE_LOCK_BYTE, exclusive_only=True)
    return holders[0] if holders else None


def others_with_open(path: Path) -> list[Holder]:
    """Other processes that have the project open (empty when none, or when unknown)."""
    return _lockers(path, _DMS_BYTE, exclusive_only=False)


def _lockers(path: Path, byte: int, *, exclusive_only: bool) -> list[Holder]:
    shm = Path(path).with_name(Path(path).name + "-shm")
    try:
        info = os.stat(shm)
        lines = _PROC_LOCKS.read_text().splitlines()
    except OSError:
        return []
    inode = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    own = os.getpid()
    pids: list[int] = []
    for line in lines:
        fields = line.split()
        if "->" in fields:  # a waiting request, not a held lock
            continue
        try:
            kind, mode, pid, where, start, end = fields[1], fields[3], int(fields[4]), fields[5], fields[6], fields[7]
        except (IndexError, ValueError):
            continue
        if kind != "POSIX" or where != inode or pid == own or pid in pids:
            continue
        if exclusive_only and mode != "WRITE":
            continue
        last = int(end) if end != "EOF" else 1 << 62
        if int(start) <= byte <= last:
            pids.append(pid)
    return [Holder(pid, _command_of(pid)) for pid in pids]


def _command_of(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    words = [w.decode(errors="replace") for w in raw.split(b"\0") if w]
    # "python -m annotator import x" or ".../bin/annotator import x" reads as "annotator import x".
    for index, word in enumerate(words):
        if Path(word).name == "annotator" or word == "annotator.cli.main":
            words = ["annotator", *words[index + 1 :]]
            break
    text = " ".join(Path(words[0]).name if i == 0 else w for i, w in enumerate(words)) if words else ""
    return " ".join(text.split())[:80]
