"""Edit the selected annotation: tag, note, the tag's fields, link, and its boundaries.

Every edit is one call to :meth:`ProjectSession.update_annotation`, so one undo step. Text
fields commit when editing finishes (Enter or leaving the field), not per keystroke.

Nudging shortcuts (active anywhere in the window): Alt+Shift+Left/Right move the END one word
earlier/later; Ctrl+Alt+Left/Right move the START one word earlier/later.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from operator import itemgetter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from annotator.core import selection
from annotator.core.model import Annotation, FieldType
from annotator.ui.tag_panel import swatch

UNSET = "—"
LINK_CHOICES = 200  # the nearest annotations offered as link targets in a crowded article
NUDGE_KEYS = {
    ("start", -1): "Ctrl+Alt+Left", ("start", 1): "Ctrl+Alt+Right",
    ("end", -1): "Alt+Shift+Left", ("end", 1): "Alt+Shift+Right",
}


class AnnotationEditor(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.annotation: Annotation | None = None
        self.summary = QLabel(self, wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tag_combo = QComboBox(self)
        self.note = QLineEdit(self, placeholderText="Note")
        self.link_combo = QComboBox(self)
        self.field_widgets: dict[str, QWidget] = {}
        self._fields_form = QFormLayout()
        form = QFormLayout()
        form.addRow("Tag", self.tag_combo)
        form.addRow("Note", self.note)
        form.addRow("Link to", self.link_combo)
        nudges = QGridLayout()
        self.nudge_buttons: dict[tuple[str, int], QPushButton] = {}
        for column, (edge, step, label) in enumerate(
            (("start", -1, "◂ Start"), ("start", 1, "Start ▸"), ("end", -1, "◂ End"), ("end", 1, "End ▸"))
        ):
            button = QPushButton(label, self)
            button.setToolTip(f"Move the {edge} one word {'earlier' if step < 0 else 'later'} ({NUDGE_KEYS[edge, step]})")
            button.clicked.connect(lambda _=False, e=edge, s=step: self.nudge(e, s))
            nudges.addWidget(button, 0, column)
            self.nudge_buttons[edge, step] = button
            shortcut = QShortcut(QKeySequence(NUDGE_KEYS[edge, step]), self, context=Qt.ShortcutContext.WindowShortcut)
            shortcut.setWhatsThis(f"Move the selected annotation's {edge} one word {'earlier' if step < 0 else 'later'}")
            shortcut.activated.connect(lambda e=edge, s=step: self.nudge(e, s))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addLayout(self._fields_form)
        layout.addLayout(nudges)

        self.tag_combo.activated.connect(self._tag_chosen)
        self.note.editingFinished.connect(self._note_edited)
        self.link_combo.activated.connect(self._link_chosen)
        session.selectedAnnotationChanged.connect(self.show_annotation)
        session.annotationUpdated.connect(self._on_updated)
        session.codebookChanged.connect(self._codebook_changed)
        self.show_annotation(session.selected)

    # -- showing --------------------------------------------------------------------------------

    def show_annotation(self, annotation: Annotation | None) -> None:
        """Fill the editor from ``annotation`` (or empty and disable it)."""
        self.annotation = annotation
        self.setEnabled(annotation is not None)
        for widget in (self.tag_combo, self.note, self.link_combo):
            widget.blockSignals(True)
        try:
            self._fill(annotation)
        finally:
            for widget in (self.tag_combo, self.note, self.link_combo):
                widget.blockSignals(False)

    def _fill(self, a: Annotation | None) -> None:
        self.tag_combo.clear()
        self.link_combo.clear()
        self.note.setText(a.note if a else "")
        self._build_fields(a)
        if a is None:
            self.summary.setText("Select an annotation to edit it.")
            return
        excerpt = " ".join(a.text.split())
        self.summary.setText(
            f"{excerpt[:160]}{'…' if len(excerpt) > 160 else ''}\n"
            f"code points {a.start}–{a.end} · {a.annotator}"
        )
        tags = self.session.tags()
        current = self.session.tag(a.tag_id)
        if current is not None and current not in tags:
            tags.append(current)  # a retired tag still shows on its old annotations
        for tag in tags:
            self.tag_combo.addItem(swatch(tag.colour), tag.name, tag.id)
        self.tag_combo.setCurrentIndex(self.tag_combo.findData(a.tag_id))
        self.link_combo.addItem("(no link)", None)
        # The annotations around this one (all of them in an ordinary article), in text order.
        refs = self.session.refs()
        middle = bisect_left(list(map(itemgetter(2), refs)), a.start)
        nearby = refs[max(0, middle - LINK_CHOICES // 2) : middle + LINK_CHOICES // 2]
        text = self.session.article.text if self.session.article else ""
        for ref in (r for r in nearby if r.id != a.id):
            passage = " ".join(text[ref.start : ref.end].split())[:50]
            self.link_combo.addItem(f"{self.session.tag_name(ref.tag_id)}: {passage}", ref.id)
        self.link_combo.setCurrentIndex(max(0, self.link_combo.findData(a.linked_id)) if a.linked_id else 0)

    def _build_fields(self, a: Annotation | None) -> None:
        while self._fields_form.rowCount():
            # takeRow + deleteLater: this may run inside a signal of the widget being replaced.
            row = self._fields_form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                if item is not None and item.widget() is not None:
                    item.widget().hide()
                    item.widget().deleteLater()
        self.field_widgets = {}
        tag = self.session.tag(a.tag_id) if a else None
        for f in tag.fields if tag else []:
            value = a.fields.get(f.name)
            if f.type is FieldType.TEXT:
                widget = QLineEdit(self)
                widget.setText("" if value is None else str(value))
                widget.editingFinished.connect(lambda name=f.name, w=widget: self._field_edited(name, w.text().strip() or None))
            else:
                widget = QComboBox(self)
                options = f.choices if f.type is FieldType.CHOICE else ["yes", "no"]
                widget.addItem(UNSET, None)
                for option in options:
                    widget.addItem(option, option if f.type is FieldType.CHOICE else option == "yes")
                index = widget.findData(value) if value is not None else 0
                widget.setCurrentIndex(max(0, index))
                widget.activated.connect(lambda _i, name=f.name, w=widget: self._field_edited(name, w.currentData()))
            self._fields_form.addRow(f.name.replace("_", " ").capitalize(), widget)
            self.field_widgets[f.name] = widget

    def _codebook_changed(self) -> None:
        self.show_annotation(self.annotation)

    def _on_updated(self, _old: Annotation, new: Annotation) -> None:
        if self.annotation is not None and new.id == self.annotation.id:
            self.show_annotation(new)

    # -- editing (each one undo step) ------------------------------------------------------------

    def _save(self, changed: Annotation) -> None:
        if self.annotation is not None and changed != self.annotation:
            self.session.update_annotation(changed)

    def _tag_chosen(self, index: int) -> None:
        tag = self.session.tag(self.tag_combo.itemData(index))
        if self.annotation is None or tag is None or tag.id == self.annotation.tag_id:
            return
        # Keep the values of fields the new tag also has.
        kept = {k: v for k, v in self.annotation.fields.items() if tag.field_named(k) is not None}
        self._save(replace(self.annotation, tag_id=tag.id, fields=kept))

    def _note_edited(self) -> None:
        if self.annotation is not None and self.note.text() != self.annotation.note:
            self._save(replace(self.annotation, note=self.note.text()))

    def _field_edited(self, name: str, value) -> None:
        if self.annotation is None or self.annotation.fields.get(name) == value:
            return
        fields = dict(self.annotation.fields)
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
        self._save(replace(self.annotation, fields=fields))

    def _link_chosen(self, index: int) -> None:
        if self.annotation is not None:
            self._save(replace(self.annotation, linked_id=self.link_combo.itemData(index)))

    def nudge(self, edge: str, step: int) -> None:
        """Move the selected annotation's ``edge`` ("start"/"end") by ``step`` words."""
        a = self.annotation
        if a is None or self.session.article is None or a.article_id != self.session.article_id:
            return
        move = selection.nudge_start if edge == "start" else selection.nudge_end
        start, end = move(self.session.article.text, a.start, a.end, step)
        if (start, end) != (a.start, a.end):
            self._save(replace(a, start=start, end=end))
