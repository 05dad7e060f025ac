"""The codebook editor: add, rename, recolour, set key, definition, example and fields,
reorder and retire tags. Each change is an operation of :mod:`annotator.actions.codebook`,
written at once and put on the window's undo stack (Undo here or Edit > Undo takes it back);
a change the codebook's rules refuse is explained under the form, and nothing is written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.actions import codebook as codebook_ops
from annotator.actions import queries
from annotator.core.codebook import CodebookError
from annotator.core.model import FieldType, Tag, TagField
from annotator.ui import codebook_commands
from annotator.ui.list_buttons import ListButtons

TagIdRole = Qt.ItemDataRole.UserRole + 1
FIELD_TYPES = [(FieldType.TEXT, "Text"), (FieldType.CHOICE, "Choice"), (FieldType.YESNO, "Yes / no")]


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class CodebookDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.project = session.project
        self.setWindowTitle("Codebook")
        self._colour = "#999999"
        self._loading = False
        self._writing = False
        self._shown_id: str | None = None  # the tag whose values the form holds
        # Replaced in tests; the real one asks with Qt's colour dialog.
        self.pick_colour = lambda current: _ask_colour(current, self)

        self.tag_list = QListWidget()
        self.tag_list.currentItemChanged.connect(self._selection_changed)
        self.list_buttons = ListButtons("tag", "Add tag", add=self.add_tag, move=self.move,
                                        toggle_retired=self.toggle_retired)
        self.add_button, self.up_button = self.list_buttons.add_button, self.list_buttons.up_button
        self.down_button, self.retire_button = self.list_buttons.down_button, self.list_buttons.retire_button

        self.name = QLineEdit()
        self.colour_button = QPushButton()
        self.colour_button.clicked.connect(self._choose_colour)
        self.key = QLineEdit(maxLength=1)
        self.key.setFixedWidth(40)
        self.definition = QPlainTextEdit()
        self.definition.setTabChangesFocus(True)
        self.example = QLineEdit()
        self.fields = QTableWidget(0, 3)
        self.fields.setHorizontalHeaderLabels(["Field", "Type", "Choices (comma-separated)"])
        self.fields.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fields.verticalHeader().hide()
        add_field = QPushButton("Add field")
        remove_field = QPushButton("Remove field")
        add_field.clicked.connect(lambda: self._add_field_row(TagField("")))
        remove_field.clicked.connect(lambda: self.fields.removeRow(self.fields.currentRow()))
        self.apply_button = QPushButton("Save tag")
        self.apply_button.clicked.connect(self.apply)
        self.error = QLabel(objectName="codebookError", wordWrap=True)
        self.error.setStyleSheet("color: #d55e00;")

        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Colour", self.colour_button)
        form.addRow("Key", self.key)
        form.addRow("Definition", self.definition)
        form.addRow("Example", self.example)
        field_buttons = QHBoxLayout()
        field_buttons.addWidget(add_field)
        field_buttons.addWidget(remove_field)
        field_buttons.addStretch(1)
        form.addRow("Fields", self.fields)
        form.addRow("", field_buttons)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.error)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.apply_button)
        right.addLayout(save_row)

        left = QVBoxLayout()
        left.addWidget(self.tag_list, 1)
        left.addWidget(self.list_buttons)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        # The window's own undo stack: its menu keys do not reach a modal dialog, these do.
        self.undo_action = session.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = session.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            close.addButton(button, QDialogButtonBox.ButtonRole.ResetRole)
        session.codebookChanged.connect(self._codebook_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.resize(900, 560)
        self._refresh_list()

    # -- what the buttons do ----------------------------------------------------------------

    def current_tag(self) -> Tag | None:
        item = self.tag_list.currentItem()
        return self._tag(item.data(TagIdRole)) if item is not None else None

    def _tag(self, tag_id: str | None) -> Tag | None:
        return next((t for t in self._tags() if t.id == tag_id), None) if tag_id else None

    def _tags(self) -> list[Tag]:
        return queries.tags(self.project, include_retired=True)

    def select_tag(self, tag_id: str) -> None:
        for row in range(self.tag_list.count()):
            if self.tag_list.item(row).data(TagIdRole) == tag_id:
                self.tag_list.setCurrentRow(row)
                return

    def apply(self) -> bool:
        """Write the form to the tag it shows; False (with the reason shown) if refused."""
        tag = self._tag(self._shown_id)
        if tag is None:
            return False
        changed = self._form_tag(tag)
        return self._write(lambda: codebook_ops.update_tag(self.project, changed), tag.id)

    def _save_pending(self) -> bool:
        return not self.has_unsaved_changes() or self.apply()

    def has_unsaved_changes(self) -> bool:
        tag = self._tag(self._shown_id)
        return tag is not None and self._form_tag(tag) != tag

    def reject(self) -> None:
        # Closing saves the form, as leaving a tag does; a refused change keeps the dialog open.
        if self.has_unsaved_changes() and not self.apply():
            return
        super().reject()

    def _form_tag(self, tag: Tag) -> Tag:
        return Tag(
            id=tag.id, name=self.name.text().strip(), colour=self._colour, key=self.key.text().strip(),
            definition=self.definition.toPlainText().strip(), example=self.example.text().strip(),
            fields=self._fields_from_table(), position=tag.position, retired=tag.retired,
        )

    def add_tag(self) -> bool:
        if not self._save_pending():
            return False
        added = self._write(lambda: codebook_ops.add_tag(self.project))
        if added:
            self.name.setFocus()
            self.name.selectAll()
        return added

    def move(self, step: int) -> bool:
        if not self._save_pending():
            return False
        tag = self.current_tag()
        ids = [t.id for t in self._tags()]
        if tag is None:
            return False
        row = ids.index(tag.id)
        if not 0 <= row + step < len(ids):
            return False
        ids[row], ids[row + step] = ids[row + step], ids[row]
        return self._write(lambda: codebook_ops.reorder_tags(self.project, ids), tag.id)

    def toggle_retired(self) -> bool:
        if not self._save_pending():
            return False
        tag = self.current_tag()
        if tag is None:
            return False
        return self._write(lambda: codebook_ops.retire_tag(self.project, tag.id, not tag.retired), tag.id)

    # -- helpers ----------------------------------------------------------------------------

    def _write(self, operation, select_id: str | None = None) -> bool:
        """Run one codebook operation and put it on the undo stack; False (with the reason
        shown) if the codebook's rules refuse it."""
        try:
            change = operation()
        except (CodebookError, KeyError) as error:
            self.error.setText(str(error).strip("'\""))
            return False
        self.error.clear()
        self._writing = True
        try:
            codebook_commands.push(self.session, change)
            self.session.reload_codebook()  # an empty change pushes nothing: re-read anyway
        finally:
            self._writing = False
        self._refresh_list(select_id or next(iter(t.tag_id for t in change.tags), None))
        return True

    def _codebook_changed(self) -> None:
        """The codebook changed under the form (an undo, an import): show what is stored."""
        if self._writing:
            return
        self._shown_id = None  # the form's values are stale, not unsaved edits
        self._refresh_list()

    def _refresh_list(self, select_id: str | None = None) -> None:
        current = select_id or (self.current_tag().id if self.current_tag() else None)
        self._loading = True
        self.tag_list.clear()
        for tag in self._tags():
            label = tag.name + (f"   [{tag.key}]" if tag.key else "") + ("   (retired)" if tag.retired else "")
            item = QListWidgetItem(swatch(tag.colour), label)
            item.setData(TagIdRole, tag.id)
            if tag.retired:
                item.setForeground(self.palette().placeholderText())
            self.tag_list.addItem(item)
        self._loading = False
        if current:
            self.select_tag(current)
        if self.tag_list.currentRow() < 0 and self.tag_list.count():
            self.tag_list.setCurrentRow(0)

    def _selection_changed(self, current=None, previous=None) -> None:
        if self._loading:
            return
        if self.has_unsaved_changes():
            target = current.data(TagIdRole) if current is not None else None
            if not self.apply():
                # Stay on the tag whose change was refused, with the reason shown.
                self._loading = True
                self.tag_list.setCurrentItem(previous)
                self._loading = False
                return
            if target:  # saving rebuilt the list around the old tag: go where the user went
                self.select_tag(target)
                return
        tag = self.current_tag()
        self._shown_id = tag.id if tag is not None else None
        self.error.clear()
        for widget in (self.name, self.colour_button, self.key, self.definition, self.example, self.fields,
                       self.apply_button):
            widget.setEnabled(tag is not None)
        self.list_buttons.show_selected(tag.retired if tag is not None else None)
        if tag is None:
            return
        self.name.setText(tag.name)
        self._set_colour(tag.colour)
        self.key.setText(tag.key)
        self.definition.setPlainText(tag.definition)
        self.example.setText(tag.example)
        self.fields.setRowCount(0)
        for f in tag.fields:
            self._add_field_row(f)

    def _set_colour(self, colour: str) -> None:
        self._colour = colour
        self.colour_button.setIcon(swatch(colour))
        self.colour_button.setText(colour.upper())

    def _choose_colour(self) -> None:
        chosen = self.pick_colour(self._colour)
        if chosen:
            self._set_colour(chosen)

    def _add_field_row(self, field: TagField) -> None:
        row = self.fields.rowCount()
        self.fields.insertRow(row)
        self.fields.setItem(row, 0, QTableWidgetItem(field.name))
        kinds = QComboBox()
        for kind, label in FIELD_TYPES:
            kinds.addItem(label, kind.value)
        kinds.setCurrentIndex([k for k, _ in FIELD_TYPES].index(field.type))
        self.fields.setCellWidget(row, 1, kinds)
        self.fields.setItem(row, 2, QTableWidgetItem(", ".join(field.choices)))

    def _fields_from_table(self) -> list[TagField]:
        fields = []
        for row in range(self.fields.rowCount()):
            name = (self.fields.item(row, 0).text() if self.fields.item(row, 0) else "").strip()
            kind = FieldType(self.fields.cellWidget(row, 1).currentData())
            raw = self.fields.item(row, 2).text() if self.fields.item(row, 2) else ""
            choices = [c.strip() for c in raw.split(",") if c.strip()] if kind is FieldType.CHOICE else []
            fields.append(TagField(name, kind, choices))
        return fields


def _ask_colour(current: str, parent: QWidget) -> str | None:
    colour = QColorDialog.getColor(QColor(current), parent, "Tag colour")
    return colour.name() if colour.isValid() else None
