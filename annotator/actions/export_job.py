"""What an export writer is handed, and what it hands back: the filters and options the user
chose, the report it fills in, and the staging of files so that a failed or cancelled export
leaves no half-written file behind (and never damages an earlier export of the same name).

Light on purpose: the format registry imports this at CLI start-up, so nothing here imports
storage or a format's code.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from annotator.core.model import Status
from annotator.core.passages import PassageFilter


class ExportError(Exception):
    """An export that cannot be made; the message is one line a researcher can act on."""


@dataclass
class ExportReport:
    format: str
    destination: str
    annotations: int = 0
    articles: int = 0
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class ExportFilters:
    """Which annotations: None means all. Tags are resolved to ids already."""

    annotators: list[str] | None
    tag_ids: list[str] | None
    status: Status | None
    passages: PassageFilter | None = None  # the passage browser's filter ("passages" format only)

    def where(self) -> dict:
        """The keyword arguments of the ``export_queries`` functions."""
        return dict(annotators=self.annotators, tag_ids=self.tag_ids, status=self.status)


@dataclass
class ExportOptions:
    """How to write. Each format reads the options it declares in the registry
    (:attr:`ExportFormat.options`); ``export()`` refuses the others."""

    excel: bool = False
    formula_guard: bool = True
    articles_csv: str | os.PathLike | None = None
    by_annotator: bool = False
    progress: Callable[[int, int], None] | None = None
    cancelled: Callable[[], bool] | None = None
    parallel: bool = True

    def csv_encoding(self) -> str:
        # Excel reads a BOM-less CSV in the machine's legacy code page; the BOM makes it read UTF-8.
        return "utf-8-sig" if self.excel else "utf-8"


# Exported files follow the user's umask, as any file they save would (mkstemp makes 0600 files,
# which colleagues on a shared machine cannot read).
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def normal_permissions(path: str | os.PathLike) -> None:
    """Give ``path`` the mode a newly created file gets (0666 less the umask)."""
    try:
        os.chmod(path, 0o666 & ~_umask())
    except OSError:
        pass  # a file system without modes (FAT, some network shares): nothing to fix


class Staged:
    """Files written under temporary names beside their destinations, which replace the
    destinations together when the block ends without error, and vanish otherwise."""

    def __init__(self) -> None:
        self._files: list[tuple[Path, Path, TextIO]] = []

    def open(self, destination: Path, encoding: str) -> TextIO:
        if destination.is_dir():
            raise ExportError(f"{destination} is a folder; give a file name")
        folder = destination.parent
        if not folder.is_dir():
            raise ExportError(f"folder {folder} does not exist")
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".part", dir=folder)
        except OSError as error:
            raise ExportError(f"cannot write in {folder} ({error.strerror})") from error
        handle = open(fd, "w", encoding=encoding, newline="")
        self._files.append((Path(temp), destination, handle))
        return handle

    def __enter__(self) -> "Staged":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        try:
            for _, _, handle in self._files:
                handle.close()
            if kind is None:
                for temp, destination, _ in self._files:
                    normal_permissions(temp)
                    os.replace(temp, destination)
        finally:
            for temp, _, _ in self._files:
                temp.unlink(missing_ok=True)


@contextmanager
def replacing(destination: Path, encoding: str):
    """A text file that becomes ``destination`` only if the block finishes without error."""
    with Staged() as staged:
        yield staged.open(destination, encoding)
