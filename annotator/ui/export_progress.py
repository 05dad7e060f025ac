"""How an export goes, under the export dialog's form: a progress bar and one line of message
(what was written where, or what went wrong: one line, never a traceback)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from annotator.actions.export import Cancelled, ExportError, ExportReport
from annotator.actions.projects import ProjectError

ERROR_STYLE = "<span style='color:#D55E00'>{}</span>"


class ExportProgress(QWidget):
    """The progress bar (shown while an export runs) and the message line."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("exportMessage")
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)

    def started(self) -> None:
        self.message.setText("Exporting…")
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.show()

    def progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def cancelling(self) -> None:
        self.message.setText("Cancelling…")

    def succeeded(self, report: ExportReport) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.message.setText(summary(report))

    def failed(self, error: BaseException) -> None:
        self.progress.hide()
        if isinstance(error, Cancelled):
            self.message.setText("Export cancelled: nothing was written.")
        else:
            self.show_error(describe_error(error))

    def show_error(self, text: str) -> None:
        self.message.setText(ERROR_STYLE.format(_html(text[:1].upper() + text[1:])))


def summary(report: ExportReport) -> str:
    """One sentence: what was written where."""
    what = f"{report.annotations:,} annotation{'s' if report.annotations != 1 else ''}"
    if report.articles:
        what += f" and {report.articles:,} article{'s' if report.articles != 1 else ''}"
    names = " and ".join(Path(f).name for f in report.files) or Path(report.destination).name
    return f"Exported {what} to {_html(names)} in {report.seconds:.1f} s."


def describe_error(error: BaseException) -> str:
    """One line for the user, never a traceback."""
    if isinstance(error, (ExportError, ProjectError)):
        return one_line(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"Could not write: {where}{error.strerror or one_line(error)}"
    return f"Export failed: {type(error).__name__}: {one_line(error)}"


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
