"""Where the export dialog writes: the default folder, the file picker, and the file manager.

The default used to be the project's own folder. For ``--demo`` that is a temporary folder,
deleted on quit without a word, and the exported CSVs went with it (issue 13). Now it is the
folder last exported to, else the user's documents folder, and never a temporary folder: a
temporary destination the user types is allowed, but the dialog says it will vanish and does
not remember it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.actions.export_formats import ExportFormat

TEMPORARY_NOTE = ("This folder is temporary (the demo's, or the system's): it may be deleted "
                  "when annotator quits. Choose another folder to keep the export.")


def documents_folder() -> Path:
    """The user's documents folder (``~/Documents`` or the desktop's own), else home."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def temporary_roots() -> list[Path]:
    roots = {Path(tempfile.gettempdir()).resolve()}
    qt_temp = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
    if qt_temp:
        roots.add(Path(qt_temp).resolve())
    return sorted(roots)


def is_temporary(path: Path) -> bool:
    """Whether ``path`` lies in the system's temporary folder (the demo's project lives there)."""
    try:
        resolved = Path(path).expanduser().resolve()
    except OSError:
        return False
    return any(resolved == root or root in resolved.parents for root in temporary_roots())


class ExportFolders:
    """The default export folder over the user's settings (``last_export_folder``).

    ``documents`` and ``temporary`` are injectable so tests can place the documents folder and
    call a folder temporary without touching the real ones.
    """

    def __init__(self, settings=None, documents: Callable[[], Path] | None = None,
                 temporary: Callable[[Path], bool] | None = None):
        self.settings = settings
        self._documents = documents or (lambda: documents_folder())
        self.is_temporary = temporary or (lambda path: is_temporary(path))

    def default(self) -> Path:
        """The folder last exported to (if it still exists and is not temporary), else the
        documents folder."""
        last = getattr(self.settings, "last_export_folder", "") if self.settings is not None else ""
        if last and Path(last).is_dir() and not self.is_temporary(Path(last)):
            return Path(last)
        return self._documents()

    def remember(self, folder: Path) -> None:
        """An export was written in ``folder``: offer it next time (not a temporary one)."""
        if self.settings is not None and not self.is_temporary(folder):
            self.settings.last_export_folder = str(folder)


def choose_with_file_dialog(parent: QWidget, choice: ExportFormat, current: str) -> str | None:
    if not choice.file_filter:
        path = QFileDialog.getExistingDirectory(parent, "Export into folder", str(Path(current).parent))
        return str(Path(path) / Path(current).name) if path else None
    path, _ = QFileDialog.getSaveFileName(parent, "Export to", current, f"{choice.file_filter};;All files (*)")
    return path or None


def open_folder(folder: str) -> bool:
    """Show ``folder`` in the desktop's file manager; False when none answered (a bare X
    session, a server without a desktop): the dialog then says where the files are."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(folder)))
