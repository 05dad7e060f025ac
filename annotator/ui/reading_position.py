"""Where the coder was in an article: the first character on screen, and going back to it.

Kept as a code-point offset, not a scrollbar value, so it survives another window size or
font: reopening a project scrolls the same sentence back to the top.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from annotator.core.offsets import OffsetMap


def top_offset(edit, offsets: OffsetMap) -> int:
    """The code point starting the first line wholly on screen in ``edit`` (a QPlainTextEdit)."""
    cursor = edit.cursorForPosition(edit.viewport().rect().topLeft())
    if edit.cursorRect(cursor).top() < 0:  # the top line is cut off: the next one is what is read
        cursor.movePosition(QTextCursor.MoveOperation.Down)
    cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
    return offsets.from_utf16(min(cursor.position(), offsets.utf16_length))


def scroll_to_top(edit, offsets: OffsetMap, offset: int) -> None:
    """Scroll ``edit`` so the line holding code point ``offset`` is the first on screen (as
    far as the text goes), with the caret there, ready for keyboard selection."""
    offset = max(0, min(offset, offsets.length))
    cursor = edit.textCursor()
    # To the end first: scrolling back up to a caret puts its line at the top.
    cursor.movePosition(QTextCursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()
    cursor.setPosition(offsets.to_utf16(offset))
    edit.setTextCursor(cursor)
    edit.ensureCursorVisible()
