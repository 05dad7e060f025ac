"""Edit the selected annotation: tag, note, the tag's fields, link, and its boundaries.

Every edit is one call to the session (one operation, one undo step). The note is several
lines (Enter starts a new line; :mod:`~annotator.ui.note_edit`); it commits when it is left
(Esc, Tab, a click elsewhere). Text fields commit on Enter or leaving them. Both also commit
before anything that would lose them:
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

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from annotator.core.model import Annotation, FieldType
from annotator.ui.field_completion import FieldCompleter, FieldValueCache
from annotator.ui.note_edit import LEAVE_KEY, NoteEdit
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
        self.note = NoteEdit(self, placeholder=f"Note (Enter: new line; {LEAVE_KEY}: done)", lines=3)
        self.link_combo = LinkCombo(self)
        self.link_combo.before_popup = self._fill_link_choices
        self.field_widgets: dict[str, QWidget] = {}
        self._field_values = FieldValueCache(session, self)  # the values text fields complete from
        self._fields_shape: list = []  # the fields the widgets were built for
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
        if self.tag_combo.findData(a.tag_id) < 0 or self.tag_combo.count() != len(self._combo_tags(a)):
            self.tag_combo.clear()
            for tag in self._combo_tags(a):
                self.tag_combo.addItem(swatch(tag.colour), tag.name, tag.id)
        self.tag_combo.setCurrentIndex(self.tag_combo.findData(a.tag_id))
        self.link_combo.addItem("(no link)", None)
        # Only the current link now; the annotations around this one are listed when the list
        # opens (200 entries cost more than the rest of a selection in a crowded article).
        target = self.session.ref(a.linked_id) if a.linked_id else None
        if target is not None:
            self.link_combo.addItem(self._link_label(target), target.id)
            self.link_combo.setCurrentIndex(1)
        self.link_combo.filled_for = None

    def _combo_tags(self, a: Annotation) -> list:
        tags = self.session.tags()
        current = self.session.tag(a.tag_id)
        if current is not None and current not in tags:
            tags.append(current)  # a retired tag still shows on its old annotations
        return tags

    def _link_label(self, ref) -> str:
        text = self.session.article.text if self.session.article else ""
        return f"{self.session.tag_name(ref.tag_id)}: {' '.join(text[ref.start : ref.end].split())[:50]}"

    def _fill_link_choices(self) -> None:
        a = self.annotation
        if a is None or self.link_combo.filled_for == a.id:
            return
        self.link_combo.filled_for = a.id
        self.link_combo.blockSignals(True)
        try:
            self.link_combo.clear()
            self.link_combo.addItem("(no link)", None)
            # The annotations around this one (all of them in an ordinary article), in text order.
            for ref in self.session.model.around(a.start, LINK_CHOICES):
                if ref.id != a.id:
                    self.link_combo.addItem(self._link_label(ref), ref.id)
            if a.linked_id and self.link_combo.findData(a.linked_id) < 0:
                target = self.session.ref(a.linked_id)
                if target is not None:
                    self.link_combo.addItem(self._link_label(target), target.id)
            self.link_combo.setCurrentIndex(max(0, self.link_combo.findData(a.linked_id)) if a.linked_id else 0)
        finally:
            self.link_combo.blockSignals(False)

    def _build_fields(self, a: Annotation | None) -> None:
        tag = self.session.tag(a.tag_id) if a else None
        shape = [(f.name, f.type, tuple(f.choices)) for f in tag.fields] if tag else []
        if shape and shape == self._fields_shape:
            self._show_field_values(a)  # the same fields as shown: only their values change
            return
        while self._fields_form.rowCount():
            # takeRow + deleteLater: this may run inside a signal of the widget being replaced.
            row = self._fields_form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                if item is not None and item.widget() is not None:
                    item.widget().hide()
                    item.widget().deleteLater()
        self.field_widgets = {}
        self._fields_shape = shape
        for f in tag.fields if tag else []:
            if f.type is FieldType.TEXT:
                widget = QLineEdit(self)
                widget.editingFinished.connect(lambda name=f.name, w=widget: self._field_edited(name, _typed(w)))
                # The values used before for this field, most used first (one spelling of a source).
                FieldCompleter(widget, lambda name=f.name: self._used_values(name))
            else:
                widget = QComboBox(self)
                options = f.choices if f.type is FieldType.CHOICE else ["yes", "no"]
                widget.addItem(UNSET, None)
                for option in options:
                    widget.addItem(option, option if f.type is FieldType.CHOICE else option == "yes")
                widget.activated.connect(lambda _i, name=f.name, w=widget: self._field_edited(name, w.currentData()))
            self._fields_form.addRow(f.name.replace("_", " ").capitalize(), widget)
            self.field_widgets[f.name] = widget
        if a is not None:
            self._show_field_values(a)

    def _used_values(self, name: str) -> list[str]:
        return self._field_values.values(name)  # under blind coding only the coder's own

    def _show_field_values(self, a: Annotation) -> None:
        for name, widget in self.field_widgets.items():
            value = a.fields.get(name)
            widget.blockSignals(True)
            try:
                if isinstance(widget, QLineEdit):
                    widget.setText("" if value is None else str(value))
                else:
                    widget.setCurrentIndex(max(0, widget.findData(value)) if value is not None else 0)
            finally:
                widget.blockSignals(False)

    def _codebook_changed(self) -> None:
        self.tag_combo.clear()  # names and colours may have changed
        self._fields_shape = []
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
        """Save a note or text field typed and not yet committed (left, or Enter in a field)."""
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


class LinkCombo(QComboBox):
    """A combo box that fills its choices only when its list is about to open."""

    before_popup = None
    filled_for: str | None = None

    def showPopup(self) -> None:  # noqa: N802
        if self.before_popup is not None:
            self.before_popup()
        super().showPopup()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if self.before_popup is not None:  # arrow keys on a closed combo step through choices too
            self.before_popup()
        super().keyPressEvent(event)


def _typed(widget: QLineEdit):
    return widget.text().strip() or None
