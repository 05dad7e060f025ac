"""The reviewer's own version of a disputed passage: tag, bounds and note for the reviewed layer."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from annotator.core.model import Annotation
from annotator.core.review import Difference


class ReviewEditDialog(QDialog):
    """Starts from A's annotation (B's when A has none), or from the text selection."""

    def __init__(self, session, difference: Difference, text: str, selection: tuple[int, int] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit the reviewed annotation")
        self._text = text
        self._source: Annotation = difference.a or difference.b
        start, end = selection or (self._source.start, self._source.end)

        self.tag = QComboBox()
        for tag in session.tags():
            self.tag.addItem(tag.name, tag.id)
        self.tag.setCurrentIndex(max(0, self.tag.findData(self._source.tag_id)))
        self.start = QSpinBox(maximum=max(0, len(text) - 1), value=start)
        self.end = QSpinBox(minimum=1, maximum=len(text), value=end)
        self.passage = QLabel(wordWrap=True)
        self.passage.setMinimumWidth(360)
        self.note = QLineEdit(self._source.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.start.valueChanged.connect(self._show_passage)
        self.end.valueChanged.connect(self._show_passage)

        bounds = QHBoxLayout()
        bounds.addWidget(self.start)
        bounds.addWidget(QLabel("to"))
        bounds.addWidget(self.end)
        bounds.addStretch(1)
        form = QFormLayout(self)
        form.addRow("Tag", self.tag)
        form.addRow("Characters", bounds)
        form.addRow("Passage", self.passage)
        form.addRow("Note", self.note)
        form.addRow(self.buttons)
        self._show_passage()

    def _show_passage(self) -> None:
        start, end = self.start.value(), self.end.value()
        ok = start < end
        self.passage.setText(f"“{self._text[start:end]}”" if ok else "(the end must come after the start)")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def edited(self) -> Annotation:
        """The annotation as edited (the review action gives it a new id and the reviewed layer)."""
        start, end = self.start.value(), self.end.value()
        return replace(
            self._source, tag_id=self.tag.currentData(), start=start, end=end,
            text=self._text[start:end], note=self.note.text().strip(),
        )
