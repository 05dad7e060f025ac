"""A long article handed to the text widget a part at a time: the first screens at once, the
rest while idle.

Qt builds a document at about 4 ms a million characters (10 ms with emoji), so a 200k-word
article (1.4 million characters) cost a sixth of its opening time in ``setPlainText`` before
anything could be painted, for text hundreds of screens below. The document always holds a
prefix of the article ending at a paragraph boundary, so every offset means what it means in
the whole text; whoever needs a position further on calls :meth:`StagedText.reach` first (the
article view does for selecting, scrolling and flashing).
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from annotator.core.offsets import as_utf16_units
from annotator.ui.highlighter import quiet_layout

FIRST_PART = 100_000  # characters shown at once: some thirty screens, about 1 ms
PART = 100_000  # characters added per idle step
WHOLE_AT_ONCE = 2 * FIRST_PART  # a text up to this long is given whole


class StagedText:
    """Feeds one text to a QPlainTextEdit's document in parts (see the module docstring)."""

    def __init__(self, edit, highlighter):
        self._edit = edit
        self._highlighter = highlighter
        self._text = ""
        self.loaded = 0  # code points of the text the document holds

    def show(self, text: str) -> None:
        """Replace the document's text by the start of ``text`` (all of it when short)."""
        self._text, self.loaded = text, 0
        end = len(text) if len(text) <= WHOLE_AT_ONCE else self._paragraph_end(FIRST_PART)
        with self._highlighter.detached():
            self._edit.setPlainText(as_utf16_units(text[:end]))
        self.loaded = end

    @property
    def complete(self) -> bool:
        return self.loaded >= len(self._text)

    def add_part(self) -> None:
        """Append the next part (idle work)."""
        if not self.complete:
            self._append(self._paragraph_end(self.loaded + PART))

    def reach(self, offset: int) -> None:
        """Make the document hold the text up to code point ``offset`` and the rest of its
        paragraph, appending now what is missing."""
        if offset > self.loaded and not self.complete:
            self._append(self._paragraph_end(offset))

    def reach_end(self) -> None:
        self.reach(len(self._text))

    def _paragraph_end(self, offset: int) -> int:
        """Where the paragraph holding ``offset`` ends (a line break, or the text's end)."""
        end = self._text.find("\n", max(offset, self.loaded + 1))
        return len(self._text) if end < 0 else end

    def _append(self, end: int) -> None:
        edit = self._edit
        document = edit.document()
        # The text appended starts with the line break that ends the last paragraph shown, so
        # Qt's blocks stay those of the whole text (Qt breaks blocks at the same characters).
        piece = as_utf16_units(self._text[self.loaded : end])
        last = document.lastBlock()
        end_on_screen = edit.blockBoundingGeometry(last).translated(edit.contentOffset()).top() < edit.viewport().height()
        with self._highlighter.detached(), quiet_layout(document):
            cursor = QTextCursor(document)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(piece)
        self.loaded = end
        if end_on_screen:  # (else the new text is below the screen: nothing to repaint)
            edit.viewport().update()
