"""Ask the annotator's name: once on first run, and whenever they click it in the status bar."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget


def default_name() -> str:
    """The login name, offered when nothing better is known."""
    try:
        return getpass.getuser()
    except Exception:  # no login name on some containers; the user types one
        return ""


class NameDialog(QDialog):
    """A one-field dialog; OK is enabled only for a non-blank name."""

    def __init__(self, current: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Your name")
        explanation = QLabel(
            "Every annotation you make records this name, so colleagues' codings can be told "
            "apart and compared. You can change it later from the status bar."
        )
        explanation.setWordWrap(True)
        self.edit = QLineEdit(current or default_name())
        self.edit.selectAll()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._enable_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self._enable_ok()
        self.setMinimumWidth(380)

    def name(self) -> str:
        return self.edit.text().strip()

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name()))
