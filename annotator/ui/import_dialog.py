"""File > Import… and files dropped on the window: import in a worker thread with a progress
dialog that can be cancelled, then list what failed.

The worker opens its own connection to the project file (SQLite connections belong to the
thread that made them); the window's connection sees the new articles once each batch commits.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class _ImportWorker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(self, project_path: Path, paths: list[str], cancel: threading.Event):
        super().__init__()
        self.project_path, self.paths, self.cancel = project_path, paths, cancel

    def run(self) -> None:
        from annotator.actions.import_files import import_paths
        from annotator.storage.project import Project

        try:
            with Project.open(self.project_path) as project:
                report = import_paths(
                    project, self.paths,
                    progress=lambda done, total, path: self.progressed.emit(done, total, str(path)),
                    cancelled=self.cancel.is_set,
                )
        except Exception as error:  # shown in a dialog: the import must never crash the window
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.finished.emit(report)


class ImportController(QObject):
    """Runs one import at a time for a window; emits ``done(report)`` when it ends."""

    done = Signal(object)

    def __init__(self, session, parent: QWidget, prompts):
        super().__init__(parent)
        self.session, self.window, self.prompts = session, parent, prompts
        self._thread: QThread | None = None
        self._worker: _ImportWorker | None = None
        self._cancel = threading.Event()
        self.progress: QProgressDialog | None = None

    def running(self) -> bool:
        return self._thread is not None

    def start(self, paths: list[str]) -> bool:
        paths = [p for p in paths if p]
        if not paths or self.running():
            return False
        project = self.session.project
        if project.path is None:  # an in-memory project has no file another thread can open
            from annotator.actions.import_files import import_paths

            self._finish(import_paths(project, paths))
            return True
        self._cancel.clear()
        self.progress = QProgressDialog("Looking for articles…", "Cancel", 0, 0, self.window)
        self.progress.setWindowTitle("Importing")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self._thread = QThread(self)
        self._worker = _ImportWorker(project.path, paths, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._progressed)
        self._worker.finished.connect(self._finish)
        self._worker.failed.connect(self._failed)
        self._thread.start()
        return True

    def cancel(self) -> None:
        self._cancel.set()
        if self.progress is not None:
            self.progress.setLabelText("Cancelling after the current file…")

    def wait(self, ms: int = 30_000) -> None:
        """Block until the worker thread has ended (for closing the window mid-import)."""
        if self._thread is not None:
            self._cancel.set()
            self._thread.wait(ms)

    def _progressed(self, done: int, total: int, path: str) -> None:
        progress = self.progress
        if progress is None or self._cancel.is_set():
            return
        # setValue on a modal progress dialog runs the event loop, which may finish the import
        # (and drop self.progress) before it returns: keep using the local reference.
        progress.setLabelText(f"Importing {Path(path).name} ({done:,} of {total:,})")
        progress.setMaximum(total)
        progress.setValue(done)

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
            self._worker.deleteLater()
        self._thread = self._worker = None
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.close()
            progress.deleteLater()

    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.prompts.error(self.window, "Import failed", message)

    def _finish(self, report) -> None:
        self._stop_thread()
        if report.added_ids or report.annotations_added:
            self.session.notify_articles_imported(list(report.added_ids))
        if report.annotations_added:
            self.session.reload_codebook()  # an exchange file may bring its own tags
        message = summary(report)
        if hasattr(self.window, "statusBar"):
            self.window.statusBar().showMessage(message, 10_000)
        if report.failures:
            self.prompts.show_dialog(ImportReportDialog(report, self.window))
        self.done.emit(report)


def summary(report) -> str:
    parts = [f"Imported {report.articles_added:,} article{'s' if report.articles_added != 1 else ''}"]
    if report.duplicates_skipped:
        parts.append(f"{report.duplicates_skipped:,} already in the project")
    if report.annotations_added:
        parts.append(f"{report.annotations_added:,} annotations")
    if report.failures:
        parts.append(f"{len(report.failures):,} could not be imported")
    text = ", ".join(parts)
    return text + (" (cancelled)" if report.cancelled else "")


class ImportReportDialog(QDialog):
    """What was imported and, one per row, each file that was not and why."""

    def __init__(self, report, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import finished")
        self.table = QTableWidget(len(report.failures), 2)
        self.table.setHorizontalHeaderLabels(["File", "Why it was not imported"])
        for row, (path, reason) in enumerate(report.failures):
            file_item = QTableWidgetItem(Path(path).name)
            file_item.setToolTip(path)
            self.table.setItem(row, 0, file_item)
            self.table.setItem(row, 1, QTableWidgetItem(reason))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(summary(report) + "."))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def failed_files(self) -> list[str]:
        return [self.table.item(r, 0).toolTip() for r in range(self.table.rowCount())]
