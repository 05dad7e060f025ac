"""The coder's memo on the open article: several lines beside the article's variables.

A memo is the coder's own (blind coding holds: the window shows only the memo of the name it
codes as). It is saved by the note's rule — when the box is left (Esc returns to the text), and
before another article opens, the coder's name changes, a status is set, undo runs or the
window closes (``ProjectSession.add_pending``) — as one undo step ("Edit Memo"). A write the
file refuses keeps what was typed, marked "Not saved".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.ui.note_edit import LEAVE_KEY, NoteEdit

MEMO_KEY = "Ctrl+Shift+M"  # not Ctrl+M: on a Mac that is Cmd+M, which minimises the window
UNSAVED_STYLE = "border: 2px solid #c0392b;"


class ArticleMemo(QWidget):
    """The memo box; give it the article text as ``focus_back`` for Esc to return there."""

    KEYS = [(MEMO_KEY, "Write in your memo on this article (Esc: save it, back to the text)")]

    def __init__(self, session, focus_back: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.focus_back = focus_back
        self._shown_for: tuple[str | None, str] = (None, "")  # (article id, coder) the box shows
        self._stored = ""  # their memo as the file has it (no read each time the box is left)
        self.memo = NoteEdit(self, placeholder=f"Your memo on this article (Enter: new line; {LEAVE_KEY}: done)",
                             lines=4)
        self.memo.setObjectName("articleMemo")
        self.unsaved = QLabel("Not saved — see the message at the top of the window. What you typed is kept here.",
                              self, wordWrap=True)
        self.unsaved.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.unsaved.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.memo)
        layout.addWidget(self.unsaved)
        shortcut = QShortcut(QKeySequence(MEMO_KEY), self, context=Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.start_writing)

        self.memo.editingFinished.connect(self.commit_pending)
        self.memo.escaped.connect(self._give_back_focus)
        session.articleOpened.connect(lambda _id: self.show_memo())
        session.articleMemoChanged.connect(self._memo_changed)
        session.annotatorChanged.connect(lambda _name: self.show_memo())
        # The memo of the name being left is saved before the name changes (see set_annotator).
        session.add_pending(self.commit_pending)
        self.destroyed.connect(lambda *_: session.remove_pending(self.commit_pending))
        self.show_memo()

    def show_memo(self) -> None:
        """Show the coder's memo on the open article (the box is off with no article open)."""
        self.setEnabled(self.session.article_id is not None)
        self._shown_for = (self.session.article_id, self.session.annotator)
        self._stored = self.session.memo()
        self.memo.setText(self._stored)
        self._mark_saved()

    def commit_pending(self) -> None:
        """Save what the box holds if it differs from the stored memo (one undo step)."""
        article_id, coder = self._shown_for
        if article_id is None or article_id != self.session.article_id or coder != self.session.annotator:
            return  # shown for an article or coder no longer current: show_memo will follow
        text = self.memo.text()
        if text == self._stored:
            return
        if self.session.set_memo(text):
            self._stored = text
            self._mark_saved()
        else:
            self.unsaved.show()
            self.memo.setStyleSheet(UNSAVED_STYLE)

    def start_writing(self) -> None:
        """Ctrl+Shift+M: put the cursor at the end of the memo."""
        if self.isEnabled():
            self.memo.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.memo.moveCursor(self.memo.textCursor().MoveOperation.End)

    def _memo_changed(self, article_id: str, coder: str) -> None:
        if (article_id, coder) == self._shown_for:  # an undo or redo of this memo
            self.show_memo()

    def _give_back_focus(self) -> None:
        if self.focus_back is not None:
            self.focus_back.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _mark_saved(self) -> None:
        self.unsaved.hide()
        if self.memo.styleSheet():
            self.memo.setStyleSheet("")
