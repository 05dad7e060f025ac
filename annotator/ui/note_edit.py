"""A multi-line box for notes and memos that saves the way the one-line note did.

Enter starts a new line. The text is committed (``editingFinished``) when the box is left —
Esc (which also hands the keyboard back to whatever ``escaped`` is connected to, the article
text in the window), Tab, a click elsewhere — and the editors that hold it also save it
before anything that would lose it (see ``ProjectSession.add_pending``). The window's own
keys (Ctrl+] / Ctrl+[ / Ctrl+Enter / Ctrl+Z outside the box's own typing) keep working
inside it: a plain text box claims only unmodified keys.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

LEAVE_KEY = "Esc"  # documented in the README and Help › Keyboard shortcuts


class NoteEdit(QPlainTextEdit):
    """Plain multi-line text with QLineEdit's ``text``/``setText``/``editingFinished``."""

    KEYS = [
        ("Enter (note, memo)", "Start a new line"),
        (f"{LEAVE_KEY} (note, memo)", "Done: save it and go back to the article text"),
    ]

    editingFinished = Signal()  # left (Esc, Tab, focus elsewhere): save what was typed
    escaped = Signal()  # Esc: the text was committed; give the keyboard back

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "", lines: int = 4):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)  # a form: Tab moves on; a tab in a note is never wanted
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        self.setFixedHeight(int(self.fontMetrics().lineSpacing() * lines + 2 * self.document().documentMargin()) + frame)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802
        """Show ``text`` as stored (the box's own typing undo starts afresh), cursor at the end."""
        if text != self.toPlainText():
            self.setPlainText(text)
            self.moveCursor(QTextCursor.MoveOperation.End)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.editingFinished.emit()
            self.escaped.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        # A menu or a popup opening over the box does not leave it.
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.editingFinished.emit()
