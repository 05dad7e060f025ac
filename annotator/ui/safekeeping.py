"""File > Save a copy… and File > Restore from backup…, the backup taken on opening, and the
checkpoint when the window is idle, so the project file is whole whenever the user is not
typing (a plain copy of it then misses nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from annotator.actions import safekeeping

# Poll for writes this often; fold them into the file once none came for IDLE_POLLS polls.
POLL_MS = 1000
IDLE_POLLS = 2


class Safekeeping(QObject):
    """The window's copies, restores, backup on opening and idle checkpoints."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.project = window.session.project
        self.enabled = safekeeping.is_project_file_path(self.project)
        self._seen = self.project.changes_made()
        self._last = self._seen
        self._quiet = 0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.opening_backup = None  # the Task taking the backup on opening
        if self.enabled:
            self.timer.start()
            if not window.session.read_only:
                path = self.project.path
                # Off the GUI thread, through a read-only connection of its own; a backup that
                # cannot be made must not stop the work (the next backup says why).
                self.opening_backup = window.runner.start(
                    lambda _project, _progress, _cancelled: safekeeping.note_opened(path), failed=lambda _error: None
                )
        # Tests answer these instead of a file dialog / list.
        self.ask_copy_path = self._ask_copy_path
        self.ask_backup = self._ask_backup

    def poll(self) -> None:
        now = self.project.changes_made()
        if now != self._last:
            self._last, self._quiet = now, 0
            return
        self._quiet += 1
        if self._quiet >= IDLE_POLLS and now != self._seen:
            self._seen = safekeeping.checkpoint_if_changed(self.project, self._seen)

    def stop(self) -> None:
        self.timer.stop()

    # -- File > Save a copy… ----------------------------------------------------------------

    def save_copy(self) -> None:
        if not self.enabled:
            return
        self.window.session.commit_pending()
        target = self.ask_copy_path()
        if not target:
            return
        try:
            written = safekeeping.save_copy(self.project, target, overwrite=True)
        except safekeeping.ProjectError as error:
            self.window.prompts.error(self.window, "Cannot save a copy", str(error))
            return
        self.window.statusBar().showMessage(f"Saved a copy: {written}", 8000)

    def _ask_copy_path(self) -> str | None:
        suggestion = str(Path(self.project.path).with_name(f"{Path(self.project.path).stem} copy.annotator"))
        path, _ = QFileDialog.getSaveFileName(self.window, "Save a copy", suggestion, "annotator projects (*.annotator)")
        return path or None

    # -- File > Restore from backup… -------------------------------------------------------

    def restore(self) -> None:
        if not self.enabled:
            return
        path = Path(self.project.path)
        backups = safekeeping.list_backups(path)
        if not backups:
            self.window.prompts.error(
                self.window, "No backups", f"There are no backups of {path.name} yet (they go in {safekeeping.backups_folder(path)})."
            )
            return
        chosen = self.ask_backup(backups)
        if chosen is None:
            return
        question = (
            f"Replace {path.name} by the backup of {chosen.taken_at:%Y-%m-%d %H:%M} UTC "
            f"({_counts(chosen)})?\n\nThe current file is kept in {safekeeping.backups_folder(path).name}/ "
            "and is never deleted."
        )
        if not self.window.prompts.confirm(self.window, "Restore from backup", question):
            return
        controller, window = self.window.controller, self.window
        window._show_start_on_close = False
        window.close()  # saves a pending note and closes the project's connection
        try:
            aside = safekeeping.restore(path, chosen.path)
        except safekeeping.ProjectError as error:
            window.prompts.error(None, "Cannot restore", str(error))
            aside = None
        if controller is not None:
            reopened = controller.open_project(path)
            if reopened is not None and aside is not None:
                reopened.statusBar().showMessage(f"Restored the backup; the replaced file is kept at {aside}", 15000)

    def _ask_backup(self, backups):
        dialog = BackupList(backups, self.window)
        return dialog.chosen() if dialog.exec() else None


def _counts(backup) -> str:
    if backup.articles is None:
        return "cannot be read"
    return f"{backup.articles} articles, {backup.annotations} annotations"


def _size(size: int) -> str:
    return f"{size / 1024**2:.1f} MB" if size >= 1024**2 else f"{size / 1024:.0f} KB"


class BackupList(QDialog):
    """The project's backups, newest first: pick one to restore."""

    def __init__(self, backups, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.backups = list(backups)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Backups in {self.backups[0].path.parent} (newest first):"))
        self.table = QTableWidget(len(self.backups), 5, self)
        self.table.setHorizontalHeaderLabels(["Taken (UTC)", "Why", "Size", "Articles", "Annotations"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, backup in enumerate(self.backups):
            cells = [
                f"{backup.taken_at:%Y-%m-%d %H:%M:%S}", backup.reason.replace("-", " "), _size(backup.size),
                "?" if backup.articles is None else str(backup.articles),
                "?" if backup.annotations is None else str(backup.annotations),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Restore…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def chosen(self):
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None
