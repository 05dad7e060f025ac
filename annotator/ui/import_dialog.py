"""File > Import… and files dropped on the window: import in a worker thread with a progress
dialog that can be cancelled, then list what failed.

The window's :class:`~annotator.ui.background.BackgroundRunner` runs the import with its own
connection to the project file (SQLite connections belong to the thread that made them); the
window's connection sees the new articles once each batch commits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
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

from annotator.ui.background import Access, BackgroundRunner, Task


class ImportController(QObject):
    """Runs one import at a time for a window; emits ``done(report)`` when it ends."""

    done = Signal(object)

    def __init__(self, session, parent: QWidget, prompts, runner: BackgroundRunner | None = None):
        super().__init__(parent)
        self.session, self.window, self.prompts = session, parent, prompts
        self.runner = runner or BackgroundRunner(self)
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None

    def running(self) -> bool:
        return self.task is not None

    def start(self, paths: list[str]) -> bool:
        from annotator.actions.import_files import boilerplate_preview, import_paths

        paths = [p for p in paths if p]
        if not paths or self.running():
            return False
        # Scraped text dumps with page furniture: ask (unchecked) before anything is stored.
        preview = boilerplate_preview(paths)
        drop = False
        if preview.lines:
            answer = self.prompts.import_options(self.window, preview)
            if answer is None:
                return False
            drop = answer
        project = self.session.project
        if project.path is not None:  # in memory, the import runs at once: nothing to show
            self.progress = QProgressDialog("Looking for articles…", "Cancel", 0, 0, self.window)
            self.progress.setWindowTitle("Importing")
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(300)
            self.progress.setAutoClose(False)
            self.progress.setAutoReset(False)
            self.progress.canceled.connect(self.cancel)

        def work(project, progress, cancelled):
            return import_paths(project, paths, progress=progress, cancelled=cancelled, drop_boilerplate=drop)

        task = self.runner.start(work, project=project, access=Access.WRITE, progressed=self._progressed,
                                 succeeded=self._finish, failed=self._failed)
        self.task = task if task.running() else None
        return True

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.progress is not None:
            self.progress.setLabelText("Cancelling after the current file…")

    def wait(self, ms: int = 30_000) -> None:
        """Block until the import has ended (for closing the window mid-import)."""
        if self.task is not None:
            self.task.wait(ms)

    def _progressed(self, done: int, total: int, path: str) -> None:
        progress = self.progress
        if progress is None or self.task is None or self.task.cancelled():
            return
        # setValue on a modal progress dialog runs the event loop, which may finish the import
        # (and drop self.progress) before it returns: keep using the local reference.
        progress.setLabelText(f"Importing {Path(path).name} ({done:,} of {total:,})")
        progress.setMaximum(total)
        progress.setValue(done)

    def _stop(self) -> None:
        self.task = None
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.close()
            progress.deleteLater()

    def _failed(self, error: BaseException) -> None:
        self._stop()
        self.prompts.error(self.window, "Import failed", f"{type(error).__name__}: {error}")

    def _finish(self, report) -> None:
        self._stop()
        if report.added_ids or report.annotations_added:
            self.session.notify_articles_imported(list(report.added_ids))
        if report.annotations_added:
            self.session.reload_codebook()  # an exchange file may bring its own tags
        message = summary(report)
        if hasattr(self.window, "statusBar"):
            self.window.statusBar().showMessage(message, 10_000)
        if report.failures or report.file_summaries() or any(c.carries_codings for c in report.per_file.values()):
            # Codings from another tool: say how they were placed (and their offsets read).
            self.prompts.show_dialog(ImportReportDialog(report, self.window))
        self.done.emit(report)


def summary(report) -> str:
    parts = [f"Imported {report.articles_added:,} article{'s' if report.articles_added != 1 else ''}"]
    if report.duplicates_skipped:
        parts.append(f"{report.duplicates_skipped:,} already in the project")
    if report.annotations_added:
        parts.append(f"{report.annotations_added:,} annotations")
    if report.annotations_refused:
        parts.append(f"{report.annotations_refused:,} codings refused")
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
        for path, counts in report.per_file.items():
            if counts.carries_codings:
                line = QLabel(counts.codings_line(Path(path).name))
                line.setWordWrap(True)
                line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                layout.addWidget(line)
        # Each database export with its story count, each file read in a legacy encoding.
        notes = [f"{Path(path).name}: {count.summary()}" for path, count in report.per_file.items() if count.summary()]
        self.notes = QLabel("\n".join(notes), objectName="importNotes")
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(report.file_summaries()))
        layout.addWidget(self.notes)
        self.table.setVisible(bool(report.failures))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def failed_files(self) -> list[str]:
        return [self.table.item(r, 0).toolTip() for r in range(self.table.rowCount())]
