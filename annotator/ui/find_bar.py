"""The find-in-article bar (Ctrl+F): a search field, a match count, previous/next, close."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    searchChanged = Signal(str)
    nextRequested = Signal()
    previousRequested = Signal()
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel(self)
        previous = QToolButton(self, text="▲", toolTip="Previous match (Shift+Enter, Shift+F3)")
        following = QToolButton(self, text="▼", toolTip="Next match (Enter, F3)")
        close = QToolButton(self, text="✕", toolTip="Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.field, self.count, previous, following, close):
            layout.addWidget(widget)
        self.field.textChanged.connect(self.searchChanged)
        self.field.returnPressed.connect(self._on_return)
        previous.clicked.connect(self.previousRequested)
        following.clicked.connect(self.nextRequested)
        close.clicked.connect(self.close_bar)

    def _on_return(self) -> None:
        from PySide6.QtWidgets import QApplication

        if QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.previousRequested.emit()
        else:
            self.nextRequested.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.matches(QKeySequence.StandardKey.FindNext):
            self.nextRequested.emit()
        elif event.matches(QKeySequence.StandardKey.FindPrevious):
            self.previousRequested.emit()
        else:
            super().keyPressEvent(event)

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int, total: int) -> None:
        self.count.setText(f"{current} of {total}" if total else ("no matches" if self.field.text() else ""))
