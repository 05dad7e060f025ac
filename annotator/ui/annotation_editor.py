"""Edit the selected annotation: tag, note, the tag's fields, link, and its boundaries.

Every edit is one call to the session (one operation, one undo step). Text fields commit when
editing finishes (Enter or leaving the field) — and before anything that would lose them:
the editor registers :meth:`AnnotationEditor.commit_pending` with the session, which calls it
before another article or annotation is chosen, a status is set, undo runs or the window
closes. An edit the file refused stays in its field, marked "Not saved".

Nudging shortcuts (active anywhere in the window) act on the session's selected annotation
(by id, never on whatever row the list shows):

* END one word earlier/later: Alt+Shift+Left/Right; one character: Alt+Left/Right
* START one word earlier/later: Ctrl+Alt+Left/Right; one character: Ctrl+Alt+Shift+Left/Right

A character step takes in punctuation and quotation marks that snapping to words dropped;
an emoji or accented letter counts as one character.
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

from annotator.core.model import Annotation, FieldType
from annotator.ui.tag_panel import swatch

UNSET = "—"
LINK_CHOICES = 200  # the nearest annotations offered as link targets in a crowded article
NUDGE_KEYS = {
    ("start", -1): "Ctrl+Alt+Left", ("start", 1): "Ctrl+Alt+Right",
    ("end", -1): "Alt+Shift+Left", ("end", 1): "Alt+Shift+Right",
}
CHARACTER_NUDGE_KEYS = {
    ("start", -1): "Ctrl+Alt+Shift+Left", ("start", 1): "Ctrl+Alt+Shift+Right",
    ("end", -1): "Alt+Left", ("end", 1): "Alt+Right",
}
NUDGE_LABELS = {("start", -1): "◂ Start", ("start", 1): "Start ▸", ("end", -1): "◂ End", ("end", 1): "End ▸"}
UNSAVED_STYLE = "border: 2px solid #c0392b;"


def nudge_descriptions() -> list[tuple[str, str]]:
    """(keys, what they do) for every nudge, for Help > Keyboard shortcuts."""
    rows = []
    for unit, keys in (("word", NUDGE_KEYS), ("character", CHARACTER_NUDGE_KEYS)):
        for (edge, step), key in keys.items():
            rows.append((key, f"Move the selected annotation's {edge} one {unit} {'earlier' if step < 0 else 'later'}"))
    return rows


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
        self.character_buttons: dict[tuple[str, int], QPushButton] = {}
        for column, (edge, step) in enumerate(NUDGE_LABELS):
            for row, (unit, keys, buttons) in enumerate(
                (("word", NUDGE_KEYS, self.nudge_buttons), ("character", CHARACTER_NUDGE_KEYS, self.character_buttons))
            ):
                label = NUDGE_LABELS[edge, step] if unit == "word" else ("◂ 1 char" if step < 0 else "1 char ▸")
                button = QPushButton(label, self)
                what = f"Move the {edge} one {unit} {'earlier' if step < 0 else 'later'}"
                button.setToolTip(f"{what} ({keys[edge, step]})")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click must not take a typed note's focus
                button.clicked.connect(lambda _=False, e=edge, s=step, u=unit: self.nudge(e, s, u))
                nudges.addWidget(button, row, column)
                buttons[edge, step] = button
                shortcut = QShortcut(QKeySequence(keys[edge, step]), self, context=Qt.ShortcutContext.WindowShortcut)
                shortcut.setWhatsThis(f"Move the selected annotation's {edge} one {unit} {'earlier' if step < 0 else 'later'}")
                shortcut.activated.connect(lambda e=edge, s=step, u=unit: self.nudge(e, s, u))
        self.unsaved = QLabel(self, wordWrap=True, objectName="unsavedNotice")
        self.unsaved.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.unsaved.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addLayout(self._fields_form)
        layout.addLayout(nudges)
        layout.addWidget(self.unsaved)

        self.tag_combo.activated.connect(self._tag_chosen)
        self.note.editingFinished.connect(self._note_edited)
        self.link_combo.activated.connect(self._link_chosen)
        session.selectedAnnotationChanged.connect(self.show_annotation)
        session.annotationUpdated.connect(self._on_updated)
        session.codebookChanged.connect(self._codebook_changed)
        session.add_pending(self.commit_pending)
        self.destroyed.connect(lambda *_: session.remove_pending(self.commit_pending))
        self.show_annotation(session.selected)

    # -- showing --------------------------------------------------------------------------------

    def show_annotation(self, annotation: Annotation | None) -> None:
        """Fill the editor from ``annotation`` (or empty and disable it)."""
        self.annotation = annotation
        self.setEnabled(annotation is not None)
        self._mark_saved()
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
                widget.editingFinished.connect(lambda name=f.name, w=widget: self._field_edited(name, _typed(w)))
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

    def _save(self, changed: Annotation, widget: QWidget | None = None) -> bool:
        """Save ``changed``; on a refused write keep what was typed, marked "Not saved"."""
        if self.annotation is None or changed == self.annotation:
            return True
        stored = self.session.update_annotation(changed)
        if stored is None:
            self._mark_unsaved(widget)
            return False
        return True

    def commit_pending(self) -> None:
        """Save a note or text field typed and not yet committed (Enter or leaving it)."""
        a = self.annotation
        if a is None or self.session.annotation(a.id) is None:
            return
        changed = replace(a, note=self.note.text()) if self.note.text() != a.note else a
        fields = dict(a.fields)
        for name, widget in self.field_widgets.items():
            if isinstance(widget, QLineEdit):
                value = _typed(widget)
                if value is None:
                    fields.pop(name, None)
                else:
                    fields[name] = value
        if fields != a.fields:
            changed = replace(changed, fields=fields)
        if changed != a:
            self._save(changed)

    def _mark_unsaved(self, widget: QWidget | None) -> None:
        self.unsaved.setText("Not saved — see the message at the top of the window. What you typed is kept here.")
        self.unsaved.show()
        for w in (widget,) if widget is not None else (self.note, *self.field_widgets.values()):
            w.setStyleSheet(UNSAVED_STYLE)

    def _mark_saved(self) -> None:
        self.unsaved.hide()
        for w in (self.note, *self.field_widgets.values()):
            if w.styleSheet():
                w.setStyleSheet("")

    def _tag_chosen(self, index: int) -> None:
        tag = self.session.tag(self.tag_combo.itemData(index))
        if self.annotation is None or tag is None or tag.id == self.annotation.tag_id:
            return
        # Keep the values of fields the new tag also has.
        kept = {k: v for k, v in self.annotation.fields.items() if tag.field_named(k) is not None}
        if not self._save(replace(self.annotation, tag_id=tag.id, fields=kept), self.tag_combo):
            self.show_annotation(self.annotation)  # a combo cannot keep an unsaved choice
            self._mark_unsaved(self.tag_combo)

    def _note_edited(self) -> None:
        if self.annotation is not None and self.note.text() != self.annotation.note:
            self._save(replace(self.annotation, note=self.note.text()), self.note)

    def _field_edited(self, name: str, value) -> None:
        if self.annotation is None or self.annotation.fields.get(name) == value:
            return
        fields = dict(self.annotation.fields)
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
        self._save(replace(self.annotation, fields=fields), self.field_widgets.get(name))

    def _link_chosen(self, index: int) -> None:
        if self.annotation is not None:
            if not self._save(replace(self.annotation, linked_id=self.link_combo.itemData(index)), self.link_combo):
                self.show_annotation(self.annotation)
                self._mark_unsaved(self.link_combo)

    def nudge(self, edge: str, step: int, by: str = "word") -> None:
        """Move the selected annotation's ``edge`` ("start"/"end") by ``step`` words or characters."""
        self.session.nudge(edge, step, by)


def _typed(widget: QLineEdit):
    return widget.text().strip() or None
