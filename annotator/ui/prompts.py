"""The questions the window asks the user, in one replaceable object.

The controller and windows ask through a :class:`Prompts`; tests pass a subclass that answers
at once, so no modal dialog ever blocks a test run.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

# Not imported from storage: that pulls in sqlite-utils (and numpy), a second or more of start-up
# the start page does not need. tests/test_ui_shell_start.py checks the two agree.
PROJECT_SUFFIX = ".annotator"
PROJECT_FILTER = f"annotator projects (*{PROJECT_SUFFIX});;All files (*)"
IMPORT_FILTER = (
    "Articles and database exports (*.html *.htm *.txt *.docx *.rtf *.pdf *.eml *.xml *.jsonl *.csv *.json *.md);;"
    "All files (*)"
)


class Prompts:
    """Modal questions, answered by the user."""

    def open_project_path(self, parent: QWidget | None) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, "Open project", "", PROJECT_FILTER)
        return path or None

    def new_project_path(self, parent: QWidget | None) -> str | None:
        path, _ = QFileDialog.getSaveFileName(parent, "New project", f"study{PROJECT_SUFFIX}", PROJECT_FILTER)
        if path and not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return path or None

    def import_paths(self, parent: QWidget | None) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(parent, "Import articles", "", IMPORT_FILTER)
        return paths

    def import_folder(self, parent: QWidget | None) -> list[str]:
        path = QFileDialog.getExistingDirectory(parent, "Import a folder of articles")
        return [path] if path else []

    def annotator_name(self, parent: QWidget | None, current: str = "") -> str | None:
        from annotator.ui.name_dialog import NameDialog

        dialog = NameDialog(current, parent)
        return dialog.name() if dialog.exec() else None

    def error(self, parent: QWidget | None, title: str, message: str) -> None:
        QMessageBox.warning(parent, title, message)

    def inform(self, parent: QWidget | None, title: str, message: str, seconds: int = 0) -> None:
        """A message with OK. With ``seconds`` it also closes itself after that long, so that
        (say) quitting never waits on a coder who has walked away."""
        box = QMessageBox(QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent)
        if seconds:
            QTimer.singleShot(seconds * 1000, box.accept)
        box.exec()

    def confirm(self, parent: QWidget | None, title: str, question: str) -> bool:
        """A yes/no question; True for yes. No is the default button, so Enter never
        agrees to something by accident."""
        answer = QMessageBox.question(parent, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def run_dialog(self, dialog) -> bool:
        """Show a dialog that asks for input; True when it was accepted."""
        return bool(dialog.exec())

    def import_options(self, parent: QWidget | None, preview) -> bool | None:
        """Whether to drop the boilerplate lines the preview lists (None: do not import)."""
        from annotator.ui.import_options import ImportOptionsDialog

        dialog = ImportOptionsDialog(preview, parent)
        return dialog.drop.isChecked() if dialog.exec() else None

    def show_dialog(self, dialog) -> None:
        """Show a finished-work dialog (an import report) and wait for the user to close it."""
        dialog.exec()
