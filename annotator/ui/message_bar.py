"""A bar across the top of the window for what a coder must not miss: an edit that was not
saved (and why), or a project open read-only.

A status-bar message vanishes after a few seconds and stderr is invisible; a refused write
stays on screen here until dismissed (or, for a read-only project, for as long as it is open).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

_STYLE = (
    "QFrame#messageBar { background: #fdecea; border: 1px solid #e6a19a; border-radius: 3px; }"
    "QFrame#messageBar QLabel { color: #611a15; }"
)
_NOTICE_STYLE = (
    "QFrame#messageBar { background: #fff4e5; border: 1px solid #f0c27b; border-radius: 3px; }"
    "QFrame#messageBar QLabel { color: #663c00; }"
)


class MessageBar(QFrame):
    """Shows one message at a time; ``show_error`` for failures, ``show_notice`` for a lasting state."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="messageBar")
        self.label = QLabel(self, wordWrap=True, objectName="messageBarText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self, text="✕", autoRaise=True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self._notice = ""  # a lasting state shown again when an error is dismissed
        self.hide()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def show_error(self, message: str) -> None:
        """A write that failed: stays until dismissed."""
        self.setStyleSheet(_STYLE)
        self.label.setText(message)
        self.close_button.show()
        self.show()

    def show_notice(self, message: str) -> None:
        """A lasting state (read-only project): cannot be dismissed."""
        self._notice = message
        self.setStyleSheet(_NOTICE_STYLE)
        self.label.setText(message)
        self.close_button.hide()
        self.show()

    def clear_notice(self) -> None:
        """The lasting state is over (edits waiting were sent); an error shown stays."""
        if not self._notice:
            return
        showing_notice = self.label.text() == self._notice
        self._notice = ""
        if showing_notice:
            self.hide()

    def dismiss(self) -> None:
        if self._notice:
            self.show_notice(self._notice)
        else:
            self.hide()
