"""Reading a file's bytes with the checks every reader needs: size limit, permissions."""

from __future__ import annotations

from pathlib import Path

from annotator.core.importing.problems import MB, ImportProblem


def check_size(path: Path, limit: int) -> int:
    """The file's size; raise :class:`ImportProblem` if it is empty or larger than ``limit``."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportProblem(f"unreadable ({error.strerror or error})") from error
    if size == 0:
        raise ImportProblem("empty file (0 bytes)")
    if size > limit:
        raise ImportProblem(
            f"larger than the limit ({size / MB:.1f} MB; at most {limit / MB:.0f} MB per file)"
        )
    return size


def read_limited(path: Path, limit: int) -> bytes:
    """The whole file, refusing empty files and files over ``limit`` bytes before reading."""
    check_size(path, limit)
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except PermissionError as error:
        raise ImportProblem("unreadable (permission denied)") from error
    except OSError as error:
        raise ImportProblem(f"unreadable ({error.strerror or error})") from error


def is_hidden(path: Path) -> bool:
    """Dot files and folders (``.DS_Store``, ``.git``) and editor backups (``notes.txt~``)."""
    return path.name.startswith(".") or path.name.endswith("~") or path.name.startswith("~$")
