"""Edit > Article variables…: add, rename, reorder and retire article-level variables, and add
or relabel their values (one per line, in order; a scale's from the lowest point). Each Save
is written at once through :mod:`annotator.actions.variables`; the codebook's rules (unique
names, a level the type allows, no value removed, no type changed once it exists) are
explained under the form and nothing is written when they refuse."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.actions import variables as ops
from annotator.core.variables import ALLOWED_LEVELS, Option, Variable, VariableError, VariableType
from annotator.ui.list_buttons import ListButtons

VariableIdRole = Qt.ItemDataRole.UserRole + 1


class VariablesDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.project = session.project
        self.setWindowTitle("Article variables")
        self.resize(760, 520)
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.name = QLineEdit()
        self.type = QComboBox()
        for kind in VariableType:
            self.type.addItem(kind.value, kind.value)  # Qt hands a str Enum back as a plain str
        self.type.currentIndexChanged.connect(lambda _i: self._levels())
        self.level = QComboBox()
        self.definition = QPlainTextEdit()
        self.definition.setMaximumHeight(70)
        self.example = QLineEdit()
        self.values = QPlainTextEdit()
        self.values.setPlaceholderText("one value per line (a scale: from the lowest point)")
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("variablesMessage")
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Type", self.type)
        form.addRow("Level", self.level)
        form.addRow("Definition", self.definition)
        form.addRow("Example", self.example)
        form.addRow("Values", self.values)
        form.addRow(self.message)
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save)
        self.list_buttons = ListButtons("variable", "New", add=self.new, move=self.move,
                                        toggle_retired=self.toggle_retired, extra=[self.save_button])
        self.new_button, self.up_button = self.list_buttons.add_button, self.list_buttons.up_button
        self.down_button, self.retire_button = self.list_buttons.down_button, self.list_buttons.retire_button
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.list_buttons)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self._refresh()

    # -- the list --------------------------------------------------------------------------

    def _variables(self) -> list[Variable]:
        return ops.codebook_variables(self.project, include_retired=True)

    def _refresh(self, select_id: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for variable in self._variables():
            label = f"{variable.name}  ({variable.type.value}{', retired' if variable.retired else ''})"
            item = QListWidgetItem(label)
            item.setData(VariableIdRole, variable.id)
            self.list.addItem(item)
            if variable.id == select_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.count() and select_id != "":
            self.list.setCurrentRow(0)
        self._show_current()

    def current(self) -> Variable | None:
        item = self.list.currentItem()
        wanted = item.data(VariableIdRole) if item is not None else None
        return next((v for v in self._variables() if v.id == wanted), None)

    def _show_current(self) -> None:
        variable = self.current()
        self.type.setEnabled(variable is None)  # a type cannot change once codings exist
        self.list_buttons.show_selected(variable.retired if variable is not None else None)
        if variable is None:
            return
        self.name.setText(variable.name)
        self.type.setCurrentIndex(self.type.findData(variable.type.value))
        self._levels(variable.level.value)
        self.definition.setPlainText(variable.definition)
        self.example.setText(variable.example)
        self.values.setPlainText("\n".join(o.label for o in variable.options))
        self.message.clear()

    def _levels(self, chosen: str | None = None) -> None:
        kind = self._kind()
        self.level.clear()
        for level in ALLOWED_LEVELS[kind]:
            self.level.addItem(level.value, level.value)
        if chosen:
            self.level.setCurrentIndex(max(self.level.findText(chosen), 0))
        self.values.setEnabled(kind.has_options)

    # -- changing --------------------------------------------------------------------------

    def _kind(self) -> VariableType:
        return VariableType(self.type.currentData())

    def new(self) -> None:
        """Empty the form for a new variable (Save adds it)."""
        self.list.setCurrentItem(None)
        self.list.clearSelection()
        self.type.setEnabled(True)
        for field in (self.name, self.example):
            field.clear()
        self.definition.clear()
        self.values.clear()
        self._levels()
        self.name.setFocus()

    def _labels(self) -> list[str]:
        return [line.strip() for line in self.values.toPlainText().splitlines() if line.strip()]

    def save(self) -> bool:
        current = self.current()
        labels = self._labels()
        try:
            if current is None:
                variable = ops.add_variable(self.project, Variable(
                    name=self.name.text(), type=self._kind(), options=[Option(x) for x in labels],
                    level=self.level.currentData(), definition=self.definition.toPlainText().strip(),
                    example=self.example.text().strip(),
                ))
            else:
                if len(labels) < len(current.options) and current.type.has_options:
                    raise VariableError(f"variable {current.name!r}: values cannot be removed (codings use them); "
                                        "relabel a value instead, or retire the variable")
                options = [Option(label, current.options[i].id) if i < len(current.options) else Option(label)
                           for i, label in enumerate(labels)]
                variable = ops.save_variable(self.project, replace(
                    current, name=self.name.text(), level=self.level.currentData(), options=options,
                    definition=self.definition.toPlainText().strip(), example=self.example.text().strip(),
                ))
        except VariableError as error:
            self.message.setText(str(error))
            return False
        self._changed(variable.id)
        self.message.setText(f"Saved {variable.name}.")
        return True

    def move(self, step: int) -> None:
        current = self.current()
        if current is not None:
            ops.move_variable(self.project, current.id, step)
            self._changed(current.id)

    def toggle_retired(self) -> None:
        current = self.current()
        if current is not None:
            ops.save_variable(self.project, replace(current, retired=not current.retired))
            self._changed(current.id)

    def _changed(self, select_id: str) -> None:
        self._refresh(select_id)
        self.session.reload_codebook()  # the variables panel rebuilds
