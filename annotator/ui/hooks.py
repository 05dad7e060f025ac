"""Dialogs other parts of the app provide, opened from the File menu when they are installed.

``annotator.ui.export_dialog.open_export_dialog(parent, session)`` and
``annotator.ui.merge_dialog.open_merge_dialog(parent, session)``; until a module exists, its menu
item is disabled and points to the command line.
"""

from __future__ import annotations

import importlib
import importlib.util

from PySide6.QtWidgets import QMessageBox, QWidget

_MODULES = {
    "export": ("annotator.ui.export_dialog", "open_export_dialog", "annotator export"),
    "merge": ("annotator.ui.merge_dialog", "open_merge_dialog", "annotator merge"),
}


def available(name: str) -> bool:
    """Whether the dialog's module is installed (found, not imported: the window opens faster)."""
    return importlib.util.find_spec(_MODULES[name][0]) is not None


def _open(name: str, parent: QWidget, session, **kwargs) -> None:
    module, function, command = _MODULES[name]
    opener = getattr(importlib.import_module(module), function, None) if available(name) else None
    if opener is None:
        QMessageBox.information(parent, "Not available yet", f"Use the command line: {command} --help")
        return
    opener(parent, session, **kwargs)


def open_export_dialog(parent: QWidget, session, runner=None) -> None:
    _open("export", parent, session, runner=runner)


def open_merge_dialog(parent: QWidget, session) -> None:
    _open("merge", parent, session)
