"""The reviewer's own version of a disputed passage: tag, bounds and note for the reviewed layer.

The bounds are chosen the way a coder chooses them: by selecting the passage in the article's
text (mouse, or Shift+arrows), shown here read-only with both coders' spans tinted for
reference. It used to take two character-number boxes, which nobody can aim with (issue 13).
The selection snaps to whole words like tagging does, unless "Whole words" is unticked.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from annotator.core.model import Annotation
from annotator.core.offsets import OffsetMap
from annotator.core.review import Difference
from annotator.core.selection import snap
from annotator.ui.reading_edit import reading_font
from annotator.ui.review_view import tint

HINT = "Select the passage in the text (mouse, or Shift+arrows). A's span is tinted blue, B's orange."


class ReviewEditDialog(QDialog):
    """Starts from A's annotation (B's when A has none), or from the text selection."""

    def __init__(self, session, difference: Difference, text: str, selection: tuple[int, int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit the reviewed annotation")
        self._text, self._offsets = text, OffsetMap(text)
        self._source: Annotation = difference.a or difference.b
        self._bounds = selection or (self._source.start, self._source.end)

        self.tag = QComboBox()
        for tag in session.tags():
            self.tag.addItem(tag.name, tag.id)
        self.tag.setCurrentIndex(max(0, self.tag.findData(self._source.tag_id)))
        self.text_view = QPlainTextEdit(readOnly=True)
        self.text_view.setObjectName("reviewEditText")
        self.text_view.setTextInteractionFlags(  # read-only text selects by mouse only otherwise
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text_view.setFont(reading_font())
        self.text_view.setPlainText(text)
        self.text_view.setMinimumSize(520, 260)
        self.whole_words = QCheckBox("Whole words")
        self.whole_words.setChecked(True)
        self.whole_words.setToolTip("Extend the selection to whole words and drop spaces and punctuation at its edges")
        self.bounds_label = QLabel()
        self.passage = QLabel(wordWrap=True)
        self.passage.setMinimumWidth(360)
        self.note = QLineEdit(self._source.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("Tag", self.tag)
        form.addRow(QLabel(HINT, wordWrap=True))
        form.addRow(self.text_view)
        form.addRow(self.whole_words, self.bounds_label)
        form.addRow("Passage", self.passage)
        form.addRow("Note", self.note)
        form.addRow(self.buttons)

        self._tint_coders(difference)
        self.select(*self._bounds)
        self.text_view.selectionChanged.connect(self._selection_changed)
        self.whole_words.toggled.connect(lambda _on: self._selection_changed())
        self.resize(680, 560)

    # -- the bounds ------------------------------------------------------------------------

    def bounds(self) -> tuple[int, int]:
        """The reviewed passage's ``(start, end)``, code points, end exclusive."""
        return self._bounds

    def select(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` in the text (as the reviewer would), which sets the bounds."""
        a, b = self._offsets.span_to_utf16(start, end)
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(b)
        cursor.setPosition(a, QTextCursor.MoveMode.KeepAnchor)  # the caret at the start: in view
        self.text_view.setTextCursor(cursor)
        self.text_view.centerCursor()
        self._set_bounds(start, end)

    def _selection_changed(self) -> None:
        cursor = self.text_view.textCursor()
        if not cursor.hasSelection():
            return  # a click to place the caret keeps the passage chosen so far
        start, end = self._offsets.span_from_utf16(cursor.selectionStart(), cursor.selectionEnd())
        if self.whole_words.isChecked():
            start, end = snap(self._text, start, end) or (start, start)
        self._set_bounds(start, end)

    def _set_bounds(self, start: int, end: int) -> None:
        self._bounds = (start, end)
        ok = 0 <= start < end <= len(self._text)
        self.passage.setText(f"“{self._text[start:end]}”" if ok else "(select some words of the text)")
        self.bounds_label.setText(f"characters {start}–{end}" if ok else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _tint_coders(self, difference: Difference) -> None:
        base = self.text_view.palette().color(QPalette.ColorRole.Base)
        selections = []
        for span, colour in ((difference.a, "#56B4E9"), (difference.b, "#E69F00")):
            if span is None:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(tint(QColor(colour), base, 0.3))
            cursor = QTextCursor(self.text_view.document())
            a, b = self._offsets.span_to_utf16(span.start, span.end)
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.text_view.setExtraSelections(selections)

    def edited(self) -> Annotation:
        """The annotation as edited (the review action gives it a new id and the reviewed layer)."""
        start, end = self._bounds
        return replace(
            self._source, tag_id=self.tag.currentData(), start=start, end=end,
            text=self._text[start:end], note=self.note.text().strip(),
        )
